// The data-parallel trainer takes the same steps as model.trainOnBatch on the whole batch:
// same weights, loss and accuracy (no dropout, so both see the same network), for
// adam, rmsprop, both losses and a regularizer; BatchNormalization's moving mean ends
// where full-batch training puts it, and every replica starts each step from the main
// replica's weights; nothing leaks; dispose ends the threads.
import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { resolveModel } from '../../../src/shared/modelDefaults';
import { buildCompiledModel } from '../../../src/worker/buildModel';
import { DataParallelTrainer } from '../../../src/worker/parallel/dataParallelTrainer';
import { assertClose, randomValues, useWasmBackend } from '../backend/backendHarness';

const INPUT: [number, number, number] = [8, 8, 3];
const CLASSES = 4;
const IMAGE = INPUT[0] * INPUT[1] * INPUT[2];

type Loss = 'sparseCategoricalCrossentropy' | 'categoricalCrossentropy';

/** Conv2D (optionally BatchNormalization), MaxPool, Flatten, Dense with an L2 penalty, softmax. */
function smallModel(loss: Loss, optimizer: tf.Optimizer, batchNorm = false): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: INPUT, filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
  if (batchNorm) model.add(tf.layers.batchNormalization({ momentum: 0.9 }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({
    units: CLASSES, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
    kernelRegularizer: tf.regularizers.l2({ l2: 0.01 }),
  }));
  model.compile({ optimizer, loss, metrics: ['accuracy'] });
  return model;
}

/** Batch `step` of `n` images: pixels and class indices. */
function batch(step: number, n: number): { x: Float32Array; labels: Int32Array } {
  const x = Float32Array.from(randomValues(`pixels-${step}`, n * IMAGE));
  const labels = Int32Array.from({ length: n }, (_, i) => (i * 3 + step) % CLASSES);
  return { x, labels };
}

/** What model.trainOnBatch does with the same batch. */
async function referenceStep(model: tf.LayersModel, loss: Loss, x: Float32Array, labels: Int32Array, n: number): Promise<number[]> {
  const xs = tf.tensor4d(x.subarray(0, n * IMAGE), [n, ...INPUT]);
  const ys = loss === 'sparseCategoricalCrossentropy'
    ? tf.tensor2d(Float32Array.from(labels.subarray(0, n)), [n, 1])
    : tf.tidy(() => tf.oneHot(tf.tensor1d(labels.subarray(0, n), 'int32'), CLASSES).toFloat());
  try {
    return await model.trainOnBatch(xs, ys) as number[];
  } finally {
    tf.dispose([xs, ys]);
  }
}

/** Disposes models and the optimizers they were given (compile leaves those to the caller). */
function disposeModels(...models: tf.LayersModel[]): void {
  for (const m of models) {
    m.optimizer.dispose();
    m.dispose();
  }
}

function weightValues(model: tf.LayersModel): Float32Array[] {
  return model.weights.map((w) => w.read().dataSync() as Float32Array);
}

describe('DataParallelTrainer', function () {
  this.timeout(60_000);
  useWasmBackend();

  const cases: { name: string; loss: Loss; optimizer: () => tf.Optimizer; sizes: number[] }[] = [
    { name: 'adam, sparse labels, odd and even batches', loss: 'sparseCategoricalCrossentropy', optimizer: () => tf.train.adam(0.01), sizes: [7, 8, 5] },
    { name: 'rmsprop with momentum, one-hot labels', loss: 'categoricalCrossentropy', optimizer: () => tf.train.rmsprop(0.01, 0.9, 0.5), sizes: [6, 9] },
  ];
  for (const c of cases) {
    it(`takes the steps trainOnBatch takes on the whole batch (${c.name})`, async () => {
      const parallel = smallModel(c.loss, c.optimizer());
      const reference = smallModel(c.loss, c.optimizer());
      reference.setWeights(parallel.getWeights());
      const trainer = await DataParallelTrainer.create(tf, parallel, { replicas: 2 });
      try {
        for (let step = 0; step < c.sizes.length; step++) {
          const n = c.sizes[step];
          const { x, labels } = batch(step, n);
          const [loss, accuracy] = await trainer.trainOnBatch(x, labels, n);
          const [refLoss, refAccuracy] = await referenceStep(reference, c.loss, x, labels, n);
          assert.ok(trainer.lastStep!.shares.every((s) => s > 0), 'both replicas trained a share');
          assert.ok(Math.abs(loss - refLoss) < 1e-5, `step ${step}: loss ${loss} vs ${refLoss}`);
          assert.ok(Math.abs(accuracy - refAccuracy) < 1e-6, `step ${step}: accuracy ${accuracy} vs ${refAccuracy}`);
          const got = weightValues(parallel);
          weightValues(reference).forEach((w, i) => assertClose(got[i], w, 1e-5, `step ${step}, ${parallel.weights[i].name}`));
        }
      } finally {
        await trainer.dispose();
        disposeModels(parallel, reference);
      }
    });
  }

  it('keeps BatchNormalization statistics where full-batch training puts them, and in every replica', async () => {
    const parallel = smallModel('sparseCategoricalCrossentropy', tf.train.sgd(0.1), true);
    const reference = smallModel('sparseCategoricalCrossentropy', tf.train.sgd(0.1), true);
    reference.setWeights(parallel.getWeights());
    const trainer = await DataParallelTrainer.create(tf, parallel, { replicas: 2, balance: false });
    try {
      const meanIndex = parallel.weights.findIndex((w) => w.name.includes('moving_mean'));
      const varianceIndex = parallel.weights.findIndex((w) => w.name.includes('moving_variance'));
      const before = weightValues(parallel)[varianceIndex];
      const first = batch(0, 8);
      await trainer.trainOnBatch(first.x, first.labels, 8);
      await referenceStep(reference, 'sparseCategoricalCrossentropy', first.x, first.labels, 8);
      // The moving mean is linear in the batch mean, so the share-weighted average is exact.
      // (Only from equal weights: each replica normalizes by its own share's statistics, so
      // with BatchNormalization later steps differ slightly from full-batch training.)
      assertClose(weightValues(parallel)[meanIndex], weightValues(reference)[meanIndex], 1e-6, 'moving mean');
      assert.ok(weightValues(parallel)[varianceIndex].some((v, i) => v !== before[i]), 'the moving variance was updated');
      const second = batch(1, 7);
      await trainer.trainOnBatch(second.x, second.labels, 7);
      const [replica] = await trainer.replicaWeights();
      const main = weightValues(parallel);
      const all = new Float32Array(main.reduce((a, w) => a + w.length, 0));
      main.reduce((at, w) => (all.set(w, at), at + w.length), 0);
      assert.deepStrictEqual(replica, all, 'the replica thread holds exactly the main replica\'s weights, statistics included');
    } finally {
      await trainer.dispose();
      disposeModels(parallel, reference);
    }
  });

  it('with BatchNormalization, takes the full-batch step when every share holds the same images', async () => {
    // Shares of identical images have the full batch's statistics, so here (and only here)
    // a BN model's data-parallel step must equal trainOnBatch on the whole batch: every
    // trainable weight, in the right place, and the moving mean.
    const parallel = smallModel('sparseCategoricalCrossentropy', tf.train.adam(0.01), true);
    const reference = smallModel('sparseCategoricalCrossentropy', tf.train.adam(0.01), true);
    reference.setWeights(parallel.getWeights());
    const trainer = await DataParallelTrainer.create(tf, parallel, { replicas: 2, balance: false });
    try {
      for (let step = 0; step < 3; step++) {
        const half = batch(step, 4);
        const x = new Float32Array(8 * IMAGE);
        x.set(half.x);
        x.set(half.x, 4 * IMAGE);
        const labels = Int32Array.from([...half.labels, ...half.labels]);
        const [loss] = await trainer.trainOnBatch(x, labels, 8);
        const [refLoss] = await referenceStep(reference, 'sparseCategoricalCrossentropy', x, labels, 8);
        assert.deepStrictEqual(trainer.lastStep!.shares, [4, 4]);
        assert.ok(Math.abs(loss - refLoss) < 1e-5, `step ${step}: loss ${loss} vs ${refLoss}`);
        const got = weightValues(parallel);
        weightValues(reference).forEach((w, i) => {
          if (parallel.weights[i].name.includes('moving_variance')) return; // a variance of 4 or of 8 samples
          assertClose(got[i], w, 1e-4, `step ${step}, ${parallel.weights[i].name}`);
        });
      }
    } finally {
      await trainer.dispose();
      disposeModels(parallel, reference);
    }
  });

  it('leaks no tensors from step to step, and dispose ends the threads', async () => {
    const model = smallModel('sparseCategoricalCrossentropy', tf.train.adam(0.01));
    const trainer = await DataParallelTrainer.create(tf, model, { replicas: 2 });
    const counts: number[] = [];
    try {
      assert.strictEqual(trainer.runningThreads, 1);
      for (let step = 0; step < 5; step++) {
        const { x, labels } = batch(step, 6);
        await trainer.trainOnBatch(x, labels, 6);
        counts.push(tf.memory().numTensors);
      }
    } finally {
      await trainer.dispose();
    }
    // The first step creates the optimizer's slots; after that nothing may accumulate.
    assert.deepStrictEqual(counts.slice(1), Array(4).fill(counts[1]), `tensors after each step: ${counts}`);
    assert.strictEqual(trainer.runningThreads, 0, 'the replica thread has exited');
    await assert.rejects(trainer.trainOnBatch(new Float32Array(IMAGE), Int32Array.of(0), 1), /disposed/);
    disposeModels(model);
  });

  it('trains a model the worker builds from a model file (Dropout, one-hot loss) until it fits the batch', async () => {
    const resolved = resolveModel({
      dataset: { name: 'cifar10-sample' },
      inputShape: INPUT,
      layers: [
        { type: 'Conv2D', filters: 4, kernelSize: 3, activation: 'relu' },
        { type: 'Dropout', rate: 0.25 },
        { type: 'Flatten' },
        { type: 'Dense', units: CLASSES, activation: 'softmax' },
      ],
      compile: { optimizer: { type: 'adam', learningRate: 0.01 }, loss: 'categoricalCrossentropy' },
    });
    const model = buildCompiledModel(tf, resolved);
    const trainer = await DataParallelTrainer.create(tf, model, { replicas: 2 });
    try {
      const { x, labels } = batch(0, 12);
      const losses: number[] = [];
      for (let step = 0; step < 30; step++) losses.push((await trainer.trainOnBatch(x, labels, 12))[0]);
      assert.ok(losses[29] < losses[0] / 2, `loss ${losses[0]} → ${losses[29]}`);
    } finally {
      await trainer.dispose();
      disposeModels(model);
    }
  });

  it('trains a batch of one on the main replica alone', async () => {
    const parallel = smallModel('sparseCategoricalCrossentropy', tf.train.adam(0.01));
    const reference = smallModel('sparseCategoricalCrossentropy', tf.train.adam(0.01));
    reference.setWeights(parallel.getWeights());
    const trainer = await DataParallelTrainer.create(tf, parallel, { replicas: 2 });
    try {
      const { x, labels } = batch(0, 1);
      const [loss] = await trainer.trainOnBatch(x, labels, 1);
      const [refLoss] = await referenceStep(reference, 'sparseCategoricalCrossentropy', x, labels, 1);
      assert.ok(Math.abs(loss - refLoss) < 1e-6);
      const got = weightValues(parallel);
      weightValues(reference).forEach((w, i) => assertClose(got[i], w, 1e-6, parallel.weights[i].name));
    } finally {
      await trainer.dispose();
      disposeModels(parallel, reference);
    }
  });
});
