// Dividing a batch among replicas, and building the targets each replica slices.
import * as assert from 'assert';
import { divideBatch, ShareBalancer } from '../../../src/worker/parallel/batchShares';
import { batchTargets } from '../../../src/worker/parallel/batchTargets';

describe('divideBatch', () => {
  it('divides in proportion to speed, shares summing to the batch', () => {
    assert.deepStrictEqual(divideBatch(64, [1, 1]), [32, 32]);
    assert.deepStrictEqual(divideBatch(7, [1, 1]), [4, 3]);
    assert.deepStrictEqual(divideBatch(64, [1, 3]), [16, 48]);
    assert.deepStrictEqual(divideBatch(10, [2, 1, 1]), [5, 3, 2]);
    for (const [n, speeds] of [[65, [0.3, 0.7]], [3, [5, 1, 1]], [100, [1, 2, 3]]] as const) {
      const shares = divideBatch(n, speeds);
      assert.strictEqual(shares.reduce((a, b) => a + b, 0), n);
      assert.ok(shares.every((s) => s >= 1), `${shares}`);
    }
  });

  it('gives one image each to the first replicas when the batch is smaller than the replicas', () => {
    assert.deepStrictEqual(divideBatch(1, [1, 1]), [1, 0]);
    assert.deepStrictEqual(divideBatch(2, [1, 1, 1]), [1, 1, 0]);
  });
});

describe('ShareBalancer', () => {
  it('divides equally until every replica was measured, then by measured speed', () => {
    const balancer = new ShareBalancer(2, 1);
    balancer.record(0, 32, 320);
    assert.deepStrictEqual(balancer.divide(64), [32, 32]);
    balancer.record(1, 32, 960); // three times slower
    assert.deepStrictEqual(balancer.divide(64), [48, 16]);
  });
});

describe('batchTargets', () => {
  it('passes class indices through for a sparse loss', () => {
    assert.deepStrictEqual(batchTargets(Int32Array.of(2, 0, 1, 9), 3, true, 3), { values: Float32Array.of(2, 0, 1), width: 1 });
  });

  it('one-hot encodes for any other loss, and rejects labels that are not classes', () => {
    assert.deepStrictEqual(batchTargets(Uint8Array.of(2, 0), 2, false, 3), { values: Float32Array.of(0, 0, 1, 1, 0, 0), width: 3 });
    assert.throws(() => batchTargets(Int32Array.of(3), 1, false, 3), /not a class index/);
    assert.throws(() => batchTargets(Int32Array.of(1), 2, true, 3), /1 labels for a batch of 2/);
  });
});
