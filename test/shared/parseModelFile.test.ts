// Every kind of diagnostic the validator produces: its code, severity, the exact range it
// underlines (computed from a marker in the text, plus a few hard-coded positions to pin
// the 1-based convention) and the words that tell the user what to do.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseModelFile, type Diagnostic, type ParsedModelFile } from '../../src/shared/parseModelFile';
import { resolveModel } from '../../src/shared/modelDefaults';
import { modelText } from '../support/modelText';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

/** Parses and checks the invariant every result keeps: no model exactly when there is an error. */
function parse(text: string): ParsedModelFile {
  const result = parseModelFile(text);
  const hasError = result.diagnostics.some((d) => d.severity === 'error');
  assert.equal(result.model === null, hasError, `model is null iff there is an error: ${JSON.stringify(result.diagnostics)}`);
  return result;
}

/** 1-based line and column of an offset, counted independently of the code under test. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

interface Where {
  /** Which appearance of the marker, 0-based (default 0). */
  occurrence?: number;
  /** Search for the marker only after this text's first appearance. */
  after?: string;
}

/** Start and end of `marker` in `text`, found as `where` says. */
function rangeOf(text: string, marker: string, where: Where = {}): { start: { line: number; column: number }; end: { line: number; column: number } } {
  let offset = where.after === undefined ? -1 : text.indexOf(where.after) + where.after.length - 1;
  assert.ok(where.after === undefined || offset >= where.after.length - 1, `${where.after} not in the text`);
  for (let i = 0; i <= (where.occurrence ?? 0); i++) {
    offset = text.indexOf(marker, offset + 1);
    assert.ok(offset >= 0, `marker ${marker} not in the text`);
  }
  return { start: position(text, offset), end: position(text, offset + marker.length) };
}

/** The one diagnostic with `code` (failing when there is none or several). */
function single(result: ParsedModelFile, code: string): Diagnostic {
  const found = result.diagnostics.filter((d) => d.code === code);
  assert.equal(found.length, 1, `one ${code} expected, got ${JSON.stringify(result.diagnostics.map((d) => [d.code, d.message]))}`);
  return found[0];
}

/** Asserts that `d` underlines exactly `marker`, at the line and column the text puts it. */
function assertAt(d: Diagnostic, text: string, marker: string, where: Where = {}): void {
  const expected = rangeOf(text, marker, where);
  assert.deepEqual({ start: { line: d.start.line, column: d.start.column }, end: { line: d.end.line, column: d.end.column } }, expected,
    `${d.code} should underline ${marker}`);
  assert.equal(text.slice(d.start.offset, d.end.offset), marker);
}

function assertMentions(d: Diagnostic, ...words: string[]): void {
  for (const w of words) assert.ok(d.message.includes(w), `"${d.message}" should mention ${w}`);
}

/** The text with the diagnostic's replacement fix applied to its range. */
function applyFix(text: string, d: Diagnostic): string {
  assert.ok(d.fix?.replacement !== undefined, `${d.code} has a replacement fix`);
  return text.slice(0, d.start.offset) + d.fix.replacement + text.slice(d.end.offset);
}

const FLATTEN = '{ "type": "Flatten" }';
const SOFTMAX10 = '{ "type": "Dense", "units": 10, "activation": "softmax" }';


describe('parseModelFile', () => {
  describe('examples', () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.cnn.json'));
    it('finds the example files', () => assert.ok(files.length >= 4));
    for (const file of files) {
      it(`${file} has no error and yields the model`, () => {
        const result = parse(readFileSync(path.join(EXAMPLES, file), 'utf8'));
        assert.deepEqual(result.diagnostics.filter((d) => d.severity !== 'info'), []);
        assert.ok(result.model);
        assert.ok(result.model.layers.length > 0);
      });
    }
  });

  describe('JSON syntax', () => {
    it('points at a trailing comma in an object, with a fix that removes it', () => {
      const text = '{\n  "dataset": { "name": "cifar10" },\n}';
      const d = single(parse(text), 'json-syntax');
      assert.equal(d.severity, 'error');
      // Hard-coded: the comma is the 35th character of line 2 (1-based).
      assert.deepEqual([d.start.line, d.start.column, d.end.line, d.end.column], [2, 35, 2, 36]);
      assertMentions(d, 'trailing comma', 'remove');
      assert.equal(applyFix(text, d), '{\n  "dataset": { "name": "cifar10" }\n}');
    });

    it('points at a trailing comma in a list', () => {
      const text = modelText([FLATTEN, `${SOFTMAX10},`]);
      const d = single(parse(text), 'json-syntax');
      assertAt(d, text, ',', { after: SOFTMAX10 });
      assertMentions(d, 'trailing comma', '"]"');
      assert.deepEqual(parse(applyFix(text, d)).diagnostics, []);
    });

    it('rejects line and block comments', () => {
      const line = '{\n  // the data\n  "dataset": { "name": "cifar10" }\n}';
      const d = single(parse(line), 'json-syntax');
      assertAt(d, line, '// the data');
      assertMentions(d, 'comments are not allowed');
      const block = '{ /* why */ "dataset": { "name": "cifar10" } }';
      const b = single(parse(block), 'json-syntax');
      assert.deepEqual([b.start.line, b.start.column], [1, 3]);
      assertMentions(b, 'comments are not allowed');
    });

    it('says an empty or blank file is empty, at 1:1', () => {
      for (const text of ['', '  \n\n ']) {
        const d = single(parse(text), 'json-syntax');
        assert.equal(d.severity, 'error');
        assert.deepEqual([d.start.line, d.start.column, d.end.line, d.end.column], [1, 1, 1, 1]);
        assertMentions(d, 'empty', 'JSON object');
      }
    });

    it('reports a missing closing brace', () => {
      const result = parse('{ "dataset": { "name": "cifar10" }');
      assert.ok(result.diagnostics.some((d) => d.code === 'json-syntax' && d.message.includes('"}" was expected')));
    });

    it('rejects a document that is not an object', () => {
      for (const text of ['[1, 2]', '"cifar10"', '42']) {
        const d = single(parse(text), 'not-an-object');
        assert.equal(d.severity, 'error');
        assertAt(d, text, text);
        assertMentions(d, 'JSON object', '"dataset"', '"layers"');
      }
    });
  });

  describe('layer types and arguments', () => {
    it('suggests the layer type meant, with a fix', () => {
      const text = modelText(['{ "type": "Conv2d", "filters": 32, "kernelSize": 3 }', FLATTEN, SOFTMAX10]);
      const d = single(parse(text), 'unknown-layer-type');
      assert.equal(d.severity, 'error');
      assertAt(d, text, '"Conv2d"');
      // Hard-coded: line 4 is the first layer, indented by 4; "type" spans columns 7-12.
      assert.deepEqual([d.start.line, d.start.column], [4, 15]);
      assertMentions(d, 'Unknown layer type "Conv2d"', 'Did you mean "Conv2D"?');
      assert.deepEqual(d.path, ['layers', 0, 'type']);
      assert.deepEqual(parse(applyFix(text, d)).diagnostics, []);
    });

    it('gives no suggestion for a name nothing like a known type', () => {
      const text = modelText(['{ "type": "Transformer" }', FLATTEN, SOFTMAX10]);
      const d = single(parse(text), 'unknown-layer-type');
      assertAt(d, text, '"Transformer"');
      assert.ok(!d.message.includes('Did you mean'));
      assert.equal(d.fix, undefined);
      assertMentions(d, 'Conv2D', 'GlobalAveragePooling2D');
    });

    it('suggests the argument meant, on the key', () => {
      const text = modelText(['{ "type": "Conv2D", "filters": 32, "kernelSise": 3 }', FLATTEN, SOFTMAX10]);
      const result = parse(text);
      const d = single(result, 'unknown-argument');
      assertAt(d, text, '"kernelSise"');
      assertMentions(d, 'Conv2D (layer 1)', 'no argument "kernelSise"', 'Did you mean "kernelSize"?');
      assert.equal(d.fix?.replacement, '"kernelSize"');
      // The misspelt key also leaves kernelSize missing; after the fix both are gone.
      assert.ok(result.diagnostics.some((m) => m.code === 'missing-argument'));
      assert.deepEqual(parse(applyFix(text, d)).diagnostics, []);
    });

    it('suggests arguments of top-level blocks, optimizers and callbacks', () => {
      const top = '{ "dataset": { "name": "cifar10" }, "layer": [] }';
      const t = single(parse(top), 'unknown-argument');
      assertAt(t, top, '"layer"');
      assertMentions(t, 'Did you mean "layers"?');

      const opt = modelText([FLATTEN, SOFTMAX10], '"compile": { "optimizer": { "type": "adam", "lr": 0.01 } }');
      const o = single(parse(opt), 'unknown-argument');
      assertAt(o, opt, '"lr"');
      assertMentions(o, 'no argument "lr"', 'Did you mean "learningRate"?', 'beta1');

      const cb = modelText([FLATTEN, SOFTMAX10], '"fit": { "validationSplit": 0.1, "callbacks": [{ "type": "EarlyStopping", "patiense": 3 }] }');
      const c = single(parse(cb), 'unknown-argument');
      assertAt(c, cb, '"patiense"');
      assertMentions(c, 'EarlyStopping (callback 1)', 'Did you mean "patience"?');
    });

    it('names an unknown snake_case key as written, without calling it a Keras spelling', () => {
      const text = modelText(['{ "type": "Conv2D", "filters": 32, "kernelSize": 3, "kernel_sise": 3 }', FLATTEN, SOFTMAX10]);
      const result = parse(text);
      const d = single(result, 'unknown-argument');
      assertAt(d, text, '"kernel_sise"');
      assertMentions(d, 'no argument "kernel_sise"');
      assert.ok(!result.diagnostics.some((x) => x.code === 'snake-case-key'));
    });
  });

  describe('types, required arguments and ranges', () => {
    it('rejects a string where a number belongs', () => {
      const text = modelText(['{ "type": "Conv2D", "filters": "32", "kernelSize": 3 }', FLATTEN, SOFTMAX10]);
      const d = single(parse(text), 'invalid-type');
      assertAt(d, text, '"32"');
      assertMentions(d, 'Conv2D (layer 1)', '"filters"', 'must be a number', 'the string "32"');
    });

    it('rejects a fraction where a whole number belongs', () => {
      const text = modelText(['{ "type": "Conv2D", "filters": 3.5, "kernelSize": 3 }', FLATTEN, SOFTMAX10]);
      const d = single(parse(text), 'invalid-type');
      assertAt(d, text, '3.5');
      assertMentions(d, '"filters"', 'whole number', '3.5');
    });

    it('rejects a string where true or false belongs', () => {
      const text = modelText([FLATTEN, '{ "type": "Dense", "units": 10, "activation": "softmax", "useBias": "yes" }']);
      const d = single(parse(text), 'invalid-type');
      assertAt(d, text, '"yes"');
      assertMentions(d, 'true or false');
    });

    it('reports each missing required argument on the layer\'s type', () => {
      const text = modelText(['{ "type": "Conv2D" }', FLATTEN, '{ "type": "Dense" }']);
      const result = parse(text);
      const missing = result.diagnostics.filter((d) => d.code === 'missing-argument');
      assert.deepEqual(missing.map((d) => d.message), [
        'Conv2D (layer 1) needs "filters"', 'Conv2D (layer 1) needs "kernelSize"', 'Dense (layer 3) needs "units"',
      ]);
      missing.forEach((d) => assert.equal(d.severity, 'error'));
      assertAt(missing[0], text, '"Conv2D"');
      assertAt(missing[1], text, '"Conv2D"');
      assertAt(missing[2], text, '"Dense"');
      assert.deepEqual(missing[2].path, ['layers', 2, 'units']);
    });

    it('reports a layer without a type and a data set without a name', () => {
      const text = '{\n  "dataset": {},\n  "layers": [{ "units": 10 }]\n}';
      const result = parse(text);
      const [dataset, layer] = result.diagnostics.filter((d) => d.code === 'missing-argument');
      assertAt(dataset, text, '"dataset"');
      assert.deepEqual([dataset.start.line, dataset.start.column, dataset.end.column], [2, 3, 12]);
      assertMentions(dataset, '"dataset" needs "name"', 'cifar10', 'imageFolder');
      assertAt(layer, text, '{', { after: '"layers": [' });
      assertMentions(layer, 'needs "type"', 'Conv2D');
    });

    it('reports numbers out of range with the bound', () => {
      const text = modelText([FLATTEN, '{ "type": "Dropout", "rate": 1 }', '{ "type": "Dense", "units": 0 }', '{ "type": "Dense", "units": -3, "activation": "softmax" }']);
      const result = parse(text);
      const rate = single(result, 'too-big');
      assertAt(rate, text, '1', { after: '"rate": ' });
      assertMentions(rate, 'Dropout (layer 2)', '"rate"', 'must be < 1', 'not 1');
      const [zero, negative] = result.diagnostics.filter((d) => d.code === 'too-small');
      assertAt(zero, text, '0', { after: '"units": ' });
      assertMentions(zero, 'Dense (layer 3)', 'must be ≥ 1', 'not 0');
      assertAt(negative, text, '-3');
      assertMentions(negative, 'Dense (layer 4)', 'not -3');
    });

    it('reports an empty layer list', () => {
      const text = '{ "dataset": { "name": "cifar10" }, "layers": [] }';
      const d = single(parse(text), 'too-small');
      assertAt(d, text, '[]');
      assertMentions(d, '"layers" needs at least 1 item');
    });
  });

  describe('names from fixed lists', () => {
    it('suggests relu for "Relu", with a fix', () => {
      const text = modelText(['{ "type": "Conv2D", "filters": 8, "kernelSize": 3, "activation": "Relu" }', FLATTEN, SOFTMAX10]);
      const d = single(parse(text), 'unknown-value');
      assert.equal(d.severity, 'error');
      assertAt(d, text, '"Relu"');
      assertMentions(d, '"activation" cannot be "Relu"', 'Did you mean "relu"?', 'softmax');
      assert.deepEqual(parse(applyFix(text, d)).diagnostics, []);
    });

    it('suggests a padding, or lists the choices when nothing is close', () => {
      const close = modelText(['{ "type": "Conv2D", "filters": 8, "kernelSize": 3, "padding": "Same" }', FLATTEN, SOFTMAX10]);
      const c = single(parse(close), 'unknown-value');
      assertAt(c, close, '"Same"');
      assertMentions(c, 'Did you mean "same"?');
      const far = modelText(['{ "type": "Conv2D", "filters": 8, "kernelSize": 3, "padding": "full" }', FLATTEN, SOFTMAX10]);
      const f = single(parse(far), 'unknown-value');
      assertAt(f, far, '"full"');
      assert.ok(!f.message.includes('Did you mean'));
      assertMentions(f, 'valid, same');
    });
  });

  describe('other forms the schema rejects', () => {
    it('checks the spelling of a layer name', () => {
      const text = modelText(['{ "type": "Flatten", "name": "1st" }', SOFTMAX10]);
      const d = single(parse(text), 'invalid-format');
      assertAt(d, text, '"1st"');
      assertMentions(d, 'Flatten (layer 1)', 'starts with a letter');
    });

    it('rejects a number where a name from a list belongs', () => {
      const text = modelText(['{ "type": "Conv2D", "filters": 8, "kernelSize": 3, "padding": 1 }', FLATTEN, SOFTMAX10]);
      const d = single(parse(text), 'invalid-value');
      assertAt(d, text, '1', { after: '"padding": ' });
      assertMentions(d, 'must be one of "valid", "same"', 'not 1');
    });

    it('rejects a layer type that is not a string', () => {
      const text = modelText(['{ "type": 2 }', FLATTEN, SOFTMAX10]);
      const d = single(parse(text), 'invalid-type');
      assertAt(d, text, '2');
      assertMentions(d, 'layer type must be a string', 'Conv2D');
    });
  });

  describe('arguments of several forms', () => {
    it('points at the wrong item of a kernelSize pair', () => {
      const text = modelText(['{ "type": "Conv2D", "filters": 8, "kernelSize": [3, "a"] }', FLATTEN, SOFTMAX10]);
      const d = single(parse(text), 'invalid-type');
      assertAt(d, text, '"a"');
      assertMentions(d, 'Item 2 of "kernelSize"', 'must be a number');
      assert.deepEqual(d.path, ['layers', 0, 'kernelSize', 1]);
    });

    it('rejects a kernelSize of three numbers', () => {
      const text = modelText(['{ "type": "Conv2D", "filters": 8, "kernelSize": [3, 3, 3] }', FLATTEN, SOFTMAX10]);
      const d = single(parse(text), 'too-big');
      assertAt(d, text, '[3, 3, 3]');
      assertMentions(d, '"kernelSize" needs at most 2 items');
    });

    it('suggests an optimizer name', () => {
      const text = modelText([FLATTEN, SOFTMAX10], '"compile": { "optimizer": "adamx" }');
      const d = single(parse(text), 'unknown-value');
      assertAt(d, text, '"adamx"');
      assertMentions(d, 'cannot be "adamx"', 'Did you mean "adam"?', 'rmsprop');
      assert.deepEqual(parse(applyFix(text, d)).diagnostics, []);
    });

    it('speaks of optimizer types, not objects, for an optimizer object of unknown type', () => {
      const text = modelText([FLATTEN, SOFTMAX10], '"compile": { "optimizer": { "type": "adamw", "learningRate": 0.001 } }');
      const d = single(parse(text), 'unknown-value');
      assertAt(d, text, '"adamw"');
      assertMentions(d, 'Unknown optimizer "adamw"', 'Did you mean "adam"?', 'sgd');
      assert.deepEqual(d.path, ['compile', 'optimizer', 'type']);
    });

    it('suggests a callback type', () => {
      const text = modelText([FLATTEN, SOFTMAX10], '"fit": { "callbacks": [{ "type": "EarlyStoping", "monitor": "loss" }] }');
      const d = single(parse(text), 'unknown-value');
      assertAt(d, text, '"EarlyStoping"');
      assertMentions(d, 'Unknown callback "EarlyStoping"', 'Did you mean "EarlyStopping"?');
    });
  });

  describe('Keras snake_case spellings', () => {
    it('accepts a snake_case key with an info and a rename fix', () => {
      const text = modelText(['{ "type": "Conv2D", "filters": 8, "kernel_size": 3 }', FLATTEN, SOFTMAX10],
        '"compile": { "optimizer": { "type": "sgd", "learning_rate": 0.05 } }');
      const result = parse(text);
      const [kernel, rate] = result.diagnostics;
      assert.equal(result.diagnostics.length, 2);
      for (const d of [kernel, rate]) {
        assert.equal(d.severity, 'info');
        assert.equal(d.code, 'snake-case-key');
      }
      assertAt(kernel, text, '"kernel_size"');
      assertMentions(kernel, '"kernel_size" is the Keras spelling', '"kernelSize"');
      assert.equal(kernel.fix?.replacement, '"kernelSize"');
      assertAt(rate, text, '"learning_rate"');
      assert.ok(result.model);
      assert.deepEqual(result.model.layers[0], { type: 'Conv2D', filters: 8, kernelSize: 3 });
      assert.deepEqual(result.model.compile?.optimizer, { type: 'sgd', learningRate: 0.05 });
      assert.deepEqual(parse(applyFix(text, kernel)).diagnostics.map((d) => d.code), ['snake-case-key']);
    });

    it('accepts snake_case names as values, on the value', () => {
      const text = modelText([FLATTEN, '{ "type": "Dense", "units": 10, "activation": "softmax", "kernel_initializer": "lecun_normal" }'],
        '"compile": { "loss": "sparse_categorical_crossentropy" }');
      const result = parse(text);
      const values = result.diagnostics.filter((d) => d.code === 'snake-case-value');
      assert.equal(values.length, 2);
      assertAt(values[0], text, '"lecun_normal"');
      assertMentions(values[0], '"leCunNormal"');
      assertAt(values[1], text, '"sparse_categorical_crossentropy"');
      assert.equal(values[1].severity, 'info');
      assert.equal(values[1].fix?.replacement, '"sparseCategoricalCrossentropy"');
      assert.ok(result.model);
      assert.equal(result.model.compile?.loss, 'sparseCategoricalCrossentropy');
      assert.equal((result.model.layers[1] as { kernelInitializer?: string }).kernelInitializer, 'leCunNormal');
    });

    it('rejects an argument written both ways', () => {
      const text = modelText(['{ "type": "Conv2D", "filters": 8, "kernel_size": 3, "kernelSize": 5 }', FLATTEN, SOFTMAX10]);
      const d = single(parse(text), 'duplicate-alias');
      assert.equal(d.severity, 'error');
      assertAt(d, text, '"kernel_size"');
      assertMentions(d, '"kernel_size" and "kernelSize" are the same argument', 'keep only "kernelSize"');
    });
  });

  describe('whole-model checks', () => {
    describe('learning-rate schedules', () => {
      const layers = [FLATTEN, SOFTMAX10];
      const compile = (rate: string) => `"compile": { "optimizer": { "type": "sgd", "momentum": 0.9, "learningRate": ${rate} } }`;

      it('accepts a Keras schedule as the learning rate, in Keras\'s snake_case too, and resolves the first batch\'s rate', () => {
        const text = modelText(layers, compile('{ "type": "CosineDecay", "initial_learning_rate": 0.01, "decay_steps": 700, "warmup_target": 0.1, "warmup_steps": 70 }'));
        const result = parse(text);
        assert.deepEqual(result.diagnostics.filter((d) => d.severity !== 'info'), []);
        assert.deepEqual((result.model?.compile?.optimizer as { learningRate: unknown }).learningRate,
          { type: 'CosineDecay', initialLearningRate: 0.01, decaySteps: 700, warmupTarget: 0.1, warmupSteps: 70 });
        const optimizer = resolveModel(result.model!).optimizer;
        assert.equal(optimizer.learningRate, 0.01);
        assert.equal(optimizer.schedule?.type, 'CosineDecay');
      });

      it('refuses a callback that would set a rate the schedule sets, at the callback', () => {
        const text = modelText(layers, compile('{ "type": "ExponentialDecay", "initialLearningRate": 0.1, "decaySteps": 100, "decayRate": 0.9 }'),
          '"fit": { "validationSplit": 0.1, "callbacks": [{ "type": "ReduceLROnPlateau" }] }');
        const d = single(parse(text), 'callback-sets-scheduled-rate');
        assert.equal(d.severity, 'error');
        assertAt(d, text, '"ReduceLROnPlateau"');
        assertMentions(d, 'ReduceLROnPlateau cannot set the learning rate', 'ExponentialDecay', 'Keep one');
      });

      it('asks PiecewiseConstantDecay for one value more than boundaries, and increasing boundaries', () => {
        const text = modelText(layers, compile('{ "type": "PiecewiseConstantDecay", "boundaries": [500, 400], "values": [0.1, 0.01] }'));
        const result = parse(text);
        const count = single(result, 'schedule-values-count');
        assertAt(count, text, '[0.1, 0.01]');
        assertMentions(count, '2 boundaries need 3 values, not 2');
        const order = single(result, 'schedule-boundaries-order');
        assertAt(order, text, '400');
        assertMentions(order, 'must increase', '400 follows 500');
      });

      it('refuses a cosine schedule that starts at 0 with no warm-up to leave it', () => {
        const text = modelText(layers, compile('{ "type": "CosineDecay", "initialLearningRate": 0, "decaySteps": 100 }'));
        const d = single(parse(text), 'schedule-rate-zero');
        assertAt(d, text, '0', { after: '"initialLearningRate": ' });
        assertMentions(d, 'stays 0', 'warmupTarget');
      });

      it('warns that warmupSteps does nothing without warmupTarget, and still trains', () => {
        const text = modelText(layers, compile('{ "type": "CosineDecay", "initialLearningRate": 0.1, "decaySteps": 100, "warmupSteps": 10 }'));
        const result = parse(text);
        const d = single(result, 'warmup-without-target');
        assert.equal(d.severity, 'warning');
        assertAt(d, text, '10', { after: '"warmupSteps": ' });
        assert.ok(result.model);
      });

      it('checks the schedule\'s fields like any other: decaySteps must be a whole number of batches', () => {
        const text = modelText(layers, compile('{ "type": "CosineDecay", "initialLearningRate": 0.1, "decaySteps": 0.5 }'));
        assert.ok(parse(text).diagnostics.some((d) => d.severity === 'error' && d.path.join('.') === 'compile.optimizer.learningRate.decaySteps'));
      });
    });

    it('asks for a Flatten before a Dense on an image, with an insert fix', () => {
      const text = modelText(['{ "type": "Conv2D", "filters": 32, "kernelSize": 3 }', SOFTMAX10]);
      const d = single(parse(text), 'dense-needs-flat-input');
      assert.equal(d.severity, 'error');
      assertAt(d, text, '"Dense"');
      assertMentions(d, '30×30×32', 'Flatten');
      assert.deepEqual(d.fix, { insertLayer: { index: 1, layer: { type: 'Flatten' } } });
    });

    it('says when a window is larger than its input', () => {
      const text = modelText(['{ "type": "Conv2D", "filters": 8, "kernelSize": 5 }', '{ "type": "MaxPooling2D", "poolSize": 4 }',
        '{ "type": "MaxPooling2D", "poolSize": 8 }', FLATTEN, SOFTMAX10]);
      // 32 → conv 5 valid → 28 → pool 4 → 7 → pool 8 does not fit.
      const d = single(parse(text), 'spatial-size-too-small');
      assertAt(d, text, '8', { after: '"poolSize": 4 }' });
      assert.deepEqual(d.path, ['layers', 2, 'poolSize']);
      assertMentions(d, 'MaxPooling2D', '8×8', 'gets 7×7', 'padding "same"');
    });

    it('says a Conv2D after Flatten needs an image', () => {
      const text = modelText([FLATTEN, '{ "type": "Conv2D", "filters": 8, "kernelSize": 3 }', SOFTMAX10]);
      const d = single(parse(text), 'needs-image-input');
      assertAt(d, text, '"Conv2D"');
      assertMentions(d, 'Conv2D works on images', 'flat input of 3072', 'before the Flatten');
    });

    it('says an image-shaped output is no classifier output', () => {
      const text = modelText(['{ "type": "Conv2D", "filters": 10, "kernelSize": 3, "activation": "softmax" }']);
      const d = single(parse(text), 'output-not-flat');
      assertAt(d, text, '"Conv2D"');
      assertMentions(d, '30×30×10', 'Dense');
    });

    it('matches the output units to CIFAR-10\'s 10 classes, with a fix', () => {
      const text = modelText([FLATTEN, '{ "type": "Dense", "units": 12, "activation": "softmax" }']);
      const d = single(parse(text), 'output-units-mismatch');
      assertAt(d, text, '12');
      assertMentions(d, '12 units', '10 classes');
      assert.equal(d.fix?.replacement, '10');
      assert.deepEqual(parse(applyFix(text, d)).diagnostics, []);
    });

    it('matches the filters of an all-convolutional net to the classes', () => {
      const text = modelText(['{ "type": "Conv2D", "filters": 12, "kernelSize": 1 }', '{ "type": "GlobalAveragePooling2D" }',
        '{ "type": "Activation", "activation": "softmax" }']);
      const d = single(parse(text), 'output-units-mismatch');
      assertAt(d, text, '12');
      assertMentions(d, '12 filters', 'set filters to 10');
      assert.deepEqual(parse(applyFix(text, d)).diagnostics, []);
    });

    it('asks for softmax before a cross-entropy loss, explicit or not', () => {
      const explicit = modelText([FLATTEN, '{ "type": "Dense", "units": 10, "activation": "relu" }']);
      const e = single(parse(explicit), 'softmax-loss-mismatch');
      assertAt(e, explicit, '"relu"');
      assertMentions(e, 'sparseCategoricalCrossentropy', '"relu"', '"softmax"');
      assert.deepEqual(parse(applyFix(explicit, e)).diagnostics, []);

      const implicit = modelText([FLATTEN, '{ "type": "Dense", "units": 10 }'], '"compile": { "loss": "categoricalCrossentropy" }');
      const i = single(parse(implicit), 'softmax-loss-mismatch');
      assertAt(i, implicit, '"Dense"');
      assertMentions(i, 'categoricalCrossentropy', '"linear"');
      assert.deepEqual(parse(applyFix(implicit, i)).diagnostics, []);
    });

    it('accepts softmax as a separate Activation layer', () => {
      const text = modelText([FLATTEN, '{ "type": "Dense", "units": 10 }', '{ "type": "Activation", "activation": "softmax" }']);
      assert.deepEqual(parse(text).diagnostics, []);
    });

    it('checks inputShape against the data set', () => {
      const text = modelText([FLATTEN, SOFTMAX10], '"inputShape": [28, 28, 1]');
      const d = single(parse(text), 'input-shape-mismatch');
      assertAt(d, text, '[28, 28, 1]');
      assertMentions(d, '28×28×1', '32×32×3', 'cifar10');
      assert.equal(d.fix?.replacement, '[32,32,3]');
      assert.deepEqual(parse(applyFix(text, d)).diagnostics, []);

      const folder = '{\n  "dataset": { "name": "imageFolder", "path": "faces", "imageSize": [28, 28], "grayscale": true },\n' +
        '  "inputShape": [28, 28, 1],\n  "layers": [' + `${FLATTEN}, { "type": "Dense", "units": 4, "activation": "softmax" }]\n}`;
      assert.deepEqual(parse(folder).diagnostics, []);
    });

    it('rejects duplicate layer names, given or default', () => {
      const text = modelText(['{ "type": "Flatten", "name": "head" }', '{ "type": "Dense", "units": 10, "activation": "softmax", "name": "head" }']);
      const d = single(parse(text), 'duplicate-layer-name');
      assertAt(d, text, '"head"', { occurrence: 1 });
      assertMentions(d, 'Layer 2', '"head"', 'layer 1');

      // Keras would also call the unnamed Dense "dense".
      const implicit = modelText(['{ "type": "Flatten", "name": "dense" }', SOFTMAX10]);
      const i = single(parse(implicit), 'duplicate-layer-name');
      assertAt(i, implicit, SOFTMAX10);
      assertMentions(i, '"dense"');
    });

    it('asks for validation data when a callback monitors val_*', () => {
      const text = modelText([FLATTEN, SOFTMAX10],
        '"fit": { "callbacks": [{ "type": "EarlyStopping" }, { "type": "ReduceLROnPlateau", "monitor": "val_accuracy" }, { "type": "EarlyStopping", "monitor": "loss" }] }');
      const found = parse(text).diagnostics.filter((d) => d.code === 'monitor-needs-validation');
      assert.equal(found.length, 2);
      assertAt(found[0], text, '"EarlyStopping"');
      assertMentions(found[0], 'monitors val_loss', 'validationSplit');
      assertAt(found[1], text, '"val_accuracy"');
      assertMentions(found[1], 'ReduceLROnPlateau monitors val_accuracy');

      const withSplit = modelText([FLATTEN, SOFTMAX10], '"fit": { "validationSplit": 0.1, "callbacks": [{ "type": "EarlyStopping" }] }');
      assert.deepEqual(parse(withSplit).diagnostics, []);
    });

    it('skips whole-model checks until the arguments are valid', () => {
      // Units 12 would be an output mismatch, but the bad rate is reported alone.
      const text = modelText([FLATTEN, '{ "type": "Dropout", "rate": 2 }', '{ "type": "Dense", "units": 12, "activation": "softmax" }']);
      assert.deepEqual(parse(text).diagnostics.map((d) => d.code), ['too-big']);
    });
  });

  it('places ranges on later lines of CRLF files too', () => {
    const text = modelText([FLATTEN, '{ "type": "Dense", "units": 12, "activation": "softmax" }']).replace(/\n/g, '\r\n');
    const d = single(parse(text), 'output-units-mismatch');
    assert.equal(text.slice(d.start.offset, d.end.offset), '12');
    assert.equal(d.start.line, 5);
    assert.equal(d.start.column, text.split('\r\n')[4].indexOf('12') + 1);
  });

  it('sorts diagnostics by position', () => {
    const text = modelText(['{ "type": "Conv2d" }', '{ "type": "Dense", "units": 0 }'], '"compile": { "optimizer": "adamx" }');
    const offsets = parse(text).diagnostics.map((d) => d.start.offset);
    assert.equal(offsets.length, 3);
    assert.deepEqual(offsets, [...offsets].sort((a, b) => a - b));
  });
});
