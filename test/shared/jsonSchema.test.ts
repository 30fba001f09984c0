// schemas/cnn.schema.json is what VS Code validates *.cnn.json files with. It must be the
// generated one, and a real JSON Schema validator must accept what CNN Lab accepts
// (snake_case spellings included) and reject what it rejects.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { buildJsonSchema } from '../../src/shared/jsonSchema';
import { parseModelFile } from '../../src/shared/parseModelFile';
import { snakeToCamel, snakeValueToCamel } from '../../src/shared/keyAliases';

const ROOT = path.join(__dirname, '..', '..');
const SCHEMA_FILE = path.join(ROOT, 'schemas', 'cnn.schema.json');
const MODEL_DIRS = [path.join(ROOT, 'examples'), path.join(ROOT, 'test', 'fixtures', 'models', 'shapes')];

// Checks that need the whole model; JSON Schema only judges the form of each field.
const WHOLE_MODEL_CODES = new Set([
  'input-shape-mismatch', 'duplicate-layer-name', 'dense-needs-flat-input', 'spatial-size-too-small', 'needs-image-input',
  'output-not-flat', 'output-units-mismatch', 'softmax-loss-mismatch', 'monitor-needs-validation',
]);

const flatten = { type: 'Flatten' };
const softmax10 = { type: 'Dense', units: 10, activation: 'softmax' };
const base = { dataset: { name: 'cifar10' }, layers: [flatten, softmax10] };
const withLayers = (...layers: object[]) => ({ ...base, layers: [...layers, flatten, softmax10] });

/** Files CNN Lab accepts, Keras spellings included. */
const ACCEPTED: Record<string, object> = {
  'the smallest model': base,
  'snake_case keys': withLayers({ type: 'Conv2D', filters: 8, kernel_size: 3, use_bias: false, kernel_initializer: 'he_normal' }),
  'a required argument in snake_case only': withLayers({ type: 'Conv2D', filters: 8, kernel_size: [3, 3] }),
  'snake_case names as values': {
    dataset: { name: 'cifar10' },
    layers: [flatten, { type: 'Dense', units: 10, activation: 'softmax', kernel_initializer: 'lecun_uniform' }],
    compile: { loss: 'sparse_categorical_crossentropy', optimizer: { type: 'adam', learning_rate: 0.001, beta_1: 0.9 } },
  },
  'snake_case fit and callbacks': {
    ...base,
    fit: { batch_size: 16, validation_split: 0.2, callbacks: [{ type: 'EarlyStopping', min_delta: 0.01, restore_best_weights: true }] },
  },
  'an image folder with snake_case': { ...base, dataset: { name: 'imageFolder', path: 'x', image_size: [24, 24] } },
  'augmentation in snake_case': { ...base, augmentation: { rotation_range: 10, horizontal_flip: true, zoom_range: [0.9, 1.1] } },
  'a learning-rate schedule': { ...base, compile: { optimizer: { type: 'sgd', learningRate: { type: 'CosineDecay', initialLearningRate: 0, decaySteps: 700, warmupTarget: 0.1, warmupSteps: 70 } } } },
  'a learning-rate schedule in snake_case': { ...base, compile: { optimizer: { type: 'adam', learning_rate: { type: 'ExponentialDecay', initial_learning_rate: 0.01, decay_steps: 100, decay_rate: 0.9 } } } },
};

/** Files CNN Lab rejects for their form, each with what is wrong. */
const REJECTED: Record<string, object> = {
  'an unknown layer type': withLayers({ type: 'Conv2d', filters: 8, kernelSize: 3 }),
  'a Conv2D without filters': withLayers({ type: 'Conv2D', kernelSize: 3 }),
  'a Conv2D without a kernel size in either spelling': withLayers({ type: 'Conv2D', filters: 8 }),
  'an argument in both spellings': withLayers({ type: 'Conv2D', filters: 8, kernelSize: 3, kernel_size: 3 }),
  'an unknown argument': withLayers({ type: 'Conv2D', filters: 8, kernelSize: 3, kernelSise: 3 }),
  'a dropout rate of 1': withLayers({ type: 'Dropout', rate: 1 }),
  'a schedule without decay steps': { ...base, compile: { optimizer: { type: 'adam', learningRate: { type: 'CosineDecay', initialLearningRate: 0.01 } } } },
  'a schedule Keras has and CNN Lab has not': { ...base, compile: { optimizer: { type: 'adam', learningRate: { type: 'InverseTimeDecay', initialLearningRate: 0.01 } } } },
  'a fractional filter count': withLayers({ type: 'Conv2D', filters: 8.5, kernelSize: 3 }),
  'a kernel size of three': withLayers({ type: 'Conv2D', filters: 8, kernelSize: [3, 3, 3] }),
  'an unknown padding': withLayers({ type: 'Conv2D', filters: 8, kernelSize: 3, padding: 'full' }),
  'an activation in the wrong case': withLayers({ type: 'Activation', activation: 'Relu' }),
  'an unknown optimizer name': { ...base, compile: { optimizer: 'adamx' } },
  'an optimizer object of unknown type': { ...base, compile: { optimizer: { type: 'adamw' } } },
  'a data set without a name': { ...base, dataset: {} },
  'no layers': { ...base, layers: [] },
  'an unknown top-level key': { ...base, epochs: 3 },
  'a layer name starting with a digit': withLayers({ type: 'Flatten', name: '1st' }),
};

/** CNN Lab's own verdict on the form of a file: no error except whole-model ones. */
function formIsValid(document: object): boolean {
  const { diagnostics } = parseModelFile(JSON.stringify(document, null, 2));
  return !diagnostics.some((d) => d.severity === 'error' && !WHOLE_MODEL_CODES.has(d.code));
}

describe('JSON Schema of *.cnn.json', () => {
  let validate: ValidateFunction;
  before(() => {
    // Strict, except that `{ "oneOf": [{ "required": ["kernelSize"] }, { "required": ["kernel_size"] }] }`
    // names properties defined beside it rather than inside it, as JSON Schema allows.
    const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
    // VS Code's own keyword; strict mode would otherwise reject it as unknown.
    ajv.addKeyword('deprecationMessage');
    validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
  });

  it('is up to date with the zod schema', () => {
    assert.deepEqual(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')), buildJsonSchema());
  });

  it('passes `generateSchema.ts --check`, which fails on a stale file', function () {
    this.timeout(30_000);
    const check = spawnSync(process.execPath, ['--import', 'tsx', path.join('scripts', 'generateSchema.ts'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);
  });

  it('is draft 2020-12 with an $id', () => {
    const schema = buildJsonSchema();
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(typeof schema.$id, 'string');
  });

  describe('accepts every example and test model', () => {
    const files = MODEL_DIRS.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.cnn.json')).map((f) => path.join(dir, f)));
    for (const file of files) {
      it(path.relative(ROOT, file), () => {
        const document = JSON.parse(readFileSync(file, 'utf8'));
        assert.ok(validate(document), JSON.stringify(validate.errors));
      });
    }
  });

  describe('accepts what CNN Lab accepts', () => {
    for (const [what, document] of Object.entries(ACCEPTED)) {
      it(what, () => {
        assert.ok(formIsValid(document), 'CNN Lab accepts it');
        assert.ok(validate(document), JSON.stringify(validate.errors));
      });
    }
  });

  describe('rejects what CNN Lab rejects', () => {
    for (const [what, document] of Object.entries(REJECTED)) {
      it(what, () => {
        assert.ok(!formIsValid(document), 'CNN Lab rejects it');
        assert.equal(validate(document), false, 'the JSON Schema rejects it');
      });
    }
  });

  it('offers only snake_case spellings that the validator maps back', () => {
    let keys = 0;
    let values = 0;
    const walk = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      const obj = node as Record<string, unknown>;
      for (const [key, prop] of Object.entries((obj.properties ?? {}) as Record<string, { description?: string }>)) {
        const canonical = /^Keras spelling of "(.+)"\.$/.exec(prop.description ?? '')?.[1];
        if (canonical) {
          assert.equal(snakeToCamel(key), canonical);
          keys++;
        }
      }
      if (obj.description === 'Keras spelling.' && Array.isArray(obj.enum)) {
        for (const name of obj.enum as string[]) assert.ok(name.includes('_') && snakeValueToCamel(name) !== name, name);
        values += obj.enum.length;
      }
      Object.values(obj).forEach(walk);
    };
    walk(buildJsonSchema());
    assert.ok(keys > 30, `${keys} snake_case keys`);
    assert.ok(values > 10, `${values} snake_case names`);
  });

  it('marks snake_case keys and names as Keras spellings', () => {
    const schema = JSON.stringify(buildJsonSchema());
    assert.ok(schema.includes('"kernel_size":{'));
    assert.ok(schema.includes('CNN Lab writes this \\"kernelSize\\".'));
    assert.ok(schema.includes('"lecun_normal"'));
    assert.ok(!schema.includes('le_cun'));
  });
});
