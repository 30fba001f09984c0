// The ceiling of data-parallel training on this machine: two replicas that never exchange
// anything, the main thread and a worker thread each training its own copy of the model
// on half a batch at the same time. Their combined images/s is what the
// DataParallelTrainer would reach if averaging, the optimizer step and the weight copy
// cost nothing; the gap to one thread shows how well the two cores scale at all.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { selectBackend } from '../../src/worker/backend/selectBackend';
import type { EngineResult } from './engineResult';
import { buildBaseline, IMAGE_SHAPE, randomImages } from './classicCnn';
import { timeSteps, type TimingOptions } from './stepTiming';

type Timing = Awaited<ReturnType<typeof timeSteps>>;

/** Warms one replica up, waits for `go`, then times its steps. */
async function replica(options: TimingOptions, ready: () => void, go: Promise<void>): Promise<Timing> {
  const { tf } = await selectBackend('wasm');
  const model = buildBaseline(tf);
  const set = randomImages(options.batch, `pair-${isMainThread}`);
  const x = tf.tensor4d(Float32Array.from(set.images, (v) => v / 255), [options.batch, ...IMAGE_SHAPE]);
  const y = tf.tensor2d(Float32Array.from(set.labels), [options.batch, 1]);
  const step = async () => {
    const r = await model.trainOnBatch(x, y);
    return Array.isArray(r) ? r[0] : r;
  };
  for (let i = 0; i < options.warmup; i++) await step();
  ready();
  await go;
  return timeSteps(step, { ...options, warmup: 0 });
}

/** Runs the two replicas on half of `options.batch` each; reports their combined speed. */
export async function runIndependentPair(options: TimingOptions): Promise<EngineResult> {
  const half = { ...options, batch: Math.ceil(options.batch / 2) };
  const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(__filename)});`, { eval: true, workerData: half });
  try {
    let mainReady!: () => void;
    const mainWarm = new Promise<void>((r) => (mainReady = r));
    const workerWarm = new Promise<void>((r) => worker.once('message', () => r()));
    const workerDone = new Promise<Timing>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (m: { timing?: Timing }) => m.timing && resolve(m.timing));
    });
    const both = Promise.all([mainWarm, workerWarm]).then(() => worker.postMessage('go'));
    const main = await replica(half, mainReady, both);
    const other = await workerDone;
    const imagesPerSec = (main.imagesPerSec ?? 0) + (other.imagesPerSec ?? 0);
    return {
      engine: 'pair', backend: 'wasm', batch: options.batch, steps: main.steps, imagesPerSec,
      msPerStep: (1000 * options.batch) / imagesPerSec,
      meanImagesPerSec: (main.meanImagesPerSec ?? 0) + (other.meanImagesPerSec ?? 0),
      note: `two independent replicas, ${half.batch} images a step each: ${main.imagesPerSec?.toFixed(1)} + ${other.imagesPerSec?.toFixed(1)} images/s`,
    };
  } finally {
    await worker.terminate();
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const go = new Promise<void>((resolve) => port.once('message', () => resolve()));
  void replica(workerData as TimingOptions, () => port.postMessage({ warm: true }), go).then((timing) => port.postMessage({ timing }));
}
