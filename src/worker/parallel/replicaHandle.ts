// The main thread's side of one replica thread: starts it, sends one request at a time and
// resolves with the reply, and ends it. A crash or an early exit of the thread rejects the
// pending request rather than leaving it waiting.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromReplicaMessage, InitMessage, StepDoneMessage, ToReplicaMessage } from './replicaProtocol';

/**
 * Where the replica thread's code is: `replicaThread.js` beside this file in the bundle
 * (dist/), else the TypeScript source, run through tsx (tests, benchmarks).
 */
export function defaultReplicaScript(): string {
  const bundled = path.join(__dirname, 'replicaThread.js');
  return existsSync(bundled) ? bundled : path.join(__dirname, 'replicaThread.ts');
}

function startWorker(script: string): Worker {
  if (script.endsWith('.ts')) {
    // Workers do not inherit tsx's loader; register its require hook first.
    return new Worker(`require('tsx/cjs'); require(${JSON.stringify(script)});`, { eval: true });
  }
  return new Worker(script);
}

type Pending = { resolve: (m: FromReplicaMessage) => void; reject: (e: Error) => void };

/** One replica thread. */
export class ReplicaHandle {
  private readonly worker: Worker;
  private pending: Pending | null = null;
  private exitError: Error | null = null;
  private running = true;
  /** Resolves with the exit code once the thread has ended. */
  readonly exited: Promise<number>;

  private constructor(script: string) {
    this.worker = startWorker(script);
    this.worker.on('message', (m: FromReplicaMessage) => this.settle((p) => (m.type === 'failed' ? p.reject(replicaError(m)) : p.resolve(m))));
    this.worker.on('error', (e: Error) => {
      this.exitError = e;
      this.settle((p) => p.reject(e));
    });
    this.exited = new Promise((resolve) => this.worker.once('exit', (code) => {
      this.running = false;
      this.exitError ??= new Error(`the replica thread exited (code ${code})`);
      this.settle((p) => p.reject(this.exitError!));
      resolve(code);
    }));
  }

  /** False once the thread has exited. */
  get alive(): boolean {
    return this.running;
  }

  /** Starts a thread and builds the replica model in it; resolves once it is ready. */
  static async start(script: string, init: InitMessage): Promise<ReplicaHandle> {
    const handle = new ReplicaHandle(script);
    try {
      await handle.request(init);
    } catch (error) {
      await handle.dispose();
      throw error;
    }
    return handle;
  }

  /** Sends a step request; the promise settles when the replica has written its results. */
  step(message: Extract<ToReplicaMessage, { type: 'step' }>): Promise<StepDoneMessage> {
    return this.request(message) as Promise<StepDoneMessage>;
  }

  /** Sends any request and resolves with the reply. One request at a time. */
  request(message: ToReplicaMessage): Promise<FromReplicaMessage> {
    if (this.exitError) return Promise.reject(this.exitError);
    if (this.pending) return Promise.reject(new Error('a replica request is already pending'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(message);
    });
  }

  /** Ends the thread; resolves once it has exited. */
  async dispose(): Promise<void> {
    this.exitError ??= new Error('the replica was disposed');
    await this.worker.terminate();
    await this.exited;
  }

  private settle(action: (p: Pending) => void): void {
    const p = this.pending;
    this.pending = null;
    if (p) action(p);
  }
}

function replicaError(m: Extract<FromReplicaMessage, { type: 'failed' }>): Error {
  const error = new Error(`replica thread: ${m.message}`);
  if (m.stack) error.stack = `${error.message}\n--- in the replica thread ---\n${m.stack}`;
  return error;
}
