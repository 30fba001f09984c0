// A faster Conv2DBackpropInput for the wasm backend. The shipped kernel is a plain loop
// that took 60% of a training step (docs/training-engine-facts.md); the input gradient
// is itself a convolution, which the backend runs through XNNPACK:
//   dx = conv2d(dy spread by the stride and padded by (k - 1 - forward pad),
//               W reversed on both spatial axes with in/out channels swapped,
//               stride 1, 'valid')
// For stride s > 1, "spread" puts s - 1 zero rows and columns between dy's: the
// convolution then does s² times the useful work, still 2-4× faster than the loop.
// NCHW and pads wider than the kernel go to the shipped kernel.
import type * as tfjs from '@tensorflow/tfjs';
import { adoptOutput, asTensor, pair, wasmHeap, type Tf, type WasmHeap } from './kernelTensors';

/** Builds the Conv2DBackpropInput kernel function; `fallback` serves the cases it does not cover. */
export function makeConv2DBackpropInputKernel(tf: Tf, fallback: tfjs.KernelFunc): tfjs.KernelFunc {
  return (args) => {
    const { dy, filter } = args.inputs as tfjs.Conv2DBackpropInputInputs;
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } =
      args.attrs as unknown as tfjs.Conv2DBackpropInputAttrs;
    if (dy == null || filter == null) throw new Error('Conv2DBackpropInput needs inputs dy and filter');
    if (dataFormat === 'NCHW') return fallback(args);

    const filterShape = filter.shape as [number, number, number, number];
    const [kh, kw] = filterShape;
    const [strideH, strideW] = pair(strides);
    const { top, left } = tf.backend_util.computeConv2DInfo(
      inputShape, filterShape, strides, 1, pad, dimRoundingMode,
    ).padInfo;
    const [, inH, inW] = inputShape;
    const [batch, dyH, dyW, outChannels] = dy.shape;
    const padTop = kh - 1 - top;
    const padLeft = kw - 1 - left;
    // A forward pad wider than the kernel would need negative padding here.
    if (padTop < 0 || padLeft < 0) return fallback(args);
    // Spreading leaves s - 1 zero rows after the last dy row; with the pads below, the
    // 'valid' output is exactly the input's height and width (the surplus, all zeros, is
    // cut when the pad would be negative).
    const spreadH = dyH * strideH;
    const spreadW = dyW * strideW;
    const padBottom = inH + kh - 1 - spreadH - padTop;
    const padRight = inW + kw - 1 - spreadW - padLeft;

    return tf.tidy(() => {
      let spread = asTensor<tfjs.Rank.R4>(tf, dy);
      if (strideH > 1 || strideW > 1) {
        const gaps = tf.pad(
          tf.reshape(spread, [batch, dyH, 1, dyW, 1, outChannels]),
          [[0, 0], [0, 0], [0, strideH - 1], [0, 0], [0, strideW - 1], [0, 0]],
        );
        spread = tf.reshape(gaps, [batch, spreadH, spreadW, outChannels]);
      }
      if (padBottom < 0 || padRight < 0) {
        spread = tf.slice(spread, [0, 0, 0, 0], [batch, spreadH + Math.min(0, padBottom), spreadW + Math.min(0, padRight), outChannels]);
      }
      const flipped = adoptOutput(tf, flippedFilter(wasmHeap(args.backend), filter)) as tfjs.Tensor4D;
      const padding: tfjs.backend_util.ExplicitPadding =
        [[0, 0], [padTop, Math.max(0, padBottom)], [padLeft, Math.max(0, padRight)], [0, 0]];
      return tf.conv2d(spread, flipped, 1, padding);
    });
  };
}

/**
 * The filter reversed on both spatial axes with in and out channels swapped, [kh, kw, in,
 * out] → [kh, kw, out, in], in one pass over the heap (the shipped Reverse took ~60 ns an
 * element, 2% of a step of a net with 256-filter layers).
 */
function flippedFilter(heap: WasmHeap, filter: tfjs.TensorInfo): tfjs.TensorInfo {
  const [kh, kw, inChannels, outChannels] = filter.shape;
  const out = heap.makeOutput([kh, kw, outChannels, inChannels], 'float32');
  const to = heap.typedArrayFromHeap(out);
  const from = heap.typedArrayFromHeap(filter);
  const tap = inChannels * outChannels;
  for (let h = 0; h < kh; h++) {
    for (let w = 0; w < kw; w++) {
      const source = ((kh - 1 - h) * kw + (kw - 1 - w)) * tap;
      const target = (h * kw + w) * tap;
      for (let i = 0; i < inChannels; i++) {
        for (let o = 0; o < outChannels; o++) to[target + o * inChannels + i] = from[source + i * outChannels + o];
      }
    }
  }
  return out;
}
