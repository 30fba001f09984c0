// Small, valid training events for the extension's tests.
import type { EpochEvent, TrainBeginEvent } from '../../src/shared/trainingEvents';

/** A trainBegin event of a 4-epoch run, fields overridable. */
export function trainBegin(over: Partial<TrainBeginEvent> = {}): TrainBeginEvent {
  return {
    type: 'trainBegin', runId: '20261129-101500-quickstart', runDir: '/ws/.cnn-lab/runs/20261129-101500-quickstart', modelName: 'quickstart',
    classNames: ['cat', 'dog'], imageShape: [32, 32, 3], trainCount: 900, validationCount: 100, testCount: 200, epochs: 4,
    initialEpoch: 0, stepsPerEpoch: 29, batchSize: 32, totalParams: 1000, convLayers: [], probes: [], ...over,
  };
}

/** The end-of-epoch event of epoch `index` (0-based), fields overridable. */
export function epoch(index: number, over: Partial<EpochEvent> = {}): EpochEvent {
  return {
    type: 'epoch', epoch: index, loss: 1.2, accuracy: 0.4, val_loss: 1.3, val_accuracy: 0.375, learningRate: 0.001,
    imagesPerSec: 90, idleFraction: 0.01, epochSeconds: 10, elapsedSeconds: 10 * (index + 1), etaSeconds: 200, checkpoint: null, ...over,
  };
}
