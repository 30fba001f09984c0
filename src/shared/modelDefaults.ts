// Keras's defaults, made explicit once, so the worker, the summary and the Keras export
// all train and describe the same model when the file leaves a field out.
import type { AugmentationSpec, CallbackSpec, DatasetSpec, LayerSpec, ModelFile, OptimizerSpec } from './modelSchema';
import { datasetInputShape } from './datasetInfo';

export const DEFAULT_EPOCHS = 10;
export const DEFAULT_BATCH_SIZE = 32;
export const DEFAULT_LEARNING_RATE: Record<OptimizerSpec['type'], number> = { adam: 0.001, sgd: 0.01, rmsprop: 0.001 };

export interface ResolvedModel {
  name: string;
  dataset: DatasetSpec;
  inputShape: [number, number, number];
  layers: LayerSpec[];
  optimizer: OptimizerSpec & { learningRate: number };
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
    optimizer: { ...optimizer, learningRate: optimizer.learningRate ?? DEFAULT_LEARNING_RATE[optimizer.type] },
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
