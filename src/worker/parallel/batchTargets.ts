// The targets of a batch in the form the model's loss expects, built from class indices
// (as data sets store labels), so that replicas only slice rows.
import type * as tfType from '@tensorflow/tfjs';

/** What a model's single input and output take: image shape and size, and the target form. */
export interface ModelBatchShape {
  imageShape: number[];
  imageSize: number;
  sparseLoss: boolean;
  outputWidth: number;
}

/** The batch shape a compiled one-input, one-output model trains on. */
export function modelBatchShape(model: tfType.LayersModel): ModelBatchShape {
  const imageShape = model.inputs[0].shape.slice(1) as number[];
  const output = model.outputs[0].shape;
  return {
    imageShape,
    imageSize: imageShape.reduce((a, b) => a * b, 1),
    sparseLoss: /sparse/i.test(String(model.loss)),
    outputWidth: output[output.length - 1] ?? 1,
  };
}

/** Target rows of one batch: `width` floats per example. */
export interface BatchTargets {
  values: Float32Array;
  width: number;
}

/**
 * Targets for the first `n` class indices of `labels`: the indices themselves for a
 * sparse loss (or a one-unit output), one-hot rows of `outputWidth` otherwise.
 */
export function batchTargets(labels: ArrayLike<number>, n: number, sparseLoss: boolean, outputWidth: number): BatchTargets {
  if (labels.length < n) throw new RangeError(`batchTargets: ${labels.length} labels for a batch of ${n}`);
  if (sparseLoss || outputWidth === 1) {
    return { values: Float32Array.from({ length: n }, (_, i) => labels[i]), width: 1 };
  }
  const values = new Float32Array(n * outputWidth);
  for (let i = 0; i < n; i++) {
    const label = labels[i];
    if (!Number.isInteger(label) || label < 0 || label >= outputWidth) {
      throw new RangeError(`batchTargets: label ${label} is not a class index below ${outputWidth}`);
    }
    values[i * outputWidth + label] = 1;
  }
  return { values, width: outputWidth };
}
