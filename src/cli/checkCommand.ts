import { promises as fs } from 'node:fs';
import { parseModelFile, type Diagnostic } from '../shared/parseModelFile';

/** `cnn-lab check <file>`: one line per problem; exit code 1 when there are errors. */
export async function checkCommand(file: string, out: (line: string) => void): Promise<number> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    out(`${file}: error: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return 1;
  }
  const { diagnostics } = parseModelFile(text);
  diagnostics.forEach((d) => out(formatDiagnostic(file, d)));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (errors === 0) out(`${file}: ok`);
  return errors > 0 ? 1 : 0;
}

/** file:line:col: severity: message — the form editors and CI annotate. */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  const severity = d.severity === 'info' ? 'note' : d.severity;
  return `${file}:${d.start.line}:${d.start.column}: ${severity}: ${d.message}`;
}
