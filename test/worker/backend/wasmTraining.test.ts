// Training every layer, activation, loss, optimizer and regularizer that model files
// offer (src/shared/modelSchema.ts) works on the wasm backend, and gives what the cpu
// backend gives from the same start.
import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { ACTIVATIONS } from '../../../src/shared/modelSchema';
import { assertClose, onBackend, type Backend, randomValues, useWasmBackend } from './backendHarness';

const INPUT: [number, number, number] = [12, 12, 3];
const BATCH = 6;
const CLASSES = 3;

/** Seeded initialisers, so both backends start from the same weights. */
const seeded = (seed: number) => tf.initializers.glorotUniform({ seed });

/** Conv2D, BatchNormalization, Max/AveragePooling2D, Dropout, a regularizer and Dense, with either head. */
function everyLayerModel(head: 'GlobalAveragePooling2D' | 'Flatten'): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({
    inputShape: INPUT, filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: seeded(1),
  }));
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({
    filters: 6, kernelSize: 3, strides: 2, padding: 'same', activation: 'elu', kernelInitializer: seeded(2),
    kernelRegularizer: tf.regularizers.l1l2({ l1: 1e-3, l2: 1e-3 }),
  }));
  model.add(tf.layers.averagePooling2d({ poolSize: 2, strides: 1, padding: 'same' }));
  model.add(tf.layers.dropout({ rate: 0.25, seed: 3 }));
  model.add(tf.layers.conv2d({ filters: 5, kernelSize: 2, kernelInitializer: seeded(4) }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, padding: 'same' }));
  model.add(head === 'Flatten' ? tf.layers.flatten() : tf.layers.globalAveragePooling2d({}));
  model.add(tf.layers.dense({
    units: 8, activation: 'swish', kernelInitializer: seeded(5), kernelRegularizer: tf.regularizers.l2({ l2: 1e-3 }),
  }));
  model.add(tf.layers.dense({ units: CLASSES, activation: 'softmax', kernelInitializer: seeded(6) }));
  return model;
}

const OPTIMIZERS: Record<string, () => tf.Optimizer> = {
  adam: () => tf.train.adam(0.01),
  sgd: () => tf.train.sgd(0.1),
  'sgd with momentum': () => tf.train.momentum(0.05, 0.9),
  'sgd with nesterov momentum': () => tf.train.momentum(0.05, 0.9, true),
  rmsprop: () => tf.train.rmsprop(0.005),
  'rmsprop with momentum': () => tf.train.rmsprop(0.005, 0.9, 0.5),
};

type Loss = 'sparseCategoricalCrossentropy' | 'categoricalCrossentropy';

interface TrainingRun { losses: number[]; weights: number[] }

/** Trains a fresh model for `steps` steps on one fixed batch, on the active backend. */
async function train(head: 'GlobalAveragePooling2D' | 'Flatten', optimizer: () => tf.Optimizer, loss: Loss, steps: number): Promise<TrainingRun> {
  const model = everyLayerModel(head);
  const opt = optimizer();
  model.compile({ optimizer: opt, loss, metrics: ['accuracy'] });
  const labels = [0, 1, 2, 1, 0, 2];
  const x = tf.tensor4d(randomValues('inputs', BATCH * INPUT[0] * INPUT[1] * INPUT[2]), [BATCH, ...INPUT]);
  const y = loss === 'sparseCategoricalCrossentropy'
    ? tf.tensor2d(labels, [BATCH, 1])
    : tf.tensor2d(labels.flatMap((c) => Array.from({ length: CLASSES }, (_, k) => (k === c ? 1 : 0))), [BATCH, CLASSES]);
  try {
    const losses: number[] = [];
    for (let step = 0; step < steps; step++) {
      const [stepLoss] = (await model.trainOnBatch(x, y)) as number[];
      losses.push(stepLoss);
    }
    const weights = model.getWeights().flatMap((w) => Array.from(w.dataSync()));
    return { losses, weights };
  } finally {
    tf.dispose([x, y]);
    model.dispose();
    opt.dispose();
    // tfjs 4.22's MomentumOptimizer.dispose forgets its learning-rate scalar.
    if (opt instanceof tf.MomentumOptimizer) (opt as unknown as { c?: tf.Tensor }).c?.dispose();
  }
}

async function trainOn(backend: Backend, ...args: Parameters<typeof train>): Promise<TrainingRun> {
  await tf.setBackend(backend);
  return train(...args);
}

describe('training on wasm', function () {
  this.timeout(60_000);
  useWasmBackend();

  for (const [name, optimizer] of Object.entries(OPTIMIZERS)) {
    it(`every layer type trains with ${name}, as on cpu`, async () => {
      const wasm = await trainOn('wasm', 'GlobalAveragePooling2D', optimizer, 'categoricalCrossentropy', 4);
      const cpu = await trainOn('cpu', 'GlobalAveragePooling2D', optimizer, 'categoricalCrossentropy', 4);
      assert.ok(wasm.losses[3] < wasm.losses[0], `loss did not fall: ${wasm.losses.join(', ')}`);
      assertClose(wasm.losses, cpu.losses, 1e-4, 'losses');
      assertClose(wasm.weights, cpu.weights, 1e-4, 'trained weights');
    });
  }

  it('a Flatten head trains with sparse categorical cross-entropy, as on cpu', async () => {
    const wasm = await trainOn('wasm', 'Flatten', OPTIMIZERS.adam, 'sparseCategoricalCrossentropy', 4);
    const cpu = await trainOn('cpu', 'Flatten', OPTIMIZERS.adam, 'sparseCategoricalCrossentropy', 4);
    assert.ok(wasm.losses[3] < wasm.losses[0], `loss did not fall: ${wasm.losses.join(', ')}`);
    assertClose(wasm.losses, cpu.losses, 1e-4, 'losses');
    assertClose(wasm.weights, cpu.weights, 1e-4, 'trained weights');
  });

  describe('every activation gives the gradients it gives on cpu', () => {
    for (const activation of ACTIVATIONS) {
      it(activation, async () => {
        const gradients = async (backend: Backend) => onBackend(backend, () => {
          const model = tf.sequential({
            layers: [
              tf.layers.conv2d({ inputShape: [6, 6, 2], filters: 3, kernelSize: 3, activation, kernelInitializer: seeded(7) }),
              tf.layers.activation({ activation }),
              tf.layers.flatten(),
              tf.layers.dense({ units: CLASSES, activation: 'softmax', kernelInitializer: seeded(8) }),
            ],
          });
          const x = tf.tensor4d(randomValues('activation', 2 * 6 * 6 * 2).map((v) => 3 * v), [2, 6, 6, 2]);
          const y = tf.tensor2d([[1, 0, 0], [0, 0, 1]]);
          const { grads } = tf.variableGrads(() =>
            tf.metrics.categoricalCrossentropy(y, model.apply(x, { training: true }) as tf.Tensor).mean().asScalar());
          const values = model.trainableWeights.flatMap((w) => Array.from(grads[(w.read() as tf.Variable).name]?.dataSync() ?? []));
          model.dispose();
          return values;
        });
        const wasm = await gradients('wasm');
        const cpu = await gradients('cpu');
        assert.ok(wasm.length > 0);
        assertClose(wasm, cpu, 1e-4, `${activation} gradients`);
      });
    }
  });
});
