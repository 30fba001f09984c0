import { strict as assert } from 'node:assert';
import {
  CHUNK_SIZE, MAX_BATCH_POINTS, MAX_MESSAGES, batchColumns, currentEpochNumber, dashboardState, estimateEtaSeconds,
  initialDashboardState, reduceDashboard, replayEvents, runNameOf,
} from '../../src/shared/dashboardState';
import type { BatchEvent, EpochEvent, EvaluationEvent, TrainBeginEvent, TrainingEvent } from '../../src/shared/trainingEvents';

const begin: TrainBeginEvent = {
  type: 'trainBegin', runId: 'r1', runDir: '/ws/.cnn-lab/runs/20250101-120000-cifar', modelName: 'cifar',
  classNames: ['a', 'b', 'c'], imageShape: [32, 32, 3], trainCount: 400, validationCount: 100, testCount: 100,
  epochs: 3, initialEpoch: 0, stepsPerEpoch: 10, batchSize: 40, totalParams: 1234, convLayers: [], probes: [],
};

function batch(epoch: number, b: number, loss = 1, imagesPerSec = 80): BatchEvent {
  return { type: 'batch', epoch, batch: b, step: epoch * 10 + b, loss, accuracy: 0.5, imagesPerSec };
}

function epochEnd(epoch: number, etaSeconds = 99): EpochEvent {
  return {
    type: 'epoch', epoch, loss: 1 / (epoch + 1), accuracy: 0.5, val_loss: 1.1, val_accuracy: 0.45, learningRate: 0.001,
    imagesPerSec: 80, idleFraction: 0.05, epochSeconds: 10, elapsedSeconds: 10 * (epoch + 1), etaSeconds, checkpoint: null,
  };
}

describe('dashboard state', () => {
  it('follows a run from preparation to completion', () => {
    const events: TrainingEvent[] = [
      { type: 'backend', name: 'wasm', threads: 1 },
      { type: 'datasetProgress', phase: 'decode', done: 5, total: 10, message: 'decoding' },
      begin, batch(0, 0, 2.3), batch(0, 9, 2.0), epochEnd(0),
      { type: 'log', level: 'info', message: 'not kept' },
      { type: 'log', level: 'warning', message: 'kept' },
      { type: 'done', status: 'completed', runDir: begin.runDir },
    ];
    const phases = events.map((_, i) => replayEvents(events.slice(0, i + 1)).phase);
    assert.deepEqual(phases, ['preparing', 'preparing', 'training', 'training', 'training', 'training', 'training', 'training', 'completed']);
    const state = replayEvents(events);
    assert.equal(state.runDir, begin.runDir);
    assert.equal(state.backend?.name, 'wasm');
    assert.deepEqual(batchColumns(state.batches), { x: [0.1, 1], loss: [2.3, 2.0], accuracy: [0.5, 0.5] });
    assert.deepEqual(state.messages.map((m) => m.message), ['kept']);
    assert.equal(currentEpochNumber(state), 1);
    assert.ok(dashboardState.safeParse(state).success, 'the state passes its own schema (it crosses to the webview)');
  });

  it('never mutates the state it is given', () => {
    const before = replayEvents([begin, batch(0, 0)]);
    const snapshot = JSON.stringify(before);
    reduceDashboard(before, batch(0, 1));
    reduceDashboard(before, epochEnd(0));
    reduceDashboard(before, { type: 'done', status: 'failed', error: 'x', runDir: null });
    assert.equal(JSON.stringify(before), snapshot);
  });

  it('ignores replayed batches and replaces a repeated epoch, so a replay may overlap live events', () => {
    const first = replayEvents([begin, batch(0, 0), batch(0, 1), epochEnd(0)]);
    const again = replayEvents([begin, batch(0, 0), batch(0, 1), epochEnd(0), batch(0, 1), epochEnd(0), batch(1, 0)], null);
    assert.equal(first.batches.length, 2);
    assert.equal(again.batches.length, 3);
    assert.equal(again.epochs.length, 1);
    // A trainBegin of another run starts over, keeping only the backend.
    const next = reduceDashboard(again, { ...begin, runId: 'r2', runDir: '/ws/.cnn-lab/runs/r2' });
    assert.equal(next.batches.length, 0);
    assert.equal(next.epochs.length, 0);
    assert.equal(next.runDir, '/ws/.cnn-lab/runs/r2');
  });

  it('keeps the batch series bounded yet above 20,000 drawable points', () => {
    const many = { ...begin, stepsPerEpoch: 1000, epochs: 200 };
    let state = reduceDashboard(initialDashboardState(), many);
    const total = 120_000;
    const started = Date.now();
    for (let i = 0; i < total; i++) state = reduceDashboard(state, batch(Math.floor(i / 1000), i % 1000, 2 - i / total));
    const elapsed = Date.now() - started;
    assert.ok(state.batches.length <= MAX_BATCH_POINTS, `${state.batches.length} points kept`);
    assert.ok(state.batches.length >= 20_000, `${state.batches.length} points kept`);
    assert.ok(state.batches.merged >= 1);
    assert.ok(state.batches.chunks.every((c) => c.x.length <= CHUNK_SIZE));
    const { x, loss } = batchColumns(state.batches);
    assert.equal(x.length, state.batches.length);
    assert.ok(x.every((v, i) => i === 0 || v > x[i - 1]), 'x stays increasing through merges');
    assert.ok(Math.abs(x.at(-1)! - 120) < 1e-9, 'the newest point is kept');
    assert.ok(loss[0] > loss.at(-1)!, 'merging keeps the trend');
    assert.ok(elapsed < 5000, `folding ${total} batches took ${elapsed} ms`);
  });

  it('keeps the latest feature maps per probe and the evaluation without per-example arrays', () => {
    const maps = (epoch: number, probeIndex: number): TrainingEvent => ({ type: 'featureMaps', epoch, probeIndex, layers: [] });
    const evaluation: EvaluationEvent = {
      type: 'evaluation', loss: 0.5, accuracy: 0.75, classNames: ['a', 'b'], confusion: [[2, 0], [1, 1]],
      perClass: [{ precision: 2 / 3, recall: 1, f1: 0.8, support: 2 }, { precision: 1, recall: 0.5, f1: 2 / 3, support: 2 }],
      labels: [0, 0, 1, 1], predicted: [0, 0, 0, 1], probabilities: [[0.9, 0.1], [0.8, 0.2], [0.6, 0.4], [0.3, 0.7]],
      testImages: { file: 'test-images.u8', shape: [32, 32, 3] },
    };
    const state = replayEvents([begin, maps(0, 1), maps(0, 0), maps(1, 1), maps(0, 1), evaluation]);
    assert.deepEqual(state.featureMaps.map((f) => [f.probeIndex, f.epoch]), [[0, 0], [1, 1]]);
    assert.deepEqual(state.evaluation, {
      loss: 0.5, accuracy: 0.75, classNames: ['a', 'b'], confusion: [[2, 0], [1, 1]], perClass: evaluation.perClass, testCount: 4,
    });
  });

  it('keeps only the latest warnings', () => {
    const logs: TrainingEvent[] = Array.from({ length: MAX_MESSAGES + 5 }, (_, i) => ({ type: 'log', level: 'error', message: `m${i}` }));
    const state = replayEvents(logs);
    assert.equal(state.messages.length, MAX_MESSAGES);
    assert.equal(state.messages.at(-1)?.message, `m${MAX_MESSAGES + 4}`);
  });

  it('estimates the time left from the worker at epoch ends and from the image rate between them', () => {
    assert.equal(estimateEtaSeconds(replayEvents([begin, batch(0, 9), epochEnd(0, 42)])), 42);
    // In epoch 1 after batch 4: 5 batches left in it and 10 in epoch 2 → 15 × 40 images at 100 images/s.
    assert.equal(estimateEtaSeconds(replayEvents([begin, epochEnd(0, 42), batch(1, 4, 1, 100)])), 6);
    assert.equal(estimateEtaSeconds(replayEvents([begin, batch(0, 0), { type: 'done', status: 'stopped', runDir: null }])), null);
  });

  it('names a run after its folder', () => {
    assert.equal(runNameOf('/ws/.cnn-lab/runs/20250101-120000-cifar/'), '20250101-120000-cifar');
    assert.equal(runNameOf('C:\\ws\\.cnn-lab\\runs\\r1'), 'r1');
    assert.equal(runNameOf(null), '');
  });
});
