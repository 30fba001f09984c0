// Everything the dashboard shows, folded from the training events by one pure reducer. The
// host folds a run's recorded events into a whole state for a new or reloaded webview; the
// webview folds the live deltas that follow with the same function, so both agree exactly.
//
// Batch points are the only part that grows with training time. They are kept in columns, in
// chunks of CHUNK_SIZE so that adding a point copies one small chunk rather than the whole
// series (the reducer never mutates its input), and when MAX_BATCH_POINTS is reached adjacent
// points are averaged in pairs: memory stays bounded and at least MAX/2 points stay drawable.
import { z } from 'zod';
import {
  backendInfoEvent, batchEvent, datasetProgressEvent, epochEvent, featureMapsEvent, filtersEvent,
  logEvent, perClassMetrics, trainBeginEvent,
  type EvaluationEvent, type TrainingEvent,
} from './trainingEvents';

/** Points kept per batch series before older ones are merged pairwise. */
export const MAX_BATCH_POINTS = 50_000;
/** Points per chunk of a batch series: the most an added point copies. */
export const CHUNK_SIZE = 512;
/** Warnings and errors kept for display. */
export const MAX_MESSAGES = 20;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

/** A run of batch points, columnar; x is in epochs (epoch + (batch + 1) / stepsPerEpoch). */
const seriesChunk = z.object({ x: z.array(finite), loss: z.array(finite), accuracy: z.array(finite) });

/** All batch points of a run, chunked; `merged` counts the pairwise merges so far. */
const batchSeries = z.object({ chunks: z.array(seriesChunk), length: z.number().int().min(0), merged: z.number().int().min(0) });

/** The evaluation without its per-example arrays, which only the misclassified view reads (from disk). */
export const evaluationSummary = z.object({
  loss: finite,
  accuracy: finite,
  classNames: z.array(z.string()),
  confusion: z.array(z.array(z.number().int().min(0))),
  perClass: z.array(perClassMetrics),
  testCount: z.number().int().min(0),
});

export const runPhase = z.enum(['waiting', 'preparing', 'training', 'completed', 'stopped', 'failed', 'interrupted']);

/** Phases after which nothing more happens in a run. */
export const FINISHED_PHASES: readonly RunPhase[] = ['completed', 'stopped', 'failed', 'interrupted'];

export const dashboardState = z.object({
  runDir: z.string().nullable(),
  phase: runPhase,
  backend: backendInfoEvent.nullable(),
  datasetProgress: datasetProgressEvent.nullable(),
  begin: trainBeginEvent.nullable(),
  batches: batchSeries,
  lastBatch: batchEvent.nullable(),
  epochs: z.array(epochEvent).describe('one per epoch, in order'),
  featureMaps: z.array(featureMapsEvent).describe('the latest per probe, by probe index'),
  filters: filtersEvent.nullable(),
  evaluation: evaluationSummary.nullable(),
  messages: z.array(logEvent).describe('the latest warnings and errors'),
  error: z.string().nullable(),
});

export type SeriesChunk = z.infer<typeof seriesChunk>;
export type BatchSeries = z.infer<typeof batchSeries>;
export type EvaluationSummary = z.infer<typeof evaluationSummary>;
export type RunPhase = z.infer<typeof runPhase>;
export type DashboardState = z.infer<typeof dashboardState>;

/** The state before any event: an empty dashboard, optionally already tied to a run folder. */
export function initialDashboardState(runDir: string | null = null): DashboardState {
  return {
    runDir, phase: 'waiting', backend: null, datasetProgress: null, begin: null,
    batches: { chunks: [], length: 0, merged: 0 }, lastBatch: null, epochs: [], featureMaps: [],
    filters: null, evaluation: null, messages: [], error: null,
  };
}

/** Folds one training event into the state; never mutates `state`. Replaying an event twice is harmless. */
export function reduceDashboard(state: DashboardState, event: TrainingEvent): DashboardState {
  switch (event.type) {
    case 'backend':
      return { ...state, backend: event, phase: preparing(state.phase) };
    case 'datasetProgress':
      return { ...state, datasetProgress: event, phase: preparing(state.phase) };
    case 'trainBegin': {
      // A second trainBegin of the same run (a replay overlapping live events) keeps the history.
      if (state.begin?.runId === event.runId) return { ...state, begin: event };
      const fresh = initialDashboardState(event.runDir);
      return { ...fresh, backend: state.backend, messages: state.messages, begin: event, phase: 'training' };
    }
    case 'batch': {
      if (!state.begin) return state;
      const x = event.epoch + (event.batch + 1) / state.begin.stepsPerEpoch;
      if (state.batches.length > 0 && x <= lastX(state.batches)) return state;
      return { ...state, batches: appendPoint(state.batches, x, event.loss, event.accuracy), lastBatch: event, phase: training(state.phase) };
    }
    case 'epoch': {
      const epochs = state.epochs.filter((e) => e.epoch !== event.epoch);
      epochs.push(event);
      epochs.sort((a, b) => a.epoch - b.epoch);
      return { ...state, epochs, phase: training(state.phase) };
    }
    case 'featureMaps': {
      const current = state.featureMaps.find((f) => f.probeIndex === event.probeIndex);
      if (current && current.epoch > event.epoch) return state;
      const featureMaps = state.featureMaps.filter((f) => f.probeIndex !== event.probeIndex).concat(event);
      featureMaps.sort((a, b) => a.probeIndex - b.probeIndex);
      return { ...state, featureMaps };
    }
    case 'filters':
      return state.filters && state.filters.epoch > event.epoch ? state : { ...state, filters: event };
    case 'evaluation':
      return { ...state, evaluation: summarizeEvaluation(event) };
    case 'log':
      if (event.level === 'info') return state;
      return { ...state, messages: state.messages.concat(event).slice(-MAX_MESSAGES) };
    case 'done':
      return { ...state, phase: event.status, error: event.error ?? null, runDir: state.runDir ?? event.runDir };
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

/** Folds a whole recorded run, as the host does for a panel that opens on it. */
export function replayEvents(events: Iterable<TrainingEvent>, runDir: string | null = null): DashboardState {
  let state = initialDashboardState(runDir);
  for (const event of events) state = reduceDashboard(state, event);
  return state;
}

/** Drops the per-example arrays of an evaluation event. */
export function summarizeEvaluation(event: EvaluationEvent): EvaluationSummary {
  const { loss, accuracy, classNames, confusion, perClass, labels } = event;
  return { loss, accuracy, classNames, confusion, perClass, testCount: labels.length };
}

/** The batch series as flat columns, for drawing. */
export function batchColumns(series: BatchSeries): { x: number[]; loss: number[]; accuracy: number[] } {
  const x: number[] = [];
  const loss: number[] = [];
  const accuracy: number[] = [];
  for (const chunk of series.chunks) {
    x.push(...chunk.x);
    loss.push(...chunk.loss);
    accuracy.push(...chunk.accuracy);
  }
  return { x, loss, accuracy };
}

/** Seconds left in the run: the worker's estimate at an epoch end, else remaining images over the current rate. */
export function estimateEtaSeconds(state: DashboardState): number | null {
  if (state.phase !== 'training' || !state.begin) return null;
  const lastEpoch = state.epochs.at(-1);
  const batch = state.lastBatch;
  if (!batch || (lastEpoch && lastEpoch.epoch >= batch.epoch)) return lastEpoch ? lastEpoch.etaSeconds : null;
  if (batch.imagesPerSec <= 0) return null;
  const { epochs, stepsPerEpoch, batchSize } = state.begin;
  const stepsLeft = (epochs - batch.epoch - 1) * stepsPerEpoch + (stepsPerEpoch - batch.batch - 1);
  return Math.max(0, (stepsLeft * batchSize) / batch.imagesPerSec);
}

/** The epoch in progress, 1-based, for "epoch x/y" (0 before the first batch). */
export function currentEpochNumber(state: DashboardState): number {
  const fromBatch = state.lastBatch ? state.lastBatch.epoch + 1 : 0;
  const fromEpoch = state.epochs.at(-1) ? state.epochs.at(-1)!.epoch + 1 : 0;
  const done = FINISHED_PHASES.includes(state.phase);
  // Between two epochs the finished one is reported until the next one's first batch arrives.
  return done ? fromEpoch : Math.max(fromBatch, fromEpoch);
}

/** The run folder's last path segment, which names the run (e.g. 20250101-120000-cifar). */
export function runNameOf(runDir: string | null): string {
  if (!runDir) return '';
  const parts = runDir.split(/[\\/]+/).filter(Boolean);
  return parts.at(-1) ?? runDir;
}

function preparing(phase: RunPhase): RunPhase {
  return phase === 'waiting' ? 'preparing' : phase;
}

function training(phase: RunPhase): RunPhase {
  return phase === 'waiting' || phase === 'preparing' ? 'training' : phase;
}

function lastX(series: BatchSeries): number {
  const chunk = series.chunks[series.chunks.length - 1];
  return chunk.x[chunk.x.length - 1];
}

function appendPoint(series: BatchSeries, x: number, loss: number, accuracy: number): BatchSeries {
  const chunks = series.chunks.slice();
  const last = chunks[chunks.length - 1];
  if (last && last.x.length < CHUNK_SIZE) {
    chunks[chunks.length - 1] = { x: [...last.x, x], loss: [...last.loss, loss], accuracy: [...last.accuracy, accuracy] };
  } else {
    chunks.push({ x: [x], loss: [loss], accuracy: [accuracy] });
  }
  const grown = { chunks, length: series.length + 1, merged: series.merged };
  return grown.length > MAX_BATCH_POINTS ? mergePairs(grown) : grown;
}

/** Halves a series by averaging neighbours; the newest point survives unpaired when the count is odd. */
function mergePairs(series: BatchSeries): BatchSeries {
  const { x, loss, accuracy } = batchColumns(series);
  const out: SeriesChunk[] = [];
  let chunk: SeriesChunk = { x: [], loss: [], accuracy: [] };
  const push = (px: number, pl: number, pa: number): void => {
    if (chunk.x.length === CHUNK_SIZE) { out.push(chunk); chunk = { x: [], loss: [], accuracy: [] }; }
    chunk.x.push(px); chunk.loss.push(pl); chunk.accuracy.push(pa);
  };
  let i = 0;
  for (; i + 1 < x.length; i += 2) {
    // Keep the later x so the merged point never moves ahead of points still to come.
    push(x[i + 1], (loss[i] + loss[i + 1]) / 2, (accuracy[i] + accuracy[i + 1]) / 2);
  }
  if (i < x.length) push(x[i], loss[i], accuracy[i]);
  if (chunk.x.length > 0) out.push(chunk);
  return { chunks: out, length: Math.ceil(x.length / 2), merged: series.merged + 1 };
}
