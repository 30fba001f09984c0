// One Keras layer → one CNN Lab layer. Arguments equal to CNN Lab's defaults are left out so an
// imported model file reads like one written by hand.
import type { LayerSpec } from '../modelSchema';
import { describeLayer, type ImportIssues } from './importIssues';
import { canonicalLayerClass, upgradeKeras1Config } from './keras1Config';
import { readKerasObject, type JsonObject } from './kerasJson';
import { isGeneratedLayerName } from './kerasNames';
import { LayerArguments } from './layerArguments';

/** A layer as it appears in a Keras model config. */
export interface KerasLayerEntry {
  readonly className: string;
  readonly config: JsonObject;
  readonly name?: string;
}

/** Where a layer sits: its index in the Keras layer list and the rank of its input (3: h×w×c, 1: a vector). */
export interface LayerPosition {
  readonly index: number;
  readonly inputRank: number;
  /** Whether every layer before this one was dropped (an InputLayer, a Rescaling). */
  readonly atStart: boolean;
}

/** The CNN Lab layer for a Keras layer; null when the layer has no CNN Lab counterpart to keep. */
export function importLayer(entry: KerasLayerEntry, position: LayerPosition, issues: ImportIssues): LayerSpec | null {
  const className = canonicalLayerClass(entry.className);
  const args = new LayerArguments(describeLayer(position.index, entry.name, entry.className), upgradeKeras1Config(entry.config), issues);
  const converter = Object.hasOwn(CONVERTERS, className) ? CONVERTERS[className] : undefined;
  if (!converter) {
    args.error('this layer type is not available in CNN Lab');
    return null;
  }
  if (args.get('trainable') === false) args.warn('trainable false is left out: CNN Lab trains every layer');
  const layer = converter(args, position);
  if (!layer) return null;
  return withName(layer, entry, args);
}

/** Whether a Keras layer class can be imported (InputLayer included, which sets the input shape). */
export function isImportableLayerClass(className: string): boolean {
  return className === 'InputLayer' || Object.hasOwn(CONVERTERS, canonicalLayerClass(className));
}

type Converter = (args: LayerArguments, position: LayerPosition) => LayerSpec | null;

const CONVERTERS: Readonly<Record<string, Converter>> = {
  Conv2D: conv2d,
  MaxPooling2D: (args) => pooling('MaxPooling2D', args),
  AveragePooling2D: (args) => pooling('AveragePooling2D', args),
  Dense: dense,
  Dropout: dropout,
  Flatten: (args) => {
    args.requireChannelsLast();
    return { type: 'Flatten' };
  },
  GlobalAveragePooling2D: (args) => {
    args.requireChannelsLast();
    if (args.get('keepdims') === true) args.error('keepdims true keeps a 1×1 spatial shape; CNN Lab\'s GlobalAveragePooling2D gives a vector');
    return { type: 'GlobalAveragePooling2D' };
  },
  BatchNormalization: batchNormalization,
  Activation: (args) => {
    const activation = args.activation();
    if (!args.get('activation')) args.error('an Activation layer needs an activation');
    return activation ? { type: 'Activation', activation } : null;
  },
  ReLU: relu,
  Softmax: (args) => {
    const axis = args.get('axis');
    if (axis !== undefined && axis !== -1) args.error(`axis ${JSON.stringify(axis)} is not the last axis`);
    return { type: 'Activation', activation: 'softmax' };
  },
  Rescaling: rescaling,
};

function conv2d(args: LayerArguments): LayerSpec | null {
  args.requireChannelsLast();
  const filters = args.number('filters');
  const kernelSize = args.pair('kernel_size');
  const dilation = args.pair('dilation_rate');
  if (dilation && (dilation[0] !== 1 || dilation[1] !== 1)) args.error(`dilation_rate ${JSON.stringify(dilation)} is not available; CNN Lab convolutions are not dilated`);
  const groups = args.number('groups');
  if (groups !== undefined && groups !== 1) args.error(`groups ${groups} is not available; CNN Lab convolutions are not grouped`);
  if (filters === undefined || !kernelSize) {
    args.error('a Conv2D needs filters and kernel_size');
    return null;
  }
  const strides = args.pair('strides');
  const padding = args.padding();
  return {
    type: 'Conv2D',
    filters,
    kernelSize: compactPair(kernelSize),
    ...(strides && !isPair(strides, 1) ? { strides: compactPair(strides) } : {}),
    ...(padding === 'same' ? { padding } : {}),
    ...kernelArguments(args),
  };
}

/** The arguments Conv2D and Dense share (activation, bias, kernel initializer and regularizer), Keras defaults left out. */
function kernelArguments(args: LayerArguments) {
  const activation = args.activation();
  const useBias = args.boolean('use_bias');
  const kernelInitializer = args.initializer('kernel_initializer');
  const kernelRegularizer = args.regularizer('kernel_regularizer');
  dropTrainingOnlyArguments(args);
  return {
    ...(activation && activation !== 'linear' ? { activation } : {}),
    ...(useBias === false ? { useBias } : {}),
    ...(kernelInitializer && kernelInitializer !== 'glorotUniform' ? { kernelInitializer } : {}),
    ...(kernelRegularizer ? { kernelRegularizer } : {}),
  };
}

function pooling(type: 'MaxPooling2D' | 'AveragePooling2D', args: LayerArguments): LayerSpec {
  args.requireChannelsLast();
  const poolSize = args.pair('pool_size') ?? [2, 2];
  const strides = args.pair('strides');
  const padding = args.padding();
  return {
    type,
    poolSize: compactPair(poolSize),
    ...(strides && (strides[0] !== poolSize[0] || strides[1] !== poolSize[1]) ? { strides: compactPair(strides) } : {}),
    ...(padding === 'same' ? { padding } : {}),
  };
}

function dense(args: LayerArguments): LayerSpec | null {
  const units = args.number('units');
  if (units === undefined) {
    args.error('a Dense layer needs units');
    return null;
  }
  return { type: 'Dense', units, ...kernelArguments(args) };
}

function dropout(args: LayerArguments): LayerSpec | null {
  const rate = args.number('rate');
  if (rate === undefined) {
    args.error('a Dropout layer needs a rate');
    return null;
  }
  args.dropIfSet('noise_shape', 'CNN Lab drops single values, not whole channels');
  return { type: 'Dropout', rate };
}

function batchNormalization(args: LayerArguments, position: LayerPosition): LayerSpec {
  const axis = args.get('axis');
  // Keras writes the last axis as -1, or once built as its index counted with the batch axis ([3] for images).
  const last = [-1, position.inputRank];
  const axes = Array.isArray(axis) ? axis : [axis ?? -1];
  if (axes.length !== 1 || !last.includes(axes[0] as number)) {
    args.error(`axis ${JSON.stringify(axis)} is not the channel axis; CNN Lab normalises each channel (the last axis)`);
  }
  const mode = args.get('mode');
  if (mode !== undefined && mode !== 0) args.error(`Keras 1 mode ${JSON.stringify(mode)} is not available; CNN Lab normalises feature-wise (mode 0)`);
  if (args.get('center') === false || args.get('scale') === false) {
    args.warn('center/scale false is left out: CNN Lab\'s BatchNormalization always learns both beta and gamma');
  }
  if (args.get('renorm') === true) args.warn('renorm is left out: CNN Lab uses plain batch normalisation');
  for (const key of ['beta_regularizer', 'gamma_regularizer', 'beta_constraint', 'gamma_constraint']) {
    args.dropIfSet(key, 'CNN Lab has no place for it');
  }
  const momentum = args.number('momentum');
  const epsilon = args.number('epsilon');
  return {
    type: 'BatchNormalization',
    ...(momentum !== undefined && momentum !== 0.99 ? { momentum } : {}),
    ...(epsilon !== undefined && epsilon !== 0.001 ? { epsilon } : {}),
  };
}

function relu(args: LayerArguments): LayerSpec | null {
  const maxValue = args.number('max_value');
  const slope = args.number('negative_slope') ?? 0;
  const threshold = args.number('threshold') ?? 0;
  if (slope !== 0 || threshold !== 0 || (maxValue !== undefined && maxValue !== 6)) {
    args.error(`ReLU with max_value ${maxValue ?? null}, negative_slope ${slope}, threshold ${threshold} is not available; CNN Lab has relu and relu6`);
    return null;
  }
  return { type: 'Activation', activation: maxValue === 6 ? 'relu6' : 'relu' };
}

// Rescaling(1/255) before everything else does what CNN Lab's data loading already does.
function rescaling(args: LayerArguments, position: LayerPosition): null {
  const scale = args.number('scale');
  const offset = args.number('offset') ?? 0;
  if (position.atStart && scale !== undefined && Math.abs(scale - 1 / 255) < 1e-9 && offset === 0) {
    args.warn('Rescaling(1/255) is left out: CNN Lab already scales pixels to [0, 1]');
  } else {
    args.error(`Rescaling(scale=${scale}, offset=${offset}) is not available; only a first Rescaling(1/255) matches CNN Lab's [0, 1] pixels`);
  }
  return null;
}

function dropTrainingOnlyArguments(args: LayerArguments): void {
  const initializer = args.get('bias_initializer');
  if (initializer !== undefined && initializer !== null && !isZerosInitializer(initializer)) {
    args.warn(`bias_initializer ${JSON.stringify(readKerasObject(initializer)?.className ?? initializer)} is left out: CNN Lab starts biases at zero`);
  }
  args.dropIfSet('bias_regularizer', 'CNN Lab penalises kernels only');
  args.dropIfSet('activity_regularizer', 'CNN Lab penalises kernels only');
  args.dropIfSet('kernel_constraint', 'CNN Lab has no weight constraints');
  args.dropIfSet('bias_constraint', 'CNN Lab has no weight constraints');
}

function isZerosInitializer(value: unknown): boolean {
  if (value === 'zeros' || value === 'zero') return true;
  const object = readKerasObject(value);
  return object !== undefined && (object.className === 'Zeros' || (object.className === 'Constant' && object.config.value === 0));
}

function withName(layer: LayerSpec, entry: KerasLayerEntry, args: LayerArguments): LayerSpec {
  const name = entry.name;
  if (name === undefined || isGeneratedLayerName(entry.className, name)) return layer;
  if (!/^[A-Za-z][A-Za-z0-9_.-]*$/.test(name)) {
    args.warn(`the name is left out: a CNN Lab layer name starts with a letter and uses letters, digits, _ . -`);
    return layer;
  }
  const { type, ...rest } = layer;
  return { type, name, ...rest } as LayerSpec;
}

function isPair(pair: [number, number], n: number): boolean {
  return pair[0] === n && pair[1] === n;
}

/** `3` for a square size, `[h, w]` otherwise, as a model file is usually written. */
function compactPair(pair: [number, number]): number | [number, number] {
  return pair[0] === pair[1] ? pair[0] : pair;
}
