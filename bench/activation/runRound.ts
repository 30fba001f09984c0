// Runs one activation round (activateOnce.cjs) in a fresh Node process and returns its record.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { parseRunnerOutput, type ActivationRecord } from './activationRecord';

/** The runner script; plain CommonJS so that no TypeScript loader touches the bundle it times. */
export const RUNNER = path.join(__dirname, 'activateOnce.cjs');

/** Loads and activates `bundlePath` once in a new `node --expose-gc` process; rejects if the process fails or reports nothing. */
export function runActivationRound(bundlePath: string, timeoutMs = 60_000): Promise<ActivationRecord> {
  return new Promise((resolve, reject) => {
    // A plain node: no execArgv is passed on, and NODE_OPTIONS is cleared in case it carries a
    // loader (tsx's, a debugger's) that would hook the require being timed.
    execFile(process.execPath, ['--expose-gc', RUNNER, path.resolve(bundlePath)], { timeout: timeoutMs, env: { ...process.env, NODE_OPTIONS: '' } }, (error, stdout, stderr) => {
      const record = parseRunnerOutput(stdout);
      if (!(record instanceof Error)) {
        resolve(record);
        return;
      }
      const why = error ? `${error.message}${stderr ? `\n${stderr.trim()}` : ''}` : record.message;
      reject(new Error(`activation round failed: ${why}`));
    });
  });
}
