// What one engine run of the throughput benchmark reports (engineRun.ts prints it as
// `RESULT <json>`; pytorch_reference.py prints the same fields).
import type { StepTiming } from '../../src/worker/parallel/dataParallelTrainer';
import type { StepProfile } from './kernelProfile';
import type { PipelineShare } from './pipelineShare';

export type EngineName = 'wasm' | 'parallel' | 'pair' | 'cpu' | 'tensorflow';

/** What one engine run reports. */
export interface EngineResult {
  engine: EngineName;
  backend?: string;
  note?: string;
  error?: string;
  batch?: number;
  steps?: number;
  /** From the median step time. */
  imagesPerSec?: number;
  /** The median step time. */
  msPerStep?: number;
  /** Images over the whole timed period. */
  meanImagesPerSec?: number;
  stepMs?: number[];
  /** Images per second of this process's CPU time (all its threads). */
  imagesPerCpuSec?: number;
  lastLoss?: number;
  profile?: StepProfile;
  /** The two-replica trainer's average step breakdown. */
  parallelTiming?: Omit<StepTiming, 'shares'> & { shares: number[] };
  pipeline?: PipelineShare;
}
