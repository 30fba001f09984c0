// Keras 1.x wrote layer configs with its own argument names (nb_filter, border_mode, …).
// Renaming them to the Keras 2 names lets one converter read both; the meaning is unchanged
// (Keras 2's own keras/legacy/interfaces.py makes the same renames for old call sites).
// dim_ordering is not renamed: its value needs checking (see LayerArguments.requireChannelsLast).
import type { JsonObject } from './kerasJson';

/** Keras 1 layer class names whose Keras 2 name differs, and later aliases of the same classes. */
export const LAYER_CLASS_ALIASES: Readonly<Record<string, string>> = {
  Convolution2D: 'Conv2D',
  MaxPool2D: 'MaxPooling2D',
  AvgPool2D: 'AveragePooling2D',
  GlobalAvgPool2D: 'GlobalAveragePooling2D',
};

/** The class name a Keras layer class is known by today (Convolution2D → Conv2D). */
export function canonicalLayerClass(className: string): string {
  return Object.hasOwn(LAYER_CLASS_ALIASES, className) ? LAYER_CLASS_ALIASES[className] : className;
}

const RENAMED_KEYS: Readonly<Record<string, string>> = {
  nb_filter: 'filters',
  subsample: 'strides',
  border_mode: 'padding',
  init: 'kernel_initializer',
  W_regularizer: 'kernel_regularizer',
  b_regularizer: 'bias_regularizer',
  W_constraint: 'kernel_constraint',
  b_constraint: 'bias_constraint',
  bias: 'use_bias',
  output_dim: 'units',
  p: 'rate',
};

/** A layer config with Keras 1 argument names replaced by their Keras 2 names. */
export function upgradeKeras1Config(config: JsonObject): JsonObject {
  const upgraded: JsonObject = {};
  for (const [key, value] of Object.entries(config)) {
    const renamed = Object.hasOwn(RENAMED_KEYS, key) ? RENAMED_KEYS[key] : undefined;
    // A Keras 2 name already present wins over its Keras 1 spelling.
    if (renamed !== undefined && !(renamed in config)) upgraded[renamed] = value;
    else if (renamed === undefined) upgraded[key] = value;
  }
  if ('nb_row' in config && 'nb_col' in config && !('kernel_size' in config)) {
    upgraded.kernel_size = [config.nb_row, config.nb_col];
    delete upgraded.nb_row;
    delete upgraded.nb_col;
  }
  return upgraded;
}
