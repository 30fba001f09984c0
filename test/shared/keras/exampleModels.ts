// Model files the Keras bridge tests share: well-known networks and ones that use every option,
// plus the project's own examples/*.cnn.json.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { modelFileSchema, type ModelFile } from '../../../src/shared/modelSchema';

/** The classic Keras CIFAR-10 CNN (keras/examples/cifar10_cnn.py), 1,250,858 parameters. */
export const classicCifarCnn: ModelFile = {
  name: 'classic-cifar10-cnn',
  description: 'The Keras example CIFAR-10 CNN.',
  dataset: { name: 'cifar10' },
  layers: [
    { type: 'Conv2D', filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' },
    { type: 'Conv2D', filters: 32, kernelSize: 3, activation: 'relu' },
    { type: 'MaxPooling2D', poolSize: 2 },
    { type: 'Dropout', rate: 0.25 },
    { type: 'Conv2D', filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' },
    { type: 'Conv2D', filters: 64, kernelSize: 3, activation: 'relu' },
    { type: 'MaxPooling2D', poolSize: 2 },
    { type: 'Dropout', rate: 0.25 },
    { type: 'Flatten' },
    { type: 'Dense', units: 512, activation: 'relu' },
    { type: 'Dropout', rate: 0.5 },
    { type: 'Dense', units: 10, activation: 'softmax' },
  ],
  compile: { optimizer: { type: 'rmsprop', learningRate: 0.0001 }, loss: 'categoricalCrossentropy', metrics: ['accuracy'] },
  fit: { epochs: 50, batchSize: 32, validationSplit: 0.1, seed: 7 },
  augmentation: { widthShiftRange: 0.1, heightShiftRange: 0.1, horizontalFlip: true },
};

/** The TensorFlow CNN tutorial's CIFAR-10 model, 122,570 parameters (its logits followed by softmax, as CNN Lab trains it). */
export const tensorflowTutorialCnn: ModelFile = {
  name: 'tf-tutorial-cnn',
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
};

/** Batch normalisation, global average pooling, regularizers, initializers, every callback. */
export const batchNormGapCnn: ModelFile = {
  name: 'bn-gap',
  dataset: { name: 'cifar10-sample' },
  layers: [
    { type: 'Conv2D', name: 'stem', filters: 32, kernelSize: [3, 3], padding: 'same', useBias: false, kernelInitializer: 'heNormal', kernelRegularizer: { l2: 0.0005 } },
    { type: 'BatchNormalization', momentum: 0.9, epsilon: 0.00001 },
    { type: 'Activation', activation: 'relu' },
    { type: 'Conv2D', filters: 64, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelRegularizer: { l1: 0.0001, l2: 0.001 } },
    { type: 'BatchNormalization' },
    { type: 'AveragePooling2D', poolSize: [2, 2], strides: 1, padding: 'same' },
    { type: 'GlobalAveragePooling2D' },
    { type: 'Dense', name: 'logits', units: 10, activation: 'softmax', kernelInitializer: 'glorotNormal', kernelRegularizer: { l1: 0.00001 } },
  ],
  compile: { optimizer: { type: 'sgd', learningRate: 0.05, momentum: 0.9, nesterov: true } },
  fit: {
    epochs: 30, batchSize: 64, validationSplit: 0.2, seed: 1, shuffle: true,
    callbacks: [
      { type: 'EarlyStopping', monitor: 'val_accuracy', patience: 5, minDelta: 0.001, restoreBestWeights: true },
      { type: 'ReduceLROnPlateau', monitor: 'val_loss', factor: 0.5, patience: 2, minDelta: 0.0001, minLr: 0.00001 },
      { type: 'LearningRateScheduler', schedule: 'cosineDecay', alpha: 0.1, warmupEpochs: 2 },
    ],
  },
  augmentation: { rotationRange: 15, zoomRange: [0.9, 1.2], fillMode: 'constant', cval: 128, verticalFlip: false },
};

/** A grayscale image folder with every remaining activation and initializer. */
export const grayscaleFolderModel: ModelFile = {
  name: 'digits in a folder',
  dataset: { name: 'imageFolder', path: 'data/digits', imageSize: [28, 28], grayscale: true },
  layers: [
    { type: 'Conv2D', filters: 8, kernelSize: [5, 3], strides: [2, 1], activation: 'elu', kernelInitializer: 'leCunUniform' },
    { type: 'MaxPooling2D', poolSize: [3, 2], strides: [1, 2], padding: 'same' },
    { type: 'Conv2D', filters: 8, kernelSize: 1, activation: 'selu', kernelInitializer: 'leCunNormal' },
    { type: 'Activation', activation: 'hardSigmoid' },
    { type: 'Activation', activation: 'relu6' },
    { type: 'Activation', activation: 'swish' },
    { type: 'Activation', activation: 'gelu' },
    { type: 'Activation', activation: 'mish' },
    { type: 'Conv2D', filters: 4, kernelSize: 3, activation: 'tanh', kernelInitializer: 'heUniform' },
    { type: 'Flatten' },
    { type: 'Dense', units: 16, activation: 'softplus', kernelInitializer: 'randomNormal' },
    { type: 'Dense', units: 16, activation: 'softsign', kernelInitializer: 'randomUniform' },
    { type: 'Dense', units: 16, activation: 'sigmoid', kernelInitializer: 'truncatedNormal' },
    { type: 'Dense', units: 16, kernelInitializer: 'orthogonal', useBias: false },
    { type: 'Dense', units: 16, activation: 'linear', kernelInitializer: 'varianceScaling' },
    { type: 'Dense', units: 16, kernelInitializer: 'zeros' },
    { type: 'Dense', units: 10, activation: 'softmax', kernelInitializer: 'ones' },
  ],
  compile: { optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' },
  fit: {
    epochs: 3, shuffle: false,
    callbacks: [{ type: 'LearningRateScheduler', schedule: 'stepDecay', dropEvery: 2, factor: 0.1 }],
  },
};

/** A colour image folder at 64×64 with Adam spelled out and a step schedule with warm-up. */
export const colourFolderModel: ModelFile = {
  dataset: { name: 'imageFolder', path: 'photos', imageSize: [64, 64] },
  inputShape: [64, 64, 3],
  layers: [
    { type: 'Conv2D', name: 'conv.a', filters: 16, kernelSize: 3, activation: 'relu' },
    { type: 'MaxPooling2D' },
    { type: 'AveragePooling2D', poolSize: 2 },
    { type: 'Flatten' },
    { type: 'BatchNormalization' },
    { type: 'Dense', units: 3, activation: 'softmax' },
  ],
  compile: { optimizer: { type: 'adam', learningRate: 0.0003, beta1: 0.85, beta2: 0.995, epsilon: 1e-8 } },
  fit: {
    callbacks: [
      { type: 'LearningRateScheduler', schedule: 'stepDecay', warmupEpochs: 3 },
      { type: 'LearningRateScheduler', schedule: 'stepDecay', dropEvery: 4 },
    ],
  },
};

/** A local CIFAR-10 copy and the bare minimum of settings. */
export const minimalModel: ModelFile = {
  dataset: { name: 'cifar10', path: 'downloads/cifar-10-binary.tar.gz' },
  layers: [{ type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'softmax' }],
};

/** Every example, by name. */
export const EXAMPLE_MODELS: Readonly<Record<string, ModelFile>> = {
  classicCifarCnn, tensorflowTutorialCnn, batchNormGapCnn, grayscaleFolderModel, colourFolderModel, minimalModel,
};

const EXAMPLES_DIR = join(__dirname, '../../../examples');

/** The project's examples/*.cnn.json, validated, by file name. */
export function projectExamples(): [string, ModelFile][] {
  const files = existsSync(EXAMPLES_DIR) ? readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.cnn.json')).sort() : [];
  return files.map((f): [string, ModelFile] => {
    const parsed = modelFileSchema.safeParse(parseJsonc(readFileSync(join(EXAMPLES_DIR, f), 'utf8')));
    assert.ok(parsed.success, `examples/${f} is not a valid model file`);
    return [`examples/${f}`, parsed.data];
  });
}
