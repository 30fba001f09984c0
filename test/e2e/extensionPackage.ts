// Builds the bundles and packages the extension as a user gets it: `vsce package` with its
// runtime node_modules (the worker loads tfjs, its wasm files and sharp from there),
// trimmed by .vscodeignore.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './e2eTools';

/** Runs `node scripts/build.mjs`, then `vsce package` into `outFile`; returns its size in bytes. */
export function buildAndPackage(outFile: string): number {
  run(process.execPath, ['scripts/build.mjs'], 'build');
  // --skip-license / --allow-missing-repository: vsce would otherwise stop to ask on a terminal.
  // --no-rewrite-relative-links: without a repository URL vsce cannot make README links absolute,
  // and an installed copy reads them relative to its own folder anyway.
  run(process.execPath, [
    path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--out', outFile,
    '--skip-license', '--allow-missing-repository', '--no-rewrite-relative-links',
  ], 'vsce package');
  return statSync(outFile).size;
}

function run(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, {
    cwd: REPO_ROOT, encoding: 'utf8', timeout: 300_000, env: { ...process.env, NODE_OPTIONS: '' }, input: '',
  });
  if (result.status !== 0) {
    throw new Error(`${what} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
}
