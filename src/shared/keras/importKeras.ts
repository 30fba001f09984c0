// Keras model JSON → a CNN Lab model file. Keras files describe the network but not the data,
// so the data set is chosen from the input shape: CIFAR-10 for 32×32×3, otherwise an image
// folder whose path the user fills in (the import says so in a warning).
import { z } from 'zod';
import { modelFileSchema, type DatasetSpec, type LayerSpec, type ModelFile } from '../modelSchema';
import { importCompile } from './importCompile';
import { ImportIssues, describeLayer } from './importIssues';
import { importLayer } from './importLayer';
import { readShape } from './kerasJson';
import { locateKerasModel, type KerasModelSource } from './kerasModelSource';
import { modelLayers, type IndexedLayerEntry } from './modelLayers';

/** The result of an import: a validated model file and what the user should check. */
export interface KerasImport {
  readonly model: ModelFile;
  readonly warnings: string[];
}

/** [height, width, channels]. */
type ImageShape = [number, number, number];

/** Where the model file points an image-folder data set that the user must still choose. */
export const PLACEHOLDER_IMAGE_FOLDER = 'path/to/image-folder';

// Module prefixes of Keras's own layers; a layer from any other module is a custom class.
const KERAS_MODULES = /^(keras|tf_keras|tensorflow)(\.|$)/;

/**
 * Converts a Keras model (model.to_json() of Keras 1, 2 or 3, a .keras config.json, or a
 * TensorFlow.js layers-model model.json; as parsed JSON or as text) into a CNN Lab model file.
 * Throws an Error listing every layer or setting CNN Lab cannot represent.
 */
export function importKeras(json: unknown): KerasImport {
  const issues = new ImportIssues();
  const source = locateKerasModel(json);
  const entries = modelLayers(source, issues);
  const inputShape = findInputShape(source, entries, issues);
  const layers = importLayers(entries, issues);
  if (entries.length > 0 && layers.length === 0) issues.error('model', 'no layers to import');
  checkOutput(layers, issues);
  const compile = importCompile(source.trainingConfig, issues);
  issues.throwIfErrors();

  const name = modelName(source);
  const model: ModelFile = {
    ...(name ? { name } : {}),
    description: `Imported from ${source.origin}.`,
    dataset: chooseDataset(inputShape, issues),
    ...(inputShape ? { inputShape } : {}),
    layers,
    ...(compile ? { compile } : {}),
  };
  const parsed = modelFileSchema.safeParse(model);
  if (!parsed.success) {
    throw new Error(`The imported model is not a valid CNN Lab model:\n${z.prettifyError(parsed.error)}`);
  }
  return { model: parsed.data, warnings: issues.warnings };
}

function importLayers(entries: IndexedLayerEntry[], issues: ImportIssues): LayerSpec[] {
  const layers: LayerSpec[] = [];
  let inputRank = 3;
  let atStart = true;
  entries.forEach((entry, position) => {
    const where = describeLayer(entry.index, entry.name, entry.className);
    if (entry.registeredName !== undefined && entry.module !== undefined && !KERAS_MODULES.test(entry.module)) {
      issues.error(where, `a custom layer (module ${entry.module}) is not available in CNN Lab`);
      return;
    }
    if (entry.className === 'InputLayer') {
      if (position !== 0) issues.error(where, 'an InputLayer inside the model is not available in CNN Lab');
      return;
    }
    const layer = importLayer(entry, { index: entry.index, inputRank, atStart }, issues);
    if (entry.className !== 'Rescaling') atStart = false;
    if (!layer) return;
    layers.push(layer);
    if (layer.type === 'Flatten' || layer.type === 'GlobalAveragePooling2D') inputRank = 1;
  });
  return layers;
}

/** [height, width, channels] from the first place a Keras file records the input's shape. */
function findInputShape(source: KerasModelSource, entries: IndexedLayerEntry[], issues: ImportIssues): ImageShape | undefined {
  const first = entries[0];
  const candidates: unknown[] = [
    first?.config.batch_input_shape, first?.config.batch_shape,
    source.buildInputShape, first?.buildInputShape,
  ];
  for (const candidate of candidates) {
    const shape = readShape(candidate);
    if (shape) return imageShape(shape, issues);
  }
  // A Keras 1 or handwritten config may give input_shape without the batch axis.
  const unbatched = readShape(first?.config.input_shape);
  if (unbatched) return imageShape([null, ...unbatched], issues);
  if (entries.length > 0) issues.warn('input', 'the Keras model records no input shape; CNN Lab will take it from the data set');
  return undefined;
}

function imageShape(shape: (number | null)[], issues: ImportIssues): ImageShape | undefined {
  const [, height, width, channels] = shape;
  if (shape.length !== 4) {
    issues.error('input', `input shape ${JSON.stringify(shape)} is not an image (batch, height, width, channels)`);
    return undefined;
  }
  if (!height || !width || !channels) {
    issues.error('input', `input shape ${JSON.stringify(shape)} leaves the image size open; CNN Lab needs a fixed height, width and channel count`);
    return undefined;
  }
  return [height, width, channels];
}

function chooseDataset(shape: ImageShape | undefined, issues: ImportIssues): DatasetSpec {
  if (!shape || (shape[0] === 32 && shape[1] === 32 && shape[2] === 3)) return { name: 'cifar10' };
  const [height, width, channels] = shape;
  if (channels !== 1 && channels !== 3) {
    issues.warn('dataset', `the input has ${channels} channels, but CNN Lab's data sets give 1 (grayscale) or 3 (RGB)`);
  }
  issues.warn('dataset', `Keras files do not say which images a model was trained on; for ${height}×${width}×${channels} inputs the model file uses an image folder: set dataset.path (now "${PLACEHOLDER_IMAGE_FOLDER}") to a folder with train/<class>/ images`);
  return {
    name: 'imageFolder',
    path: PLACEHOLDER_IMAGE_FOLDER,
    imageSize: [height, width],
    ...(channels === 1 ? { grayscale: true } : {}),
  };
}

/** The model's own name; none when Keras generated it (sequential_1, functional, model). */
function modelName(source: KerasModelSource): string | undefined {
  const config = source.config;
  if (typeof config === 'object' && config !== null && !Array.isArray(config)) {
    const name = (config as Record<string, unknown>).name;
    if (typeof name === 'string' && name.length > 0 && !/^(sequential|functional|model)(_\d+)?$/.test(name)) return name;
  }
  return undefined;
}

/**
 * Makes the network end in softmax: CNN Lab's losses take probabilities, while Keras models
 * that end in a linear layer train with from_logits=True. A softmax after the logits then
 * trains the same network (same parameters, same predictions).
 */
function checkOutput(layers: LayerSpec[], issues: ImportIssues): void {
  const last = layers[layers.length - 1];
  if (!last) return;
  const activation = last.type === 'Dense' || last.type === 'Conv2D' ? last.activation ?? 'linear' : last.type === 'Activation' ? last.activation : undefined;
  if (activation === 'softmax') return;
  if (activation === 'linear') {
    layers.push({ type: 'Activation', activation: 'softmax' });
    issues.warn('output', `the last layer (${last.type}) gives logits; a softmax Activation was added after it, since CNN Lab's losses take class probabilities (the same as Keras's from_logits=True)`);
    return;
  }
  issues.warn('output', `the last layer (${last.type}${activation ? `, activation ${activation}` : ''}) gives no softmax; CNN Lab's losses expect class probabilities, so add { "type": "Activation", "activation": "softmax" } (Keras models like this one train with from_logits=True)`);
}
