// MaxPoolGrad for the wasm backend, replacing the shipped one, which is wrong: it starts
// each window's running maximum at std::numeric_limits<float>::min() (the smallest
// *positive* float), so a window whose values are all ≤ 0 sends its gradient to element 0
// of the whole tensor instead of to the window's maximum. Conv2D → MaxPooling2D without a
// ReLU between them (or BatchNormalization → MaxPooling2D) then trains on wrong gradients.
//
// Composed of tf ops. Each window's winner is found with argMax, which returns the first
// maximum in row-major window order: the cpu backend's rule for ties. Windows that tile
// the input (strides equal to the pool size, the Keras default) are read by viewing the
// input as [batch, outH, poolH, outW, poolW, channels]; overlapping windows are read by a
// depthwise convolution with one-hot filters and written back by a transposed one.
import type * as tfjs from '@tensorflow/tfjs';
import { asTensor, type Tf } from './kernelTensors';

type PoolInfo = tfjs.backend_util.Conv2DInfo;

/** Builds the MaxPoolGrad kernel function, composed of tf ops of the active backend. */
export function makeMaxPoolGradKernel(tf: Tf): tfjs.KernelFunc {
  return ({ inputs, attrs }) => {
    const { dy, input } = inputs as tfjs.MaxPoolGradInputs;
    const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tfjs.MaxPoolGradAttrs;
    if (dy == null || input == null) throw new Error('MaxPoolGrad needs inputs dy and input');
    const info = tf.backend_util.computePool2DInfo(
      input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode,
    );
    const tiles = info.strideHeight === info.effectiveFilterHeight && info.strideWidth === info.effectiveFilterWidth;
    return tf.tidy(() => {
      const x = asTensor<tfjs.Rank.R4>(tf, input);
      const dyT = asTensor<tfjs.Rank.R4>(tf, dy);
      return tiles ? tiledMaxPoolGrad(tf, x, dyT, info) : overlappingMaxPoolGrad(tf, x, dyT, info);
    });
  };
}

/** Rows and columns spanned by all windows, and how the input sits in that extent. */
function windowExtent(info: PoolInfo) {
  const height = (info.outHeight - 1) * info.strideHeight + info.effectiveFilterHeight;
  const width = (info.outWidth - 1) * info.strideWidth + info.effectiveFilterWidth;
  const { top, left } = info.padInfo;
  // Negative when 'valid' windows stop short of the input's last rows or columns.
  const bottom = height - top - info.inHeight;
  const right = width - left - info.inWidth;
  return { height, width, top, left, bottom, right };
}

/** Pads x with `fill` (or crops it) to exactly the windows' extent. */
function toExtent(tf: Tf, x: tfjs.Tensor4D, info: PoolInfo, fill: number): tfjs.Tensor4D {
  const e = windowExtent(info);
  let framed = x;
  if (e.top > 0 || e.left > 0 || e.bottom > 0 || e.right > 0) {
    framed = tf.pad(framed, [[0, 0], [e.top, Math.max(0, e.bottom)], [e.left, Math.max(0, e.right)], [0, 0]], fill);
  }
  if (e.bottom < 0 || e.right < 0) {
    framed = tf.slice(framed, [0, 0, 0, 0], [info.batchSize, e.height, e.width, info.inChannels]);
  }
  return framed;
}

/** Inverse of toExtent for gradients: drops the padding, zero-fills what was cropped. */
function fromExtent(tf: Tf, dx: tfjs.Tensor4D, info: PoolInfo): tfjs.Tensor4D {
  const e = windowExtent(info);
  let result = dx;
  if (e.top > 0 || e.left > 0 || e.bottom > 0 || e.right > 0) {
    result = tf.slice(result, [0, e.top, e.left, 0], [
      info.batchSize, Math.min(info.inHeight, e.height - e.top), Math.min(info.inWidth, e.width - e.left), info.inChannels,
    ]);
  }
  if (e.bottom < 0 || e.right < 0) {
    result = tf.pad(result, [[0, 0], [0, Math.max(0, -e.bottom)], [0, Math.max(0, -e.right)], [0, 0]]);
  }
  return result;
}

/**
 * dy placed on each window's first maximum, as [batch, outH, outW, channels, window]
 * with the window's positions in row-major order. `windows` holds the same layout.
 */
function shareToWinners(tf: Tf, windows: tfjs.Tensor, dy: tfjs.Tensor4D, windowSize: number): tfjs.Tensor {
  const winner = tf.cast(tf.oneHot(tf.argMax(windows, -1), windowSize), 'float32');
  return tf.mul(winner, tf.expandDims(dy, -1));
}

/** MaxPoolGrad when windows tile the input: two transposes around argMax. */
function tiledMaxPoolGrad(tf: Tf, x: tfjs.Tensor4D, dy: tfjs.Tensor4D, info: PoolInfo): tfjs.Tensor4D {
  const { batchSize: batch, inChannels: channels, outHeight: outH, outWidth: outW } = info;
  const { effectiveFilterHeight: fh, effectiveFilterWidth: fw } = info;
  // -Infinity padding never wins a maximum, as in the forward pass.
  const tiled = tf.reshape(toExtent(tf, x, info, Number.NEGATIVE_INFINITY), [batch, outH, fh, outW, fw, channels]);
  const windows = tf.reshape(tf.transpose(tiled, [0, 1, 3, 5, 2, 4]), [batch, outH, outW, channels, fh * fw]);
  const share = tf.reshape(shareToWinners(tf, windows, dy, fh * fw), [batch, outH, outW, channels, fh, fw]);
  const dxTiled = tf.reshape<tfjs.Rank.R4>(tf.transpose(share, [0, 1, 4, 2, 5, 3]), [batch, outH * fh, outW * fw, channels]);
  return fromExtent(tf, dxTiled, info);
}

/** MaxPoolGrad for overlapping windows (e.g. 3×3 pools with stride 2). */
function overlappingMaxPoolGrad(tf: Tf, x: tfjs.Tensor4D, dy: tfjs.Tensor4D, info: PoolInfo): tfjs.Tensor4D {
  const { batchSize: batch, inChannels: channels, outHeight: outH, outWidth: outW } = info;
  const { effectiveFilterHeight: fh, effectiveFilterWidth: fw, strideHeight, strideWidth } = info;
  const windowSize = fh * fw;
  const extent = windowExtent(info);
  // selector[a, b, 0, k] = 1 where k = a·fw + b: one output channel per window position.
  const selector = tf.reshape<tfjs.Rank.R4>(tf.eye(windowSize), [fh, fw, 1, windowSize]);
  // The lowest finite float rather than -Infinity pads here: the convolution multiplies
  // padding by 0, and -Infinity·0 would be NaN.
  const framed = toExtent(tf, x, info, -3.4028234663852886e38);
  const windows = tf.depthwiseConv2d(
    framed, tf.tile(selector, [1, 1, channels, 1]), [strideHeight, strideWidth], 'valid',
  );
  const share = shareToWinners(tf, tf.reshape(windows, [batch, outH, outW, channels, windowSize]), dy, windowSize);
  // Written back with channels as batch, so a single-channel transposed convolution by
  // the same selector adds each share to the input position it came from.
  const perChannel = tf.reshape<tfjs.Rank.R4>(tf.transpose(share, [0, 3, 1, 2, 4]), [batch * channels, outH, outW, windowSize]);
  const dxPerChannel = tf.conv2dTranspose(
    perChannel, selector, [batch * channels, extent.height, extent.width, 1],
    [strideHeight, strideWidth], 'valid',
  );
  const dxFramed = tf.transpose(tf.reshape<tfjs.Rank.R4>(dxPerChannel, [batch, channels, extent.height, extent.width]), [0, 2, 3, 1]);
  return fromExtent(tf, dxFramed, info);
}
