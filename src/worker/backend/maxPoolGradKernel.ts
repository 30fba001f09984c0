// MaxPoolGrad for the wasm backend, replacing the shipped one, which is wrong: it starts
// each window's running maximum at std::numeric_limits<float>::min() (the smallest
// *positive* float), so a window whose values are all ≤ 0 sends its gradient to element 0
// of the whole tensor instead of to the window's maximum. Conv2D → MaxPooling2D without a
// ReLU between them (or BatchNormalization → MaxPooling2D) then trains on wrong gradients.
//
// One pass over the input in the wasm heap: each window's gradient goes to its first
// maximum in row-major window order (the cpu backend's rule for ties), padding never wins,
// and overlapping windows add up. Composed of tf ops (argMax over transposed windows) the
// same kernel took 5–7% of a training step; the loop reads and writes the heap in place.
import type * as tfjs from '@tensorflow/tfjs';
import { wasmHeap, type Tf } from './kernelTensors';

/** Builds the MaxPoolGrad kernel function of the wasm backend. */
export function makeMaxPoolGradKernel(tf: Tf): tfjs.KernelFunc {
  return ({ inputs, attrs, backend }) => {
    const { dy, input, output } = inputs as tfjs.MaxPoolGradInputs;
    const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tfjs.MaxPoolGradAttrs;
    if (dy == null || input == null) throw new Error('MaxPoolGrad needs inputs dy and input');
    if (input.dtype !== 'float32' || dy.dtype !== 'float32') throw new Error(`MaxPoolGrad takes float32, not ${input.dtype}`);
    const info = tf.backend_util.computePool2DInfo(
      input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode,
    );
    const heap = wasmHeap(backend);
    // Allocate first: a growing heap detaches views taken before.
    const out = heap.makeOutput([...input.shape], 'float32');
    const dx = heap.typedArrayFromHeap(out);
    dx.fill(0);
    if (output != null && isPlainTwoByTwo(info)) {
      twoByTwoMaxPoolGradInto(heap.typedArrayFromHeap(input), heap.typedArrayFromHeap(output), heap.typedArrayFromHeap(dy), dx, info);
    } else {
      maxPoolGradInto(heap.typedArrayFromHeap(input), heap.typedArrayFromHeap(dy), dx, info);
    }
    return out;
  };
}

/** Adds each window's dy to the first maximum of its window in x (NHWC); dx starts at 0. */
export function maxPoolGradInto(x: Float32Array, dy: Float32Array, dx: Float32Array, info: tfjs.backend_util.Conv2DInfo): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, strideHeight, strideWidth } = info;
  const { effectiveFilterHeight: filterHeight, effectiveFilterWidth: filterWidth } = info;
  const { top, left } = info.padInfo;
  const best = new Float32Array(channels);
  const winner = new Int32Array(channels);
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        best.fill(Number.NEGATIVE_INFINITY);
        winner.fill(-1);
        for (let fh = 0; fh < filterHeight; fh++) {
          const h = oh * strideHeight - top + fh;
          if (h < 0 || h >= inHeight) continue; // padding
          for (let fw = 0; fw < filterWidth; fw++) {
            const w = ow * strideWidth - left + fw;
            if (w < 0 || w >= inWidth) continue;
            const base = ((b * inHeight + h) * inWidth + w) * channels;
            for (let c = 0; c < channels; c++) {
              // Strictly greater: a tie keeps the earlier position.
              if (x[base + c] > best[c] || winner[c] < 0) {
                best[c] = x[base + c];
                winner[c] = base + c;
              }
            }
          }
        }
        const from = ((b * outHeight + oh) * outWidth + ow) * channels;
        for (let c = 0; c < channels; c++) if (winner[c] >= 0) dx[winner[c]] += dy[from + c];
      }
    }
  }
}

/** Keras's default MaxPooling2D: 2×2 windows, stride 2, each window inside the input. */
function isPlainTwoByTwo(info: tfjs.backend_util.Conv2DInfo): boolean {
  return info.filterHeight === 2 && info.filterWidth === 2 && info.strideHeight === 2 && info.strideWidth === 2
    && info.padInfo.top === 0 && info.padInfo.left === 0
    && 2 * info.outHeight <= info.inHeight && 2 * info.outWidth <= info.inWidth;
}

/**
 * maxPoolGradInto for 2×2 windows with stride 2, given the forward pass's maxima: the winner
 * is the first of the four positions equal to its window's maximum. Without the running
 * maximum's data-dependent branches (which random activations mispredict half the time)
 * it runs twice as fast as the general loop. Rows and columns no window covers stay 0.
 */
export function twoByTwoMaxPoolGradInto(
  x: Float32Array, maxima: Float32Array, dy: Float32Array, dx: Float32Array, info: tfjs.backend_util.Conv2DInfo,
): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const row = inWidth * channels;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const window = ((b * outHeight + oh) * outWidth + ow) * channels;
        const topLeft = ((b * inHeight + 2 * oh) * inWidth + 2 * ow) * channels;
        const topRight = topLeft + channels;
        const bottomLeft = topLeft + row;
        const bottomRight = bottomLeft + channels;
        for (let c = 0; c < channels; c++) {
          const max = maxima[window + c];
          const g = dy[window + c];
          const first = x[topLeft + c] === max;
          const second = !first && x[topRight + c] === max;
          const third = !first && !second && x[bottomLeft + c] === max;
          const fourth = !first && !second && !third;
          dx[topLeft + c] = first ? g : 0;
          dx[topRight + c] = second ? g : 0;
          dx[bottomLeft + c] = third ? g : 0;
          dx[bottomRight + c] = fourth ? g : 0;
        }
      }
    }
  }
}
