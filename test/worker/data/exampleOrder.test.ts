import assert from 'node:assert/strict';
import { interleavedOrder } from '../../../src/worker/data/exampleOrder';

/** Labels grouped by class, as a folder listing produces them. */
const grouped = (...counts: number[]): number[] => counts.flatMap((n, label) => Array<number>(n).fill(label));

function countLabels(labels: number[]): number[] {
  const counts: number[] = [];
  for (const l of labels) counts[l] = (counts[l] ?? 0) + 1;
  return counts;
}

describe('interleavedOrder', () => {
  it('is a permutation, the same for the same seed and different for another', () => {
    const labels = grouped(30, 30, 30);
    const order = interleavedOrder(labels, 'a');
    assert.deepEqual([...order].sort((a, b) => a - b), labels.map((_, i) => i));
    assert.deepEqual(interleavedOrder(labels, 'a'), order);
    assert.notDeepEqual(interleavedOrder(labels, 'b'), order);
  });

  it('spreads classes so any 10% tail keeps their proportions', () => {
    const labels = grouped(30, 30, 30);
    const tail = interleavedOrder(labels, 'seed').slice(-9).map((i) => labels[i]);
    assert.deepEqual(countLabels(tail), [3, 3, 3]);
    const uneven = grouped(60, 30, 10);
    const unevenTail = interleavedOrder(uneven, 'seed').slice(-10).map((i) => uneven[i]);
    assert.deepEqual(countLabels(unevenTail), [6, 3, 1]);
  });

  it('shuffles within a class rather than keeping file order', () => {
    const labels = grouped(50, 50);
    const firstClass = interleavedOrder(labels, 'seed').filter((i) => labels[i] === 0);
    assert.notDeepEqual(firstClass, [...firstClass].sort((a, b) => a - b));
  });
});
