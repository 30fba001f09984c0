// A faster Sum for the wasm backend, for the one reduction training does every step: a
// bias gradient, the sum of dy over every axis but the last ([64,32,32,32] → [32]). The
// shipped kernel first transposes the reduced axes innermost, a plain element loop over
// the whole tensor that took 13 ms for that shape. XNNPACK's average pooling streams
// through the tensor in its own layout: average over one window per image, scale back to
// a sum, then add up the images (a small [N, C] sum): 1.2 ms. (The product
// ones[1, M] · x[M, C] through BatchMatMul computes the same, but XNNPACK repacks x as a
// weight matrix first, which took 9 ms inside a training step.)
// Other reductions and other dtypes (int32 sums must stay exact) go to the shipped kernel,
// except empty inputs, whose sums are zeros.
import type * as tfjs from '@tensorflow/tfjs';
import { asTensor, type Tf } from './kernelTensors';

/** Builds the Sum kernel function around the shipped one (`shipped`). */
export function makeSumKernel(tf: Tf, shipped: tfjs.KernelFunc): tfjs.KernelFunc {
  return (args) => {
    const { x } = args.inputs as tfjs.SumInputs;
    const { axis, keepDims } = args.attrs as unknown as tfjs.SumAttrs;
    if (x == null) throw new Error('Sum needs input x');
    const { shape } = x;
    // The shipped kernel leaves the output unwritten (old heap contents) for empty inputs.
    if (tf.util.sizeFromShape(shape) === 0) return tf.zeros(reducedShape(tf, shape, axis, keepDims), x.dtype);
    if (x.dtype !== 'float32' || !reducesAllButLast(tf, shape, axis)) return shipped(args);
    return tf.tidy(() => tf.reshape(sumOverAllButLast(tf, asTensor(tf, x)), reducedShape(tf, shape, axis, keepDims)));
  };
}

/**
 * The sum of a float32 tensor over every axis but the last, [..., C] → [C], through
 * XNNPACK's average pooling. Call inside tf.tidy.
 */
export function sumOverAllButLast(tf: Tf, x: tfjs.Tensor): tfjs.Tensor1D {
  const { shape } = x;
  const rank = shape.length;
  const channels = shape[rank - 1];
  // [images, rows, columns, channels]: the pooling window covers rows × columns.
  const rows = rank >= 3 ? shape[rank - 3] : shape[0];
  const columns = rank >= 3 ? shape[rank - 2] : 1;
  const images = tf.util.sizeFromShape(shape) / (rows * columns * channels);
  const asImages = tf.reshape<tfjs.Rank.R4>(x, [images, rows, columns, channels]);
  const windowMeans = tf.avgPool(asImages, [rows, columns], [rows, columns], 'valid');
  const windowSums = tf.reshape<tfjs.Rank.R2>(tf.mul(windowMeans, rows * columns), [images, channels]);
  return images > 1 ? tf.sum(windowSums, 0) : tf.reshape(windowSums, [channels]);
}

/** Whether `axis` names exactly the axes before the last one (at least one). */
export function reducesAllButLast(tf: Tf, shape: readonly number[], axis: number | number[]): boolean {
  const rank = shape.length;
  if (rank < 2) return false;
  const axes = new Set(tf.util.parseAxisParam(axis, [...shape]));
  return axes.size === rank - 1 && !axes.has(rank - 1);
}

/** The shape of a sum of a tensor of `shape` over `axis`. */
export function reducedShape(tf: Tf, shape: readonly number[], axis: number | number[], keepDims: boolean): number[] {
  const axes = new Set(tf.util.parseAxisParam(axis, [...shape]));
  return keepDims ? shape.map((d, i) => (axes.has(i) ? 1 : d)) : shape.filter((_, i) => !axes.has(i));
}
