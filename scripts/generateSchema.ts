// Writes schemas/cnn.schema.json from the zod schema in src/shared/modelSchema.ts, adding
// Keras's snake_case spellings as accepted aliases so VS Code's JSON support (completion,
// hover, validation) agrees with CNN Lab's own validator. `--check` fails when the
// committed file is stale (the tests run it).
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildJsonSchema } from '../src/shared/jsonSchema';

const file = path.join(__dirname, '..', 'schemas', 'cnn.schema.json');
const text = `${JSON.stringify(buildJsonSchema(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  const current = readFileSync(file, 'utf8');
  if (current !== text) {
    console.error('schemas/cnn.schema.json is out of date: run `npx tsx scripts/generateSchema.ts`');
    process.exit(1);
  }
} else {
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}
