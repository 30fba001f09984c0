import { strict as assert } from 'node:assert';
import { guessImageSize, imageFolderTemplate, modelFileNameFor } from '../../../src/shared/editor/imageFolderTemplate';
import { resolveModel } from '../../../src/shared/modelDefaults';
import { parseModelFile } from '../../../src/shared/parseModelFile';
import { inferShapes } from '../../../src/shared/shapeInference';

const CLASSES = ['cats', 'dogs', 'foxes'];

describe('"My image folder" template', () => {
  it('writes a valid model file whose last Dense layer has one unit per class', () => {
    for (const [size, grayscale] of [[[32, 32], false], [[28, 28], true], [[64, 48], false], [[128, 128], true], [[96, 128], false]] as const) {
      const text = imageFolderTemplate({ name: 'pets', folderPath: 'data/pets', classNames: CLASSES, imageSize: [size[0], size[1]], grayscale });
      const parsed = parseModelFile(text);
      assert.deepEqual(parsed.diagnostics, [], `${size} ${grayscale}:\n${text}`);
      assert.ok(parsed.model);
      const last = parsed.model.layers[parsed.model.layers.length - 1];
      assert.deepEqual(last, { type: 'Dense', units: 3, activation: 'softmax' });
      assert.deepEqual(parsed.model.dataset, { name: 'imageFolder', path: 'data/pets', imageSize: [size[0], size[1]], grayscale });
      const resolved = resolveModel(parsed.model);
      const report = inferShapes(resolved.layers, resolved.inputShape);
      const flatten = report.layers.find((l) => l.type === 'Flatten');
      assert.ok(flatten && flatten.inputShape[0] <= 8 && flatten.inputShape[0] >= 3, `pooled down to about 8: ${flatten?.inputShape}`);
      assert.ok(report.totalParams < 3_000_000, `small: ${report.totalParams}`);
    }
  });

  it('is written one layer per line, like the examples', () => {
    const text = imageFolderTemplate({ name: 'pets', folderPath: '.', classNames: ['a', 'b'], imageSize: [32, 32], grayscale: false });
    assert.ok(text.includes('\n    { "type": "Conv2D", "filters": 32, "kernelSize": 3, "padding": "same", "activation": "relu" },\n'));
    assert.ok(text.includes('"path": "."'));
    assert.ok(text.endsWith('}\n'));
  });

  it('names the classes in the description, shortened when there are many', () => {
    const many = Array.from({ length: 9 }, (_, i) => `c${i}`);
    const text = imageFolderTemplate({ name: 'x', folderPath: 'imgs', classNames: many, imageSize: [32, 32], grayscale: false });
    assert.ok(text.includes('"description": "A small CNN for the 9 classes in imgs (c0, c1, c2, c3, c4, c5, …)."'));
    assert.equal(parseModelFile(text).model?.layers.at(-1)?.type, 'Dense');
    assert.ok(text.includes('"units": 9, "activation": "softmax"'));
  });

  it('refuses fewer than two classes', () => {
    assert.throws(() => imageFolderTemplate({ name: 'x', folderPath: 'x', classNames: ['only'], imageSize: [32, 32], grayscale: false }), /at least two classes/);
  });

  it('guesses a trainable image size: aspect kept, 32 to 128, multiples of 8', () => {
    assert.deepEqual(guessImageSize(28, 28), [32, 32]);
    assert.deepEqual(guessImageSize(32, 32), [32, 32]);
    assert.deepEqual(guessImageSize(64, 64), [64, 64]);
    assert.deepEqual(guessImageSize(224, 224), [128, 128]);
    assert.deepEqual(guessImageSize(4000, 3000), [96, 128], 'landscape photo: [height, width]');
    assert.deepEqual(guessImageSize(375, 500), [128, 96], 'portrait');
    assert.deepEqual(guessImageSize(1000, 100), [32, 128], 'a strip is capped on both sides');
    assert.deepEqual(guessImageSize(0, 0), [32, 32]);
  });

  it('names the model file after the folder', () => {
    assert.equal(modelFileNameFor('flowers'), 'flowers.cnn.json');
    assert.equal(modelFileNameFor('My Photos (2024)'), 'My-Photos-2024.cnn.json');
    assert.equal(modelFileNameFor('Blüten'), 'Blüten.cnn.json');
    assert.equal(modelFileNameFor('...'), 'images.cnn.json');
  });
});
