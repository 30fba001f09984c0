// The callbacks' rules on plain numbers, as Keras's own code has them
// (keras/src/callbacks/early_stopping.py, reduce_lr_on_plateau.py, CosineDecay).
import { strict as assert } from 'node:assert';
import { FitCallbacks, scheduledLearningRate, type CallbackDecision, type EpochLogs } from '../../src/shared/fitCallbacks';
import type { CallbackSpec } from '../../src/shared/modelSchema';

type Scheduler = Extract<CallbackSpec, { type: 'LearningRateScheduler' }>;

/** Logs of one epoch where only the monitored figure matters. */
function logs(values: Partial<EpochLogs>): EpochLogs {
  return { loss: 1, accuracy: 0.5, val_loss: 1, val_accuracy: 0.5, ...values };
}

/** Feeds `series` (one log per epoch) and returns every decision, stopping where the callbacks say. */
function run(callbacks: CallbackSpec[], series: EpochLogs[], initialLr = 0.01): CallbackDecision[] {
  const fit = new FitCallbacks(callbacks, initialLr, series.length);
  const decisions: CallbackDecision[] = [];
  for (let epoch = 0; epoch < series.length; epoch++) {
    fit.rateForEpoch(epoch);
    const decision = fit.onEpochEnd(epoch, series[epoch]);
    decisions.push(decision);
    if (decision.stop) break;
  }
  return decisions;
}

const valLoss = (...values: number[]) => values.map((v) => logs({ val_loss: v }));
const close = (actual: number, expected: number, what = 'value') =>
  assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `${what}: ${actual} ≠ ${expected}`);

describe('FitCallbacks', () => {
  describe('EarlyStopping', () => {
    it('stops once `patience` epochs in a row bring no improvement', () => {
      // improve, improve, wait 1, wait 2 → stop at epoch 3 (0-based) with patience 2.
      const decisions = run([{ type: 'EarlyStopping', patience: 2 }], valLoss(1.0, 0.9, 0.95, 0.92, 0.8, 0.7));
      assert.equal(decisions.length, 4);
      assert.deepEqual(decisions.map((d) => d.stop), [false, false, false, true]);
      assert.deepEqual(decisions.map((d) => d.improved), [true, true, false, false]);
      assert.match(decisions[3].messages.join(), /val_loss has not improved for 2 epochs \(best 0\.9000 at epoch 2\)/);
    });

    it('resets the wait on an improvement', () => {
      const decisions = run([{ type: 'EarlyStopping', patience: 2 }], valLoss(1.0, 1.1, 0.9, 1.0, 0.95, 0.94));
      // wait: 0, 1, 0 (improved), 1, 2 → stop at epoch 4.
      assert.deepEqual(decisions.map((d) => d.stop), [false, false, false, false, true]);
    });

    it('with the default patience 0 stops at the first epoch without improvement', () => {
      const decisions = run([{ type: 'EarlyStopping', monitor: 'loss' }], [logs({ loss: 2 }), logs({ loss: 1.5 }), logs({ loss: 1.5 })]);
      assert.deepEqual(decisions.map((d) => d.stop), [false, false, true]);
    });

    it('never stops on the first epoch, and a NaN is never the best', () => {
      const decisions = run([{ type: 'EarlyStopping', patience: 0, restoreBestWeights: true }], valLoss(NaN, 3, NaN));
      assert.deepEqual(decisions.map((d) => d.stop), [false, false, true]);
      assert.deepEqual(decisions.map((d) => d.improved), [false, true, false]);
      assert.deepEqual(decisions.map((d) => d.bestEpoch), [null, 1, 1]);
    });

    it('counts only improvements larger than minDelta, keeping the old best', () => {
      // best stays 1.0: 0.995 and 0.99 are within 0.01 of it; 0.985 beats 1.0 - 0.01.
      const decisions = run([{ type: 'EarlyStopping', patience: 3, minDelta: 0.01 }], valLoss(1.0, 0.995, 0.99, 0.985, 0.98, 0.979, 0.978));
      assert.deepEqual(decisions.map((d) => d.improved), [true, false, false, true, false, false, false]);
      assert.equal(decisions[decisions.length - 1].stop, true);
      assert.equal(decisions.length, 7);
      const strict = run([{ type: 'EarlyStopping', patience: 2, minDelta: 0.01 }], valLoss(1.0, 0.995, 0.99));
      assert.deepEqual(strict.map((d) => d.stop), [false, false, true]);
    });

    it('maximises accuracies and minimises losses, by the metric name', () => {
      const acc = (...values: number[]) => values.map((v) => logs({ val_accuracy: v, accuracy: v }));
      const up = run([{ type: 'EarlyStopping', monitor: 'val_accuracy', patience: 1 }], acc(0.5, 0.6, 0.7, 0.65));
      assert.deepEqual(up.map((d) => d.improved), [true, true, true, false]);
      assert.equal(up[3].stop, true);
      const train = run([{ type: 'EarlyStopping', monitor: 'accuracy', patience: 1 }], acc(0.5, 0.4));
      assert.deepEqual(train.map((d) => d.stop), [false, true]);
      const loss = run([{ type: 'EarlyStopping', monitor: 'loss', patience: 1 }], [logs({ loss: 1 }), logs({ loss: 1.2 })]);
      assert.deepEqual(loss.map((d) => d.stop), [false, true]);
    });

    it('reports the best epoch when it restores best weights, and only then', () => {
      const series = valLoss(1.0, 0.7, 0.8, 0.75, 0.9);
      const restoring = run([{ type: 'EarlyStopping', patience: 3, restoreBestWeights: true }], series);
      assert.deepEqual(restoring.map((d) => d.bestEpoch), [0, 1, 1, 1, 1]);
      assert.equal(restoring[4].stop, true);
      const plain = run([{ type: 'EarlyStopping', patience: 3 }], series);
      assert.deepEqual(plain.map((d) => d.bestEpoch), [null, null, null, null, null]);
    });

    it('does nothing without the monitored figure', () => {
      const decisions = run([{ type: 'EarlyStopping' }], [logs({ val_loss: null }), logs({ val_loss: null }), logs({ val_loss: null })]);
      assert.deepEqual(decisions.map((d) => [d.stop, d.improved]), [[false, false], [false, false], [false, false]]);
    });

    it('keeps a separate count for each EarlyStopping', () => {
      const series = [0.9, 0.8, 0.85, 0.84, 0.83].map((loss, i) => logs({ loss, val_accuracy: 0.5 + i / 100 }));
      const decisions = run([
        { type: 'EarlyStopping', monitor: 'val_accuracy', patience: 1, restoreBestWeights: true },
        { type: 'EarlyStopping', monitor: 'loss', patience: 3 },
      ], series);
      // val_accuracy improves every epoch, so only the loss callback stops the fit, at epoch 4.
      assert.equal(decisions.length, 5);
      assert.equal(decisions[4].stop, true);
      // The callback that restores weights decides which epoch is best.
      assert.deepEqual(decisions.map((d) => d.improved), [true, true, true, true, true]);
      assert.equal(decisions[4].bestEpoch, 4);
    });
  });

  describe('ReduceLROnPlateau', () => {
    it('multiplies the rate by factor after `patience` epochs without improvement, then waits again', () => {
      const series = [1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.8].map((loss) => logs({ loss }));
      const decisions = run([{ type: 'ReduceLROnPlateau', monitor: 'loss', factor: 0.5, patience: 2 }], series, 0.01);
      series.forEach((_, i) => close(decisions[i].learningRate, [0.01, 0.01, 0.01, 0.005, 0.005, 0.0025, 0.0025][i], `epoch ${i}`));
      assert.match(decisions[3].messages.join(), /loss stalled for 2 epochs; learning rate 0\.0100 → 0\.00500/);
      assert.deepEqual(decisions.map((d) => d.stop), series.map(() => false));
    });

    it('uses Keras defaults: factor 0.1, patience 10, minDelta 1e-4', () => {
      // 0.99995 is not an improvement on 1 by more than 1e-4.
      const series = [1, ...Array(10).fill(0.99995)].map((v: number) => logs({ val_loss: v }));
      const decisions = run([{ type: 'ReduceLROnPlateau' }], series, 0.001);
      close(decisions[9].learningRate, 0.001);
      close(decisions[10].learningRate, 0.0001);
    });

    it('never goes below minLr, and stays quiet once there', () => {
      const series = Array(8).fill(0).map(() => logs({ val_loss: 1 }));
      const decisions = run([{ type: 'ReduceLROnPlateau', factor: 0.1, patience: 1, minLr: 0.002 }], series, 0.1);
      assert.deepEqual(decisions.map((d) => d.learningRate), [0.1, 0.010000000000000002, 0.002, 0.002, 0.002, 0.002, 0.002, 0.002]);
      assert.deepEqual(decisions.map((d) => d.messages.length), [0, 1, 1, 0, 0, 0, 0, 0]);
    });

    it('maximises accuracy', () => {
      const series = [0.5, 0.6, 0.6, 0.7].map((v) => logs({ val_accuracy: v }));
      const decisions = run([{ type: 'ReduceLROnPlateau', monitor: 'val_accuracy', patience: 1, factor: 0.5 }], series, 0.2);
      assert.deepEqual(decisions.map((d) => d.learningRate), [0.2, 0.2, 0.1, 0.1]);
    });

    it('hands the reduced rate to the next epoch', () => {
      const fit = new FitCallbacks([{ type: 'ReduceLROnPlateau', monitor: 'loss', patience: 1, factor: 0.5 }], 0.04, 5);
      assert.equal(fit.rateForEpoch(0), 0.04);
      fit.onEpochEnd(0, logs({ loss: 1 }));
      assert.equal(fit.rateForEpoch(1), 0.04);
      assert.equal(fit.onEpochEnd(1, logs({ loss: 1 })).learningRate, 0.02);
      assert.equal(fit.rateForEpoch(2), 0.02);
    });
  });

  describe('LearningRateScheduler', () => {
    const at = (cb: Scheduler, epochs: number, lr = 0.1) => Array.from({ length: epochs }, (_, e) => scheduledLearningRate(cb, lr, e, epochs));

    it('stepDecay multiplies by factor every dropEvery epochs', () => {
      const rates = at({ type: 'LearningRateScheduler', schedule: 'stepDecay', dropEvery: 3, factor: 0.5 }, 7);
      [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025].forEach((r, i) => close(rates[i], r, `epoch ${i}`));
    });

    it('stepDecay defaults to halving every 10 epochs', () => {
      const rates = at({ type: 'LearningRateScheduler', schedule: 'stepDecay' }, 30);
      close(rates[9], 0.1);
      close(rates[10], 0.05);
      close(rates[25], 0.025);
    });

    it('cosineDecay follows Keras CosineDecay over the epochs, down towards alpha', () => {
      const rates = at({ type: 'LearningRateScheduler', schedule: 'cosineDecay' }, 10);
      close(rates[0], 0.1);
      close(rates[2], 0.1 * 0.5 * (1 + Math.cos(Math.PI * 0.2)));
      close(rates[5], 0.05);
      close(rates[9], 0.1 * 0.5 * (1 + Math.cos(Math.PI * 0.9)));
      for (let i = 1; i < rates.length; i++) assert.ok(rates[i] < rates[i - 1]);
      const floor = at({ type: 'LearningRateScheduler', schedule: 'cosineDecay', alpha: 0.1 }, 10);
      close(floor[5], 0.1 * (0.9 * 0.5 + 0.1));
      close(scheduledLearningRate({ type: 'LearningRateScheduler', schedule: 'cosineDecay', alpha: 0.1 }, 0.1, 10, 10), 0.01);
    });

    it('warms up linearly, reaching the full rate where the schedule starts', () => {
      const rates = at({ type: 'LearningRateScheduler', schedule: 'cosineDecay', warmupEpochs: 4 }, 10);
      [0.02, 0.04, 0.06, 0.08, 0.1].forEach((r, i) => close(rates[i], r, `epoch ${i}`));
      // Cosine over the 6 epochs after the warm-up: halfway at epoch 4 + 3.
      close(rates[7], 0.05);
      const step = at({ type: 'LearningRateScheduler', schedule: 'stepDecay', warmupEpochs: 2, dropEvery: 2, factor: 0.1 }, 6);
      [0.1 / 3, 0.2 / 3, 0.1, 0.1, 0.01, 0.01].forEach((r, i) => close(step[i], r, `epoch ${i}`));
    });

    it('sets the rate of each epoch through FitCallbacks', () => {
      const fit = new FitCallbacks([{ type: 'LearningRateScheduler', schedule: 'stepDecay', dropEvery: 1, factor: 0.5 }], 0.08, 4);
      const rates = [0, 1, 2, 3].map((epoch) => {
        const rate = fit.rateForEpoch(epoch);
        assert.equal(fit.onEpochEnd(epoch, logs({})).learningRate, rate);
        return rate;
      });
      assert.deepEqual(rates, [0.08, 0.04, 0.02, 0.01]);
    });
  });
});
