import * as os from 'node:os';
import * as path from 'node:path';

/** Where runs go unless --out says otherwise: .cnn-lab/runs in the current folder, as in the extension. */
export function defaultRunsRoot(cwd = process.cwd()): string {
  return path.join(cwd, '.cnn-lab', 'runs');
}

/** Where downloaded and decoded data sets are cached: $CNN_LAB_CACHE, else the XDG cache folder. */
export function defaultCacheDir(): string {
  if (process.env.CNN_LAB_CACHE) return path.resolve(process.env.CNN_LAB_CACHE);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'cnn-lab');
}
