// How a run trains one batch. The wasm backend computes on one core, so on a machine with
// more, a DataParallelTrainer spreads every batch over the main thread and worker threads
// with exact gradient averaging (1.4–1.6× the images/s here, bench/README.md). Other
// backends (tfjs-node uses every core itself; cpu is a last resort) train the model
// directly. Either way the LayersModel stays the one trained: checkpoints, validation,
// feature maps and evaluation read it between steps.
import * as os from 'node:os';
import type * as tfType from '@tensorflow/tfjs';
import type { BackendName } from './backend/selectBackend';
import { batchTargets, modelBatchShape, type ModelBatchShape } from './parallel/batchTargets';
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
  if (options.backend !== 'wasm' || threads < 2) return new SingleModelTrainer(tf, net);
  try {
    const trainer = await DataParallelTrainer.create(tf, net, { replicas: threads });
    return {
      threads: trainer.replicaCount,
      trainOnBatch: (pixels, labels, count) => trainer.trainOnBatch(pixels, labels, count),
      dispose: () => trainer.dispose(),
    };
  } catch (error) {
    // Threads are an accelerator: a run still trains, on one core, without them.
    options.warn(`Training on one core: the worker threads could not start (${(error as Error).message})`);
    return new SingleModelTrainer(tf, net);
  }
}

/** model.trainOnBatch on the calling thread. */
class SingleModelTrainer implements StepTrainer {
  readonly threads = 1;
  private readonly shape: ModelBatchShape;

  constructor(private readonly tf: Tf, private readonly net: tfType.LayersModel) {
    this.shape = modelBatchShape(net);
  }

  async trainOnBatch(pixels: Float32Array, labels: Int32Array, count: number): Promise<[number, number]> {
    const { imageShape, imageSize, sparseLoss, outputWidth } = this.shape;
    const targets = batchTargets(labels, count, sparseLoss, outputWidth);
    // tensor() copies, so the caller may refill its buffers as soon as this returns.
    const x = this.tf.tensor(pixels.subarray(0, count * imageSize), [count, ...imageShape], 'float32');
    const y = this.tf.tensor2d(targets.values, [count, targets.width], 'float32');
    try {
      const result = await this.net.trainOnBatch(x, y);
      const [loss, accuracy] = Array.isArray(result) ? result : [result, NaN];
      return [loss, accuracy ?? NaN];
    } finally {
      this.tf.dispose([x, y]);
    }
  }

  async dispose(): Promise<void> {
    // Nothing of its own to release.
  }
}
