// A second opinion on the Keras JSON: TensorFlow.js's own Keras-format reader
// (tf.models.modelFromJSON) must build the networks toKerasModelJson describes, with the
// parameter counts Keras reports for them, and the imports of the fixtures must build to the
// same counts as the fixtures themselves.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { importKeras, toKerasModelJson } from '../../../src/shared/keras';
import type { ModelFile } from '../../../src/shared/modelSchema';
import { classicCifarCnn, EXAMPLE_MODELS, tensorflowTutorialCnn } from './exampleModels';

const FIXTURES = join(__dirname, '../../fixtures/keras');

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;
}

/**
 * tfjs spells two things differently from tf.keras: LeCun initializers (LeCunNormal, not
 * LecunNormal) and regularizers (only L1L2, no L1 or L2 classes). Rewrites those so tfjs can read the JSON.
 */
function tfjsSpelling(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(tfjsSpelling);
  if (typeof value !== 'object' || value === null) return value;
  const object = value as Record<string, unknown>;
  if (object.class_name === 'L1' || object.class_name === 'L2') {
    const config = object.config as { l1?: number; l2?: number };
    return { class_name: 'L1L2', config: { l1: config.l1 ?? 0, l2: config.l2 ?? 0 } };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(object)) {
    out[k] = k === 'class_name' && typeof v === 'string' ? v.replace(/^Lecun/, 'LeCun') : tfjsSpelling(v);
  }
  return out;
}

/** Builds a Keras model JSON with tfjs; returns its parameter count and output shape. */
async function buildWithTfjs(json: unknown): Promise<{ params: number; layers: number; output: (number | null)[] }> {
  const topology = (json as { modelTopology?: unknown }).modelTopology ?? json;
  const model = await tf.models.modelFromJSON({ modelTopology: tfjsSpelling(topology) as tf.io.ModelJSON['modelTopology'] });
  try {
    const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer').length;
    return { params: model.countParams(), layers, output: model.outputs[0].shape };
  } finally {
    model.dispose();
  }
}

describe('tfjs reads the Keras JSON', function () {
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('builds the classic Keras CIFAR-10 CNN with its 1,250,858 parameters', async () => {
    assert.deepEqual(await buildWithTfjs(toKerasModelJson(classicCifarCnn)), { params: 1_250_858, layers: 12, output: [null, 10] });
  });

  it('builds the TensorFlow tutorial CNN with its 122,570 parameters, from our JSON and from tf.keras\'s', async () => {
    assert.deepEqual(await buildWithTfjs(toKerasModelJson(tensorflowTutorialCnn)), { params: 122_570, layers: 9, output: [null, 10] });
    const tutorial = fixture('tf-keras-2.4-cnn-tutorial.json');
    assert.deepEqual(await buildWithTfjs(tutorial), { params: 122_570, layers: 8, output: [null, 10] });
    // the import adds a softmax Activation after the logits: one more layer, no more parameters
    assert.deepEqual(await buildWithTfjs(toKerasModelJson(importKeras(tutorial).model)), { params: 122_570, layers: 9, output: [null, 10] });
  });

  it('builds every example model with one tfjs layer per CNN Lab layer', async () => {
    for (const [name, model] of Object.entries(EXAMPLE_MODELS)) {
      const built = await buildWithTfjs(toKerasModelJson(model));
      assert.equal(built.layers, model.layers.length, name);
      const last = model.layers[model.layers.length - 1];
      assert.deepEqual(built.output, [null, last.type === 'Dense' ? last.units : built.output[1]], name);
    }
  });

  it('builds each imported fixture to the parameter count of the fixture itself', async () => {
    const cases: [string, number][] = [
      ['tfjs-layers-mnist-cnn.model.json', 33_194],
      ['tfjs-converter-keras-2.1-mnist-transfer.model.json', 600_165],
    ];
    for (const [name, params] of cases) {
      const original = fixture(name);
      assert.equal((await buildWithTfjs(original)).params, params, name);
      assert.equal((await buildWithTfjs(toKerasModelJson(importKeras(original).model))).params, params, `${name} imported`);
    }
    // tfjs cannot read Keras 1 JSON; its import is the classic CNN with separate Activation layers.
    const keras1: ModelFile = importKeras(fixture('keras-1.2-cifar10-cnn.json')).model;
    assert.equal((await buildWithTfjs(toKerasModelJson(keras1))).params, 1_250_858);
  });
});
