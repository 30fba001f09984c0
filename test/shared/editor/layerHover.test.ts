// The layer hover: Keras class, arguments with defaults, shapes, and formulas whose
// arithmetic really gives the numbers shape inference computes.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { kerasArguments } from '../../../src/shared/editor/layerArgumentsTable';
import { layerCostFormulas } from '../../../src/shared/editor/layerCost';
import { layerHoverMarkdown } from '../../../src/shared/editor/layerHover';
import { outlineModel, type ModelOutline } from '../../../src/shared/editor/modelOutline';

const EXAMPLES = path.join(__dirname, '..', '..', '..', 'examples');

function modelText(layers: string[]): string {
  return `{\n  "dataset": { "name": "cifar10" },\n  "layers": [\n${layers.map((l) => `    ${l}`).join(',\n')}\n  ]\n}`;
}

/** Evaluates "(3×3×3 + 1) × 32" with × as multiplication: only digits, + × ( ) and spaces are allowed. */
function evaluate(expression: string): number {
  const cleaned = expression.replace(/positions/g, '').replace(/,/g, '');
  assert.match(cleaned, /^[\d\s+×()]+$/, `"${expression}" is plain arithmetic`);
  return Function(`"use strict"; return (${cleaned.replace(/×/g, '*')});`)() as number;
}

/** Checks "<expression> = <total>..." against the expected value. */
function assertFormula(formula: string, expected: number): void {
  const match = /^(.*?) = ([\d,]+)/.exec(formula);
  assert.ok(match, `"${formula}" has the form expression = total`);
  assert.equal(Number(match[2].replace(/,/g, '')), expected, formula);
  assert.equal(evaluate(match[1]), expected, formula);
}

function allShapedLayers(outline: ModelOutline) {
  return outline.layers.map((l) => {
    assert.ok(l.spec && l.shape);
    return { spec: l.spec, info: l.shape };
  });
}

describe('layer hover', () => {
  const text = readFileSync(path.join(EXAMPLES, 'quickstart.cnn.json'), 'utf8');
  const outline = outlineModel(text, 'm');

  it('explains a Conv2D in Keras terms with the worked parameter count', () => {
    const markdown = layerHoverMarkdown(outline, outline.layers[0]);
    assert.ok(markdown);
    assert.ok(markdown.startsWith('**Conv2D** `conv2d` · layer 1 of 8 · `keras.layers.Conv2D`'), markdown);
    assert.ok(markdown.includes('| `kernel_size` | `(3, 3)` |'));
    assert.ok(markdown.includes('| `strides` | `(1, 1)` *(default)* |'));
    assert.ok(markdown.includes('| `padding` | `\'same\'` |'));
    assert.ok(markdown.includes('| `kernel_initializer` | `\'glorot_uniform\'` *(default)* |'));
    assert.ok(markdown.includes('**Input** 32×32×3 → **output** 32×32×16 — Keras `(None, 32, 32, 16)`'));
    assert.ok(markdown.includes('**Params** (3×3×3 + 1) × 16 = 448'), markdown);
    assert.ok(markdown.includes('**Mult-adds per image** 32×32 positions × 3×3×3 × 16 = 442,368 (442.4 K)'), markdown);
    assert.ok(markdown.indexOf('**Params**') < markdown.indexOf('| Keras argument'), 'the costs come before the long arguments table');
  });

  it('numbers unnamed layers the Keras way', () => {
    const names = outline.layers.map((l) => /`([a-z_0-9]+)`/.exec(layerHoverMarkdown(outline, l) ?? '')?.[1]);
    assert.deepEqual(names, ['conv2d', 'max_pooling2d', 'conv2d_1', 'max_pooling2d_1', 'flatten', 'dense', 'dropout', 'dense_1']);
  });

  it('works out 32 filters of 3×3 on RGB as (3×3×3 + 1) × 32 = 896', () => {
    const baseline = outlineModel(readFileSync(path.join(EXAMPLES, 'cifar10-baseline.cnn.json'), 'utf8'), 'm');
    assert.ok(layerHoverMarkdown(baseline, baseline.layers[0])?.includes('(3×3×3 + 1) × 32 = 896'));
  });

  it('still explains a layer whose shape is unknown, and says why', () => {
    const broken = outlineModel(modelText(['{ "type": "Dense", "units": 4 }', '{ "type": "Dropout", "rate": 0.5 }']), 'm');
    const markdown = layerHoverMarkdown(broken, broken.layers[1]);
    assert.ok(markdown?.includes('`keras.layers.Dropout`'));
    assert.ok(markdown?.includes('Shapes unknown'));
    assert.ok(!markdown?.includes('**Params**'));
  });

  it('has no hover for a layer that does not pass the schema', () => {
    const broken = outlineModel(modelText(['{ "type": "Conv2D", "filters": "many", "kernelSize": 3 }']), 'm');
    assert.equal(layerHoverMarkdown(broken, broken.layers[0]), null);
  });
});

describe('layer cost formulas', () => {
  it('add up to the params and mult-adds of every layer of every example', () => {
    for (const file of ['quickstart', 'cifar10-baseline', 'cifar10-augmented', 'cifar10-deeper', 'cifar10-fast']) {
      const outline = outlineModel(readFileSync(path.join(EXAMPLES, `${file}.cnn.json`), 'utf8'), 'm');
      for (const { spec, info } of allShapedLayers(outline)) {
        const cost = layerCostFormulas(spec, info);
        if (info.params > 0) assertFormula(cost.params, info.params);
        else assert.equal(cost.params, '0 (no weights)');
        if (info.multiplyAdds > 0) assertFormula(cost.multiplyAdds, info.multiplyAdds);
      }
    }
  });

  it('cover layers without bias, non-square kernels and batch normalisation', () => {
    const outline = outlineModel(modelText([
      '{ "type": "Conv2D", "filters": 5, "kernelSize": [3, 2], "strides": 2, "useBias": false }',
      '{ "type": "BatchNormalization" }',
      '{ "type": "Flatten" }',
      '{ "type": "Dense", "units": 10, "useBias": false, "activation": "softmax" }',
    ]), 'm');
    const [conv, norm, , dense] = allShapedLayers(outline);
    const convCost = layerCostFormulas(conv.spec, conv.info);
    assert.equal(convCost.params, '3×2×3 × 5 = 90 (no bias)');
    assertFormula(convCost.multiplyAdds, conv.info.multiplyAdds);
    assert.ok(layerCostFormulas(norm.spec, norm.info).params.startsWith('4 × 5 = 20: γ and β trained (10)'));
    assertFormula(layerCostFormulas(dense.spec, dense.info).params, dense.info.params);
    assert.ok(layerCostFormulas(dense.spec, dense.info).params.endsWith('(no bias)'));
  });
});

describe('Keras arguments with defaults', () => {
  it('fills pooling defaults and keeps written values', () => {
    const args = kerasArguments({ type: 'MaxPooling2D', strides: [1, 2] }, 'max_pooling2d');
    assert.deepEqual(args.map((a) => [a.keras, a.value, a.isDefault]), [
      ['pool_size', '(2, 2)', true], ['strides', '(1, 2)', false], ['padding', '\'valid\'', true], ['name', '\'max_pooling2d\'', true],
    ]);
  });

  it('writes activations, initializers and regularizers as Keras does', () => {
    const args = kerasArguments({ type: 'Dense', units: 3, activation: 'hardSigmoid', kernelInitializer: 'leCunNormal', kernelRegularizer: { l2: 0.001 }, name: 'head' }, 'dense');
    const value = (k: string) => args.find((a) => a.keras === k)?.value;
    assert.equal(value('activation'), '\'hard_sigmoid\'');
    assert.equal(value('kernel_initializer'), '\'lecun_normal\'');
    assert.equal(value('kernel_regularizer'), 'regularizers.l1_l2(l1=0, l2=0.001)');
    assert.equal(value('name'), '\'head\'');
  });
});
