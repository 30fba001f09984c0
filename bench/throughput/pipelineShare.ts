// How long a training step waits for its batch: the data pipeline's idle share. Batches
// are built as runTraining builds them (BatchBuilder: augmentBatch into reused buffers) with
// the augmentation of examples/cifar10-augmented.cnn.json, synchronously before each step,
// so every millisecond of building is a millisecond the training engine stands still.
import type { AugmentationSpec } from '../../src/shared/modelSchema';
import { createSeededRandom } from '../../src/worker/data/seededRandom';
import { BatchBuilder, shuffled } from '../../src/worker/trainingData';
import { BATCH, IMAGE_SHAPE, randomImages } from './classicCnn';

/** The augmentation of examples/cifar10-augmented.cnn.json. */
export const AUGMENTATION: AugmentationSpec = {
  rotationRange: 15, widthShiftRange: 0.1, heightShiftRange: 0.1, horizontalFlip: true, fillMode: 'nearest',
};

/** Batch building against training, per step. */
export interface PipelineShare {
  steps: number;
  /** Building one batch (augmentation and labels). */
  buildMs: number;
  /** One whole step, building included. */
  stepMs: number;
  /** buildMs / stepMs: the share of the time the engine waits for data. */
  idleShare: number;
}

/** A training step as runTraining calls it (StepTrainer.trainOnBatch). */
export type TrainStep = (pixels: Float32Array, labels: Int32Array, count: number) => Promise<unknown>;

/** Trains `steps` steps on augmented random images and times the batch building. */
export async function measurePipeline(train: TrainStep, steps = 6): Promise<PipelineShare> {
  const set = randomImages(BATCH * steps, 'pipeline');
  const order = shuffled(set.count, createSeededRandom(1));
  const random = createSeededRandom(2);
  const builder = new BatchBuilder(IMAGE_SHAPE, BATCH);
  let buildMs = 0;
  const start = performance.now();
  for (let b = 0; b < steps; b++) {
    const indices = order.slice(b * BATCH, (b + 1) * BATCH);
    const built = performance.now();
    const batch = builder.build(set, indices, AUGMENTATION, random);
    buildMs += performance.now() - built;
    await train(batch.pixels, batch.labels, batch.count);
  }
  const totalMs = performance.now() - start;
  return { steps, buildMs: buildMs / steps, stepMs: totalMs / steps, idleShare: buildMs / totalMs };
}
