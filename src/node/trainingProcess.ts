// Starts the training worker as a child process and turns its IPC messages into typed,
// validated events. Used by the CLI and the extension alike, so both see the same run.
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { trainingEvent, type DoneEvent, type TrainingEvent } from '../shared/trainingEvents';
import type { BackendPreference, StartMessage } from '../shared/workerProtocol';
import { runFile, type RunRecord } from './runFolder';
import { writeFileAtomic } from './atomicFiles';
import { forkWorker, onWorkerMessage, type WorkerLaunchOptions } from './workerProcess';

export interface TrainOptions extends WorkerLaunchOptions {
  modelFile: string;
  runsRoot: string;
  cacheDir: string;
  epochs?: number;
  backend?: BackendPreference;
  /** Cores to train on; default: all, at most 4. */
  threads?: number;
  resumeRunDir?: string;
}

export interface Disposable { dispose(): void }

export interface TrainingSession {
  readonly pid: number | undefined;
  /** Resolves once the worker has ended, however it ended; never rejects. */
  readonly done: Promise<DoneEvent>;
  /** Asks the worker to stop after the current batch, keeping everything written. */
  stop(): void;
  /** Ends the worker at once (SIGKILL); the run reads as interrupted and can be resumed. */
  kill(): void;
  onEvent(listener: (e: TrainingEvent) => void): Disposable;
  onLog(listener: (line: string) => void): Disposable;
}

/** Forks the worker and starts a run. */
export function startTraining(options: TrainOptions): TrainingSession {
  const eventListeners = new Set<(e: TrainingEvent) => void>();
  const logListeners = new Set<(line: string) => void>();
  const logTail: string[] = [];
  let runDir: string | null = options.resumeRunDir ?? null;
  let doneEvent: DoneEvent | null = null;

  const emitLog = (line: string) => {
    logTail.push(line);
    if (logTail.length > 40) logTail.shift();
    logListeners.forEach((l) => l(line));
  };
  const child = forkWorker(options, emitLog);
  onWorkerMessage(child, trainingEvent, (event) => {
    if (event.type === 'trainBegin') runDir = event.runDir;
    if (event.type === 'log') emitLog(`[${event.level}] ${event.message}`);
    if (event.type === 'done') doneEvent = event;
    eventListeners.forEach((l) => l(event));
  }, (reason) => emitLog(`[host] ${reason}`));

  const done = new Promise<DoneEvent>((resolve) => {
    const finish = async (code: number | null, signal: NodeJS.Signals | null, spawnError?: Error) => {
      if (doneEvent) return resolve(doneEvent);
      // The worker ended without saying so: killed, out of memory, or a crash in native code.
      const how = spawnError ? `could not start: ${spawnError.message}` : signal ? `was killed (${signal})` : `exited with code ${code}`;
      const tail = logTail.slice(-10).join('\n');
      const error = `The training process ${how}.${tail ? `\nLast lines of its log:\n${tail}` : ''}`;
      if (runDir) await markInterrupted(runDir, error).catch(() => undefined);
      const event: DoneEvent = { type: 'done', status: runDir ? 'interrupted' : 'failed', error, runDir };
      eventListeners.forEach((l) => l(event));
      resolve(event);
    };
    child.once('error', (e) => void finish(null, null, e));
    child.once('exit', (code, signal) => void finish(code, signal));
  });

  const start: StartMessage = {
    type: 'start', modelFile: path.resolve(options.modelFile), runsRoot: path.resolve(options.runsRoot),
    cacheDir: path.resolve(options.cacheDir), epochs: options.epochs, backend: options.backend ?? 'auto', threads: options.threads,
    resumeRunDir: options.resumeRunDir ? path.resolve(options.resumeRunDir) : undefined,
  };
  child.send(start);

  return {
    get pid() { return child.pid; },
    done,
    stop: () => {
      if (child.connected) child.send({ type: 'stop' });
    },
    kill: () => {
      child.kill('SIGKILL');
    },
    onEvent: (listener) => {
      eventListeners.add(listener);
      return { dispose: () => eventListeners.delete(listener) };
    },
    onLog: (listener) => {
      logListeners.add(listener);
      return { dispose: () => logListeners.delete(listener) };
    },
  };
}

/** Records in run.json that its worker died, keeping everything else in the folder. */
async function markInterrupted(runDir: string, error: string): Promise<void> {
  const file = runFile(runDir, 'record');
  const record = JSON.parse(await fs.readFile(file, 'utf8')) as RunRecord;
  if (record.status !== 'running') return;
  await writeFileAtomic(file, `${JSON.stringify({ ...record, status: 'interrupted', error, pid: null, updatedAt: new Date().toISOString() }, null, 2)}\n`);
}
