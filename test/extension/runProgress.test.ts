import { strict as assert } from 'node:assert';
import { advanceProgress, initialProgress, markStopping, type RunProgress } from '../../src/extension/runProgress';
import { describeProgress, finishedMessage, formatDuration, percentDone, statusBarText } from '../../src/extension/trainingStatusText';
import { epoch, trainBegin } from './trainingEventFixtures';

describe('run progress', () => {
  it('starts from the file name and takes the model name, run and epochs from trainBegin', () => {
    let p = initialProgress('/ws/models/quick.cnn.json');
    assert.equal(p.modelName, 'quick');
    assert.equal(describeProgress(p), 'starting…');
    p = advanceProgress(p, { type: 'datasetProgress', phase: 'decode', done: 10, total: 100, message: 'decoding images 10/100' });
    assert.equal(describeProgress(p), 'decoding images 10/100');
    p = advanceProgress(p, trainBegin());
    assert.equal(p.modelName, 'quickstart');
    assert.equal(p.runDir, '/ws/.cnn-lab/runs/20261129-101500-quickstart');
    assert.equal(describeProgress(p), 'epoch 1/4');
    assert.equal(percentDone(p), 0);
  });

  it('counts epochs, prefers validation accuracy, shows the ETA and turns to evaluating after the last epoch', () => {
    let p = advanceProgress(initialProgress('/m.cnn.json'), trainBegin({ epochs: 2 }));
    p = advanceProgress(p, epoch(0, { val_accuracy: 0.5423, etaSeconds: 200 }));
    assert.equal(statusBarText(p), '$(sync~spin) quickstart: epoch 2/2 · acc 54.2% · ETA 3m 20s');
    assert.equal(percentDone(p), 50);
    p = advanceProgress(p, epoch(1, { val_accuracy: null, accuracy: 0.61 }));
    assert.equal(p.phase, 'evaluating');
    assert.equal(describeProgress(p), 'evaluating on the test set · acc 61.0%');
    assert.equal(percentDone(p), 100);
  });

  it('continues the epoch count of a resumed run', () => {
    const p = advanceProgress(initialProgress('/m.cnn.json'), trainBegin({ epochs: 10, initialEpoch: 6 }));
    assert.equal(describeProgress(p), 'epoch 7/10');
    assert.equal(percentDone(p), 60);
  });

  it('stays "stopping" once a stop is asked for, whatever events still arrive', () => {
    let p: RunProgress = advanceProgress(initialProgress('/m.cnn.json'), trainBegin());
    p = markStopping(p);
    p = advanceProgress(p, epoch(0));
    assert.equal(describeProgress(p), 'stopping after this batch…');
    assert.equal(p.epochsDone, 1);
  });

  it('returns the same snapshot for events that change nothing shown', () => {
    const p = advanceProgress(initialProgress('/m.cnn.json'), trainBegin());
    assert.equal(advanceProgress(p, { type: 'batch', epoch: 0, batch: 3, step: 3, loss: 1, accuracy: 0.3, imagesPerSec: 80 }), p);
  });

  it('words the end of a run, with the test accuracy or the resume hint', () => {
    let p = advanceProgress(initialProgress('/m.cnn.json'), trainBegin({ epochs: 4 }));
    p = advanceProgress(p, epoch(0));
    assert.match(finishedMessage(p, 'stopped'), /stopped after 1 of 4 epochs\. "CNN Lab: Resume Run"/);
    p = advanceProgress(p, { type: 'evaluation', loss: 1, accuracy: 0.5, classNames: ['a', 'b'], confusion: [[1, 0], [0, 1]], perClass: [], labels: [], predicted: [], probabilities: [], testImages: { file: 'x', shape: [32, 32, 3] } });
    assert.equal(finishedMessage(p, 'completed'), 'Training "quickstart" completed: test accuracy 50.0%.');
  });

  it('formats durations for the status bar', () => {
    assert.equal(formatDuration(45.4), '45s');
    assert.equal(formatDuration(200), '3m 20s');
    assert.equal(formatDuration(3725), '1h 02m');
    assert.equal(formatDuration(-3), '0s');
  });
});
