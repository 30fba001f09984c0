// Tests that fork the real worker need dist/worker.js built from the current sources.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

let built = false;

/** Runs the esbuild script once per test run. */
export async function ensureWorkerBuilt(): Promise<void> {
  if (built) return;
  execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'build.mjs')], { stdio: 'inherit' });
  built = true;
}
