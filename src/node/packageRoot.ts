import * as fs from 'node:fs';
import * as path from 'node:path';

/** The folder of CNN Lab's package.json, found from this file whether it runs from src/ (tsx) or dist/ (bundle). */
export function packageRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'cnn-lab') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the cnn-lab package folder above ${__dirname}`);
    dir = parent;
  }
}
