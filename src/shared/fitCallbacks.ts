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
  /** True when this epoch is the best so far for EarlyStopping (keep its weights; with
   *  several, the first that restores best weights decides). */
  improved: boolean;
  messages: string[];
}

type Monitored = keyof EpochLogs;
type EarlyStoppingSpec = Extract<CallbackSpec, { type: 'EarlyStopping' }>;
type ReduceLROnPlateauSpec = Extract<CallbackSpec, { type: 'ReduceLROnPlateau' }>;
type LearningRateSchedulerSpec = Extract<CallbackSpec, { type: 'LearningRateScheduler' }>;

// Keras's mode "auto": accuracies are maximised, losses minimised.
const higherIsBetter = (m: Monitored) => m.endsWith('accuracy');
const worstValue = (m: Monitored) => (higherIsBetter(m) ? -Infinity : Infinity);

interface EarlyStoppingState { best: number; bestEpoch: number | null; wait: number }
interface PlateauState { best: number; wait: number }

/**
 * Runs the callbacks of a fit over epochs; `initialLr` is the optimizer's rate. Each callback
 * keeps its own state, following Keras's code (keras/src/callbacks/early_stopping.py and
 * reduce_lr_on_plateau.py): the best value starts at ±Infinity, and the wait counter grows
 * on every epoch that is not an improvement by more than minDelta.
 */
export class FitCallbacks {
  private readonly early = new Map<number, EarlyStoppingState>();
  private readonly plateau = new Map<number, PlateauState>();
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
    // The EarlyStopping whose best weights are kept: the first that restores them, else the first.
    const earlyIndices = this.callbacks.flatMap((cb, i) => (cb.type === 'EarlyStopping' ? [i] : []));
    const keeper = earlyIndices.find((i) => (this.callbacks[i] as EarlyStoppingSpec).restoreBestWeights) ?? earlyIndices[0];
    this.callbacks.forEach((cb, i) => {
      if (cb.type === 'EarlyStopping') {
        const result = this.earlyStopping(i, cb, epoch, logs);
        if (result.stop) decision.stop = true;
        if (result.message) decision.messages.push(result.message);
        if (i === keeper) {
          decision.improved = result.improved;
          if (cb.restoreBestWeights) decision.bestEpoch = this.early.get(i)?.bestEpoch ?? null;
        }
      } else if (cb.type === 'ReduceLROnPlateau') {
        const message = this.reduceOnPlateau(i, cb, logs);
        if (message) decision.messages.push(message);
      }
    });
    decision.learningRate = this.learningRate;
    return decision;
  }

  private earlyStopping(index: number, cb: EarlyStoppingSpec, epoch: number, logs: EpochLogs): { improved: boolean; stop: boolean; message?: string } {
    const monitor = (cb.monitor ?? 'val_loss') as Monitored;
    const value = logs[monitor];
    if (value === null) return { improved: false, stop: false };
    const state = this.early.get(index) ?? { best: worstValue(monitor), bestEpoch: null, wait: 0 };
    this.early.set(index, state);
    state.wait += 1;
    if (improves(value, state.best, monitor, cb.minDelta ?? 0)) {
      state.best = value;
      state.bestEpoch = epoch;
      state.wait = 0;
      return { improved: true, stop: false };
    }
    // Keras never stops on epoch 0, whatever the patience.
    if (state.wait >= (cb.patience ?? 0) && epoch > 0) {
      const best = state.bestEpoch === null ? '' : ` (best ${state.best.toFixed(4)} at epoch ${state.bestEpoch + 1})`;
      return { improved: false, stop: true, message: `EarlyStopping: ${monitor} has not improved for ${state.wait} epoch${state.wait === 1 ? '' : 's'}${best}` };
    }
    return { improved: false, stop: false };
  }

  private reduceOnPlateau(index: number, cb: ReduceLROnPlateauSpec, logs: EpochLogs): string | undefined {
    const monitor = (cb.monitor ?? 'val_loss') as Monitored;
    const value = logs[monitor];
    if (value === null) return undefined;
    const state = this.plateau.get(index) ?? { best: worstValue(monitor), wait: 0 };
    this.plateau.set(index, state);
    if (improves(value, state.best, monitor, cb.minDelta ?? 1e-4)) {
      state.best = value;
      state.wait = 0;
      return undefined;
    }
    state.wait += 1;
    const minLr = cb.minLr ?? 0;
    if (state.wait < (cb.patience ?? 10) || this.learningRate <= minLr) return undefined;
    const next = Math.max(this.learningRate * (cb.factor ?? 0.1), minLr);
    const message = `ReduceLROnPlateau: ${monitor} stalled for ${state.wait} epochs; learning rate ${fmt(this.learningRate)} → ${fmt(next)}`;
    this.learningRate = next;
    state.wait = 0;
    return message;
  }

  private scheduledRate(epoch: number): number | null {
    const cb = this.callbacks.find((c): c is LearningRateSchedulerSpec => c.type === 'LearningRateScheduler');
    if (!cb) return null;
    return scheduledLearningRate(cb, this.initialLr, epoch, this.epochs);
  }
}

/**
 * Learning rate of a LearningRateScheduler at `epoch` (0-based) of `epochs`. A warm-up of w
 * epochs climbs linearly, initialLr·(epoch+1)/(w+1), so the full rate arrives at epoch w,
 * where the schedule proper starts counting from 0.
 */
export function scheduledLearningRate(cb: LearningRateSchedulerSpec, initialLr: number, epoch: number, epochs: number): number {
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
