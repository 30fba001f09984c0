// Timing of training steps, shared by the benchmark's engines.
import type { EngineResult } from './engineResult';

/** How long to train: warm-up steps, then up to `steps` steps or `seconds`, of `batch` images. */
export interface TimingOptions {
  batch: number;
  warmup: number;
  steps: number;
  seconds: number;
}

type Timing = Pick<EngineResult, 'steps' | 'imagesPerSec' | 'msPerStep' | 'meanImagesPerSec' | 'imagesPerCpuSec' | 'lastLoss' | 'stepMs'>;

/**
 * Trains with `step` after warm-up until `steps` steps or `seconds` have passed (at least
 * one step). Speed is taken from the median step, which other work on the machine
 * disturbs less than the mean.
 */
export async function timeSteps(step: () => Promise<number>, options: TimingOptions): Promise<Timing> {
  for (let i = 0; i < options.warmup; i++) await step();
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const stepMs: number[] = [];
  let lastLoss = NaN;
  while (stepMs.length < options.steps && (stepMs.length === 0 || performance.now() - start < options.seconds * 1000)) {
    const t = performance.now();
    lastLoss = await step();
    stepMs.push(performance.now() - t);
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const images = stepMs.length * options.batch;
  const msPerStep = median(stepMs);
  return {
    steps: stepMs.length, lastLoss, stepMs, msPerStep,
    imagesPerSec: (1000 * options.batch) / msPerStep,
    meanImagesPerSec: images / seconds,
    imagesPerCpuSec: images / ((cpu.user + cpu.system) / 1e6),
  };
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

