// How long a training step waits for its batch: the data pipeline's idle share. Batches
// are built as runTraining builds them (BatchBuilder: augmentBatch, then tensors) with
// the augmentation of examples/cifar10-augmented.cnn.json, synchronously before each step,
// so every millisecond of building is a millisecond the training engine stands still.
import type * as tfjs from '@tensorflow/tfjs';
import type { AugmentationSpec } from '../../src/shared/modelSchema';
import { augmentBatch } from '../../src/worker/data/augment';
import { createSeededRandom } from '../../src/worker/data/seededRandom';
import type { DataParallelTrainer } from '../../src/worker/parallel/dataParallelTrainer';
import { BatchBuilder, shuffled } from '../../src/worker/trainingData';
import { BATCH, IMAGE_SHAPE, randomImages } from './classicCnn';

/** The augmentation of examples/cifar10-augmented.cnn.json. */
export const AUGMENTATION: AugmentationSpec = {
  rotationRange: 15, widthShiftRange: 0.1, heightShiftRange: 0.1, horizontalFlip: true, fillMode: 'nearest',
};

/** Batch building against training, per step. */
export interface PipelineShare {
  steps: number;
  /** Building one batch (augmentation and tensors). */
  buildMs: number;
  /** One whole step, building included. */
  stepMs: number;
  /** buildMs / stepMs: the share of the time the engine waits for data. */
  idleShare: number;
}

export type PipelineTarget =
  | { kind: 'single'; model: tfjs.LayersModel }
  | { kind: 'parallel'; trainer: DataParallelTrainer };

/** Trains `steps` steps on augmented random images and times the batch building. */
export async function measurePipeline(tf: typeof tfjs, target: PipelineTarget, steps = 6): Promise<PipelineShare> {
  const set = randomImages(BATCH * steps, 'pipeline');
  const order = shuffled(set.count, createSeededRandom(1));
  const random = createSeededRandom(2);
  const builder = new BatchBuilder(tf, IMAGE_SHAPE, BATCH, null);
  const pixels = new Float32Array(BATCH * IMAGE_SHAPE[0] * IMAGE_SHAPE[1] * IMAGE_SHAPE[2]);
  let buildMs = 0;
  const start = performance.now();
  for (let b = 0; b < steps; b++) {
    const indices = order.slice(b * BATCH, (b + 1) * BATCH);
    const built = performance.now();
    if (target.kind === 'single') {
      const { x, y } = builder.build(set, indices, AUGMENTATION, random);
      buildMs += performance.now() - built;
      try {
        await target.model.trainOnBatch(x, y);
      } finally {
        tf.dispose([x, y]);
      }
    } else {
      augmentBatch(set.images, indices, IMAGE_SHAPE, AUGMENTATION, random, pixels);
      const labels = Int32Array.from(indices, (i) => set.labels[i]);
      buildMs += performance.now() - built;
      await target.trainer.trainOnBatch(pixels, labels, indices.length);
    }
  }
  const totalMs = performance.now() - start;
  return { steps, buildMs: buildMs / steps, stepMs: totalMs / steps, idleShare: buildMs / totalMs };
}
