// The examples a run trains, validates and tests on, and the batches it feeds the model.
import type { AugmentationSpec } from '../shared/modelSchema';
import type { ImageSet, LoadedDataset } from './data/datasetTypes';
import { augmentBatch } from './data/augment';
import { createSeededRandom } from './data/seededRandom';

export interface TrainingSplit {
  train: ImageSet;
  validation: ImageSet | null;
  /** The test set, or the validation split when the data set has no test part. */
  test: ImageSet | null;
  testIsValidation: boolean;
}

/**
 * Splits off `validationSplit` of the training data as a seeded random sample. (Keras takes
 * the last fraction, which for a folder of classes would be one class only.)
 */
export function splitDataset(ds: LoadedDataset, validationSplit: number, seed: number): TrainingSplit {
  const size = ds.imageShape[0] * ds.imageShape[1] * ds.imageShape[2];
  const valCount = Math.floor(ds.train.count * validationSplit);
  if (valCount === 0) return { train: ds.train, validation: null, test: ds.test, testIsValidation: false };
  const order = shuffled(ds.train.count, createSeededRandom(seed ^ 0x5eed));
  const pick = (indices: number[]): ImageSet => {
    const images = new Uint8Array(indices.length * size);
    const labels = new Uint8Array(indices.length);
    indices.forEach((src, i) => {
      images.set(ds.train.images.subarray(src * size, (src + 1) * size), i * size);
      labels[i] = ds.train.labels[src];
    });
    return { images, labels, count: indices.length };
  };
  const validation = pick(order.slice(0, valCount).sort((a, b) => a - b));
  const train = pick(order.slice(valCount).sort((a, b) => a - b));
  return { train, validation, test: ds.test ?? validation, testIsValidation: ds.test === null };
}

/** A permutation of 0..n-1 (Fisher–Yates) drawn from `random`. */
export function shuffled(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** Indices of one probe image per class (the first of each class in `set`), at most `max`. */
export function probeIndices(set: ImageSet, classCount: number, max = 10): number[] {
  const found = new Map<number, number>();
  for (let i = 0; i < set.count && found.size < Math.min(classCount, max); i++) {
    if (!found.has(set.labels[i])) found.set(set.labels[i], i);
  }
  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, i]) => i);
}

/** One batch as the step trainers take it: packed HWC floats and class indices. */
export interface Batch {
  pixels: Float32Array;
  labels: Int32Array;
  count: number;
}

/**
 * Builds batches (augmented pixels and labels) into buffers it reuses: the returned
 * arrays are valid until the next build, which is all a training step needs.
 */
export class BatchBuilder {
  private readonly pixels: Float32Array;
  private readonly labels: Int32Array;

  constructor(private readonly imageShape: [number, number, number], batchSize: number) {
    this.pixels = new Float32Array(batchSize * imageShape[0] * imageShape[1] * imageShape[2]);
    this.labels = new Int32Array(batchSize);
  }

  build(set: ImageSet, indices: number[], augmentation: AugmentationSpec | undefined, random: () => number): Batch {
    const [h, w, c] = this.imageShape;
    const count = indices.length;
    if (count > this.labels.length) throw new RangeError(`BatchBuilder: ${count} images for batches of ${this.labels.length}`);
    const pixels = this.pixels.subarray(0, count * h * w * c);
    augmentBatch(set.images, indices, this.imageShape, augmentation, random, pixels);
    indices.forEach((index, i) => { this.labels[i] = set.labels[index]; });
    return { pixels, labels: this.labels.subarray(0, count), count };
  }
}
