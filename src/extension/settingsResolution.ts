// The `cnnLab.*` settings turned into what training needs: absolute folders and a backend.
// Pure, so the rules (relative to what, which default) are tested without VS Code.
import * as path from 'node:path';
import { BACKEND_PREFERENCES, type BackendPreference } from '../shared/workerProtocol';

/** The settings of one workspace folder, resolved. */
export interface CnnLabSettings {
  backend: BackendPreference;
  /** Cores a run trains on; undefined: all, at most 4. */
  threads: number | undefined;
  /** Absolute folder that holds the run folders. */
  runsRoot: string;
  /** Absolute folder for downloaded and decoded data sets. */
  cacheDir: string;
}

/** The raw values as `workspace.getConfiguration('cnnLab')` returns them (untrusted input). */
export interface RawSettings {
  backend?: unknown;
  trainingThreads?: unknown;
  runsFolder?: unknown;
  datasetCacheFolder?: unknown;
}

export const DEFAULT_RUNS_FOLDER = '.cnn-lab/runs';

/** Resolves raw settings: relative folders against the workspace folder, blanks to defaults. */
export function resolveSettings(raw: RawSettings, workspaceFolder: string, globalStorage: string): CnnLabSettings {
  const backend = (BACKEND_PREFERENCES as readonly unknown[]).includes(raw.backend) ? (raw.backend as BackendPreference) : 'auto';
  const runsFolder = nonBlank(raw.runsFolder) ?? DEFAULT_RUNS_FOLDER;
  // The cache is shared by every workspace, so a blank setting means the extension's own storage.
  const cacheFolder = nonBlank(raw.datasetCacheFolder);
  const threads = typeof raw.trainingThreads === 'number' && Number.isInteger(raw.trainingThreads) && raw.trainingThreads >= 1 && raw.trainingThreads <= 64
    ? raw.trainingThreads : undefined;
  return {
    backend,
    threads,
    runsRoot: path.resolve(workspaceFolder, expandHome(runsFolder)),
    cacheDir: cacheFolder ? path.resolve(workspaceFolder, expandHome(cacheFolder)) : path.join(globalStorage, 'datasets'),
  };
}

function nonBlank(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function expandHome(folder: string): string {
  const home = process.env.HOME ?? process.env.USERPROFILE;
  return home && (folder === '~' || folder.startsWith('~/')) ? path.join(home, folder.slice(1)) : folder;
}
