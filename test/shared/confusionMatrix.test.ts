import { strict as assert } from 'node:assert';
import { accuracyOf, confusionMatrix, macroAverage, perClassMetrics, topConfusions } from '../../src/shared/confusionMatrix';

describe('confusionMatrix', () => {
  // Three classes, ten examples, worked out by hand:
  //            predicted 0  1  2
  //   true 0            2  1  0
  //   true 1            0  3  1
  //   true 2            1  0  2
  const labels = [0, 0, 0, 1, 1, 1, 1, 2, 2, 2];
  const predicted = [0, 0, 1, 1, 1, 1, 2, 2, 2, 0];

  it('counts confusion[true][predicted]', () => {
    assert.deepEqual(confusionMatrix(labels, predicted, 3), [[2, 1, 0], [0, 3, 1], [1, 0, 2]]);
  });

  it('derives precision, recall, F1 and support per class', () => {
    const metrics = perClassMetrics(confusionMatrix(labels, predicted, 3));
    // class 0: tp 2, predicted 3, support 3 → p 2/3, r 2/3, f1 2/3
    // class 1: tp 3, predicted 4, support 4 → p 3/4, r 3/4, f1 3/4
    // class 2: tp 2, predicted 3, support 3 → p 2/3, r 2/3, f1 2/3
    const expected = [[2 / 3, 2 / 3, 2 / 3, 3], [3 / 4, 3 / 4, 3 / 4, 4], [2 / 3, 2 / 3, 2 / 3, 3]];
    metrics.forEach((m, i) => {
      const [p, r, f1, support] = expected[i];
      assert.ok(Math.abs(m.precision - p) < 1e-12, `precision of ${i}`);
      assert.ok(Math.abs(m.recall - r) < 1e-12, `recall of ${i}`);
      assert.ok(Math.abs(m.f1 - f1) < 1e-12, `f1 of ${i}`);
      assert.equal(m.support, support);
    });
    assert.equal(accuracyOf(confusionMatrix(labels, predicted, 3)), 0.7);
  });

  it('uses different precision and recall where they differ, and 0 where undefined', () => {
    // class 0 is never predicted, class 2 neither occurs nor is predicted.
    const m = perClassMetrics(confusionMatrix([0, 1, 1, 1], [1, 1, 1, 1], 3));
    assert.deepEqual(m[0], { precision: 0, recall: 0, f1: 0, support: 1 });
    assert.equal(m[1].precision, 3 / 4);
    assert.equal(m[1].recall, 1);
    assert.ok(Math.abs(m[1].f1 - (2 * 0.75) / 1.75) < 1e-12);
    assert.deepEqual(m[2], { precision: 0, recall: 0, f1: 0, support: 0 });
  });

  it('macro-averages and ranks the biggest confusions', () => {
    const matrix = [[5, 3, 0], [1, 4, 3], [0, 7, 2]];
    const macro = macroAverage(perClassMetrics(matrix));
    const perClass = perClassMetrics(matrix);
    assert.ok(Math.abs(macro.f1 - (perClass[0].f1 + perClass[1].f1 + perClass[2].f1) / 3) < 1e-12);
    assert.deepEqual(topConfusions(matrix, 2), [
      { trueClass: 2, predictedClass: 1, count: 7 },
      { trueClass: 0, predictedClass: 1, count: 3 },
    ]);
  });

  it('rejects mismatched lengths and classes out of range', () => {
    assert.throws(() => confusionMatrix([0, 1], [0], 2), /differ in length/);
    assert.throws(() => confusionMatrix([0, 2], [0, 1], 2), /class 2 is outside 0\.\.1/);
  });
});
