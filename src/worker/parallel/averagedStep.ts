// The one optimizer step of a data-parallel step: the share-weighted mean of the replicas'
// gradients is the gradient of the whole batch's mean loss (each share's loss is a mean
// over its own images), so applying it is the step model.trainOnBatch takes on the batch.
import type * as tfType from '@tensorflow/tfjs';
import { trainedWeights, variableName } from './gradientStep';
import type { WeightLayout } from './weightLayout';

type Tf = typeof tfType;

/** A thread replica's share: its size and the buffer holding its gradients, then its non-trainable weights. */
export interface ThreadShare {
  count: number;
  results: Float32Array;
}

/** Where gradients and non-trainable weights sit in a ThreadShare's results. */
export interface ResultLayouts {
  trained: WeightLayout;
  nonTrainable: WeightLayout;
}

/**
 * Applies the share-weighted mean gradient with `model`'s optimizer, and sets its
 * non-trainable weights (BatchNormalization's moving statistics, already updated by the
 * main share) to the share-weighted mean of every share's.
 */
export function applyAveragedStep(
  tf: Tf, model: tfType.LayersModel, own: { count: number; gradients: tfType.Tensor[] }, threads: ThreadShare[], layouts: ResultLayouts,
): void {
  const n = own.count + threads.reduce((a, t) => a + t.count, 0);
  const mean = (mine: tfType.Tensor, layout: WeightLayout, index: number, offset: number) => {
    let sum = tf.mul(mine, own.count / n);
    for (const t of threads) {
      if (t.count === 0) continue;
      const values = layout.view(t.results.subarray(offset), index);
      sum = tf.add(sum, tf.mul(tf.tensor(values, mine.shape, 'float32'), t.count / n));
    }
    return sum;
  };
  tf.tidy(() => {
    const gradients = trainedWeights(model).map((v, i) => ({ name: variableName(v), tensor: mean(own.gradients[i], layouts.trained, i, 0) }));
    model.optimizer.applyGradients(gradients);
    model.nonTrainableWeights.forEach((w, i) => w.write(mean(w.read(), layouts.nonTrainable, i, layouts.trained.length)));
  });
}

/** The mean of per-share values (losses, accuracies) weighted by share size. */
export function weightedMean(values: readonly number[], counts: readonly number[]): number {
  let sum = 0;
  let n = 0;
  values.forEach((v, i) => {
    if (counts[i] === 0) return;
    sum += v * counts[i];
    n += counts[i];
  });
  return sum / n;
}
