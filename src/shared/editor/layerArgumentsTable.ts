// Every argument of a layer as Keras spells and prints it, with the defaults the model file
// leaves out filled in, so a hover reads like the layer's signature in the Keras docs.
import { KERAS_ACTIVATION, KERAS_INITIALIZER } from '../keras/kerasNames';
import { pyBool, pyNumber, pyString, pyTuple } from '../keras/pythonSyntax';
import type { Activation, LayerSpec } from '../modelSchema';

/** One argument: Keras's name, its value as Python prints it, and whether the file set it. */
export interface LayerArgument {
  keras: string;
  value: string;
  isDefault: boolean;
}

/** Keras's class of each layer type. */
export const KERAS_CLASS: Record<LayerSpec['type'], string> = {
  Conv2D: 'keras.layers.Conv2D',
  MaxPooling2D: 'keras.layers.MaxPooling2D',
  AveragePooling2D: 'keras.layers.AveragePooling2D',
  Flatten: 'keras.layers.Flatten',
  Dense: 'keras.layers.Dense',
  Dropout: 'keras.layers.Dropout',
  BatchNormalization: 'keras.layers.BatchNormalization',
  GlobalAveragePooling2D: 'keras.layers.GlobalAveragePooling2D',
  Activation: 'keras.layers.Activation',
};

/** What each layer does, in a sentence a Keras user recognises. */
export const LAYER_PURPOSE: Record<LayerSpec['type'], string> = {
  Conv2D: 'Slides `filters` learned kernels of `kernel_size` over the image; each kernel gives one output channel, a map of where its pattern appears.',
  MaxPooling2D: 'Downsamples each channel by keeping the largest value of every `pool_size` window; no weights.',
  AveragePooling2D: 'Downsamples each channel by averaging every `pool_size` window; no weights.',
  Flatten: 'Reshapes height × width × channels into one vector, the flat input a Dense layer needs; no weights.',
  Dense: 'Fully connected: each of the `units` outputs is a weighted sum of every input plus a bias, passed through the activation.',
  Dropout: 'During training only, sets a random fraction `rate` of its inputs to 0 and scales the rest by 1 / (1 − rate), so the network cannot rely on any one feature; no weights.',
  BatchNormalization: 'Normalises each channel with the batch\'s mean and variance while training (their moving averages at inference), then scales by a learned γ and shifts by a learned β.',
  GlobalAveragePooling2D: 'Averages each channel over height and width, giving one value per channel: a flat input for Dense with no weights.',
  Activation: 'Applies an activation function to every value on its own; no weights.',
};

type Size = number | [number, number];

/** The layer's arguments in Keras's order and spelling, defaults included. */
export function kerasArguments(layer: LayerSpec, generatedName: string): LayerArgument[] {
  const arg = (keras: string, written: string | undefined, fallback: string): LayerArgument =>
    ({ keras, value: written ?? fallback, isDefault: written === undefined });
  const name = arg('name', layer.name === undefined ? undefined : pyString(layer.name), pyString(generatedName));
  switch (layer.type) {
    case 'Conv2D':
      return [
        arg('filters', pyNumber(layer.filters), ''),
        arg('kernel_size', size(layer.kernelSize), ''),
        arg('strides', optional(layer.strides, size), '(1, 1)'),
        arg('padding', optional(layer.padding, pyString), pyString('valid')),
        arg('activation', optional(layer.activation, activation), 'None (linear)'),
        arg('use_bias', optional(layer.useBias, pyBool), 'True'),
        arg('kernel_initializer', optional(layer.kernelInitializer, (i) => pyString(KERAS_INITIALIZER[i].argument)), pyString('glorot_uniform')),
        arg('kernel_regularizer', optional(layer.kernelRegularizer, regularizer), 'None'),
        name,
      ];
    case 'MaxPooling2D':
    case 'AveragePooling2D':
      return [
        arg('pool_size', optional(layer.poolSize, size), '(2, 2)'),
        arg('strides', optional(layer.strides, size), 'None (= pool_size)'),
        arg('padding', optional(layer.padding, pyString), pyString('valid')),
        name,
      ];
    case 'Dense':
      return [
        arg('units', pyNumber(layer.units), ''),
        arg('activation', optional(layer.activation, activation), 'None (linear)'),
        arg('use_bias', optional(layer.useBias, pyBool), 'True'),
        arg('kernel_initializer', optional(layer.kernelInitializer, (i) => pyString(KERAS_INITIALIZER[i].argument)), pyString('glorot_uniform')),
        arg('kernel_regularizer', optional(layer.kernelRegularizer, regularizer), 'None'),
        name,
      ];
    case 'Dropout':
      return [arg('rate', pyNumber(layer.rate), ''), name];
    case 'BatchNormalization':
      return [
        arg('momentum', optional(layer.momentum, pyNumber), '0.99'),
        arg('epsilon', optional(layer.epsilon, pyNumber), '0.001'),
        name,
      ];
    case 'Activation':
      return [arg('activation', activation(layer.activation), ''), name];
    case 'Flatten':
    case 'GlobalAveragePooling2D':
      return [name];
    default: {
      const unknown: never = layer;
      throw new Error(`unknown layer ${JSON.stringify(unknown)}`);
    }
  }
}

function optional<T>(value: T | undefined, write: (v: T) => string): string | undefined {
  return value === undefined ? undefined : write(value);
}

function size(value: Size): string {
  return typeof value === 'number' ? pyTuple([value, value]) : pyTuple(value);
}

function activation(value: Activation): string {
  return pyString(KERAS_ACTIVATION[value]);
}

function regularizer(value: { l1?: number; l2?: number }): string {
  return `regularizers.l1_l2(l1=${pyNumber(value.l1 ?? 0)}, l2=${pyNumber(value.l2 ?? 0)})`;
}
