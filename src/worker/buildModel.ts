// A validated model file → a compiled tfjs Sequential model. Arguments pass through in
// tfjs's own spelling (the file format uses it), so this is mostly a dispatch on `type`.
import type * as tfType from '@tensorflow/tfjs';
import type { LayerSpec } from '../shared/modelSchema';
import { layerNames, type ResolvedModel } from '../shared/modelDefaults';

type Tf = typeof tfType;

/** Keras initialises kernels with glorot_uniform; tfjs's own default is glorotNormal. */
const KERAS_KERNEL_INITIALIZER = 'glorotUniform';

/** Builds the layers of `model` (not compiled). */
export function buildModel(tf: Tf, model: ResolvedModel): tfType.Sequential {
  const names = layerNames(model.layers);
  const seq = tf.sequential({ name: sanitizeName(model.name) });
  model.layers.forEach((layer, i) => {
    const first = i === 0 ? { inputShape: model.inputShape } : {};
    seq.add(createLayer(tf, layer, { name: names[i], ...first }));
  });
  return seq;
}

/** Builds and compiles `model` with its optimizer and loss. */
export function buildCompiledModel(tf: Tf, model: ResolvedModel): tfType.Sequential {
  const seq = buildModel(tf, model);
  seq.compile({ optimizer: createOptimizer(tf, model.optimizer), loss: model.loss, metrics: ['accuracy'] });
  return seq;
}

/** The optimizer the file asks for, with its learning rate. */
export function createOptimizer(tf: Tf, spec: ResolvedModel['optimizer']): tfType.Optimizer {
  switch (spec.type) {
    case 'adam':
      return tf.train.adam(spec.learningRate, spec.beta1 ?? 0.9, spec.beta2 ?? 0.999, spec.epsilon ?? 1e-7);
    case 'sgd':
      return spec.momentum ? tf.train.momentum(spec.learningRate, spec.momentum, spec.nesterov ?? false) : tf.train.sgd(spec.learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(spec.learningRate, spec.rho ?? 0.9, spec.momentum ?? 0, spec.epsilon ?? 1e-7);
    default: {
      const unreachable: never = spec;
      throw new Error(`unknown optimizer ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Changes an optimizer's learning rate in place (tfjs exposes no common setter). */
export function setLearningRate(optimizer: tfType.Optimizer, learningRate: number): void {
  const o = optimizer as unknown as { setLearningRate?: (lr: number) => void; learningRate: number };
  if (typeof o.setLearningRate === 'function') o.setLearningRate(learningRate);
  o.learningRate = learningRate;
}

/** Reads an optimizer's current learning rate. */
export function getLearningRate(optimizer: tfType.Optimizer): number {
  return (optimizer as unknown as { learningRate: number }).learningRate;
}

function createLayer(tf: Tf, layer: LayerSpec, common: { name: string; inputShape?: number[] }): tfType.layers.Layer {
  const { type: _type, name: _name, ...args } = layer;
  switch (layer.type) {
    case 'Conv2D': {
      const { kernelRegularizer, ...rest } = args as Omit<Extract<LayerSpec, { type: 'Conv2D' }>, 'type' | 'name'>;
      return tf.layers.conv2d({ kernelInitializer: KERAS_KERNEL_INITIALIZER, ...rest, ...common, kernelRegularizer: regularizer(tf, kernelRegularizer) });
    }
    case 'Dense': {
      const { kernelRegularizer, ...rest } = args as Omit<Extract<LayerSpec, { type: 'Dense' }>, 'type' | 'name'>;
      return tf.layers.dense({ kernelInitializer: KERAS_KERNEL_INITIALIZER, ...rest, ...common, kernelRegularizer: regularizer(tf, kernelRegularizer) });
    }
    case 'MaxPooling2D':
      return tf.layers.maxPooling2d({ poolSize: 2, ...args, ...common });
    case 'AveragePooling2D':
      return tf.layers.averagePooling2d({ poolSize: 2, ...args, ...common });
    case 'Flatten':
      return tf.layers.flatten(common);
    case 'Dropout':
      return tf.layers.dropout({ rate: layer.rate, ...common });
    case 'BatchNormalization':
      return tf.layers.batchNormalization({ ...args, ...common });
    case 'GlobalAveragePooling2D':
      return tf.layers.globalAveragePooling2d(common);
    case 'Activation':
      return tf.layers.activation({ activation: layer.activation, ...common });
    default: {
      const unreachable: never = layer;
      throw new Error(`unknown layer ${JSON.stringify(unreachable)}`);
    }
  }
}

function regularizer(tf: Tf, spec: { l1?: number; l2?: number } | undefined): ReturnType<Tf["regularizers"]["l1l2"]> | undefined {
  if (!spec || (!spec.l1 && !spec.l2)) return undefined;
  return tf.regularizers.l1l2({ l1: spec.l1 ?? 0, l2: spec.l2 ?? 0 });
}

function sanitizeName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, '_') || 'model';
}
