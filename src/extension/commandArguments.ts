// What a command was invoked on. The Runs view passes its node, the dashboard a folder
// path, a menu a Uri, another extension maybe a run record; all of them name a run folder.
import * as path from 'node:path';

/** The run folder an argument names, or undefined when it names none. */
export function runDirOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg.trim() === '' ? undefined : path.resolve(arg);
  if (!arg || typeof arg !== 'object') return undefined;
  const candidate = arg as { run?: { dir?: unknown }; dir?: unknown; fsPath?: unknown; scheme?: unknown };
  // A vscode.Uri, recognised by shape so that this file loads without `vscode`.
  if (typeof candidate.fsPath === 'string' && candidate.scheme === 'file') return candidate.fsPath;
  if (typeof candidate.run?.dir === 'string') return candidate.run.dir;
  if (typeof candidate.dir === 'string') return candidate.dir;
  return undefined;
}

/** The run folders of a command's arguments: a multi-selection when there is one, else the clicked item. */
export function runDirsOf(clicked: unknown, selection: unknown): string[] {
  const items = Array.isArray(selection) && selection.length > 0 ? selection : Array.isArray(clicked) ? clicked : [clicked];
  return items.map(runDirOf).filter((d): d is string => d !== undefined);
}
