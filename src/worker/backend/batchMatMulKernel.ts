// A faster BatchMatMul for the wasm backend. The shipped kernel sends a product to
// XNNPACK only when neither operand is transposed; otherwise it runs a plain blocked
// loop. Training's backward pass is exactly those products (a Dense layer's weight
// gradient is xᵀ·dy, its input gradient dy·Wᵀ), so for the 2304→512 layer of the
// classic CIFAR-10 CNN the loop dominated the step. Transposing the operand explicitly
// (a cheap copy) and calling the shipped kernel untransposed reaches XNNPACK instead.
import type * as tfjs from '@tensorflow/tfjs';
import { adoptOutput, asTensor, type Tf } from './kernelTensors';

/** Builds the BatchMatMul kernel function around the shipped one (`shipped`). */
export function makeBatchMatMulKernel(tf: Tf, shipped: tfjs.KernelFunc): tfjs.KernelFunc {
  return (args) => {
    const { a, b } = args.inputs as tfjs.BatchMatMulInputs;
    const { transposeA, transposeB } = args.attrs as unknown as tfjs.BatchMatMulAttrs;
    if (a == null || b == null) throw new Error('BatchMatMul needs inputs a and b');
    // XNNPACK is used for single (unbatched) products only.
    const single = (t: tfjs.TensorInfo) => t.shape.slice(0, -2).every((d) => d === 1);
    if ((!transposeA && !transposeB) || !single(a) || !single(b)) return shipped(args);
    return tf.tidy(() => {
      const swapLast = (t: tfjs.TensorInfo) => {
        const rank = t.shape.length;
        const perm = [...Array(rank - 2).keys(), rank - 1, rank - 2];
        return tf.transpose(asTensor(tf, t), perm);
      };
      const inputs = { a: transposeA ? swapLast(a) : a, b: transposeB ? swapLast(b) : b };
      return adoptOutput(tf, shipped({ ...args, inputs, attrs: { ...args.attrs, transposeA: false, transposeB: false } }));
    });
  };
}
