// Finding the Keras model inside the files that carry one: `model.to_json()` (Keras 1, 2, 3),
// a Keras 3 `.keras` archive's config.json, the model_config of an HDF5 file, and the two
// kinds of TensorFlow.js `model.json` (saved by tfjs, or converted from Keras by tensorflowjs).
import { isObject, type JsonObject } from './kerasJson';

/** The model config found in a file, with what came with it. */
export interface KerasModelSource {
  /** Where it came from, for the model file's description: "Keras 2.4.0", "a TensorFlow.js model.json (…)". */
  readonly origin: string;
  /** Sequential, Functional or Model. */
  readonly className: string;
  /** The model's `config`: a list of layers (Keras 1 to 2.2.2) or an object with `layers`. */
  readonly config: unknown;
  /** Keras 2 training_config, Keras 3 compile_config or tfjs trainingConfig, when saved. */
  readonly trainingConfig?: JsonObject;
  /** The input shape the model was built with, if the file records it apart from the layers. */
  readonly buildInputShape?: unknown;
}

/** Locates the model config in any supported file; throws for anything else. */
export function locateKerasModel(input: unknown): KerasModelSource {
  const json = typeof input === 'string' ? parseJson(input) : input;
  if (!isObject(json)) throw new Error('Not a Keras model: expected a JSON object');

  if ('modelTopology' in json) return fromTfjs(json);
  if (isObject(json.model_config)) {
    return fromModelConfig(json.model_config, versionOf(json) ?? versionOf(json.model_config), asObject(json.training_config));
  }
  return fromModelConfig(json, versionOf(json), asObject(json.compile_config) ?? asObject(json.training_config));
}

function fromTfjs(json: JsonObject): KerasModelSource {
  if (json.format !== undefined && json.format !== 'layers-model') {
    throw new Error(`Not a Keras model: a TensorFlow.js ${JSON.stringify(json.format)} has no Keras layers (only "layers-model" files do)`);
  }
  const topology = json.modelTopology;
  if (!isObject(topology)) throw new Error('Not a Keras model: modelTopology is not an object');
  // The tensorflowjs converter wraps a Keras file's model_config; tfjs's own save writes the topology directly.
  const converted = asObject(topology.model_config);
  const training = asObject(topology.training_config) ?? asObject(json.trainingConfig);
  const source = fromModelConfig(converted ?? topology, undefined, training);
  const version = versionOf(topology) ?? versionOf(converted);
  const generatedBy = typeof json.generatedBy === 'string' ? json.generatedBy : version ?? 'tfjs-layers';
  const origin = converted
    ? `a Keras ${version ? `${version} ` : ''}model converted to TensorFlow.js`
    : `a TensorFlow.js model.json (${generatedBy})`;
  return { ...source, origin };
}

function fromModelConfig(json: JsonObject, version: string | undefined, trainingConfig: JsonObject | undefined): KerasModelSource {
  if (typeof json.class_name !== 'string' || !('config' in json)) {
    throw new Error('Not a Keras model: expected {"class_name": …, "config": …} as model.to_json() writes it');
  }
  // Keras 3 writes no keras_version into to_json(), but marks every object with its module.
  const origin = version ? `Keras ${version}` : typeof json.module === 'string' ? 'Keras 3' : 'Keras';
  const buildInputShape = (isObject(json.config) ? json.config.build_input_shape : undefined) ??
    (isObject(json.build_config) ? json.build_config.input_shape : undefined);
  return {
    origin,
    className: json.class_name,
    config: json.config,
    ...(trainingConfig ? { trainingConfig } : {}),
    ...(buildInputShape !== undefined && buildInputShape !== null ? { buildInputShape } : {}),
  };
}

function versionOf(json: unknown): string | undefined {
  if (!isObject(json) || typeof json.keras_version !== 'string') return undefined;
  // tfjs writes "tfjs-layers 4.22.0" here; Python Keras just the number.
  const version = json.keras_version;
  const backend = typeof json.backend === 'string' && json.backend !== 'tensorflow' ? `, ${json.backend} backend` : '';
  return /^\d/.test(version) ? `${version}${backend}` : version;
}

function asObject(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`Not a Keras model: the text is not JSON (${(e as Error).message})`);
  }
}
