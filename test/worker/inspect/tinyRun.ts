// A real, finished run to inspect: a tiny CNN trained in this process for two epochs on the
// synthetic stripes data set, so the folder has checkpoints, evaluation.json, a test-image
// file and recorded probe feature maps, as a user's run would.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTraining } from '../../../src/worker/runTraining';
import type { FeatureMapsEvent, TrainBeginEvent, TrainingEvent } from '../../../src/shared/trainingEvents';
import { writeSyntheticDataset, writeSyntheticModel } from '../../support/syntheticDataset';

/** What a test needs of the tiny run. */
export interface TinyRun {
  runDir: string;
  begin: TrainBeginEvent;
  /** The probe maps recorded at each epoch end. */
  recordedMaps: FeatureMapsEvent[];
  /** Removes the data set, cache and run. */
  remove(): Promise<void>;
}

/** Trains the tiny run (2 epochs, wasm) and returns its folder; fails the test if training does. */
export async function trainTinyRun(): Promise<TinyRun> {
  const root = await writeSyntheticDataset({ perClassTrain: 16, perClassTest: 6 });
  const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'cnn-lab-inspect-cache-'));
  const modelFile = await writeSyntheticModel(root, { epochs: 2 });
  const events: TrainingEvent[] = [];
  const done = await runTraining(
    { type: 'start', modelFile, runsRoot: path.join(root, 'runs'), cacheDir, backend: 'wasm' },
    { emit: (e) => events.push(e), stopRequested: () => false },
  );
  if (done.status !== 'completed' || !done.runDir) throw new Error(`the tiny run did not complete: ${done.error}`);
  const begin = events.find((e): e is TrainBeginEvent => e.type === 'trainBegin');
  if (!begin) throw new Error('the tiny run sent no trainBegin');
  return {
    runDir: done.runDir,
    begin,
    recordedMaps: events.filter((e): e is FeatureMapsEvent => e.type === 'featureMaps'),
    remove: async () => {
      await fs.rm(root, { recursive: true, force: true });
      await fs.rm(cacheDir, { recursive: true, force: true });
    },
  };
}
