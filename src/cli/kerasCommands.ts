// `cnn-lab export-keras` and `import-keras`: the Keras bridge for scripts and CI.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseModelFile } from '../shared/parseModelFile';
import { exportKeras, importKeras } from '../shared/keras';
import { packageRoot } from '../node/packageRoot';
import { formatDiagnostic } from './checkCommand';

/** Writes a tensorflow.keras script that builds, compiles and fits the same model. */
export async function exportKerasCommand(file: string, output: string | undefined, out: (line: string) => void): Promise<number> {
  const parsed = parseModelFile(await fs.readFile(file, 'utf8'));
  if (!parsed.model) {
    parsed.diagnostics.filter((d) => d.severity === 'error').forEach((d) => out(formatDiagnostic(file, d)));
    return 1;
  }
  const target = output ?? file.replace(/\.cnn\.json$|\.json$/i, '') + '.py';
  const script = exportKeras(parsed.model, {
    modelFileName: path.basename(file),
    cifar10SampleDir: path.relative(path.dirname(path.resolve(target)), path.join(packageRoot(), 'data', 'cifar10-sample')) || '.',
  });
  await fs.writeFile(target, script);
  out(`Wrote ${target}`);
  return 0;
}

/** Converts a Keras to_json() / tfjs model.json into a *.cnn.json model file. */
export async function importKerasCommand(file: string, output: string | undefined, out: (line: string) => void): Promise<number> {
  const { model, warnings } = importKeras(await fs.readFile(file, 'utf8'));
  warnings.forEach((w) => out(`warning: ${w}`));
  const target = output ?? file.replace(/\.json$/i, '') + '.cnn.json';
  await fs.writeFile(target, `${JSON.stringify(model, null, 2)}\n`);
  out(`Wrote ${target}`);
  return 0;
}
