// Which model file "Train Model" trains: the one it was invoked on, else the active editor's,
// else the workspace's only one, else the user picks. Pure, so the order is tested.
import * as path from 'node:path';

/** True for a `*.cnn.json` path. */
export function isModelFile(file: string): boolean {
  return /\.cnn\.json$/i.test(file);
}

export type ModelFileChoice =
  | { kind: 'use'; file: string }
  | { kind: 'ask'; files: string[] }
  | { kind: 'none' };

/** Decides which file to train, or that the user must pick one (files sorted) or create one. */
export function chooseModelFile(invokedOn: string | undefined, activeEditorFile: string | undefined, workspaceFiles: readonly string[]): ModelFileChoice {
  if (invokedOn && isModelFile(invokedOn)) return { kind: 'use', file: invokedOn };
  if (activeEditorFile && isModelFile(activeEditorFile)) return { kind: 'use', file: activeEditorFile };
  const files = [...new Set(workspaceFiles.filter(isModelFile))].sort((a, b) => a.localeCompare(b));
  if (files.length === 0) return { kind: 'none' };
  if (files.length === 1) return { kind: 'use', file: files[0] };
  return { kind: 'ask', files };
}

/** A quick-pick row for a model file: its name, and its folder relative to the workspace folder. */
export function modelFilePickFields(file: string, workspaceFolder: string | undefined): { label: string; description: string } {
  const folder = path.dirname(file);
  const relative = workspaceFolder ? path.relative(workspaceFolder, folder) : folder;
  return { label: path.basename(file), description: relative === '' ? '.' : relative };
}
