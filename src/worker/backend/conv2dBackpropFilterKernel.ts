// Conv2DBackpropFilter for the wasm backend, which ships without it (so no conv net can
// train there). The filter gradient is itself a convolution, which the backend runs fast
// through XNNPACK:
//   dW[kh,kw,ci,co] = Σ_b,i,j xPadded[b, i·s + kh, j·s + kw, ci] · dy[b,i,j,co]
// Read the batch as channels and the input channels as a batch: with
// x' = transpose(xPadded, [3,1,2,0]) and dy' = transpose(dy, [1,2,0,3]) (dy as a filter),
// conv2d(x', dy', stride 1, 'valid', dilation = forward stride) yields [ci, ≥kh, ≥kw, co],
// whose leading kh×kw window, transposed [1,2,0,3], is dW.
import type * as tfjs from '@tensorflow/tfjs';
import { asTensor, pair, type Tf } from './kernelTensors';

/** Builds the Conv2DBackpropFilter kernel function, composed of tf ops of the active backend. */
export function makeConv2DBackpropFilterKernel(tf: Tf): tfjs.KernelFunc {
  return ({ inputs, attrs }) => {
    const { x, dy } = inputs as tfjs.Conv2DBackpropFilterInputs;
    const { strides, pad, dataFormat, dimRoundingMode, filterShape } =
      attrs as unknown as tfjs.Conv2DBackpropFilterAttrs;
    if (x == null || dy == null) throw new Error('Conv2DBackpropFilter needs inputs x and dy');
    return tf.tidy(() => {
      let x4 = asTensor<tfjs.Rank.R4>(tf, x);
      let dy4 = asTensor<tfjs.Rank.R4>(tf, dy);
      if (dataFormat === 'NCHW') {
        x4 = tf.transpose(x4, [0, 2, 3, 1]);
        dy4 = tf.transpose(dy4, [0, 2, 3, 1]);
      }
      const [kh, kw] = filterShape;
      const [strideH, strideW] = pair(strides);
      // computeConv2DInfo resolves 'same', 'valid', numeric and explicit padding alike.
      const { top, bottom, left, right } = tf.backend_util.computeConv2DInfo(
        x4.shape, filterShape, strides, 1, pad, dimRoundingMode,
      ).padInfo;
      const xAsBatch = tf.transpose(x4, [3, 1, 2, 0]);
      const dyAsFilter = tf.transpose(dy4, [1, 2, 0, 3]);
      // Padding is passed to conv2d explicitly rather than materialised with tf.pad.
      const padding: tfjs.backend_util.ExplicitPadding = [[0, 0], [top, bottom], [left, right], [0, 0]];
      let dW = tf.conv2d(xAsBatch, dyAsFilter, 1, padding, 'NHWC', [strideH, strideW]);
      if (dW.shape[1] !== kh || dW.shape[2] !== kw) {
        // 'valid' convolutions whose stride does not divide the input leave extra rows.
        dW = tf.slice(dW, [0, 0, 0, 0], [-1, kh, kw, -1]);
      }
      return tf.transpose(dW, [1, 2, 0, 3]);
    });
  };
}
