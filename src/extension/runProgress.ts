// What the status bar, the progress notification and the Runs view show about the run in
// progress, folded from the worker's events. Pure: one event in, the next snapshot out.
import * as path from 'node:path';
import type { TrainingEvent } from '../shared/trainingEvents';

export type RunPhase = 'starting' | 'loading data' | 'training' | 'evaluating' | 'stopping' | 'finished';

/** A snapshot of the run in progress. */
export interface RunProgress {
  modelFile: string;
  /** The model's name once the worker has said it; the file name until then. */
  modelName: string;
  runId: string | null;
  runDir: string | null;
  phase: RunPhase;
  /** Last epoch of the run, counting from 1 (resumed runs do not start at 0). */
  epochsPlanned: number | null;
  /** Epochs finished, counting those of the run this one resumes. */
  epochsDone: number;
  /** Accuracy of the latest finished epoch: on validation data when there is any. */
  accuracy: number | null;
  etaSeconds: number | null;
  /** Accuracy on the test set, once the final evaluation has run. */
  testAccuracy: number | null;
  /** The latest data-loading message, shown until training starts. */
  detail: string | null;
}

/** The snapshot before the worker has said anything. */
export function initialProgress(modelFile: string): RunProgress {
  return {
    modelFile,
    modelName: path.basename(modelFile).replace(/\.cnn\.json$/i, ''),
    runId: null,
    runDir: null,
    phase: 'starting',
    epochsPlanned: null,
    epochsDone: 0,
    accuracy: null,
    etaSeconds: null,
    testAccuracy: null,
    detail: null,
  };
}

/** The snapshot after one more event; unchanged (the same object) when the event changes nothing shown. */
export function advanceProgress(progress: RunProgress, event: TrainingEvent): RunProgress {
  switch (event.type) {
    case 'datasetProgress':
      return progress.phase === 'stopping' ? progress : { ...progress, phase: 'loading data', detail: event.message };
    case 'trainBegin':
      return {
        ...progress,
        modelName: event.modelName,
        runId: event.runId,
        runDir: event.runDir,
        phase: progress.phase === 'stopping' ? 'stopping' : 'training',
        epochsPlanned: event.epochs,
        epochsDone: event.initialEpoch,
        detail: null,
      };
    case 'epoch': {
      const isLast = progress.epochsPlanned !== null && event.epoch + 1 >= progress.epochsPlanned;
      return {
        ...progress,
        epochsDone: event.epoch + 1,
        accuracy: event.val_accuracy ?? event.accuracy,
        etaSeconds: event.etaSeconds,
        phase: progress.phase === 'stopping' ? 'stopping' : isLast ? 'evaluating' : 'training',
      };
    }
    case 'evaluation':
      return { ...progress, testAccuracy: event.accuracy, phase: progress.phase === 'stopping' ? 'stopping' : 'evaluating' };
    case 'done':
      return { ...progress, phase: 'finished', runDir: event.runDir ?? progress.runDir, etaSeconds: null };
    case 'backend':
    case 'batch':
    case 'featureMaps':
    case 'filters':
    case 'log':
      return progress;
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}

/** The snapshot once a stop has been asked for. */
export function markStopping(progress: RunProgress): RunProgress {
  return progress.phase === 'finished' ? progress : { ...progress, phase: 'stopping' };
}
