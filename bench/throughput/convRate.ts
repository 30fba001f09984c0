// The arithmetic rate one core reaches in a large convolution, the kernel that dominates a
// training step: Conv2D 3×3, 64 → 64 channels, 'same', on 64 images of 32×32 (4.8 GFLOP a
// call), on the wasm backend (XNNPACK, 128-bit SIMD). pytorch_reference.py --conv-rate times
// the same convolution, so the table can say how far the engine is from the machine's rate.
//   npx tsx bench/throughput/convRate.ts [--seconds 6]
// Prints one line `RESULT {"gflops": <x>, "msPerCall": <y>}`.
import { parseArgs } from 'node:util';
import { selectBackend } from '../../src/worker/backend/selectBackend';
import { median } from './stepTiming';

export const CONV = { batch: 64, size: 32, channels: 64, kernel: 3 };
/** Floating-point operations of one call: a multiply and an add per tap. */
export const CONV_FLOP = 2 * CONV.batch * CONV.size * CONV.size * CONV.kernel * CONV.kernel * CONV.channels * CONV.channels;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '6' } } });
  const { tf } = await selectBackend('wasm');
  const x = tf.randomUniform([CONV.batch, CONV.size, CONV.size, CONV.channels]) as import('@tensorflow/tfjs').Tensor4D;
  const w = tf.randomUniform([CONV.kernel, CONV.kernel, CONV.channels, CONV.channels]) as import('@tensorflow/tfjs').Tensor4D;
  const call = async () => {
    const y = tf.conv2d(x, w, 1, 'same');
    await y.data();
    y.dispose();
  };
  await call();
  const times: number[] = [];
  const end = performance.now() + Number(values.seconds) * 1000;
  while (times.length < 3 || performance.now() < end) {
    const t = performance.now();
    await call();
    times.push(performance.now() - t);
  }
  const ms = median(times);
  console.log(`RESULT ${JSON.stringify({ gflops: CONV_FLOP / ms / 1e6, msPerCall: ms })}`);
}

void main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
