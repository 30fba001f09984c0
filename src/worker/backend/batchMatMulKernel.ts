// A faster BatchMatMul for the wasm backend. The shipped kernel sends a product to
// XNNPACK only when neither operand is transposed; otherwise it runs a plain blocked
// loop. Training's backward pass is exactly those products (a Dense layer's weight
// gradient is xᵀ·dy, its input gradient dy·Wᵀ), so for the 2304→512 layer of the
// classic CIFAR-10 CNN the loop dominated the step. Transposing explicitly (a copy) and
// calling the shipped kernel untransposed reaches XNNPACK instead.
//
// Which copies to make is chosen per call: A·B is computed either directly (copying the
// operands that arrive transposed) or as (Bᵀ·Aᵀ)ᵀ (copying the operands that arrive
// untransposed, and the product). Both compute every output element as the same dot
// product. For the input gradient dy[64,512]·W[2304,512]ᵀ the second way copies dy and a
// [2304,64] product instead of the 1.2 M-element weight: 29.6 → 12.4 ms.
//
// Untransposed products reach XNNPACK as they are, but XNNPACK first packs B (as the
// layer's "weights", transposing it on the way) into an operator that is kept until B is
// disposed. A Dense weight is a new tensor after every optimizer step, so training's
// forward x[32,2304]·W[2304,512] packed all of W every step: 18 ms of a 32-image share.
// Computed as (Wᵀ·xᵀ)ᵀ it copies W once, fast, and packs only the 32 rows of x: 10.5 ms.
// A B met before (inference with fixed weights) goes the direct way, whose operator is
// then packed once and reused: 3.8 ms a call.
import type * as tfjs from '@tensorflow/tfjs';
import { adoptOutput, asTensor, type Tf } from './kernelTensors';

/** Builds the BatchMatMul kernel function around the shipped one (`shipped`). */
export function makeBatchMatMulKernel(tf: Tf, shipped: tfjs.KernelFunc): tfjs.KernelFunc {
  // The B operands of untransposed products so far (tfjs data ids are objects).
  const seenAsB = new WeakSet<object>();
  return (args) => {
    const { a, b } = args.inputs as tfjs.BatchMatMulInputs;
    const { transposeA, transposeB } = args.attrs as unknown as tfjs.BatchMatMulAttrs;
    if (a == null || b == null) throw new Error('BatchMatMul needs inputs a and b');
    // XNNPACK is used for single (unbatched) products only.
    const single = (t: tfjs.TensorInfo) => t.shape.slice(0, -2).every((d) => d === 1);
    if (!single(a) || !single(b)) return shipped(args);
    const size = (t: tfjs.TensorInfo) => tf.util.sizeFromShape(t.shape);
    const rows = a.shape[a.shape.length - (transposeA ? 1 : 2)];
    const columns = b.shape[b.shape.length - (transposeB ? 2 : 1)];
    let swap: boolean;
    if (!transposeA && !transposeB) {
      const packedBefore = seenAsB.has(b.dataId);
      seenAsB.add(b.dataId);
      // Packing with a transposition costs about twice a plain copy per element (measured).
      if (packedBefore || size(b) <= 3 * size(a) + rows * columns) return shipped(args);
      swap = true;
    } else {
      const directCopies = (transposeA ? size(a) : 0) + (transposeB ? size(b) : 0);
      const swappedCopies = (transposeA ? 0 : size(a)) + (transposeB ? 0 : size(b)) + rows * columns;
      swap = swappedCopies < directCopies;
    }
    const untransposed = (x: tfjs.TensorInfo, y: tfjs.TensorInfo) =>
      adoptOutput(tf, shipped({ ...args, inputs: { a: x, b: y }, attrs: { ...args.attrs, transposeA: false, transposeB: false } }));
    return tf.tidy(() => {
      if (!swap) {
        return untransposed(transposeA ? swapLast(tf, a) : a, transposeB ? swapLast(tf, b) : b);
      }
      return swapLast(tf, untransposed(transposeB ? b : swapLast(tf, b), transposeA ? a : swapLast(tf, a)));
    });
  };
}

/** Transposes the last two axes. */
function swapLast(tf: Tf, t: tfjs.TensorInfo): tfjs.Tensor {
  const rank = t.shape.length;
  const perm = [...Array(rank - 2).keys(), rank - 1, rank - 2];
  return tf.transpose(asTensor(tf, t), perm);
}
