// The model format as JSON Schema (draft 2020-12), derived from the zod schema so the two
// never disagree. Each camelCase property gets its snake_case twin (Keras's spelling),
// marked as an alias, because the validator accepts both.
import { z } from 'zod';
import { modelFileSchema } from './modelSchema';

type JsonObject = { [key: string]: unknown };

const camelToSnake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The JSON Schema of `*.cnn.json` files, with snake_case aliases. */
export function buildJsonSchema(): JsonObject {
  const schema = z.toJSONSchema(modelFileSchema, { target: 'draft-2020-12', unrepresentable: 'any' }) as JsonObject;
  addAliases(schema);
  return {
    $schema: schema.$schema,
    $id: 'https://cnn-lab.dev/schemas/cnn.schema.json',
    title: 'CNN Lab model file (*.cnn.json)',
    description: 'A Keras-style convolutional network: data set, layers, compile and fit settings, augmentation.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

function addAliases(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(addAliases);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const obj = node as JsonObject;
  const props = obj.properties as Record<string, JsonObject> | undefined;
  if (props) {
    for (const [key, value] of Object.entries({ ...props })) {
      const snake = camelToSnake(key);
      if (snake !== key && !(snake in props)) {
        props[snake] = { ...value, description: `Keras spelling of "${key}".`, deprecationMessage: `CNN Lab writes this "${key}".` };
      }
    }
  }
  Object.values(obj).forEach(addAliases);
}
