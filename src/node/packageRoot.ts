import * as fs from 'node:fs';
import * as path from 'node:path';

/** The folder of CNN Lab's package.json, found by walking up from `from` (default: this file, under src/ with tsx or dist/ when bundled). */
export function packageRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'cnn-lab') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the cnn-lab package folder above ${from}; CNN Lab's files are incomplete`);
    dir = parent;
  }
}
