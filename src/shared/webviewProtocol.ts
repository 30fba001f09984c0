// Messages between the extension host and its two webviews (the dashboard panel and the
// misclassified-examples view). Each message is one small zod schema; every message is
// validated where it arrives, in the webview and in the host alike.
import { z } from 'zod';
import { dashboardState } from './dashboardState';
import { featureMapsEvent, trainingEvent } from './trainingEvents';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const classIndex = z.number().int().min(0);
const nullableMetric = finite.nullable();

// #region Host → dashboard

/** The whole state, sent once the webview says `ready` (and again when the panel switches runs). */
export const stateMessage = z.object({ type: z.literal('state'), state: dashboardState });

/** One live training event, to fold into the state the webview already has. */
export const eventMessage = z.object({ type: z.literal('event'), event: trainingEvent });

/** One run's per-epoch metrics and final figures, for the Compare view. */
export const compareRun = z.object({
  runDir: z.string(),
  name: z.string(),
  modelName: z.string(),
  status: z.string(),
  backend: z.string().nullable(),
  epochsPlanned: z.number().int().min(0),
  totalParams: z.number().int().min(0).nullable(),
  elapsedSeconds: nullableMetric,
  testAccuracy: nullableMetric,
  epochs: z.array(z.object({
    epoch: z.number().int().min(0),
    loss: finite,
    accuracy: finite,
    val_loss: nullableMetric,
    val_accuracy: nullableMetric,
  })),
});

/** Runs to overlay in the Compare view (switches the dashboard to it). */
export const compareMessage = z.object({ type: z.literal('compare'), runs: z.array(compareRun) });

/** Show the feature maps of a test image (the user opened it in the misclassified view). */
export const showFeatureMapsMessage = z.object({ type: z.literal('showFeatureMaps'), testIndex: z.number().int().min(0) });

/** A test image that is not a probe, opened in the misclassified view (pixels: base64 uint8 HWC of imageShape). */
export const inspectedImage = z.object({
  testIndex: z.number().int().min(0),
  label: classIndex,
  predicted: classIndex,
  pixels: z.string(),
  imageShape: z.tuple([z.number().int().min(1), z.number().int().min(1), z.number().int().min(1)]),
});

/** That image's feature maps, computed on request from the run's latest checkpoint: `computing`, then `ready` (with maps) or `failed` (with error). */
export const imageFeatureMapsMessage = z.object({
  type: z.literal('imageFeatureMaps'),
  runDir: z.string(),
  image: inspectedImage,
  status: z.enum(['computing', 'ready', 'failed']),
  maps: z.object({ epoch: z.number().int().min(0), layers: featureMapsEvent.shape.layers }).optional(),
  error: z.string().optional(),
});

export const toDashboardMessage = z.discriminatedUnion('type', [stateMessage, eventMessage, compareMessage, showFeatureMapsMessage, imageFeatureMapsMessage]);

// #endregion
// #region Dashboard → host

/** The webview has loaded and listens; the host answers with `state`. */
export const readyMessage = z.object({ type: z.literal('ready') });

/** The user chose a confusion-matrix cell: show its test images. */
export const selectCellMessage = z.object({ type: z.literal('selectCell'), trueClass: classIndex, predictedClass: classIndex });

/** The user chose another probe image in the feature-maps panel. */
export const selectProbeMessage = z.object({ type: z.literal('selectProbe'), probeIndex: z.number().int().min(0) });

/** The user pressed Stop: end training after the current batch, keeping the checkpoints. */
export const stopTrainingMessage = z.object({ type: z.literal('stopTraining') });

/** The user wants to compare runs; without runDirs the host asks which ones. */
export const compareRunsMessage = z.object({ type: z.literal('compareRuns'), runDirs: z.array(z.string()).optional() });

export const fromDashboardMessage = z.discriminatedUnion('type', [
  readyMessage, selectCellMessage, selectProbeMessage, stopTrainingMessage, compareRunsMessage,
]);

// #endregion
// #region Host → misclassified view

/** One test image of a confusion-matrix cell (pixels: base64 uint8 HWC of imageShape). */
export const cellExample = z.object({
  testIndex: z.number().int().min(0),
  confidence: finite.describe('probability of the predicted class'),
  top3: z.array(z.object({ classIndex, probability: finite })).max(3),
  pixels: z.string(),
});

/** The test images of one cell, most confident first; `total` counts the cell even when capped. */
export const showCellMessage = z.object({
  type: z.literal('showCell'),
  runDir: z.string(),
  classNames: z.array(z.string()),
  trueClass: classIndex,
  predictedClass: classIndex,
  imageShape: z.tuple([z.number().int().min(1), z.number().int().min(1), z.number().int().min(1)]),
  total: z.number().int().min(0),
  examples: z.array(cellExample),
});

export const toMisclassifiedMessage = z.discriminatedUnion('type', [showCellMessage]);

// #endregion
// #region Misclassified view → host

/** The user opened one image: the dashboard shows its feature maps when it has them. */
export const openImageMessage = z.object({ type: z.literal('openImage'), runDir: z.string(), testIndex: z.number().int().min(0) });

export const fromMisclassifiedMessage = z.discriminatedUnion('type', [readyMessage, openImageMessage]);

// #endregion
// #region What the webviews persist (getState/setState); the panel serializer reads runDir back

/** The dashboard's own choices, kept across reloads; the data itself comes again from the host. */
export const dashboardWebviewState = z.object({
  runDir: z.string().nullable(),
  tab: z.enum(['training', 'compare']),
  probeIndex: z.number().int().min(0),
  layerName: z.string().nullable(),
  smoothing: z.number().min(0).max(0.999),
  selectedCell: z.object({ trueClass: classIndex, predictedClass: classIndex }).nullable(),
  compareRuns: z.array(compareRun),
});

/** The misclassified view's selection, kept across reloads (the host re-sends the cell itself). */
export const misclassifiedWebviewState = z.object({ selectedTestIndex: z.number().int().min(0).nullable() });

// #endregion

export type DashboardWebviewState = z.infer<typeof dashboardWebviewState>;
export type MisclassifiedWebviewState = z.infer<typeof misclassifiedWebviewState>;
export type StateMessage = z.infer<typeof stateMessage>;
export type EventMessage = z.infer<typeof eventMessage>;
export type CompareRun = z.infer<typeof compareRun>;
export type CompareMessage = z.infer<typeof compareMessage>;
export type ShowFeatureMapsMessage = z.infer<typeof showFeatureMapsMessage>;
export type InspectedImage = z.infer<typeof inspectedImage>;
export type ImageFeatureMapsMessage = z.infer<typeof imageFeatureMapsMessage>;
export type ToDashboardMessage = z.infer<typeof toDashboardMessage>;
export type ReadyMessage = z.infer<typeof readyMessage>;
export type SelectCellMessage = z.infer<typeof selectCellMessage>;
export type SelectProbeMessage = z.infer<typeof selectProbeMessage>;
export type StopTrainingMessage = z.infer<typeof stopTrainingMessage>;
export type CompareRunsMessage = z.infer<typeof compareRunsMessage>;
export type FromDashboardMessage = z.infer<typeof fromDashboardMessage>;
export type CellExample = z.infer<typeof cellExample>;
export type ShowCellMessage = z.infer<typeof showCellMessage>;
export type ToMisclassifiedMessage = z.infer<typeof toMisclassifiedMessage>;
export type OpenImageMessage = z.infer<typeof openImageMessage>;
export type FromMisclassifiedMessage = z.infer<typeof fromMisclassifiedMessage>;

/** A validated message, or why the data was not one. */
export type ParseResult<T> = { ok: true; message: T } | { ok: false; error: string };

/** Validates what the dashboard webview received. */
export function parseToDashboardMessage(data: unknown): ParseResult<ToDashboardMessage> {
  return parseWith(toDashboardMessage, data);
}

/** Validates what the host received from the dashboard. */
export function parseFromDashboardMessage(data: unknown): ParseResult<FromDashboardMessage> {
  return parseWith(fromDashboardMessage, data);
}

/** Validates what the misclassified view received. */
export function parseToMisclassifiedMessage(data: unknown): ParseResult<ToMisclassifiedMessage> {
  return parseWith(toMisclassifiedMessage, data);
}

/** Validates what the host received from the misclassified view. */
export function parseFromMisclassifiedMessage(data: unknown): ParseResult<FromMisclassifiedMessage> {
  return parseWith(fromMisclassifiedMessage, data);
}

function parseWith<T>(schema: z.ZodType<T>, data: unknown): ParseResult<T> {
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, message: result.data };
  const type = typeof data === 'object' && data !== null && 'type' in data ? String((data as { type: unknown }).type) : typeof data;
  return { ok: false, error: `invalid '${type}' message: ${z.prettifyError(result.error)}` };
}
