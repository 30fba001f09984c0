// The layout of a run folder, shared by the worker that writes it and the CLI and
// extension that read it. Everything is plain files so a run survives any crash.
import * as path from 'node:path';

export type RunStatus = 'running' | 'completed' | 'stopped' | 'failed' | 'interrupted';

export interface RunRecord {
  id: string;
  dir: string;
  name: string;
  modelFile: string;
  createdAt: string;
  updatedAt: string;
  status: RunStatus;
  backend: string | null;
  epochsPlanned: number;
  epochsDone: number;
  bestValAccuracy: number | null;
  testAccuracy: number | null;
  error: string | null;
  pid: number | null;
  resumedFrom: string | null;
}

export const RUN_FILES = {
  record: 'run.json',
  model: 'model.cnn.json',
  metrics: 'metrics.jsonl',
  featureMaps: 'feature-maps.json',
  evaluation: 'evaluation.json',
  checkpoints: 'checkpoints',
  log: 'worker.log',
} as const;

/** Path of a file inside a run folder. */
export function runFile(runDir: string, file: keyof typeof RUN_FILES): string {
  return path.join(runDir, RUN_FILES[file]);
}

/** Folder of the checkpoint written after `epoch` (0-based) completed. */
export function checkpointDir(runDir: string, epoch: number): string {
  return path.join(runDir, RUN_FILES.checkpoints, `epoch-${String(epoch + 1).padStart(3, '0')}`);
}

/** A run id that sorts by time and says what ran: 20261129-051502-cifar10-baseline. */
export function makeRunId(name: string, now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 48) || 'model';
  return `${stamp}-${slug}`;
}
