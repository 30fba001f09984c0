// OneHot for the wasm backend, wrapping the shipped kernel, which ignores `dtype`: its
// C++ side always writes int32 values and truncates onValue/offValue to integers, so
// tf.oneHot(labels, n, 1, 0, 'float32') yields 1.4e-45 (the int 1's bit pattern read as a
// float) instead of 1, and label smoothing's fractional values become 0. The shipped kernel
// still finds the hot positions (as int32 0/1); values and dtype are applied with tf ops.
import type * as tfjs from '@tensorflow/tfjs';
import { adoptOutput, type Tf } from './kernelTensors';

/** Builds the OneHot kernel function around the shipped one (`shipped`). */
export function makeOneHotKernel(tf: Tf, shipped: tfjs.KernelFunc): tfjs.KernelFunc {
  return (args) => {
    const { dtype, depth, onValue, offValue } = args.attrs as unknown as tfjs.OneHotAttrs;
    const exact = dtype === 'int32' && Number.isInteger(onValue) && Number.isInteger(offValue);
    if (exact) return shipped(args);
    return tf.tidy(() => {
      const hotInfo = shipped({ ...args, attrs: { dtype: 'int32', depth, onValue: 1, offValue: 0 } });
      const hot = tf.cast(adoptOutput(tf, hotInfo), 'float32');
      const values = onValue === 1 && offValue === 0 ? hot : tf.add(tf.mul(hot, onValue - offValue), offValue);
      return dtype === 'float32' ? values : tf.cast(values, dtype);
    });
  };
}
