// One engine of the throughput benchmark, run in a process of its own (index.ts starts one
// per engine, one after another, so engines share no state and no core). Trains the
// baseline model on one fixed random batch: warm-up steps, then timed steps until --steps
// are done or --seconds have passed. Prints one line `RESULT <json>` (an EngineResult).
//   npx tsx bench/throughput/engineRun.ts --engine wasm|parallel|pair|cpu|tensorflow
//     [--batch 64] [--warmup 3] [--steps 30] [--seconds 25] [--profile] [--pipeline]
// parallel: the DataParallelTrainer with two replicas; pair: its ceiling (independentPair.ts).
// --profile: per-kernel times of one step; --pipeline: the share of a step spent waiting
// for batch building with augmentation on, as runTraining builds batches.
import { parseArgs } from 'node:util';
import { type BackendPreference, selectBackend } from '../../src/worker/backend/selectBackend';
import { DataParallelTrainer, type StepTiming } from '../../src/worker/parallel/dataParallelTrainer';
import { BATCH, buildBaseline, IMAGE_SHAPE, randomImages } from './classicCnn';
import { profileStep } from './kernelProfile';
import { measurePipeline } from './pipelineShare';
import { createStepTrainer } from '../../src/worker/stepTrainer';
import { runIndependentPair } from './independentPair';
import { timeSteps, type TimingOptions } from './stepTiming';
import type { EngineName, EngineResult } from './engineResult';

interface Options extends TimingOptions {
  engine: EngineName;
  profile: boolean;
  pipeline: boolean;
}

async function run(options: Options): Promise<EngineResult> {
  if (options.engine === 'pair') return runIndependentPair(options);
  const preference: BackendPreference = options.engine === 'parallel' ? 'wasm' : options.engine;
  const backend = await selectBackend(preference);
  const { tf } = backend;
  const model = buildBaseline(tf);
  const set = randomImages(options.batch);
  const pixels = Float32Array.from(set.images, (v) => v / 255);
  const result: EngineResult = { engine: options.engine, backend: backend.name, note: backend.note, batch: options.batch };

  if (options.engine === 'parallel') {
    const trainer = await DataParallelTrainer.create(tf, model, { replicas: 2 });
    try {
      result.note = `${backend.note}; ${trainer.replicaCount} replicas (main thread + ${trainer.replicaCount - 1} worker thread)`;
      const timings: StepTiming[] = [];
      const step = async () => {
        const [loss] = await trainer.trainOnBatch(pixels, set.labels, options.batch);
        if (trainer.lastStep) timings.push(trainer.lastStep);
        return loss;
      };
      Object.assign(result, await timeSteps(step, options));
      result.parallelTiming = averageTiming(timings.slice(options.warmup));
      if (options.pipeline) result.pipeline = await measurePipeline((p, l, n) => trainer.trainOnBatch(p, l, n));
    } finally {
      await trainer.dispose();
    }
  } else {
    const x = tf.tensor4d(pixels, [options.batch, ...IMAGE_SHAPE]);
    const y = tf.tensor2d(Float32Array.from(set.labels), [options.batch, 1]);
    const step = async () => {
      const r = await model.trainOnBatch(x, y);
      return Array.isArray(r) ? r[0] : r;
    };
    Object.assign(result, await timeSteps(step, options));
    if (options.profile) result.profile = await profileStep(tf, step);
    if (options.pipeline) {
      const single = await createStepTrainer(tf, model, { backend: backend.name, threads: 1, warn: () => undefined });
      result.pipeline = await measurePipeline((p, l, n) => single.trainOnBatch(p, l, n));
    }
    tf.dispose([x, y]);
  }
  model.dispose();
  return result;
}

function averageTiming(timings: StepTiming[]): EngineResult['parallelTiming'] {
  if (timings.length === 0) return undefined;
  const mean = (f: (t: StepTiming) => number) => timings.reduce((a, t) => a + f(t), 0) / timings.length;
  const replicas = timings[0].replicaMs.length;
  return {
    shares: timings[0].shares.map((_, i) => mean((t) => t.shares[i])),
    packMs: mean((t) => t.packMs),
    mainMs: mean((t) => t.mainMs),
    replicaMs: Array.from({ length: replicas }, (_, i) => mean((t) => t.replicaMs[i])),
    waitMs: mean((t) => t.waitMs),
    applyMs: mean((t) => t.applyMs),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string', default: 'wasm' },
      batch: { type: 'string', default: String(BATCH) },
      warmup: { type: 'string', default: '3' },
      steps: { type: 'string', default: '30' },
      seconds: { type: 'string', default: '25' },
      profile: { type: 'boolean', default: false },
      pipeline: { type: 'boolean', default: false },
    },
  });
  const engine = values.engine as EngineName;
  if (!['wasm', 'parallel', 'pair', 'cpu', 'tensorflow'].includes(engine)) throw new Error(`unknown engine ${engine}`);
  const options: Options = {
    engine, batch: Number(values.batch), warmup: Number(values.warmup), steps: Number(values.steps),
    seconds: Number(values.seconds), profile: values.profile, pipeline: values.pipeline,
  };
  let result: EngineResult;
  try {
    result = await run(options);
  } catch (error) {
    console.error(error);
    result = { engine, error: (error instanceof Error ? error.message : String(error)).split('\n')[0] };
  }
  console.log(`RESULT ${JSON.stringify(result)}`);
}

void main().then(() => {
  // Leave even if a wasm or worker handle would keep the process alive.
  process.exit(0);
});
