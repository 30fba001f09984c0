// Output shape, parameter count and multiply-adds of every layer, computed the way
// tfjs-layers and Keras compute them (channels last), without loading either. Problems that
// would make tfjs throw at build time come back as issues in Keras terms, tied to a layer.
import type { LayerSpec } from './modelSchema';
import { layerNames } from './modelDefaults';

export interface LayerShapeInfo {
  index: number;
  name: string;
  type: LayerSpec['type'];
  inputShape: number[];
  outputShape: number[];
  params: number;
  trainableParams: number;
  multiplyAdds: number;
}

export interface ShapeIssue {
  layerIndex: number;
  /** The argument the problem is about, when there is one (for the diagnostic's range). */
  argument?: string;
  code: string;
  message: string;
}

export interface ShapeReport {
  layers: LayerShapeInfo[];
  totalParams: number;
  trainableParams: number;
  totalMultiplyAdds: number;
  outputShape: number[];
  issues: ShapeIssue[];
}

const pair = (v: number | [number, number] | undefined, fallback: number): [number, number] =>
  v === undefined ? [fallback, fallback] : typeof v === 'number' ? [v, v] : v;

/** Formats a shape the way the messages speak of it: 8×8×64. */
export function formatShape(shape: readonly number[]): string {
  return shape.join('×');
}

/** Walks the layers from `inputShape` ([h, w, c]) and reports each layer's shapes and costs. */
export function inferShapes(layers: LayerSpec[], inputShape: readonly number[]): ShapeReport {
  const names = layerNames(layers);
  const issues: ShapeIssue[] = [];
  const infos: LayerShapeInfo[] = [];
  let shape = [...inputShape];
  let broken = false;

  layers.forEach((layer, index) => {
    const issue = (code: string, message: string, argument?: string) => {
      issues.push({ layerIndex: index, code, message, argument });
      broken = true;
    };
    const out = broken ? null : layerOutput(layer, shape, issue);
    const info: LayerShapeInfo = {
      index,
      name: names[index],
      type: layer.type,
      inputShape: shape,
      outputShape: out?.shape ?? [],
      params: out?.params ?? 0,
      trainableParams: out?.trainable ?? 0,
      multiplyAdds: out?.multiplyAdds ?? 0,
    };
    infos.push(info);
    if (out) shape = out.shape;
  });

  return {
    layers: infos,
    totalParams: infos.reduce((s, l) => s + l.params, 0),
    trainableParams: infos.reduce((s, l) => s + l.trainableParams, 0),
    totalMultiplyAdds: infos.reduce((s, l) => s + l.multiplyAdds, 0),
    outputShape: broken ? [] : shape,
    issues,
  };
}

interface LayerOutput { shape: number[]; params: number; trainable: number; multiplyAdds: number }
type Report = (code: string, message: string, argument?: string) => void;

function layerOutput(layer: LayerSpec, input: number[], issue: Report): LayerOutput | null {
  const same = (shape: number[]): LayerOutput => ({ shape, params: 0, trainable: 0, multiplyAdds: 0 });
  switch (layer.type) {
    case 'Conv2D': {
      if (!needsImage(layer.type, input, issue)) return null;
      const [h, w, c] = input;
      const [kh, kw] = pair(layer.kernelSize, 1);
      const [sh, sw] = pair(layer.strides, 1);
      const spatial = windowOutput(layer.type, [h, w], [kh, kw], [sh, sw], layer.padding ?? 'valid', 'kernelSize', issue);
      if (!spatial) return null;
      const bias = layer.useBias === false ? 0 : layer.filters;
      const params = kh * kw * c * layer.filters + bias;
      return { shape: [...spatial, layer.filters], params, trainable: params, multiplyAdds: spatial[0] * spatial[1] * kh * kw * c * layer.filters };
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      if (!needsImage(layer.type, input, issue)) return null;
      const pool = pair(layer.poolSize, 2);
      const strides = layer.strides === undefined ? pool : pair(layer.strides, 1);
      const spatial = windowOutput(layer.type, [input[0], input[1]], pool, strides, layer.padding ?? 'valid', 'poolSize', issue);
      return spatial ? same([...spatial, input[2]]) : null;
    }
    case 'GlobalAveragePooling2D':
      if (!needsImage(layer.type, input, issue)) return null;
      return same([input[2]]);
    case 'Flatten':
      return same([input.reduce((a, b) => a * b, 1)]);
    case 'Dense': {
      if (input.length !== 1) {
        issue('dense-needs-flat-input',
          `Dense expects a flat input but gets ${formatShape(input)}; add a Flatten (or GlobalAveragePooling2D) layer before it`);
        return null;
      }
      const bias = layer.useBias === false ? 0 : layer.units;
      const params = input[0] * layer.units + bias;
      return { shape: [layer.units], params, trainable: params, multiplyAdds: input[0] * layer.units };
    }
    case 'BatchNormalization': {
      // gamma and beta are trained; the moving mean and variance are parameters too (Keras counts all four).
      const channels = input[input.length - 1];
      return { shape: input, params: 4 * channels, trainable: 2 * channels, multiplyAdds: 0 };
    }
    case 'Dropout':
    case 'Activation':
      return same(input);
    default: {
      const unreachable: never = layer;
      throw new Error(`unknown layer ${JSON.stringify(unreachable)}`);
    }
  }
}

function needsImage(type: string, input: number[], issue: Report): boolean {
  if (input.length === 3) return true;
  issue('needs-image-input',
    `${type} works on images (height×width×channels) but gets a flat input of ${formatShape(input)}; move it before the Flatten layer`);
  return false;
}

/** Output height and width of a sliding window, as tfjs computes it; null (with an issue) when it would be empty. */
function windowOutput(
  type: string, [h, w]: number[], [kh, kw]: number[], [sh, sw]: number[],
  padding: 'valid' | 'same', sizeArgument: string, issue: Report,
): [number, number] | null {
  if (padding === 'same') return [Math.ceil(h / sh), Math.ceil(w / sw)];
  if (h < kh || w < kw) {
    issue('spatial-size-too-small',
      `${type} with ${sizeArgument} ${kh}×${kw} and padding "valid" needs an input of at least ${kh}×${kw} but gets ${h}×${w}; ` +
      'use padding "same", a smaller window, or fewer pooling layers before it', sizeArgument);
    return null;
  }
  return [Math.floor((h - kh) / sh) + 1, Math.floor((w - kw) / sw) + 1];
}
