// Starting the worker bundle as a child process, shared by training (trainingProcess.ts)
// and on-demand feature maps (featureMapRequest.ts): the same fork options, the same
// line-by-line log, the same validation of every IPC message on arrival.
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { z } from 'zod';
import { packageRoot } from './packageRoot';

/** Where the worker comes from; both default to what an installed CNN Lab uses. */
export interface WorkerLaunchOptions {
  /** Node binary to run the worker with (default: this process's; VS Code's Electron runs as Node). */
  execPath?: string;
  /** Worker script (default: <package root>/dist/worker.js). */
  workerScript?: string;
}

/** Forks the worker with an IPC channel; each non-blank line of its stdout and stderr goes to onLine. */
export function forkWorker(options: WorkerLaunchOptions, onLine: (line: string) => void): ChildProcess {
  const workerScript = options.workerScript ?? path.join(packageRoot(), 'dist', 'worker.js');
  const child = fork(workerScript, [], {
    execPath: options.execPath,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  forwardLines(child.stdout, onLine);
  forwardLines(child.stderr, onLine);
  return child;
}

/** Passes each IPC message of the child that `schema` accepts to onMessage, and why any other was refused to onInvalid. */
export function onWorkerMessage<T>(child: ChildProcess, schema: z.ZodType<T>, onMessage: (message: T) => void, onInvalid: (reason: string) => void): void {
  child.on('message', (raw: unknown) => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) onMessage(parsed.data);
    else onInvalid(`ignored a malformed message from the worker: ${parsed.error.issues[0]?.message}`);
  });
}

function forwardLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  let pending = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    lines.filter((l) => l.trim()).forEach(onLine);
  });
}
