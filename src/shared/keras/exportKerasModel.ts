// The `keras.Sequential([...])` that builds a CNN Lab model. Only the arguments the model file
// sets are written; the others take Keras's defaults, which CNN Lab's defaults equal.
import type { Activation, LayerSpec, ModelFile } from '../modelSchema';
import { datasetInputShape } from '../datasetInfo';
import { KERAS_ACTIVATION, KERAS_INITIALIZER, type InitializerName } from './kerasNames';
import { pyCall, pyNumber, pyString, pyTuple, type Keyword } from './pythonSyntax';
import { kerasModelName } from './toKerasModelJson';

/** Python lines that define `model`, and whether they need `regularizers` imported. */
export interface ModelCode {
  readonly lines: string[];
  readonly usesRegularizers: boolean;
}

/** The lines `model = keras.Sequential([...], name=…)` for a model file. */
export function sequentialModelCode(model: ModelFile): ModelCode {
  const layerCalls = model.layers.map(layerCall);
  const lines = [
    'model = keras.Sequential(',
    '    [',
    `        ${pyCall('keras.Input', [], [['shape', pyTuple(model.inputShape ?? datasetInputShape(model.dataset))]])},`,
    ...layerCalls.map((call) => `        ${call},`),
    '    ],',
    `    name=${pyString(kerasModelName(model.name))},`,
    ')',
  ];
  return { lines, usesRegularizers: model.layers.some(hasRegularizer) };
}

function layerCall(layer: LayerSpec): string {
  const name: Keyword = ['name', layer.name === undefined ? undefined : pyString(layer.name)];
  switch (layer.type) {
    case 'Conv2D':
      return pyCall('layers.Conv2D', [], [
        ['filters', pyNumber(layer.filters)],
        ['kernel_size', size(layer.kernelSize)],
        ['strides', optionalSize(layer.strides)],
        ['padding', optionalString(layer.padding)],
        ['activation', activation(layer.activation)],
        ['use_bias', layer.useBias === undefined ? undefined : layer.useBias ? 'True' : 'False'],
        ['kernel_initializer', initializer(layer.kernelInitializer)],
        ['kernel_regularizer', regularizer(layer.kernelRegularizer)],
        name,
      ]);
    case 'MaxPooling2D':
    case 'AveragePooling2D':
      return pyCall(`layers.${layer.type}`, [], [
        ['pool_size', optionalSize(layer.poolSize)],
        ['strides', optionalSize(layer.strides)],
        ['padding', optionalString(layer.padding)],
        name,
      ]);
    case 'Dense':
      return pyCall('layers.Dense', [], [
        ['units', pyNumber(layer.units)],
        ['activation', activation(layer.activation)],
        ['use_bias', layer.useBias === undefined ? undefined : layer.useBias ? 'True' : 'False'],
        ['kernel_initializer', initializer(layer.kernelInitializer)],
        ['kernel_regularizer', regularizer(layer.kernelRegularizer)],
        name,
      ]);
    case 'Dropout':
      return pyCall('layers.Dropout', [], [['rate', pyNumber(layer.rate)], name]);
    case 'BatchNormalization':
      return pyCall('layers.BatchNormalization', [], [
        ['momentum', layer.momentum === undefined ? undefined : pyNumber(layer.momentum)],
        ['epsilon', layer.epsilon === undefined ? undefined : pyNumber(layer.epsilon)],
        name,
      ]);
    case 'Activation':
      return pyCall('layers.Activation', [activation(layer.activation) as string], [name]);
    case 'Flatten':
    case 'GlobalAveragePooling2D':
      return pyCall(`layers.${layer.type}`, [], [name]);
    default: {
      const unknown: never = layer;
      throw new Error(`unknown layer ${JSON.stringify(unknown)}`);
    }
  }
}

function size(value: number | [number, number]): string {
  return typeof value === 'number' ? pyTuple([value, value]) : pyTuple(value);
}

function optionalSize(value: number | [number, number] | undefined): string | undefined {
  return value === undefined ? undefined : size(value);
}

function optionalString(value: string | undefined): string | undefined {
  return value === undefined ? undefined : pyString(value);
}

function activation(value: Activation | undefined): string | undefined {
  if (value === undefined) return undefined;
  // tf.keras 2.x has no 'relu6' activation string; tf.nn.relu6 works in every TensorFlow 2.
  if (value === 'relu6') return 'tf.nn.relu6';
  return pyString(KERAS_ACTIVATION[value]);
}

function initializer(value: InitializerName | undefined): string | undefined {
  return value === undefined ? undefined : pyString(KERAS_INITIALIZER[value].argument);
}

function regularizer(value: { l1?: number; l2?: number } | undefined): string | undefined {
  const l1 = value?.l1 ?? 0;
  const l2 = value?.l2 ?? 0;
  if (l1 === 0 && l2 === 0) return undefined;
  if (l1 === 0) return pyCall('regularizers.l2', [pyNumber(l2)]);
  if (l2 === 0) return pyCall('regularizers.l1', [pyNumber(l1)]);
  return pyCall('regularizers.l1_l2', [], [['l1', pyNumber(l1)], ['l2', pyNumber(l2)]]);
}

function hasRegularizer(layer: LayerSpec): boolean {
  return (layer.type === 'Conv2D' || layer.type === 'Dense') && regularizer(layer.kernelRegularizer) !== undefined;
}
