// Messages from the host (CLI or extension) to the training worker. The worker answers
// with TrainingEvents (trainingEvents.ts). Both directions are validated on arrival.
import { z } from 'zod';

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
  resumeRunDir: z.string().optional(),
});

/** Finish the current batch, keep everything written so far, and end the run as "stopped". */
export const stopMessage = z.object({ type: z.literal('stop') });

export const hostToWorkerMessage = z.discriminatedUnion('type', [startMessage, stopMessage]);

export type StartMessage = z.infer<typeof startMessage>;
export type HostToWorkerMessage = z.infer<typeof hostToWorkerMessage>;
