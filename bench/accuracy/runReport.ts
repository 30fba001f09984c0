// A run folder's accuracy figures, read from what the worker wrote: for runs that took more
// than one sitting (interrupted, then resumed with --resume), whose own result row only
// covers the last part. Training time is the sum of the epochs' wall times, so the time the
// run lay interrupted does not count; data loading and the final evaluation are left out.
import * as path from 'node:path';
import { readRun, readRunEvents } from '../../src/node/runStore';

export interface RunReport {
  model: string;
  status: string;
  epochs: number;
  trainingMinutes: number;
  testAccuracy: number | null;
  /** Validation accuracy after each epoch, with the training minutes up to it. */
  curve: { epoch: number; minutes: number; valAccuracy: number | null; imagesPerSec: number }[];
  runDir: string;
}

export async function reportRun(runDir: string): Promise<RunReport> {
  const events = await readRunEvents(runDir);
  const record = await readRun(runDir);
  let minutes = 0;
  const curve: RunReport['curve'] = [];
  for (const e of events) {
    if (e.type !== 'epoch') continue;
    minutes += e.epochSeconds / 60;
    curve.push({ epoch: e.epoch + 1, minutes: Number(minutes.toFixed(2)), valAccuracy: e.val_accuracy, imagesPerSec: Math.round(e.imagesPerSec) });
  }
  const evaluation = events.find((e) => e.type === 'evaluation');
  return {
    model: /cifar10-([a-z]+)$/.exec(path.basename(runDir))?.[1] ?? path.basename(runDir),
    status: record.status,
    epochs: curve.length,
    trainingMinutes: Number(minutes.toFixed(1)),
    testAccuracy: evaluation?.type === 'evaluation' ? evaluation.accuracy : null,
    curve,
    runDir,
  };
}
