// importKeras on files in the real formats of each Keras generation (test/fixtures/keras/).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importKeras } from '../../../src/shared/keras';

const FIXTURES = join(__dirname, '../../fixtures/keras');

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
}

const DATASET_WARNING = (shape: string): string =>
  `dataset: Keras files do not say which images a model was trained on; for ${shape} inputs the model file uses an image folder: set dataset.path (now "path/to/image-folder") to a folder with train/<class>/ images`;

describe('importKeras on real Keras formats', () => {
  it('imports the TensorFlow CNN tutorial model from tf.keras 2.4 model.to_json()', () => {
    const { model, warnings } = importKeras(fixture('tf-keras-2.4-cnn-tutorial.json'));
    // Conv2D 32 → MaxPool → Conv2D 64 → MaxPool → Conv2D 64 → Flatten → Dense 64 → Dense 10: 122,570 parameters in Keras.
    assert.deepEqual(model, {
      description: 'Imported from Keras 2.4.0.',
      dataset: { name: 'cifar10' },
      inputShape: [32, 32, 3],
      layers: [
        { type: 'Conv2D', filters: 32, kernelSize: 3, activation: 'relu' },
        { type: 'MaxPooling2D', poolSize: 2 },
        { type: 'Conv2D', filters: 64, kernelSize: 3, activation: 'relu' },
        { type: 'MaxPooling2D', poolSize: 2 },
        { type: 'Conv2D', filters: 64, kernelSize: 3, activation: 'relu' },
        { type: 'Flatten' },
        { type: 'Dense', units: 64, activation: 'relu' },
        { type: 'Dense', units: 10 },
        { type: 'Activation', activation: 'softmax' },
      ],
    });
    assert.deepEqual(warnings, [
      'output: the last layer (Dense) gives logits; a softmax Activation was added after it, since CNN Lab\'s losses take class probabilities (the same as Keras\'s from_logits=True)',
    ]);
  });

  it('imports a Keras 3 .keras config.json with dtype policies, module-tagged objects and compile_config', () => {
    const { model, warnings } = importKeras(fixture('keras-3-bn-gap.config.json'));
    assert.deepEqual(model, {
      name: 'cifar_bn_gap',
      description: 'Imported from Keras 3.',
      dataset: { name: 'cifar10' },
      inputShape: [32, 32, 3],
      layers: [
        { type: 'Conv2D', name: 'conv_1', filters: 32, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: 'heNormal', kernelRegularizer: { l2: 0.0005 } },
        { type: 'BatchNormalization', momentum: 0.9 },
        { type: 'Activation', activation: 'relu' },
        { type: 'MaxPooling2D', poolSize: 2 },
        { type: 'Conv2D', name: 'conv_2', filters: 64, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: 'heNormal', kernelRegularizer: { l2: 0.0005 } },
        { type: 'BatchNormalization', momentum: 0.9 },
        { type: 'Activation', activation: 'swish' },
        { type: 'GlobalAveragePooling2D' },
        { type: 'Dropout', rate: 0.3 },
        { type: 'Dense', name: 'predictions', units: 10, activation: 'softmax' },
      ],
      // The learning rate was saved as the float32 0.019999999552965164.
      compile: { optimizer: { type: 'sgd', learningRate: 0.02, momentum: 0.9, nesterov: true }, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] },
    });
    assert.deepEqual(warnings, ['layers[1] "rescaling" (Rescaling): Rescaling(1/255) is left out: CNN Lab already scales pixels to [0, 1]']);
  });

  it('imports a model.json saved by TensorFlow.js 4.22 (tfjs-examples MNIST CNN)', () => {
    const { model, warnings } = importKeras(fixture('tfjs-layers-mnist-cnn.model.json'));
    assert.deepEqual(model, {
      description: 'Imported from a TensorFlow.js model.json (TensorFlow.js tfjs-layers v4.22.0).',
      dataset: { name: 'imageFolder', path: 'path/to/image-folder', imageSize: [28, 28], grayscale: true },
      inputShape: [28, 28, 1],
      layers: [
        // tfjs's default kernel initializer is glorotNormal, written as VarianceScaling(1, fan_avg, normal).
        { type: 'Conv2D', filters: 16, kernelSize: 3, activation: 'relu', kernelInitializer: 'glorotNormal' },
        { type: 'MaxPooling2D', poolSize: 2 },
        { type: 'Conv2D', filters: 32, kernelSize: 3, activation: 'relu', kernelInitializer: 'glorotNormal' },
        { type: 'MaxPooling2D', poolSize: 2 },
        { type: 'Conv2D', filters: 32, kernelSize: 3, activation: 'relu', kernelInitializer: 'glorotNormal' },
        { type: 'Flatten' },
        { type: 'Dense', units: 64, activation: 'relu', kernelInitializer: 'glorotNormal' },
        { type: 'Dense', units: 10, activation: 'softmax', kernelInitializer: 'glorotNormal' },
      ],
      // tfjs names RMSprop's rho "decay"; 0.9 is the default, so nothing but the type remains.
      compile: { optimizer: { type: 'rmsprop' }, loss: 'categoricalCrossentropy', metrics: ['accuracy'] },
    });
    assert.deepEqual(warnings, [DATASET_WARNING('28×28×1')]);
  });

  it('imports a Keras 2.1 model converted by tensorflowjs (a bare layer list, VarianceScaling initializers)', () => {
    const { model, warnings } = importKeras(fixture('tfjs-converter-keras-2.1-mnist-transfer.model.json'));
    assert.deepEqual(model, {
      description: 'Imported from a Keras 2.1.4 model converted to TensorFlow.js.',
      dataset: { name: 'imageFolder', path: 'path/to/image-folder', imageSize: [28, 28], grayscale: true },
      inputShape: [28, 28, 1],
      layers: [
        { type: 'Conv2D', filters: 32, kernelSize: 3, activation: 'relu' },
        { type: 'Conv2D', filters: 32, kernelSize: 3, activation: 'relu' },
        { type: 'MaxPooling2D', poolSize: 2 },
        { type: 'Dropout', rate: 0.25 },
        { type: 'Flatten' },
        { type: 'Dense', units: 128, activation: 'relu' },
        { type: 'Dropout', rate: 0.5 },
        { type: 'Dense', units: 5, activation: 'softmax' },
      ],
      compile: { loss: 'categoricalCrossentropy', metrics: ['accuracy'] },
    });
    assert.deepEqual(warnings, [
      'compile: optimizer Adadelta is not available; CNN Lab will use its default (adam)',
      DATASET_WARNING('28×28×1'),
    ]);
  });

  it('converts Keras 1.2 Convolution2D (nb_filter, nb_row/nb_col, border_mode, subsample) and Dense (output_dim)', () => {
    const { model, warnings } = importKeras(fixture('keras-1.2-cifar10-cnn.json'));
    assert.deepEqual(model, {
      description: 'Imported from Keras 1.2.2.',
      dataset: { name: 'cifar10' },
      inputShape: [32, 32, 3],
      layers: [
        { type: 'Conv2D', filters: 32, kernelSize: 3, padding: 'same' },
        { type: 'Activation', activation: 'relu' },
        { type: 'Conv2D', filters: 32, kernelSize: 3 },
        { type: 'Activation', activation: 'relu' },
        { type: 'MaxPooling2D', poolSize: 2 },
        { type: 'Dropout', rate: 0.25 },
        { type: 'Conv2D', filters: 64, kernelSize: 3, padding: 'same' },
        { type: 'Activation', activation: 'relu' },
        { type: 'Conv2D', filters: 64, kernelSize: 3 },
        { type: 'Activation', activation: 'relu' },
        { type: 'MaxPooling2D', poolSize: 2 },
        { type: 'Dropout', rate: 0.25 },
        { type: 'Flatten' },
        { type: 'Dense', units: 512 },
        { type: 'Activation', activation: 'relu' },
        { type: 'Dropout', rate: 0.5 },
        { type: 'Dense', units: 10 },
        { type: 'Activation', activation: 'softmax' },
      ],
    });
    assert.deepEqual(warnings, []);
  });

  it('refuses Keras 1 channels-first (Theano dim_ordering) models, naming every layer', () => {
    assert.throws(() => importKeras(fixture('keras-1.2-channels-first.json')), {
      message: [
        'Cannot import this Keras model into CNN Lab:',
        ...[[0, 'convolution2d_1', 'Convolution2D'], [2, 'convolution2d_2', 'Convolution2D'], [4, 'maxpooling2d_1', 'MaxPooling2D'],
          [6, 'convolution2d_3', 'Convolution2D'], [8, 'convolution2d_4', 'Convolution2D'], [10, 'maxpooling2d_2', 'MaxPooling2D']]
          .map(([i, name, cls]) => `  - layers[${i}] "${name}" (${cls}): dim_ordering "th" (Theano, channels first): CNN Lab works with channels-last images (height, width, channels) only`),
      ].join('\n'),
    });
  });

  it('refuses a functional model with a residual branch, naming the branch and the merge', () => {
    assert.throws(() => importKeras(fixture('tf-keras-2.9-functional-residual.json')), {
      message: [
        'Cannot import this Keras model into CNN Lab:',
        '  - model: a functional model with branches: CNN Lab models are one chain of layers',
        '  - layers[4] "add" (Add): takes 2 inputs (conv2d_2, conv2d): a merge of branches',
        '  - layers[1] "conv2d" (Conv2D): feeds 2 layers (conv2d_1, add): a branch',
        '  - layers[4] "add" (Add): this layer type is not available in CNN Lab',
      ].join('\n'),
    });
  });

  it('imports a Keras 3 functional model that is a single chain', () => {
    const { model, warnings } = importKeras(fixture('keras-3-functional-chain.json'));
    assert.deepEqual(model, {
      description: 'Imported from Keras 3.',
      dataset: { name: 'imageFolder', path: 'path/to/image-folder', imageSize: [64, 64] },
      inputShape: [64, 64, 3],
      layers: [
        { type: 'Conv2D', filters: 16, kernelSize: 5, activation: 'relu' },
        { type: 'AveragePooling2D', poolSize: 2 },
        { type: 'Flatten' },
        { type: 'Dense', units: 4, activation: 'softmax' },
      ],
    });
    assert.deepEqual(warnings, [DATASET_WARNING('64×64×3')]);
  });

  it('refuses a text model, naming each layer CNN Lab lacks and its position', () => {
    assert.throws(() => importKeras(fixture('tf-keras-2.6-text-lstm.json')), {
      message: [
        'Cannot import this Keras model into CNN Lab:',
        '  - input: input shape [null,100] is not an image (batch, height, width, channels)',
        '  - layers[1] "embedding" (Embedding): this layer type is not available in CNN Lab',
        '  - layers[2] "conv1d" (Conv1D): this layer type is not available in CNN Lab',
        '  - layers[3] "lstm" (LSTM): this layer type is not available in CNN Lab',
      ].join('\n'),
    });
  });

  it('reads the JSON text as well as the parsed object', () => {
    const text = readFileSync(join(FIXTURES, 'keras-3-bn-gap.config.json'), 'utf8');
    assert.deepEqual(importKeras(text), importKeras(JSON.parse(text)));
  });
});
