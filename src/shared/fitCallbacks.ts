// Keras's EarlyStopping, ReduceLROnPlateau and LearningRateScheduler as pure state machines:
// fed one epoch's logs, they say what the learning rate is next and whether to stop.
// Kept free of tfjs so their rules are tested on plain numbers.
import type { CallbackSpec } from './modelSchema';

export interface EpochLogs {
  loss: number;
  accuracy: number;
  val_loss: number | null;
  val_accuracy: number | null;
}

export interface CallbackDecision {
  /** Learning rate for the next epoch. */
  learningRate: number;
  stop: boolean;
  /** The epoch whose weights EarlyStopping wants restored at the end, if any. */
  bestEpoch: number | null;
  /** True when this epoch is the best so far for EarlyStopping (keep its weights). */
  improved: boolean;
  messages: string[];
}

type Monitored = keyof EpochLogs;
const higherIsBetter = (m: Monitored) => m.endsWith('accuracy');

/** Runs the callbacks of a fit over epochs; `initialLr` is the optimizer's rate. */
export class FitCallbacks {
  private readonly plateau = new Map<number, { best: number; wait: number }>();
  private earlyBest: { value: number; epoch: number; wait: number } | null = null;
  private learningRate: number;

  constructor(private readonly callbacks: CallbackSpec[], private readonly initialLr: number, private readonly epochs: number) {
    this.learningRate = this.scheduledRate(0) ?? initialLr;
  }

  /** The learning rate to use for `epoch` before it starts (schedules are applied here). */
  rateForEpoch(epoch: number): number {
    const scheduled = this.scheduledRate(epoch);
    if (scheduled !== null) this.learningRate = scheduled;
    return this.learningRate;
  }

  /** Feeds the logs of `epoch`; returns the learning rate for the next one and whether to stop. */
  onEpochEnd(epoch: number, logs: EpochLogs): CallbackDecision {
    const decision: CallbackDecision = { learningRate: this.learningRate, stop: false, bestEpoch: null, improved: false, messages: [] };
    this.callbacks.forEach((cb, i) => {
      if (cb.type === 'EarlyStopping') {
        const monitor = (cb.monitor ?? 'val_loss') as Monitored;
        const value = logs[monitor];
        if (value === null) return;
        const better = this.earlyBest === null || improves(value, this.earlyBest.value, monitor, cb.minDelta ?? 0);
        if (better) {
          this.earlyBest = { value, epoch, wait: 0 };
          decision.improved = true;
        } else if (this.earlyBest) {
          this.earlyBest.wait += 1;
          if (this.earlyBest.wait >= (cb.patience ?? 0)) {
            decision.stop = true;
            decision.messages.push(`EarlyStopping: ${monitor} has not improved for ${this.earlyBest.wait} epochs (best ${this.earlyBest.value.toFixed(4)} at epoch ${this.earlyBest.epoch + 1})`);
          }
        }
        if (cb.restoreBestWeights && this.earlyBest) decision.bestEpoch = this.earlyBest.epoch;
      } else if (cb.type === 'ReduceLROnPlateau') {
        const monitor = (cb.monitor ?? 'val_loss') as Monitored;
        const value = logs[monitor];
        if (value === null) return;
        const state = this.plateau.get(i);
        if (!state || improves(value, state.best, monitor, cb.minDelta ?? 1e-4)) {
          this.plateau.set(i, { best: value, wait: 0 });
          return;
        }
        state.wait += 1;
        if (state.wait >= (cb.patience ?? 10)) {
          const next = Math.max(this.learningRate * (cb.factor ?? 0.1), cb.minLr ?? 0);
          if (next < this.learningRate) {
            decision.messages.push(`ReduceLROnPlateau: ${monitor} stalled for ${state.wait} epochs; learning rate ${fmt(this.learningRate)} → ${fmt(next)}`);
            this.learningRate = next;
          }
          state.wait = 0;
        }
      }
    });
    decision.learningRate = this.learningRate;
    return decision;
  }

  private scheduledRate(epoch: number): number | null {
    const cb = this.callbacks.find((c): c is Extract<CallbackSpec, { type: 'LearningRateScheduler' }> => c.type === 'LearningRateScheduler');
    if (!cb) return null;
    return scheduledLearningRate(cb, this.initialLr, epoch, this.epochs);
  }
}

/** Learning rate of a LearningRateScheduler at `epoch` (0-based) of `epochs`. */
export function scheduledLearningRate(
  cb: Extract<CallbackSpec, { type: 'LearningRateScheduler' }>, initialLr: number, epoch: number, epochs: number,
): number {
  const warmup = cb.warmupEpochs ?? 0;
  if (epoch < warmup) return initialLr * (epoch + 1) / (warmup + 1);
  if (cb.schedule === 'stepDecay') {
    return initialLr * Math.pow(cb.factor ?? 0.5, Math.floor((epoch - warmup) / (cb.dropEvery ?? 10)));
  }
  const alpha = cb.alpha ?? 0;
  const span = Math.max(1, epochs - warmup);
  const progress = Math.min(1, (epoch - warmup) / span);
  return initialLr * ((1 - alpha) * 0.5 * (1 + Math.cos(Math.PI * progress)) + alpha);
}

function improves(value: number, best: number, monitor: Monitored, minDelta: number): boolean {
  return higherIsBetter(monitor) ? value > best + minDelta : value < best - minDelta;
}

function fmt(lr: number): string {
  return lr.toPrecision(3);
}
