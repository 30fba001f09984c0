// One canonical form of a layer list, for deciding whether two lists describe the same network.
// A model file may leave arguments out or write them in either of two equal ways (kernelSize 3
// or [3, 3]); Keras writes every argument. After normalising, equal networks are deep-equal:
//   - every argument with a default gets its default value written out
//     (Conv2D: strides [1, 1], padding "valid", activation "linear", useBias true,
//      kernelInitializer "glorotUniform"; pooling: poolSize [2, 2], strides = poolSize,
//      padding "valid"; Dense: activation "linear", useBias true, kernelInitializer
//      "glorotUniform"; BatchNormalization: momentum 0.99, epsilon 0.001);
//   - every 2-D size becomes a [height, width] pair;
//   - a kernelRegularizer lists both l1 and l2 (absent = 0), and one that is all zero goes;
//   - a name Keras would have generated for the layer (conv2d_1, …) goes, since it says nothing.
import type { LayerSpec } from '../modelSchema';
import { isGeneratedLayerName } from './kerasNames';

type Size = number | [number, number];

/** The canonical form of a layer list (see the comment at the top of this file). */
export function normalizeLayers(layers: readonly LayerSpec[]): LayerSpec[] {
  return layers.map(normalizeLayer);
}

function normalizeLayer(layer: LayerSpec): LayerSpec {
  const name = layer.name !== undefined && !isGeneratedLayerName(layer.type, layer.name) ? { name: layer.name } : {};
  switch (layer.type) {
    case 'Conv2D':
      return {
        type: 'Conv2D', ...name,
        filters: layer.filters,
        kernelSize: pair(layer.kernelSize),
        strides: pair(layer.strides ?? 1),
        padding: layer.padding ?? 'valid',
        activation: layer.activation ?? 'linear',
        useBias: layer.useBias ?? true,
        kernelInitializer: layer.kernelInitializer ?? 'glorotUniform',
        ...regularizer(layer.kernelRegularizer),
      };
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const poolSize = pair(layer.poolSize ?? 2);
      return {
        type: layer.type, ...name,
        poolSize,
        strides: layer.strides === undefined ? poolSize : pair(layer.strides),
        padding: layer.padding ?? 'valid',
      };
    }
    case 'Dense':
      return {
        type: 'Dense', ...name,
        units: layer.units,
        activation: layer.activation ?? 'linear',
        useBias: layer.useBias ?? true,
        kernelInitializer: layer.kernelInitializer ?? 'glorotUniform',
        ...regularizer(layer.kernelRegularizer),
      };
    case 'Dropout':
      return { type: 'Dropout', ...name, rate: layer.rate };
    case 'BatchNormalization':
      return { type: 'BatchNormalization', ...name, momentum: layer.momentum ?? 0.99, epsilon: layer.epsilon ?? 0.001 };
    case 'Activation':
      return { type: 'Activation', ...name, activation: layer.activation };
    case 'Flatten':
    case 'GlobalAveragePooling2D':
      return { type: layer.type, ...name };
    default: {
      const unknown: never = layer;
      throw new Error(`unknown layer ${JSON.stringify(unknown)}`);
    }
  }
}

function pair(size: Size): [number, number] {
  return typeof size === 'number' ? [size, size] : [size[0], size[1]];
}

function regularizer(penalty: { l1?: number; l2?: number } | undefined): { kernelRegularizer?: { l1: number; l2: number } } {
  const l1 = penalty?.l1 ?? 0;
  const l2 = penalty?.l2 ?? 0;
  return l1 === 0 && l2 === 0 ? {} : { kernelRegularizer: { l1, l2 } };
}
