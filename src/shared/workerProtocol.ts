// Messages from the host (CLI or extension) to the worker. To `start` it answers with
// TrainingEvents (trainingEvents.ts); to `inspect`, with the InspectReplies below. Both
// directions are validated on arrival.
import { z } from 'zod';
import { backendInfoEvent, featureMapsEvent, logEvent, type TrainingEvent } from './trainingEvents';

export const BACKEND_PREFERENCES = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendPreference = (typeof BACKEND_PREFERENCES)[number];

/** Start a run (the first and only start a worker receives). */
export const startMessage = z.object({
  type: z.literal('start'),
  modelFile: z.string().min(1),
  runsRoot: z.string().min(1),
  cacheDir: z.string().min(1),
  epochs: z.number().int().min(1).optional(),
  backend: z.enum(BACKEND_PREFERENCES),
  /** Cores to train on (data-parallel replicas on the wasm backend); default: all, at most 4. */
  threads: z.number().int().min(1).max(64).optional(),
  resumeRunDir: z.string().optional(),
});

/** Finish the current batch, keep everything written so far, and end the run as "stopped". */
export const stopMessage = z.object({ type: z.literal('stop') });

/**
 * Compute each conv layer's activations for some test images from a checkpoint, reply, and
 * exit: a worker started for this never trains. Relative paths count from runDir.
 */
export const inspectMessage = z.object({
  type: z.literal('inspect'),
  runDir: z.string().min(1),
  /** A complete checkpoint folder of the run (model.json + weights.bin), e.g. <runDir>/checkpoints/epoch-003. */
  checkpointDir: z.string().min(1),
  /** Raw uint8 HWC test pixels, example i at byte i×h×w×c (evaluation.json's testImages.file). */
  imagesFile: z.string().min(1),
  imageShape: z.tuple([z.number().int().min(1), z.number().int().min(1), z.number().int().min(1)]),
  testIndices: z.array(z.number().int().min(0)).min(1),
  backend: z.enum(BACKEND_PREFERENCES),
});

export const hostToWorkerMessage = z.discriminatedUnion('type', [startMessage, stopMessage, inspectMessage]);

export type StartMessage = z.infer<typeof startMessage>;
export type InspectMessage = z.infer<typeof inspectMessage>;
export type HostToWorkerMessage = z.infer<typeof hostToWorkerMessage>;

// #region Worker → host, in answer to `inspect`

/** The activations of each conv layer for one requested test image (layers as in featureMapsEvent). */
export const imageFeatureMapsEvent = z.object({
  type: z.literal('imageFeatureMaps'),
  testIndex: z.number().int().min(0),
  /** The 0-based epoch whose checkpoint produced the maps. */
  epoch: z.number().int().min(0),
  layers: featureMapsEvent.shape.layers,
});

/** The inspection is over: every requested image's maps were sent, or the error says why not. */
export const inspectDoneEvent = z.object({
  type: z.literal('inspectDone'),
  status: z.enum(['completed', 'failed']),
  error: z.string().optional(),
});

export const inspectReply = z.discriminatedUnion('type', [backendInfoEvent, logEvent, imageFeatureMapsEvent, inspectDoneEvent]);

export type ImageFeatureMapsEvent = z.infer<typeof imageFeatureMapsEvent>;
export type InspectDoneEvent = z.infer<typeof inspectDoneEvent>;
export type InspectReply = z.infer<typeof inspectReply>;
/** Anything the worker sends over IPC, whichever mode it runs in. */
export type WorkerToHostMessage = TrainingEvent | InspectReply;

// #endregion
