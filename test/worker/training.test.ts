// The training worker end to end on real TensorFlow.js and a tiny synthetic data set:
// it learns, it frees what it allocates, it stops on request, and a killed run resumes.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { runTraining } from '../../src/worker/runTraining';
import { startTraining } from '../../src/node/trainingProcess';
import { readRun, readRunEvents, listCheckpoints } from '../../src/node/runStore';
import type { TrainingEvent } from '../../src/shared/trainingEvents';
import { writeSyntheticDataset, writeSyntheticModel } from '../support/syntheticDataset';
import { ensureWorkerBuilt } from '../support/buildOnce';

describe('training worker', function () {
  this.timeout(240_000);
  let root: string;
  let cacheDir: string;

  before(async () => {
    root = await writeSyntheticDataset({ perClassTrain: 80, perClassTest: 30 });
    cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'cnn-lab-cache-'));
  });
  after(async () => {
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(cacheDir, { recursive: true, force: true });
  });

  it('learns a separable image task to over 90% test accuracy on two threads, writing a complete run folder, without tensor growth', async () => {
    const modelFile = await writeSyntheticModel(root, { epochs: 6, validationSplit: 0.1 }, { augmentation: { horizontalFlip: true } });
    const runsRoot = path.join(root, 'runs-learn');
    const events: TrainingEvent[] = [];
    const tensorsAtEpochEnd: number[] = [];
    const done = await runTraining(
      { type: 'start', modelFile, runsRoot, cacheDir, backend: 'wasm', threads: 2 },
      {
        emit: (e) => {
          events.push(e);
          if (e.type === 'epoch') tensorsAtEpochEnd.push(tf.memory().numTensors);
        },
        stopRequested: () => false,
      },
    );
    assert.equal(done.status, 'completed', done.error);
    const evaluation = events.find((e) => e.type === 'evaluation');
    assert.ok(evaluation && evaluation.type === 'evaluation');
    assert.ok(evaluation.accuracy > 0.9, `test accuracy ${evaluation.accuracy}`);
    assert.deepEqual(evaluation.classNames, ['checker', 'horizontal', 'vertical']);
    assert.equal(evaluation.labels.length, 90);
    assert.equal(evaluation.confusion.flat().reduce((a, b) => a + b, 0), 90);

    assert.equal(tensorsAtEpochEnd.length, 6);
    assert.ok(tensorsAtEpochEnd.every((n) => n === tensorsAtEpochEnd[0]), `tensor counts per epoch: ${tensorsAtEpochEnd.join(', ')}`);

    const backend = events.filter((e) => e.type === 'backend').pop();
    assert.equal(backend?.type === 'backend' && backend.name, 'wasm');
    assert.equal(backend?.type === 'backend' && backend.threads, 2, 'each batch is shared by the main thread and one worker thread');
    const epochs = events.filter((e) => e.type === 'epoch');
    assert.ok(epochs.every((e) => e.type === 'epoch' && e.val_accuracy !== null && e.imagesPerSec > 0));
    const maps = events.filter((e) => e.type === 'featureMaps');
    assert.equal(maps.length, 6 * 3, 'one featureMaps event per probe (one per class) per epoch');

    const record = await readRun(done.runDir!);
    assert.equal(record.status, 'completed');
    assert.equal(record.epochsDone, 6);
    assert.ok(record.testAccuracy! > 0.9);
    assert.equal((await listCheckpoints(done.runDir!)).length, 6);
    const replay = await readRunEvents(done.runDir!);
    assert.equal(replay.filter((e) => e.type === 'epoch').length, 6);
    assert.ok(replay.some((e) => e.type === 'evaluation'));
    assert.deepEqual(replay[replay.length - 1], { type: 'done', status: 'completed', error: undefined, runDir: done.runDir });
    const testImages = await fs.stat(evaluation.testImages.file);
    assert.equal(testImages.size, 90 * 16 * 16 * 3);
  });

  it('reports a broken model file with its line and column and writes no run', async () => {
    const modelFile = path.join(root, 'broken.cnn.json');
    await fs.writeFile(modelFile, '{\n  "dataset": { "name": "imageFolder", "path": "." },\n  "layers": [ { "type": "Dense", "units": "ten" } ]\n}\n');
    const runsRoot = path.join(root, 'runs-broken');
    const done = await runTraining({ type: 'start', modelFile, runsRoot, cacheDir, backend: 'wasm' }, { emit: () => undefined, stopRequested: () => false });
    assert.equal(done.status, 'failed');
    assert.match(done.error!, /broken\.cnn\.json:3:43: .*"units" must be a number/);
    await assert.rejects(fs.access(runsRoot));
  });

  it('stops within 2 seconds of a stop request in a child process, keeping the run', async () => {
    await ensureWorkerBuilt();
    const modelFile = await writeSyntheticModel(root, { epochs: 50, batchSize: 8 });
    const session = startTraining({ modelFile, runsRoot: path.join(root, 'runs-stop'), cacheDir, backend: 'wasm' });
    let stopAt = 0;
    let batchesAfterEpoch = 0;
    session.onEvent((e) => {
      if (e.type === 'epoch') batchesAfterEpoch = 1;
      if (e.type === 'batch' && batchesAfterEpoch > 0 && stopAt === 0) {
        stopAt = Date.now();
        session.stop();
      }
    });
    const done = await session.done;
    const elapsed = Date.now() - stopAt;
    assert.equal(done.status, 'stopped');
    assert.ok(elapsed < 2000, `stopped after ${elapsed} ms`);
    const record = await readRun(done.runDir!);
    assert.equal(record.status, 'stopped');
    assert.ok(record.epochsDone >= 1);
    assert.ok((await listCheckpoints(done.runDir!)).length >= 1);
  });

  it('a worker killed mid-epoch leaves an interrupted run that resumes from its last checkpoint, its learning-rate schedule on the same step', async () => {
    await ensureWorkerBuilt();
    // 240 training images in batches of 8: 30 steps an epoch; the rate halves every 30 steps.
    const schedule = { type: 'ExponentialDecay', initialLearningRate: 0.01, decaySteps: 30, decayRate: 0.5 };
    const modelFile = await writeSyntheticModel(root, { epochs: 3, batchSize: 8 },
      { compile: { optimizer: { type: 'adam', learningRate: schedule }, loss: 'sparseCategoricalCrossentropy' } });
    const runsRoot = path.join(root, 'runs-kill');
    const session = startTraining({ modelFile, runsRoot, cacheDir, backend: 'wasm' });
    session.onEvent((e) => {
      if (e.type === 'batch' && e.epoch === 1 && e.batch >= 2) session.kill();
    });
    const killed = await session.done;
    assert.equal(killed.status, 'interrupted');
    assert.match(killed.error!, /killed \(SIGKILL\)/);
    const runDir = killed.runDir!;
    const record = await readRun(runDir);
    assert.equal(record.status, 'interrupted');
    assert.equal(record.epochsDone, 1);

    const resumed = startTraining({ modelFile, runsRoot, cacheDir, backend: 'wasm', resumeRunDir: runDir });
    const begins: TrainingEvent[] = [];
    resumed.onEvent((e) => e.type === 'trainBegin' && begins.push(e));
    const done = await resumed.done;
    assert.equal(done.status, 'completed', done.error);
    assert.equal(done.runDir, runDir);
    assert.equal(begins[0].type === 'trainBegin' && begins[0].initialEpoch, 1);
    const final = await readRun(runDir);
    assert.equal(final.status, 'completed');
    assert.equal(final.epochsDone, 3);
    assert.equal(final.resumedFrom, 'epoch-001');
    const epochs = (await readRunEvents(runDir)).filter((e) => e.type === 'epoch').map((e) => e.type === 'epoch' && e.epoch);
    assert.deepEqual(epochs, [0, 1, 2], 'each epoch recorded once, the killed partial epoch dropped');
    // Each epoch reports the rate of its last batch, step 30·e + 29 (Keras's optimizer.iterations before it).
    const rates = (await readRunEvents(runDir)).flatMap((e) => (e.type === 'epoch' ? [e.learningRate] : []));
    const expected = [29, 59, 89].map((step) => 0.01 * 0.5 ** (step / 30));
    rates.forEach((r, i) => assert.ok(Math.abs(r - expected[i]) < 1e-12, `epoch ${i}: rate ${r}, expected ${expected[i]}`));
  });
});
