// A faster Mean for the wasm backend, for what BatchNormalization computes every training
// step: the mean of x (and of its squared deviations) over every axis but the channels
// (tf.moments, [64,32,32,32] → [32]). The shipped kernel transposes the reduced axes
// innermost first, like Sum; the same average-pooling path (sumKernel.ts) avoids that.
// Other reductions, other dtypes and empty inputs go to the shipped kernel.
import type * as tfjs from '@tensorflow/tfjs';
import { asTensor, type Tf } from './kernelTensors';
import { reducedShape, reducesAllButLast, sumOverAllButLast } from './sumKernel';

/** Builds the Mean kernel function around the shipped one (`shipped`). */
export function makeMeanKernel(tf: Tf, shipped: tfjs.KernelFunc): tfjs.KernelFunc {
  return (args) => {
    const { x } = args.inputs as tfjs.MeanInputs;
    const { axis, keepDims } = args.attrs as unknown as tfjs.MeanAttrs;
    if (x == null) throw new Error('Mean needs input x');
    const { shape } = x;
    const size = tf.util.sizeFromShape(shape);
    if (size === 0 || x.dtype !== 'float32' || !reducesAllButLast(tf, shape, axis)) return shipped(args);
    const count = size / shape[shape.length - 1];
    return tf.tidy(() => tf.reshape(tf.div(sumOverAllButLast(tf, asTensor(tf, x)), count), reducedShape(tf, shape, axis, keepDims)));
  };
}
