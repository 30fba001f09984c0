// The exported scripts as Python sees them: they compile, and they run from start to end
// against a recording stand-in for TensorFlow, asking Keras for exactly what the model file says.
import { strict as assert } from 'node:assert';
import { scheduledLearningRate } from '../../../src/shared/fitCallbacks';
import { exportKeras } from '../../../src/shared/keras';
import type { LearningRateScheduleSpec, ModelFile } from '../../../src/shared/modelSchema';
import {
  batchNormGapCnn, classicCifarCnn, colourFolderModel, EXAMPLE_MODELS, grayscaleFolderModel, minimalModel, projectExamples,
} from './exampleModels';
import { onlyEvent, pyCompile, pythonAvailable, runWithFakeTensorflow, type ScriptRun } from './pythonRunner';

const python = pythonAvailable();

/** Image files for a data set folder: `count` empty files per class under `dir`. */
function images(dir: string, classes: string[], count: number): string[] {
  return classes.flatMap((c) => Array.from({ length: count }, (_, i) => `${dir}/${c}/${i}.png`));
}

function run(model: ModelFile, files: string[] = []): ScriptRun {
  const result = runWithFakeTensorflow(exportKeras(model), files);
  assert.equal(result.status, 0, `the script failed:\n${result.stderr}`);
  return result;
}

function closeTo(actual: unknown, expected: number[]): void {
  assert.ok(Array.isArray(actual), `${JSON.stringify(actual)} is not a list`);
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) => assert.ok(Math.abs((a as number) - expected[i]) < 1e-12, `epoch ${i}: ${a} != ${expected[i]}`));
}

describe('exportKeras in Python', function () {
  before(function () {
    if (!python.compile) this.skip();
  });

  it('compiles (python3 -m py_compile) for every example model', () => {
    for (const [name, model] of [...Object.entries(EXAMPLE_MODELS), ...projectExamples()]) {
      assert.equal(pyCompile(exportKeras(model, { modelFileName: `${name}.cnn.json` })), '', name);
    }
  });

  describe('run against a recording stand-in for TensorFlow', function () {
    before(function () {
      if (!python.run) this.skip();
    });

    it('runs every example model to its end', () => {
      const folders: Record<string, string[]> = {
        batchNormGapCnn: [...images('cifar10-sample/train', ['cat', 'dog'], 5), ...images('cifar10-sample/test', ['cat', 'dog'], 1)],
        grayscaleFolderModel: images('data/digits/train', ['0', '1', '2'], 2),
        colourFolderModel: [...images('photos/train', ['a', 'b', 'c'], 2), ...images('photos/test', ['a', 'b', 'c'], 1)],
      };
      for (const [name, model] of [...Object.entries(EXAMPLE_MODELS), ...projectExamples()]) {
        const sample = model.dataset.name === 'cifar10-sample' ? folders.batchNormGapCnn : [];
        const result = runWithFakeTensorflow(exportKeras(model), folders[name] ?? sample);
        assert.equal(result.status, 0, `${name}: ${result.stderr}`);
        // The grayscale folder has neither a test/ folder nor a validation split; the script says so.
        const last = name === 'grayscaleFolderModel' ? 'No test/ folder beside train/ and no validation split: no test accuracy.\n' : 'Test accuracy: 0.7500\n';
        assert.ok(result.stdout.endsWith(last), `${name}: ${result.stdout}`);
      }
    });

    it('builds the layers, compiles and fits as the model file says (BatchNorm/GAP model)', () => {
      const result = run(batchNormGapCnn, [...images('cifar10-sample/train', ['cat', 'dog'], 5), ...images('cifar10-sample/test', ['cat', 'dog'], 1)]);
      assert.deepEqual(result.events.map((e) => e.event), [
        'set_random_seed', 'image_dataset_from_directory', 'image_dataset_from_directory', 'Sequential', 'summary',
        'compile', 'ImageDataGenerator', 'fit', 'evaluate',
      ]);
      assert.deepEqual(onlyEvent(result, 'set_random_seed').seed, 1);
      const loads = result.events.filter((e) => e.event === 'image_dataset_from_directory');
      assert.match((loads[0].folder as { path: string }).path, /\/cifar10-sample\/train$/);
      assert.deepEqual(loads.map((l) => [l.color_mode, l.image_size, l.class_names]), [['rgb', [32, 32], null], ['rgb', [32, 32], ['cat', 'dog']]]);

      const model = onlyEvent(result, 'Sequential');
      assert.equal(model.name, 'bn-gap');
      assert.deepEqual((model.layers as { kind: string; args: unknown[]; kwargs: unknown }[]).map((l) => [l.kind, l.args, l.kwargs]), [
        ['Input', [], { shape: [32, 32, 3] }],
        ['layers.Conv2D', [], {
          filters: 32, kernel_size: [3, 3], padding: 'same', use_bias: false, kernel_initializer: 'he_normal',
          kernel_regularizer: { kind: 'regularizers.l2', args: [0.0005], kwargs: {} }, name: 'stem',
        }],
        ['layers.BatchNormalization', [], { momentum: 0.9, epsilon: 0.00001 }],
        ['layers.Activation', ['relu'], {}],
        ['layers.Conv2D', [], {
          filters: 64, kernel_size: [3, 3], strides: [2, 2], padding: 'same', activation: 'relu',
          kernel_regularizer: { kind: 'regularizers.l1_l2', args: [], kwargs: { l1: 0.0001, l2: 0.001 } },
        }],
        ['layers.BatchNormalization', [], {}],
        ['layers.AveragePooling2D', [], { pool_size: [2, 2], strides: [1, 1], padding: 'same' }],
        ['layers.GlobalAveragePooling2D', [], {}],
        ['layers.Dense', [], {
          units: 10, activation: 'softmax', kernel_initializer: 'glorot_normal',
          kernel_regularizer: { kind: 'regularizers.l1', args: [0.00001], kwargs: {} }, name: 'logits',
        }],
      ]);

      const compile = onlyEvent(result, 'compile');
      assert.deepEqual(compile, {
        event: 'compile',
        optimizer: { kind: 'optimizers.SGD', args: [], kwargs: { learning_rate: 0.05, momentum: 0.9, nesterov: true } },
        loss: 'sparse_categorical_crossentropy',
        metrics: ['accuracy'],
      });
      const datagen = onlyEvent(result, 'ImageDataGenerator');
      assert.deepEqual(datagen, {
        event: 'ImageDataGenerator', rotation_range: 15, vertical_flip: false, zoom_range: [0.9, 1.2], fill_mode: 'constant', cval: 128 / 255,
      });

      // 10 training images: the last 20% validate; the flow batches the other 8.
      const fit = onlyEvent(result, 'fit');
      assert.deepEqual(fit.args, [{
        kind: 'datagen.flow',
        args: [{ array: [8, 32, 32, 3], dtype: 'float32' }, { array: [8], dtype: 'int32' }],
        kwargs: { batch_size: 64, shuffle: true, seed: 1 },
      }]);
      assert.equal(fit.epochs, 30);
      assert.deepEqual(fit.validation_data, [{ array: [2, 32, 32, 3], dtype: 'float32' }, { array: [2], dtype: 'int32' }]);
      assert.deepEqual((fit.callbacks as { kind: string }[]).map((c) => c.kind), [
        'callbacks.EarlyStopping', 'callbacks.ReduceLROnPlateau', 'callbacks.LearningRateScheduler',
      ]);
      assert.deepEqual((fit.callbacks as { kwargs: unknown }[])[0].kwargs, { monitor: 'val_accuracy', min_delta: 0.001, patience: 5, restore_best_weights: true });
      assert.deepEqual((fit.callbacks as { kwargs: unknown }[])[1].kwargs, { monitor: 'val_loss', factor: 0.5, patience: 2, min_delta: 0.0001, min_lr: 0.00001 });

      // The rates CNN Lab's own scheduler gives: two warm-up epochs, then a half cosine from 0.05 towards 0.005.
      const schedule = batchNormGapCnn.fit?.callbacks?.[2];
      assert.equal(schedule?.type, 'LearningRateScheduler');
      const expected = Array.from({ length: 30 }, (_, epoch) => scheduledLearningRate(schedule as never, 0.05, epoch, 30));
      closeTo((fit.learning_rates as unknown[])[0], expected);
      closeTo(expected.slice(0, 3), [0.05 / 3, 0.1 / 3, 0.05]);

      assert.deepEqual(onlyEvent(result, 'evaluate').args, [{ array: [2, 32, 32, 3], dtype: 'float32' }, { array: [2], dtype: 'int32' }]);
      assert.equal(result.stdout, 'Test loss: 0.5000\nTest accuracy: 0.7500\n');
    });

    it('feeds one-hot labels to categorical_crossentropy and holds out 10% for validation (classic CNN)', () => {
      const result = run(classicCifarCnn);
      const fit = onlyEvent(result, 'fit');
      // The stand-in's CIFAR-10 has 50 training and 20 test images.
      assert.deepEqual((fit.args as { args: unknown[] }[])[0].args, [{ array: [45, 32, 32, 3], dtype: 'float32' }, { array: [45, 10], dtype: 'float32' }]);
      assert.deepEqual(fit.validation_data, [{ array: [5, 32, 32, 3], dtype: 'float32' }, { array: [5, 10], dtype: 'float32' }]);
      assert.deepEqual(onlyEvent(result, 'evaluate').args, [{ array: [20, 32, 32, 3], dtype: 'float32' }, { array: [20, 10], dtype: 'float32' }]);
      assert.deepEqual(onlyEvent(result, 'compile').optimizer, { kind: 'optimizers.RMSprop', args: [], kwargs: { learning_rate: 0.0001 } });
      assert.deepEqual(onlyEvent(result, 'ImageDataGenerator'), { event: 'ImageDataGenerator', width_shift_range: 0.1, height_shift_range: 0.1, horizontal_flip: true });
    });

    it('reads a grayscale image folder, trains without shuffling and drops the rate tenfold every 2 epochs', () => {
      const result = run(grayscaleFolderModel, images('data/digits/train', ['0', '1', '2'], 2));
      const load = onlyEvent(result, 'image_dataset_from_directory');
      assert.match((load.folder as { path: string }).path, /\/data\/digits\/train$/);
      assert.equal(load.color_mode, 'grayscale');
      assert.deepEqual(load.image_size, [28, 28]);
      const layers = onlyEvent(result, 'Sequential').layers as { kind: string; args: unknown[] }[];
      assert.deepEqual(layers[5], { kind: 'layers.Activation', args: [{ function: 'relu6' }], kwargs: {} });
      const fit = onlyEvent(result, 'fit');
      assert.deepEqual(fit.args, [{ array: [6, 28, 28, 1], dtype: 'float32' }, { array: [6], dtype: 'int32' }]);
      assert.equal(fit.shuffle, false);
      assert.equal(fit.batch_size, 32);
      closeTo((fit.learning_rates as unknown[])[0], [0.01, 0.01, 0.001]);
      assert.equal(result.events.some((e) => e.event === 'evaluate'), false);
      assert.equal(result.stdout, 'No test/ folder beside train/ and no validation split: no test accuracy.\n');
    });

    it('follows the first of two step schedules, with its warm-up, over the default 10 epochs', () => {
      const result = run(colourFolderModel, images('photos/train', ['a', 'b', 'c'], 2));
      const fit = onlyEvent(result, 'fit');
      assert.equal(fit.epochs, 10);
      assert.equal((fit.learning_rates as unknown[]).length, 1);
      closeTo((fit.learning_rates as unknown[])[0], [0.000075, 0.00015, 0.000225, 0.0003, 0.0003, 0.0003, 0.0003, 0.0003, 0.0003, 0.0003]);
      const first = colourFolderModel.fit?.callbacks?.[0];
      closeTo((fit.learning_rates as unknown[])[0], Array.from({ length: 10 }, (_, e) => scheduledLearningRate(first as never, 0.0003, e, 10)));
      assert.deepEqual(onlyEvent(result, 'compile').optimizer, {
        kind: 'optimizers.Adam', args: [], kwargs: { learning_rate: 0.0003, beta_1: 0.85, beta_2: 0.995, epsilon: 1e-8 },
      });
    });

    it('tests on the validation images when an image folder has no test/ folder, as CNN Lab does', () => {
      const result = run({ ...colourFolderModel, fit: { validationSplit: 0.5 } }, images('photos/train', ['a', 'b', 'c'], 2));
      const fit = onlyEvent(result, 'fit');
      assert.deepEqual(fit.args, [{ array: [3, 64, 64, 3], dtype: 'float32' }, { array: [3], dtype: 'int32' }]);
      assert.deepEqual(fit.validation_data, [{ array: [3, 64, 64, 3], dtype: 'float32' }, { array: [3], dtype: 'int32' }]);
      assert.deepEqual(onlyEvent(result, 'evaluate').args, fit.validation_data);
      assert.equal(onlyEvent(result, 'set_random_seed').seed, 42);
    });

    it('trains with Adam at 0.001 for 10 epochs of 32 when the model file says nothing', () => {
      const result = run(minimalModel);
      assert.deepEqual(onlyEvent(result, 'compile').optimizer, { kind: 'optimizers.Adam', args: [], kwargs: { learning_rate: 0.001 } });
      const fit = onlyEvent(result, 'fit');
      assert.deepEqual([fit.epochs, fit.batch_size, fit.validation_data, fit.shuffle, fit.callbacks], [10, 32, undefined, undefined, []]);
      assert.equal(onlyEvent(result, 'set_random_seed').seed, 42);
    });

    it('passes a learning-rate schedule to the optimizer as a keras.optimizers.schedules object', () => {
      const schedules: [LearningRateScheduleSpec, unknown][] = [
        [{ type: 'CosineDecay', initialLearningRate: 0.01, decaySteps: 700, warmupTarget: 0.1, warmupSteps: 70 },
          { kind: 'optimizers.schedules.CosineDecay', args: [], kwargs: { initial_learning_rate: 0.01, decay_steps: 700, warmup_target: 0.1, warmup_steps: 70 } }],
        [{ type: 'ExponentialDecay', initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.96, staircase: true },
          { kind: 'optimizers.schedules.ExponentialDecay', args: [], kwargs: { initial_learning_rate: 0.1, decay_steps: 100, decay_rate: 0.96, staircase: true } }],
        [{ type: 'PiecewiseConstantDecay', boundaries: [1000, 2000], values: [0.1, 0.01, 0.001] },
          { kind: 'optimizers.schedules.PiecewiseConstantDecay', args: [], kwargs: { boundaries: [1000, 2000], values: [0.1, 0.01, 0.001] } }],
      ];
      for (const [schedule, expected] of schedules) {
        const model: ModelFile = { ...minimalModel, compile: { optimizer: { type: 'sgd', momentum: 0.9, learningRate: schedule } } };
        const result = run(model);
        assert.deepEqual(onlyEvent(result, 'compile').optimizer, { kind: 'optimizers.SGD', args: [], kwargs: { learning_rate: expected, momentum: 0.9 } });
      }
    });
  });
});
