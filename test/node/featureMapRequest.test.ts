// computeFeatureMaps through the real built worker (dist/worker.js) on a tiny real run: the
// maps of any test image, equal to those computed in this process from the same checkpoint;
// clear errors for what cannot work; and the cache that spares a second worker.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { selectBackend } from '../../src/worker/backend/selectBackend';
import { loadCheckpoint } from '../../src/worker/checkpoints';
import { augmentBatch } from '../../src/worker/data/augment';
import { FeatureMapProbe } from '../../src/worker/featureMaps';
import { computeFeatureMaps, FeatureMapCache, type ComputedFeatureMaps, type FeatureMapRequest } from '../../src/node/featureMapRequest';
import { listCheckpoints } from '../../src/node/runStore';
import { readTestImageSet, readTestImages } from '../../src/node/testImageFile';
import { ensureWorkerBuilt } from '../support/buildOnce';
import { trainTinyRun, type TinyRun } from '../worker/inspect/tinyRun';

describe('computeFeatureMaps (real worker)', function () {
  this.timeout(60_000);
  let run: TinyRun;

  before(async () => {
    await ensureWorkerBuilt();
    run = await trainTinyRun();
  });
  after(async () => run?.remove());

  it('computes every conv layer of any test image, equal to the same checkpoint computed in process', async () => {
    const probes = new Set(run.begin.probes.map((p) => p.testIndex));
    const testSet = await readTestImageSet(run.runDir);
    const notProbes = [...testSet.labels.keys()].filter((i) => !probes.has(i)).slice(0, 2);
    const checkpoints = await listCheckpoints(run.runDir);

    const result = await computeFeatureMaps({ runDir: run.runDir, testIndices: notProbes, backend: 'wasm' });
    assert.equal(result.checkpointDir, checkpoints.at(-1), 'the latest checkpoint by default');
    assert.equal(result.epoch, 1);
    assert.equal(result.backend, 'wasm');
    assert.deepEqual(result.images.map((m) => m.testIndex), notProbes);
    for (const image of result.images) {
      assert.deepEqual(image.layers.map((l) => [l.name, l.shape]), run.begin.convLayers.map((l) => [l.name, l.shape]));
      for (const layer of image.layers) {
        assert.equal(Buffer.from(layer.data, 'base64').length, layer.shape[0] * layer.shape[1] * layer.shape[2]);
      }
    }

    // The same maps in this process, from the same checkpoint and pixels.
    const { tf } = await selectBackend('wasm');
    const model = await loadCheckpoint(tf, result.checkpointDir);
    try {
      const size = testSet.shape[0] * testSet.shape[1] * testSet.shape[2];
      const floats = new Float32Array(notProbes.length * size);
      augmentBatch(await readTestImages(testSet.file, testSet.shape, notProbes), notProbes.map((_, i) => i), testSet.shape, undefined, Math.random, floats);
      const expected = new FeatureMapProbe(tf, model).featureMaps(1, floats, notProbes.length, testSet.shape);
      assert.deepEqual(result.images.map((m) => m.layers), expected.map((m) => m.layers));
      // Different images, different maps: the comparison above is not between empty or constant arrays.
      assert.notDeepEqual(expected[0].layers[0].data, expected[1].layers[0].data);
    } finally {
      model.dispose();
    }
  });

  it('says clearly when an image or checkpoint does not exist, without waiting for a timeout', async () => {
    const count = (await readTestImageSet(run.runDir)).labels.length;
    await assert.rejects(computeFeatureMaps({ runDir: run.runDir, testIndices: [count], backend: 'wasm' }),
      new RegExp(`Test image #${count} does not exist: the run's test set has ${count} images`));
    // Through the worker: the host passes a named checkpoint on as it is.
    const started = Date.now();
    await assert.rejects(computeFeatureMaps({ runDir: run.runDir, testIndices: [0], checkpointDir: 'checkpoints/epoch-007', backend: 'wasm' }),
      /No complete checkpoint at .*epoch-007 \(its model\.json is missing\)/);
    assert.ok(Date.now() - started < 20_000);
    const untrained = await fs.mkdtemp(path.join(os.tmpdir(), 'cnn-lab-untrained-'));
    await assert.rejects(computeFeatureMaps({ runDir: untrained, testIndices: [0] }), /has no complete checkpoint yet: feature maps need the weights of at least one finished epoch/);
    await fs.rm(untrained, { recursive: true });
  });

  it('kills a worker that takes longer than the timeout and says so', async () => {
    await assert.rejects(computeFeatureMaps({ runDir: run.runDir, testIndices: [0], backend: 'wasm', timeoutMs: 50 }),
      /took longer than 50 ms; the worker was stopped/);
  });

  it('caches per run, checkpoint and image, one worker at a time, retries what failed, and follows a newer checkpoint', async () => {
    const calls: FeatureMapRequest[] = [];
    let running = 0;
    let fail = true;
    const cache = new FeatureMapCache(async (request) => {
      calls.push(request);
      assert.equal(running++, 0, 'one computation at a time');
      await new Promise((r) => setTimeout(r, 10));
      running--;
      if (fail) {
        fail = false;
        throw new Error('worker failed');
      }
      return fake(request);
    });
    await assert.rejects(cache.get({ runDir: run.runDir, testIndex: 3 }), /worker failed/);
    const [a, b, again] = await Promise.all([3, 4, 3].map((testIndex) => cache.get({ runDir: run.runDir, testIndex })));
    assert.equal(a.maps.testIndex, 3);
    assert.equal(b.maps.testIndex, 4);
    assert.equal(again, a);
    // The two concurrent requests queue in whichever order their checkpoint look-ups finish.
    const [failed, ...rest] = calls.map((c) => c.testIndices);
    assert.deepEqual([failed, rest.sort((x, y) => x[0] - y[0])], [[3], [[3], [4]]], 'the failure was retried, the repeat was not');
    assert.equal(calls[1].checkpointDir, (await listCheckpoints(run.runDir)).at(-1));

    // A live run writes the next epoch's checkpoint: the same image is computed again from it.
    const latest = (await listCheckpoints(run.runDir)).at(-1)!;
    const next = path.join(path.dirname(latest), 'epoch-003');
    await fs.cp(latest, next, { recursive: true });
    const fresh = await cache.get({ runDir: run.runDir, testIndex: 3 });
    assert.equal(fresh.checkpointDir, next);
    assert.equal(calls.length, 4);
  });
});

function fake(request: FeatureMapRequest): ComputedFeatureMaps {
  return {
    checkpointDir: request.checkpointDir!, epoch: 1, backend: 'cpu',
    images: request.testIndices.map((testIndex) => ({ type: 'imageFeatureMaps', testIndex, epoch: 1, layers: [] })),
  };
}
