// A CNN Lab model as tf.keras 2.x `model.to_json()` writes it (the form of TensorFlow 2.4–2.15:
// an InputLayer first, every argument spelled out, float32 settings widened to doubles).
// It lets tests check the import against what Keras itself would write, without Python.
import type { Activation, LayerSpec, ModelFile } from '../modelSchema';
import { datasetInputShape } from '../datasetInfo';
import { asFloat32, type JsonObject } from './kerasJson';
import { KERAS_ACTIVATION, KERAS_INITIALIZER, kerasSnakeCase, type InitializerName } from './kerasNames';

/** The Keras version the JSON claims to come from. */
export const KERAS_JSON_VERSION = '2.15.0';

/** The tf.keras 2.x `model.to_json()` structure (parsed) of the Sequential model the export builds. */
export function toKerasModelJson(model: ModelFile): JsonObject {
  const batchInputShape = [null, ...(model.inputShape ?? datasetInputShape(model.dataset))];
  const names = layerNames(model.layers);
  // Keras writes a built BatchNormalization's axis as an index counted with the batch axis.
  let lastAxis = 3;
  const layers: JsonObject[] = model.layers.map((layer, i) => {
    const entry = {
      class_name: layer.type,
      config: {
        name: names[i],
        trainable: true,
        ...(i === 0 ? { batch_input_shape: batchInputShape } : {}),
        dtype: 'float32',
        ...layerConfig(layer, lastAxis),
      },
    };
    if (layer.type === 'Flatten' || layer.type === 'GlobalAveragePooling2D') lastAxis = 1;
    return entry;
  });
  const input = {
    class_name: 'InputLayer',
    config: { batch_input_shape: batchInputShape, dtype: 'float32', sparse: false, ragged: false, name: `${names[0]}_input` },
  };
  return {
    class_name: 'Sequential',
    config: { name: kerasModelName(model.name), layers: [input, ...layers] },
    keras_version: KERAS_JSON_VERSION,
    backend: 'tensorflow',
  };
}

/** Each layer's own name, or the one Keras would generate: conv2d, conv2d_1, … per class. */
function layerNames(layers: LayerSpec[]): string[] {
  const taken = new Set(layers.map((l) => l.name).filter((n): n is string => n !== undefined));
  const counters = new Map<string, number>();
  return layers.map((layer) => {
    if (layer.name) return layer.name;
    const base = kerasSnakeCase(layer.type);
    let name: string;
    do {
      const n = counters.get(base) ?? 0;
      counters.set(base, n + 1);
      name = n === 0 ? base : `${base}_${n}`;
    } while (taken.has(name));
    taken.add(name);
    return name;
  });
}

function layerConfig(layer: LayerSpec, lastAxis: number): JsonObject {
  switch (layer.type) {
    case 'Conv2D':
      return {
        filters: layer.filters,
        kernel_size: pair(layer.kernelSize),
        strides: pair(layer.strides ?? 1),
        padding: layer.padding ?? 'valid',
        data_format: 'channels_last',
        dilation_rate: [1, 1],
        groups: 1,
        ...weights(layer.activation, layer.useBias, layer.kernelInitializer, layer.kernelRegularizer),
      };
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const poolSize = pair(layer.poolSize ?? 2);
      return {
        pool_size: poolSize,
        padding: layer.padding ?? 'valid',
        strides: layer.strides === undefined ? poolSize : pair(layer.strides),
        data_format: 'channels_last',
      };
    }
    case 'Flatten':
      return { data_format: 'channels_last' };
    case 'Dense':
      return { units: layer.units, ...weights(layer.activation, layer.useBias, layer.kernelInitializer, layer.kernelRegularizer) };
    case 'Dropout':
      return { rate: layer.rate, noise_shape: null, seed: null };
    case 'BatchNormalization':
      return {
        axis: [lastAxis],
        momentum: layer.momentum ?? 0.99,
        epsilon: layer.epsilon ?? 0.001,
        center: true,
        scale: true,
        beta_initializer: initializer('zeros'),
        gamma_initializer: initializer('ones'),
        moving_mean_initializer: initializer('zeros'),
        moving_variance_initializer: initializer('ones'),
        beta_regularizer: null,
        gamma_regularizer: null,
        beta_constraint: null,
        gamma_constraint: null,
      };
    case 'GlobalAveragePooling2D':
      return { data_format: 'channels_last', keepdims: false };
    case 'Activation':
      return { activation: KERAS_ACTIVATION[layer.activation] };
    default: {
      const unknown: never = layer;
      throw new Error(`unknown layer ${JSON.stringify(unknown)}`);
    }
  }
}

function weights(
  activation: Activation | undefined, useBias: boolean | undefined,
  kernelInitializer: InitializerName | undefined, kernelRegularizer: { l1?: number; l2?: number } | undefined,
): JsonObject {
  return {
    activation: KERAS_ACTIVATION[activation ?? 'linear'],
    use_bias: useBias ?? true,
    kernel_initializer: initializer(kernelInitializer ?? 'glorotUniform'),
    bias_initializer: initializer('zeros'),
    kernel_regularizer: regularizer(kernelRegularizer),
    bias_regularizer: null,
    activity_regularizer: null,
    kernel_constraint: null,
    bias_constraint: null,
  };
}

function initializer(name: InitializerName): JsonObject {
  const { className, config } = KERAS_INITIALIZER[name];
  return { class_name: className, config: { ...config } };
}

/** tf.keras 2.x writes L1, L2 or L1L2 with float32 factors. */
function regularizer(penalty: { l1?: number; l2?: number } | undefined): JsonObject | null {
  const l1 = penalty?.l1 ?? 0;
  const l2 = penalty?.l2 ?? 0;
  if (l1 === 0 && l2 === 0) return null;
  if (l1 === 0) return { class_name: 'L2', config: { l2: asFloat32(l2) } };
  if (l2 === 0) return { class_name: 'L1', config: { l1: asFloat32(l1) } };
  return { class_name: 'L1L2', config: { l1: asFloat32(l1), l2: asFloat32(l2) } };
}

function pair(size: number | [number, number]): [number, number] {
  return typeof size === 'number' ? [size, size] : [size[0], size[1]];
}

/** Keras accepts any model name; one without spaces reads better in `model.summary()`. */
export function kerasModelName(name: string | undefined): string {
  const cleaned = (name ?? '').trim().replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Za-z]/.test(cleaned) ? cleaned : 'sequential';
}
