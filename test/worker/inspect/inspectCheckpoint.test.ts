// The worker's `inspect` mode in this process, on a real tiny run: a probe image's maps
// computed from a checkpoint equal the ones recorded at that epoch, and every kind of bad
// request ends in a failed reply that says what is wrong.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { inspectCheckpoint } from '../../../src/worker/inspect/inspectCheckpoint';
import { listCheckpoints } from '../../../src/node/runStore';
import { readTestImageSet } from '../../../src/node/testImageFile';
import { inspectMessage, type InspectMessage, type InspectReply } from '../../../src/shared/workerProtocol';
import { trainTinyRun, type TinyRun } from './tinyRun';

describe('worker inspect mode (in process)', function () {
  this.timeout(60_000);
  let run: TinyRun;
  let base: InspectMessage;

  before(async () => {
    run = await trainTinyRun();
    const testImages = await readTestImageSet(run.runDir);
    const checkpoints = await listCheckpoints(run.runDir);
    assert.equal(checkpoints.length, 2);
    base = {
      type: 'inspect', runDir: run.runDir, checkpointDir: checkpoints[0], imagesFile: testImages.file,
      imageShape: testImages.shape, testIndices: [0], backend: 'wasm',
    };
  });
  after(async () => run?.remove());

  async function inspect(change: Partial<InspectMessage>): Promise<{ replies: InspectReply[]; done: Awaited<ReturnType<typeof inspectCheckpoint>> }> {
    const replies: InspectReply[] = [];
    const done = await inspectCheckpoint(inspectMessage.parse({ ...base, ...change }), (r) => replies.push(r));
    return { replies, done };
  }

  it("reproduces, from a checkpoint, the probe maps recorded at that checkpoint's epoch", async () => {
    const probes = run.begin.probes.map((p) => p.testIndex);
    for (const [checkpoint, epoch] of [[0, 0], [1, 1]] as const) {
      const checkpointDir = (await listCheckpoints(run.runDir))[checkpoint];
      const { replies, done } = await inspect({ checkpointDir, testIndices: probes });
      assert.equal(done.status, 'completed', done.error);
      const maps = replies.filter((r) => r.type === 'imageFeatureMaps');
      assert.deepEqual(maps.map((m) => m.testIndex), probes);
      for (const [probeIndex, testIndex] of probes.entries()) {
        const recorded = run.recordedMaps.find((m) => m.epoch === epoch && m.probeIndex === probeIndex)!;
        const computed = maps.find((m) => m.testIndex === testIndex)!;
        assert.equal(computed.epoch, epoch);
        assert.deepEqual(computed.layers, recorded.layers, `probe ${probeIndex} (test #${testIndex}) at epoch ${epoch}`);
      }
    }
    const backend = (await inspect({})).replies.find((r) => r.type === 'backend');
    assert.equal(backend?.type === 'backend' && backend.name, 'wasm');
  });

  it('fails with a clear message for a missing image, checkpoint or images file', async () => {
    const count = (await readTestImageSet(run.runDir)).labels.length;
    const cases: Array<[Partial<InspectMessage>, RegExp]> = [
      [{ testIndices: [0, count] }, new RegExp(`Test image #${count} does not exist: the test set has ${count} images`)],
      [{ checkpointDir: path.join(run.runDir, 'checkpoints', 'epoch-009') }, /No complete checkpoint at .*epoch-009 \(its model\.json is missing\)/],
      [{ checkpointDir: run.runDir }, /is not a checkpoint folder of a run/],
      [{ imagesFile: path.join(run.runDir, 'nothing.u8') }, /Cannot read the test images .*nothing\.u8: it does not exist/],
      [{ imageShape: [8, 8, 3] }, /takes 16×16×3 inputs but the test images are 8×8×3/],
    ];
    for (const [change, expected] of cases) {
      const { replies, done } = await inspect(change);
      assert.equal(done.status, 'failed', JSON.stringify(change));
      assert.match(done.error!, expected);
      assert.equal(replies.filter((r) => r.type === 'imageFeatureMaps').length, 0);
    }
  });

  it('refuses a malformed request before it reaches the worker', () => {
    assert.equal(inspectMessage.safeParse({ ...base, testIndices: [] }).success, false);
    assert.equal(inspectMessage.safeParse({ ...base, testIndices: [-1] }).success, false);
    assert.equal(inspectMessage.safeParse({ ...base, imageShape: [16, 16] }).success, false);
    assert.equal(inspectMessage.safeParse({ ...base, backend: 'gpu' }).success, false);
  });
});
