import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseModelFile } from '../shared/parseModelFile';
import { resolveModel } from '../shared/modelDefaults';
import { inferShapes } from '../shared/shapeInference';
import { formatDiagnostic } from './checkCommand';
import { formatSummary } from './formatTables';

/** `cnn-lab summary <file>`: a Keras model.summary() of the file, without loading tfjs. */
export async function summaryCommand(file: string, out: (line: string) => void): Promise<number> {
  const text = await fs.readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    out(`${file}: error: cannot read the file (${e.code ?? e.message})`);
    return null;
  });
  if (text === null) return 1;
  const parsed = parseModelFile(text);
  if (!parsed.model) {
    parsed.diagnostics.filter((d) => d.severity === 'error').forEach((d) => out(formatDiagnostic(file, d)));
    return 1;
  }
  const model = resolveModel(parsed.model, path.basename(file).replace(/\.cnn\.json$/, ''));
  out(formatSummary(model.name, inferShapes(model.layers, model.inputShape)));
  return 0;
}
