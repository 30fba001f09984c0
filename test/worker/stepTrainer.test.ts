// createStepTrainer picks how a run trains: replica threads on wasm with several cores, the
// main thread alone otherwise. The one-core path must be model.trainOnBatch exactly, on any
// backend (tfjs-node and cpu never get threads, whatever the setting says).
import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { createStepTrainer } from '../../src/worker/stepTrainer';
import { randomValues } from './backend/backendHarness';

const INPUT: [number, number, number] = [6, 6, 3];
const IMAGE = INPUT[0] * INPUT[1] * INPUT[2];

function tinyModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: INPUT, filters: 2, kernelSize: 3, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }));
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

describe('createStepTrainer', function () {
  this.timeout(30_000);
  let previous: string | undefined;
  before(async () => {
    previous = tf.getBackend(); // undefined when no backend has started yet
    await tf.setBackend('cpu');
  });
  after(async () => {
    if (previous) await tf.setBackend(previous);
  });

  it('trains on the main thread alone off wasm, taking the steps model.trainOnBatch takes', async () => {
    const model = tinyModel();
    const reference = tinyModel();
    reference.setWeights(model.getWeights());
    const warnings: string[] = [];
    const trainer = await createStepTrainer(tf, model, { backend: 'cpu', threads: 4, warn: (m) => warnings.push(m) });
    // Adam makes its moment variables at the first step; from then on steps make nothing lasting.
    let tensorsAfterFirstStep = 0;
    try {
      assert.strictEqual(trainer.threads, 1);
      for (let step = 0; step < 3; step++) {
        const pixels = Float32Array.from(randomValues(`step-${step}`, 5 * IMAGE));
        const labels = Int32Array.from([0, 1, 2, 1, step % 3]);
        const [loss, accuracy] = await trainer.trainOnBatch(pixels, labels, 5);
        const xs = tf.tensor4d(pixels, [5, ...INPUT]);
        const ys = tf.tensor2d(Float32Array.from(labels), [5, 1]);
        const expected = await reference.trainOnBatch(xs, ys) as number[];
        tf.dispose([xs, ys]);
        assert.ok(Math.abs(loss - expected[0]) < 1e-6, `step ${step}: loss ${loss} vs ${expected[0]}`);
        assert.strictEqual(accuracy, expected[1]);
        if (step === 0) tensorsAfterFirstStep = tf.memory().numTensors;
      }
      const got = model.getWeights().map((w) => Array.from(w.dataSync()));
      const want = reference.getWeights().map((w) => Array.from(w.dataSync()));
      assert.deepStrictEqual(got, want);
      assert.deepStrictEqual(warnings, []);
      assert.strictEqual(tf.memory().numTensors, tensorsAfterFirstStep, 'a step leaked tensors');
    } finally {
      await trainer.dispose();
      for (const m of [model, reference]) {
        m.optimizer.dispose();
        m.dispose();
      }
    }
  });
});
