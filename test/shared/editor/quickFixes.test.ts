// Each quick fix is applied to the text and the result validated again: the problem must be
// gone, no new error may appear, and the edit must keep the file's layout.
import { strict as assert } from 'node:assert';
import { applyTextEdits } from '../../../src/shared/editor/jsonEdits';
import { fixAllSnakeCase, quickFixesFor, type QuickFix } from '../../../src/shared/editor/quickFixes';
import { parseModelFile, type Diagnostic } from '../../../src/shared/parseModelFile';
import { modelText } from '../../support/modelText';


const CONV = '{ "type": "Conv2D", "filters": 8, "kernelSize": 3, "activation": "relu" }';
const FLATTEN = '{ "type": "Flatten" }';
const OUTPUT = '{ "type": "Dense", "units": 10, "activation": "softmax" }';

function only(text: string, code: string): Diagnostic {
  const found = parseModelFile(text).diagnostics.filter((d) => d.code === code);
  assert.equal(found.length, 1, `one ${code} in ${JSON.stringify(parseModelFile(text).diagnostics.map((d) => d.code))}`);
  return found[0];
}

/** Applies the fix and checks that the diagnostic is gone and no error is new; returns the fixed text. */
function applyAndRecheck(text: string, d: Diagnostic, fix: QuickFix): string {
  const fixed = applyTextEdits(text, fix.edits);
  const after = parseModelFile(fixed).diagnostics;
  assert.ok(!after.some((a) => a.code === d.code), `${d.code} should be gone after "${fix.title}":\n${fixed}\n${JSON.stringify(after)}`);
  const errorsBefore = new Set(parseModelFile(text).diagnostics.filter((b) => b.severity === 'error').map((b) => b.code));
  const newErrors = after.filter((a) => a.severity === 'error' && !errorsBefore.has(a.code));
  assert.deepEqual(newErrors, [], `"${fix.title}" introduced errors:\n${fixed}`);
  return fixed;
}

/** The one preferred fix of the only diagnostic with `code`, applied and rechecked. */
function fixOnly(text: string, code: string): { fixed: string; fix: QuickFix } {
  const d = only(text, code);
  const fixes = quickFixesFor(text, d);
  const preferred = fixes.filter((f) => f.isPreferred);
  assert.equal(preferred.length, 1, `one preferred fix for ${code}: ${JSON.stringify(fixes)}`);
  return { fixed: applyAndRecheck(text, d, preferred[0]), fix: preferred[0] };
}

describe('quick fixes', () => {
  describe('dense-needs-flat-input', () => {
    it('inserts a Flatten line before the Dense layer, indented like it', () => {
      const text = modelText([CONV, OUTPUT]);
      const { fixed, fix } = fixOnly(text, 'dense-needs-flat-input');
      assert.equal(fix.title, 'Insert a Flatten layer before layer 2');
      assert.equal(fixed, modelText([CONV, FLATTEN, OUTPUT]));
      assert.ok(parseModelFile(fixed).model, 'the fixed file is valid');
    });

    it('inserts inline when the layers share one line', () => {
      const text = `{ "dataset": { "name": "cifar10" }, "layers": [${CONV}, ${OUTPUT}] }`;
      const { fixed } = fixOnly(text, 'dense-needs-flat-input');
      assert.equal(fixed, `{ "dataset": { "name": "cifar10" }, "layers": [${CONV}, ${FLATTEN}, ${OUTPUT}] }`);
    });

    it('keeps tabs and CRLF line ends', () => {
      const text = modelText([CONV, OUTPUT]).replace(/ {4}\{/g, '\t\t{').replace(/\n/g, '\r\n');
      const { fixed } = fixOnly(text, 'dense-needs-flat-input');
      assert.ok(fixed.includes(`\t\t${CONV},\r\n\t\t${FLATTEN},\r\n\t\t${OUTPUT}`), fixed);
    });

    it('offers GlobalAveragePooling2D as the other, not preferred, way', () => {
      const text = modelText([CONV, OUTPUT]);
      const d = only(text, 'dense-needs-flat-input');
      const gap = quickFixesFor(text, d).find((f) => f.title.includes('GlobalAveragePooling2D'));
      assert.ok(gap && !gap.isPreferred);
      const fixed = applyAndRecheck(text, d, gap);
      assert.ok(fixed.includes('    { "type": "GlobalAveragePooling2D" },\n    { "type": "Dense"'));
    });
  });

  it('output-units-mismatch sets the last Dense units to the class count', () => {
    const text = modelText([CONV, FLATTEN, '{ "type": "Dense", "units": 12, "activation": "softmax" }']);
    const { fixed, fix } = fixOnly(text, 'output-units-mismatch');
    assert.equal(fix.title, 'Set units to 10 (one output per class)');
    assert.equal(fixed, modelText([CONV, FLATTEN, OUTPUT]));
  });

  it('snake-case-key renames the key to camelCase', () => {
    const text = modelText(['{ "type": "Conv2D", "filters": 8, "kernel_size": 3, "activation": "relu" }', FLATTEN, OUTPUT]);
    const { fixed, fix } = fixOnly(text, 'snake-case-key');
    assert.equal(fix.title, 'Rename "kernel_size" to "kernelSize"');
    assert.equal(fixed, modelText([CONV, FLATTEN, OUTPUT]));
  });

  it('snake-case-value rewrites a Keras name value', () => {
    const text = modelText([CONV, FLATTEN, OUTPUT], '"compile": { "loss": "sparse_categorical_crossentropy" }');
    const { fixed, fix } = fixOnly(text, 'snake-case-value');
    assert.equal(fix.title, 'Change "sparse_categorical_crossentropy" to "sparseCategoricalCrossentropy"');
    assert.ok(fixed.includes('"loss": "sparseCategoricalCrossentropy"'));
  });

  it('one fix renames every snake_case spelling at once', () => {
    const text = modelText(['{ "type": "Conv2D", "filters": 8, "kernel_size": 3, "kernel_initializer": "he_normal" }', FLATTEN, OUTPUT],
      '"fit": { "batch_size": 16 }');
    const diagnostics = parseModelFile(text).diagnostics;
    const all = fixAllSnakeCase(diagnostics);
    assert.ok(all);
    assert.equal(all.edits.length, 4, 'kernel_size, kernel_initializer (key and value), batch_size');
    const fixed = applyTextEdits(text, all.edits);
    const after = parseModelFile(fixed);
    assert.deepEqual(after.diagnostics, []);
    assert.ok(fixed.includes('"kernelInitializer": "heNormal"') && fixed.includes('"batchSize": 16'));
    assert.equal(fixAllSnakeCase(parseModelFile(modelText(['{ "type": "Conv2D", "filters": 8, "kernel_size": 3 }', FLATTEN, OUTPUT])).diagnostics), null,
      'no fix-all for a single rename');
  });

  it('unknown-layer-type changes the type to the close match', () => {
    const text = modelText(['{ "type": "Conv2d", "filters": 8, "kernelSize": 3, "activation": "relu" }', FLATTEN, OUTPUT]);
    const { fixed, fix } = fixOnly(text, 'unknown-layer-type');
    assert.equal(fix.title, 'Change "Conv2d" to "Conv2D"');
    assert.equal(fixed, modelText([CONV, FLATTEN, OUTPUT]));
  });

  it('unknown-argument renames a misspelt argument', () => {
    const text = modelText(['{ "type": "Conv2D", "filters": 8, "kernelSise": 3, "activation": "relu" }', FLATTEN, OUTPUT]);
    const { fixed, fix } = fixOnly(text, 'unknown-argument');
    assert.equal(fix.title, 'Change "kernelSise" to "kernelSize"');
    assert.equal(fixed, modelText([CONV, FLATTEN, OUTPUT]));
  });

  it('unknown-value changes an enum value to the close match', () => {
    const text = modelText(['{ "type": "Conv2D", "filters": 8, "kernelSize": 3, "activation": "rellu" }', FLATTEN, OUTPUT]);
    const { fixed } = fixOnly(text, 'unknown-value');
    assert.equal(fixed, modelText([CONV, FLATTEN, OUTPUT]));
  });

  it('a name with no close match gets no fix', () => {
    const text = modelText(['{ "type": "Transformer", "filters": 8 }', FLATTEN, OUTPUT]);
    assert.deepEqual(quickFixesFor(text, only(text, 'unknown-layer-type')), []);
  });

  describe('softmax-loss-mismatch', () => {
    it('sets an explicit activation to softmax', () => {
      const text = modelText([CONV, FLATTEN, '{ "type": "Dense", "units": 10, "activation": "sigmoid" }']);
      const { fixed, fix } = fixOnly(text, 'softmax-loss-mismatch');
      assert.equal(fix.title, 'Use "activation": "softmax" on the last layer');
      assert.equal(fixed, modelText([CONV, FLATTEN, OUTPUT]));
    });

    it('adds the argument to a one-line layer that has none', () => {
      const text = modelText([CONV, FLATTEN, '{ "type": "Dense", "units": 10 }']);
      const { fixed } = fixOnly(text, 'softmax-loss-mismatch');
      assert.equal(fixed, modelText([CONV, FLATTEN, OUTPUT]));
    });

    it('adds the argument on its own line to a multi-line layer', () => {
      const text = modelText([CONV, FLATTEN, '{\n      "type": "Dense",\n      "units": 10\n    }']);
      const { fixed } = fixOnly(text, 'softmax-loss-mismatch');
      assert.ok(fixed.includes('{\n      "type": "Dense",\n      "units": 10,\n      "activation": "softmax"\n    }'), fixed);
    });

    it('changes a trailing Activation layer', () => {
      const text = modelText([CONV, FLATTEN, '{ "type": "Dense", "units": 10 }', '{ "type": "Activation", "activation": "relu" }']);
      const { fixed } = fixOnly(text, 'softmax-loss-mismatch');
      assert.ok(fixed.includes('{ "type": "Activation", "activation": "softmax" }'));
    });
  });

  it('input-shape-mismatch sets the data set\'s shape, written as the examples write lists', () => {
    const text = modelText([CONV, FLATTEN, OUTPUT], '"inputShape": [28, 28, 1]');
    const { fixed, fix } = fixOnly(text, 'input-shape-mismatch');
    assert.equal(fix.title, 'Set inputShape to [32, 32, 3], the data set\'s shape');
    assert.ok(fixed.includes('"inputShape": [32, 32, 3]'));
  });

  it('removes a trailing comma', () => {
    const text = modelText([CONV, FLATTEN, `${OUTPUT},`]);
    const { fixed, fix } = fixOnly(text, 'json-syntax');
    assert.equal(fix.title, 'Remove the trailing comma');
    assert.equal(fixed, modelText([CONV, FLATTEN, OUTPUT]));
  });

  it('a problem without a mechanical fix gets none', () => {
    const text = modelText([CONV, FLATTEN, OUTPUT], '"fit": { "callbacks": [{ "type": "EarlyStopping" }] }');
    assert.deepEqual(quickFixesFor(text, only(text, 'monitor-needs-validation')), []);
  });
});
