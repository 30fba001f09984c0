// Keras's defaults, made explicit once, so the worker, the summary and the Keras export
// all train and describe the same model when the file leaves a field out.
import type { AugmentationSpec, CallbackSpec, DatasetSpec, LayerSpec, LearningRateScheduleSpec, ModelFile, OptimizerSpec } from './modelSchema';
import { datasetInputShape } from './datasetInfo';
import { initialScheduledRate } from './learningRateSchedules';

export const DEFAULT_EPOCHS = 10;
export const DEFAULT_BATCH_SIZE = 32;
export const DEFAULT_LEARNING_RATE: Record<OptimizerSpec['type'], number> = { adam: 0.001, sgd: 0.01, rmsprop: 0.001 };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An optimizer with its learning rate resolved. */
export type ResolvedOptimizer = DistributiveOmit<OptimizerSpec, 'learningRate'> & {
  /** The rate of the first batch: the fixed rate, or the schedule's at step 0. */
  learningRate: number;
  /** Present when the rate follows the optimizer's steps (a Keras LearningRateSchedule). */
  schedule?: LearningRateScheduleSpec;
};

export interface ResolvedModel {
  name: string;
  dataset: DatasetSpec;
  inputShape: [number, number, number];
  layers: LayerSpec[];
  optimizer: ResolvedOptimizer;
  loss: 'sparseCategoricalCrossentropy' | 'categoricalCrossentropy';
  epochs: number;
  batchSize: number;
  validationSplit: number;
  seed: number;
  shuffle: boolean;
  callbacks: CallbackSpec[];
  augmentation: AugmentationSpec | undefined;
}

/** The model with every default filled in (the file must already be valid). */
export function resolveModel(model: ModelFile, fallbackName = 'model'): ResolvedModel {
  const opt = model.compile?.optimizer ?? 'adam';
  const optimizer = typeof opt === 'string' ? { type: opt } as OptimizerSpec : opt;
  return {
    name: model.name ?? fallbackName,
    dataset: model.dataset,
    inputShape: model.inputShape ?? datasetInputShape(model.dataset),
    layers: model.layers,
    optimizer: resolveOptimizer(optimizer),
    loss: model.compile?.loss ?? 'sparseCategoricalCrossentropy',
    epochs: model.fit?.epochs ?? DEFAULT_EPOCHS,
    batchSize: model.fit?.batchSize ?? DEFAULT_BATCH_SIZE,
    validationSplit: model.fit?.validationSplit ?? 0,
    seed: model.fit?.seed ?? 42,
    shuffle: model.fit?.shuffle ?? true,
    callbacks: model.fit?.callbacks ?? [],
    augmentation: model.augmentation,
  };
}

function resolveOptimizer(optimizer: OptimizerSpec): ResolvedOptimizer {
  const rate = optimizer.learningRate ?? DEFAULT_LEARNING_RATE[optimizer.type];
  if (typeof rate === 'number') return { ...optimizer, learningRate: rate };
  return { ...optimizer, learningRate: initialScheduledRate(rate), schedule: rate };
}

/** Keras-style default layer names (conv2d, conv2d_1, dense, …) for layers without a `name`. */
export function layerNames(layers: LayerSpec[]): string[] {
  const counts = new Map<string, number>();
  return layers.map((layer) => {
    if (layer.name) return layer.name;
    const base = KERAS_BASE_NAMES[layer.type];
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    return n === 0 ? base : `${base}_${n}`;
  });
}

const KERAS_BASE_NAMES: Record<LayerSpec['type'], string> = {
  Conv2D: 'conv2d',
  MaxPooling2D: 'max_pooling2d',
  AveragePooling2D: 'average_pooling2d',
  Flatten: 'flatten',
  Dense: 'dense',
  Dropout: 'dropout',
  BatchNormalization: 'batch_normalization',
  GlobalAveragePooling2D: 'global_average_pooling2d',
  Activation: 'activation',
};
