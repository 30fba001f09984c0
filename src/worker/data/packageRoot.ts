// Files that ship with CNN Lab (the CIFAR-10 sample) are found from the package root. The
// code runs from src/worker/data under tsx and bundled from dist/, so the depth of
// __dirname differs; walking up to package.json works for both.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The nearest folder at or above `from` that holds a package.json. */
export function findPackageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json found at or above ${from}; CNN Lab's files are incomplete.`);
  }
}
