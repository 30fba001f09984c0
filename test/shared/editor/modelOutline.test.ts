// The editor's tolerant reading of a model file: shapes up to the first problem, through
// syntax slips and semantic errors, and where each layer sits in the text.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { layerAtOffset, outlineModel } from '../../../src/shared/editor/modelOutline';
import { resolveModel } from '../../../src/shared/modelDefaults';
import { parseModelFile } from '../../../src/shared/parseModelFile';
import { inferShapes } from '../../../src/shared/shapeInference';

const EXAMPLES = path.join(__dirname, '..', '..', '..', 'examples');

function modelText(layers: string[], dataset = '{ "name": "cifar10" }'): string {
  return `{\n  "dataset": ${dataset},\n  "layers": [\n${layers.map((l) => `    ${l}`).join(',\n')}\n  ]\n}`;
}

describe('model outline', () => {
  it('agrees with shape inference on every example', () => {
    for (const file of ['quickstart', 'cifar10-baseline', 'cifar10-augmented', 'cifar10-deeper', 'cifar10-fast']) {
      const text = readFileSync(path.join(EXAMPLES, `${file}.cnn.json`), 'utf8');
      const parsed = parseModelFile(text);
      assert.ok(parsed.model, file);
      const resolved = resolveModel(parsed.model);
      const report = inferShapes(resolved.layers, resolved.inputShape);
      const outline = outlineModel(text, 'fallback');
      assert.equal(outline.name, file);
      assert.ok(outline.complete, file);
      assert.equal(outline.totalParams, report.totalParams, file);
      assert.equal(outline.totalMultiplyAdds, report.totalMultiplyAdds, file);
      assert.deepEqual(outline.layers.map((l) => l.shape?.outputShape), report.layers.map((l) => l.outputShape), file);
      for (const layer of outline.layers) {
        const written = text.slice(layer.offset, layer.offset + layer.length);
        assert.match(written, /^\{[^]*\}$/, 'a layer spans its braces');
        assert.equal(JSON.parse(written).type, layer.spec?.type);
      }
    }
  });

  it('keeps shapes through syntax slips and Keras spellings while the user types', () => {
    const text = modelText([
      '{ "type": "Conv2D", "filters": 16, "kernel_size": 3 }',
      '{ "type": "MaxPooling2D" }', // missing comma on the next line
      '{ "type": "Flatten" }',
    ]).replace('"MaxPooling2D" },', '"MaxPooling2D" }');
    assert.equal(parseModelFile(text).model, null);
    const outline = outlineModel(text, 'typing');
    assert.equal(outline.name, 'typing');
    assert.deepEqual(outline.layers.map((l) => l.shape?.outputShape), [[30, 30, 16], [15, 15, 16], [3600]]);
  });

  it('stops the shapes at an invalid layer but keeps the layers and their places', () => {
    const text = modelText([
      '{ "type": "Conv2D", "filters": 16, "kernelSize": 3 }',
      '{ "type": "Conv2D", "filters": -1, "kernelSize": 3 }',
      '{ "type": "Flatten" }',
    ]);
    const outline = outlineModel(text, 'm');
    assert.deepEqual(outline.layers.map((l) => l.spec?.type ?? null), ['Conv2D', null, 'Flatten']);
    assert.deepEqual(outline.layers.map((l) => l.shape !== null), [true, false, false]);
    assert.equal(outline.complete, false);
  });

  it('stops the shapes at a shape problem, and has them all on a semantic error', () => {
    const broken = outlineModel(modelText(['{ "type": "Conv2D", "filters": 16, "kernelSize": 3 }', '{ "type": "Dense", "units": 10 }', '{ "type": "Dense", "units": 10 }']), 'm');
    assert.deepEqual(broken.layers.map((l) => l.shape !== null), [true, false, false]);
    const wrongUnits = modelText(['{ "type": "Flatten" }', '{ "type": "Dense", "units": 7, "activation": "softmax" }']);
    assert.equal(parseModelFile(wrongUnits).model, null, 'output-units-mismatch is an error');
    const outline = outlineModel(wrongUnits, 'm');
    assert.ok(outline.complete);
    assert.equal(outline.totalParams, 3072 * 7 + 7);
  });

  it('takes inputShape when written, else the data set\'s shape, else none', () => {
    const withInput = modelText(['{ "type": "Flatten" }']).replace('"layers"', '"inputShape": [8, 8, 1],\n  "layers"');
    assert.deepEqual(outlineModel(withInput, 'm').layers[0].shape?.outputShape, [64]);
    const folder = modelText(['{ "type": "Flatten" }'], '{ "name": "imageFolder", "path": "x", "imageSize": [10, 20], "grayscale": true }');
    assert.deepEqual(outlineModel(folder, 'm').inputShape, [10, 20, 1]);
    const noDataset = modelText(['{ "type": "Flatten" }'], '{ "name": "mnist" }');
    const outline = outlineModel(noDataset, 'm');
    assert.equal(outline.inputShape, null);
    assert.equal(outline.layers[0].shape, null);
    assert.equal(outline.layers[0].spec?.type, 'Flatten');
  });

  it('gives an empty outline for text that is not an object', () => {
    for (const text of ['', '[1, 2]', '{ "layers": 3 }']) assert.deepEqual(outlineModel(text, 'm').layers, []);
  });

  it('finds the layer under an offset', () => {
    const text = modelText(['{ "type": "Flatten" }', '{ "type": "Dense", "units": 10 }']);
    const outline = outlineModel(text, 'm');
    assert.equal(layerAtOffset(outline, text.indexOf('"units"'))?.index, 1);
    assert.equal(layerAtOffset(outline, text.indexOf('Flatten'))?.index, 0);
    assert.equal(layerAtOffset(outline, text.indexOf('"dataset"')), undefined);
  });
});
