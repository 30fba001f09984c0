// The final evaluation on the test set: every example's prediction and class
// probabilities, so any confusion-matrix cell can be opened on its very images.
import type * as tfType from '@tensorflow/tfjs';
import { confusionMatrix, perClassMetrics } from '../shared/confusionMatrix';
import type { EvaluationEvent } from '../shared/trainingEvents';
import type { ImageSet } from './data/datasetTypes';
import { augmentBatch } from './data/augment';

type Tf = typeof tfType;
const EVAL_BATCH = 256;

/** Predicts every example of `set` and summarises the result. */
export async function evaluateModel(
  tf: Tf, model: tfType.LayersModel, set: ImageSet, imageShape: [number, number, number],
  classNames: string[], testImages: EvaluationEvent['testImages'], shouldStop: () => boolean = () => false,
): Promise<EvaluationEvent | null> {
  const classes = classNames.length;
  const probabilities: number[][] = [];
  const predicted: number[] = [];
  const buffer = new Float32Array(EVAL_BATCH * imageShape[0] * imageShape[1] * imageShape[2]);
  let lossSum = 0;
  for (let start = 0; start < set.count; start += EVAL_BATCH) {
    if (shouldStop()) return null;
    const n = Math.min(EVAL_BATCH, set.count - start);
    const indices = Array.from({ length: n }, (_, i) => start + i);
    const batch = buffer.subarray(0, n * imageShape[0] * imageShape[1] * imageShape[2]);
    augmentBatch(set.images, indices, imageShape, undefined, Math.random, batch);
    const probs = tf.tidy(() => (model.predict(tf.tensor4d(batch, [n, ...imageShape])) as tfType.Tensor).dataSync() as Float32Array);
    for (let i = 0; i < n; i++) {
      const row = Array.from(probs.subarray(i * classes, (i + 1) * classes), (p) => Math.round(p * 1e4) / 1e4);
      let best = 0;
      for (let c = 1; c < classes; c++) if (probs[i * classes + c] > probs[i * classes + best]) best = c;
      predicted.push(best);
      probabilities.push(row);
      lossSum += -Math.log(Math.max(probs[i * classes + set.labels[start + i]], 1e-7));
    }
    await new Promise((r) => setImmediate(r)); // let a stop request through
  }
  const labels = Array.from(set.labels.subarray(0, set.count));
  const confusion = confusionMatrix(labels, predicted, classes);
  const correct = labels.reduce((s, l, i) => s + (l === predicted[i] ? 1 : 0), 0);
  return {
    type: 'evaluation', loss: set.count ? lossSum / set.count : 0, accuracy: set.count ? correct / set.count : 0,
    classNames, confusion, perClass: perClassMetrics(confusion), labels, predicted, probabilities, testImages,
  };
}
