// How a run trains one batch. The wasm backend computes on one core, so on a machine with
// more, a DataParallelTrainer spreads every batch over the main thread and worker threads
// with exact gradient averaging (1.4–1.6× the images/s here, bench/README.md). Other
// backends (tfjs-node uses every core itself; cpu is a last resort) get the same trainer
// with the main thread alone, which is model.trainOnBatch. Either way the LayersModel stays
// the one trained: checkpoints, validation, feature maps and evaluation read it between steps.
import * as os from 'node:os';
import type * as tfType from '@tensorflow/tfjs';
import type { BackendName } from './backend/selectBackend';
import { DataParallelTrainer } from './parallel/dataParallelTrainer';

type Tf = typeof tfType;

/** Trains one batch at a time: packed HWC pixels and class indices in, [loss, accuracy] out. */
export interface StepTrainer {
  /** Cores that share each batch (1: the worker's main thread alone). */
  readonly threads: number;
  trainOnBatch(pixels: Float32Array, labels: Int32Array, count: number): Promise<[number, number]>;
  /** Ends any threads; the model stays the caller's. */
  dispose(): Promise<void>;
}

export interface StepTrainerOptions {
  backend: BackendName;
  /** Cores to use; default: all, at most 4. */
  threads?: number;
  /** Told why training uses fewer cores than it could. */
  warn(message: string): void;
}

const MAX_DEFAULT_THREADS = 4;

/** The fastest way to train `net` on this backend and machine. */
export async function createStepTrainer(tf: Tf, net: tfType.LayersModel, options: StepTrainerOptions): Promise<StepTrainer> {
  const threads = options.threads ?? Math.min(os.availableParallelism(), MAX_DEFAULT_THREADS);
  const replicas = options.backend === 'wasm' ? Math.max(1, threads) : 1;
  let trainer: DataParallelTrainer;
  try {
    trainer = await DataParallelTrainer.create(tf, net, { replicas });
  } catch (error) {
    if (replicas === 1) throw error;
    // Threads are an accelerator: a run still trains, on one core, without them.
    options.warn(`Training on one core: the worker threads could not start (${(error as Error).message})`);
    trainer = await DataParallelTrainer.create(tf, net, { replicas: 1 });
  }
  return {
    threads: trainer.replicaCount,
    trainOnBatch: (pixels, labels, count) => trainer.trainOnBatch(pixels, labels, count),
    dispose: () => trainer.dispose(),
  };
}
