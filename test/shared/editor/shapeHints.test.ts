import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { outlineModel } from '../../../src/shared/editor/modelOutline';
import { layerShapeHints, trainLensTitle } from '../../../src/shared/editor/shapeHints';

const EXAMPLES = path.join(__dirname, '..', '..', '..', 'examples');

describe('shapes in place', () => {
  const text = readFileSync(path.join(EXAMPLES, 'cifar10-baseline.cnn.json'), 'utf8');
  const outline = outlineModel(text, 'm');

  it('labels each layer with its output shape and, when it has weights, its params', () => {
    const labels = layerShapeHints(text, outline).map((h) => h.label);
    assert.deepEqual(labels, [
      '→ 32×32×32 · 896 params', '→ 30×30×32 · 9,248 params', '→ 15×15×32', '→ 15×15×32',
      '→ 15×15×64 · 18,496 params', '→ 13×13×64 · 36,928 params', '→ 6×6×64', '→ 6×6×64',
      '→ 2304', '→ 512 · 1,180,160 params', '→ 512', '→ 10 · 5,130 params',
    ]);
  });

  it('places each hint at the end of its layer\'s line, after the comma', () => {
    const lines = text.split('\n');
    for (const hint of layerShapeHints(text, outline)) {
      const before = text.slice(0, hint.offset);
      const line = lines[before.split('\n').length - 1];
      const column = before.length - before.lastIndexOf('\n') - 1;
      assert.equal(column, line.length, `hint "${hint.label}" at the line's end: ${line}`);
    }
  });

  it('explains the hint in its tooltip', () => {
    assert.equal(layerShapeHints(text, outline)[0].tooltip, 'conv2d (Conv2D): 32×32×3 → 32×32×32, 896 params, 884.7 K mult-adds per image');
  });

  it('titles the Train lens with the model\'s size, or the errors to fix', () => {
    assert.equal(trainLensTitle(outline, 0), '▶ Train · 1,250,858 params · 20.7 M mult-adds/image');
    assert.equal(trainLensTitle(outline, 1), '▶ Train (1 error to fix first)');
    assert.equal(trainLensTitle(outline, 3), '▶ Train (3 errors to fix first)');
    assert.equal(trainLensTitle(outlineModel('{ "layers": [] }', 'm'), 0), '▶ Train');
  });

  it('gives no hint to layers without a shape', () => {
    const broken = '{ "dataset": { "name": "cifar10" }, "layers": [{ "type": "Dense", "units": 4 }, { "type": "Flatten" }] }';
    assert.deepEqual(layerShapeHints(broken, outlineModel(broken, 'm')), []);
  });
});
