// What a training run reports, in the order it happens. The worker sends these over IPC,
// the run folder stores them (metrics.jsonl, evaluation.json), and the dashboard draws them;
// one definition serves all three so a recorded run replays exactly like a live one.
import { z } from 'zod';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const nullableMetric = finite.nullable();

/** The backend that does the arithmetic, and why it was chosen. */
export const backendInfoEvent = z.object({
  type: z.literal('backend'),
  name: z.enum(['tensorflow', 'wasm', 'cpu']),
  threads: z.number().int().min(1),
  note: z.string().optional(),
  warning: z.string().optional(),
});

/** Progress while a data set is downloaded, unpacked or decoded. */
export const datasetProgressEvent = z.object({
  type: z.literal('datasetProgress'),
  phase: z.enum(['download', 'unpack', 'decode', 'cache']),
  done: z.number().min(0),
  total: z.number().min(0).nullable(),
  message: z.string(),
});

/** A probe image whose feature maps are shown at each epoch end (pixels: base64 RGB/gray bytes). */
export const probeImage = z.object({
  testIndex: z.number().int().min(0),
  label: z.number().int().min(0),
  pixels: z.string(),
});

/** Training is about to start: everything the dashboard needs to lay itself out. */
export const trainBeginEvent = z.object({
  type: z.literal('trainBegin'),
  runId: z.string(),
  runDir: z.string(),
  modelName: z.string(),
  classNames: z.array(z.string()).min(2),
  imageShape: z.tuple([z.number().int(), z.number().int(), z.number().int()]),
  trainCount: z.number().int().min(0),
  validationCount: z.number().int().min(0),
  testCount: z.number().int().min(0),
  epochs: z.number().int().min(1),
  initialEpoch: z.number().int().min(0),
  stepsPerEpoch: z.number().int().min(1),
  batchSize: z.number().int().min(1),
  totalParams: z.number().int().min(0),
  convLayers: z.array(z.object({ name: z.string(), shape: z.tuple([z.number(), z.number(), z.number()]) })),
  probes: z.array(probeImage),
});

/** Metrics of one training batch (throttled: not every batch is sent). */
export const batchEvent = z.object({
  type: z.literal('batch'),
  epoch: z.number().int().min(0),
  batch: z.number().int().min(0),
  step: z.number().int().min(0),
  loss: finite,
  accuracy: finite,
  imagesPerSec: finite,
  learningRate: finite.optional().describe('The rate this batch trained with; absent in runs recorded before 2026-11-29.'),
});

/** Metrics at the end of an epoch, Keras names (val_* are null without validation data). */
export const epochEvent = z.object({
  type: z.literal('epoch'),
  epoch: z.number().int().min(0),
  loss: finite,
  accuracy: finite,
  val_loss: nullableMetric,
  val_accuracy: nullableMetric,
  learningRate: finite,
  imagesPerSec: finite,
  idleFraction: finite.describe('Share of the epoch the training step waited for data.'),
  epochSeconds: finite.describe('Wall time of this epoch, validation included.'),
  elapsedSeconds: finite.describe('Wall time of training so far in this session, all epochs.'),
  etaSeconds: finite,
  checkpoint: z.string().nullable(),
});

/** Activations of each conv layer for one probe image (data: base64 bytes, h×w×c, each channel scaled to 0–255). */
export const featureMapsEvent = z.object({
  type: z.literal('featureMaps'),
  epoch: z.number().int().min(0),
  probeIndex: z.number().int().min(0),
  layers: z.array(z.object({
    name: z.string(),
    shape: z.tuple([z.number().int(), z.number().int(), z.number().int()]),
    data: z.string(),
  })),
});

/** The first conv layer's kernels as colour patches (data: base64 bytes kh×kw×cin×filters scaled to 0–255). */
export const filtersEvent = z.object({
  type: z.literal('filters'),
  epoch: z.number().int().min(0),
  layer: z.string(),
  shape: z.tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int()]),
  data: z.string(),
});

export const perClassMetrics = z.object({
  precision: finite,
  recall: finite,
  f1: finite,
  support: z.number().int().min(0),
});

/** Final evaluation on the test set, with every example's prediction (for the confusion-matrix drill-down). */
export const evaluationEvent = z.object({
  type: z.literal('evaluation'),
  loss: finite,
  accuracy: finite,
  classNames: z.array(z.string()),
  confusion: z.array(z.array(z.number().int().min(0))).describe('confusion[true][predicted]'),
  perClass: z.array(perClassMetrics),
  labels: z.array(z.number().int().min(0)),
  predicted: z.array(z.number().int().min(0)),
  probabilities: z.array(z.array(finite)).describe('per example, per class, rounded to 4 digits'),
  testImages: z.object({ file: z.string(), shape: z.tuple([z.number().int(), z.number().int(), z.number().int()]) })
    .describe('Raw uint8 pixels of the test set, example i at byte i×h×w×c.'),
});

/** A line for the log (output channel, terminal). */
export const logEvent = z.object({
  type: z.literal('log'),
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
});

/** The run is over, one way or another; nothing follows. */
export const doneEvent = z.object({
  type: z.literal('done'),
  status: z.enum(['completed', 'stopped', 'failed', 'interrupted']),
  error: z.string().optional(),
  runDir: z.string().nullable(),
});

export const trainingEvent = z.discriminatedUnion('type', [
  backendInfoEvent,
  datasetProgressEvent,
  trainBeginEvent,
  batchEvent,
  epochEvent,
  featureMapsEvent,
  filtersEvent,
  evaluationEvent,
  logEvent,
  doneEvent,
]);

export type TrainingEvent = z.infer<typeof trainingEvent>;
export type BackendInfoEvent = z.infer<typeof backendInfoEvent>;
export type DatasetProgressEvent = z.infer<typeof datasetProgressEvent>;
export type TrainBeginEvent = z.infer<typeof trainBeginEvent>;
export type BatchEvent = z.infer<typeof batchEvent>;
export type EpochEvent = z.infer<typeof epochEvent>;
export type FeatureMapsEvent = z.infer<typeof featureMapsEvent>;
export type FiltersEvent = z.infer<typeof filtersEvent>;
export type EvaluationEvent = z.infer<typeof evaluationEvent>;
export type PerClassMetrics = z.infer<typeof perClassMetrics>;
export type DoneEvent = z.infer<typeof doneEvent>;
export type ProbeImage = z.infer<typeof probeImage>;
