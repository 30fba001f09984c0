// Training throughput of the classic Keras CIFAR-10 CNN on the backend selectBackend
// picks (wasm here), batch 64, adam, random data, after warm-up. Besides wall-clock
// images/s it reports images per second of this process's CPU time, which stays
// meaningful when other work shares the cores (single-threaded backends only).
//   npx tsx bench/throughput/wasmSteps.ts [--backend auto|wasm|cpu] [--steps 20] [--warmup 3] [--profile]
// --profile prints the kernels taking the most time in one step.
import { parseArgs } from 'util';
import type * as tfjs from '@tensorflow/tfjs';
import { type BackendPreference, selectBackend } from '../../src/worker/backend/selectBackend';

const BATCH = 64;

/** Conv32 same, Conv32, MaxPool, Conv64 same, Conv64, MaxPool, Flatten, Dense512, Dense10. */
function classicCifarCnn(tf: typeof tfjs): tfjs.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 512, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy' });
  return model;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      backend: { type: 'string', default: 'wasm' },
      steps: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '3' },
      profile: { type: 'boolean', default: false },
    },
  });
  const steps = Number(values.steps);
  const warmup = Number(values.warmup);
  const backend = await selectBackend(values.backend as BackendPreference, (msg) => console.log(msg));
  const { tf } = backend;
  console.log(`backend ${backend.name}, ${backend.threads} thread(s)${backend.note ? `: ${backend.note}` : ''}`);

  const model = classicCifarCnn(tf);
  console.log(`classic CIFAR-10 CNN, ${model.countParams().toLocaleString('en')} parameters, batch ${BATCH}`);
  const x = tf.randomUniform([BATCH, 32, 32, 3]);
  const y = tf.randomUniform([BATCH, 1], 0, 10, 'int32').cast('float32');
  const step = () => model.trainOnBatch(x, y) as Promise<number>;

  for (let i = 0; i < warmup; i++) await step();
  if (values.profile) {
    const profile = await tf.profile(step);
    const byKernel = new Map<string, number>();
    for (const k of profile.kernels) byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + Number(k.kernelTimeMs));
    const top = [...byKernel].sort((a, b) => b[1] - a[1]).slice(0, 12);
    console.log('slowest kernels in one step (ms, profiled; nested kernels counted in their parents too):');
    for (const [name, ms] of top) console.log(`  ${name.padEnd(24)} ${ms.toFixed(1)}`);
  }
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let loss = 0;
  for (let i = 0; i < steps; i++) loss = await step();
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const images = steps * BATCH;
  console.log(`${steps} steps in ${seconds.toFixed(1)} s: ${(images / seconds).toFixed(1)} images/s ` +
    `(${((1000 * seconds) / steps).toFixed(0)} ms/step); ${(images / cpuSeconds).toFixed(1)} images per CPU-second; ` +
    `last loss ${loss.toFixed(3)}, ${tf.memory().numTensors} tensors`);
  tf.dispose([x, y]);
  model.dispose();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
