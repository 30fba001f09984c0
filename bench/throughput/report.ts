// Text output of the throughput benchmark: the engine table, the kernel profile, the
// two-replica step breakdown and the data pipeline's idle share.
import type { EngineResult } from './engineResult';
import type { StepProfile } from './kernelProfile';
import type { PipelineShare } from './pipelineShare';

/** One engine's line of the table (medians over the rounds it ran). */
export interface Row {
  label: string;
  pureNpm: boolean;
  error?: string;
  imagesPerSec: number;
  /** [min, max] images/s when it ran more than once. */
  spread?: [number, number];
  msPerStep: number;
  imagesPerCpuSec: number;
  first?: EngineResult;
}

/** The engine table, with each engine's ratio to PyTorch. */
export function formatTable(rows: Row[], pytorchImagesPerSec: number): string {
  const header = ['engine', 'images/s', 'ms/step', 'images/CPU-s', '× PyTorch'];
  const lines = rows.map((r) => {
    if (r.error) return [r.label, 'n/a', '', '', 'unavailable (below)'];
    const speed = r.spread ? `${r.imagesPerSec.toFixed(1)} (${r.spread[0].toFixed(1)}–${r.spread[1].toFixed(1)})` : r.imagesPerSec.toFixed(1);
    const ratio = Number.isNaN(pytorchImagesPerSec) ? 'n/a' : (r.imagesPerSec / pytorchImagesPerSec).toFixed(2);
    return [r.label, speed, r.msPerStep.toFixed(0), Number.isNaN(r.imagesPerCpuSec) ? '' : r.imagesPerCpuSec.toFixed(1), ratio];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  const notes = rows.filter((r) => r.error).map((r) => `${r.label}: ${r.error}`);
  return [row(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(row), ...notes].join('\n');
}

/** The kernels taking the most time in one wasm step. */
export function formatProfile(profile: StepProfile, batch: number, top = 12): string {
  const lines = [`Kernel time of one wasm training step (batch ${batch}, tf.profile): ${profile.kernelMs.toFixed(0)} ms in kernels, ` +
    `${profile.wallMs.toFixed(0)} ms wall. "self" excludes kernels run inside another (the supplied training kernels are ` +
    'compositions of tf ops); "as called" is the time of the calls the model made, callees included.'];
  lines.push(`  ${'kernel'.padEnd(22)} ${'calls'.padStart(5)} ${'self ms'.padStart(8)} ${'share'.padStart(6)} ${'as called'.padStart(9)}`);
  for (const k of profile.kernels.slice(0, top)) {
    lines.push(`  ${k.name.padEnd(22)} ${String(k.calls).padStart(5)} ${k.selfMs.toFixed(1).padStart(8)} ` +
      `${`${((100 * k.selfMs) / profile.kernelMs).toFixed(1)}%`.padStart(6)} ${k.totalMs.toFixed(1).padStart(9)}`);
  }
  return lines.join('\n');
}

/** Where a two-replica step's time goes. */
export function formatParallelTiming(t: NonNullable<EngineResult['parallelTiming']>): string {
  const step = t.packMs + t.mainMs + t.waitMs + t.applyMs;
  return [
    `Two-replica step (means): shares ${t.shares.map((s) => s.toFixed(1)).join(' + ')} images; ` +
      `weights to shared memory ${t.packMs.toFixed(1)} ms, main share ${t.mainMs.toFixed(0)} ms, ` +
      `thread share ${t.replicaMs.map((m) => m.toFixed(0)).join('/')} ms, waiting ${t.waitMs.toFixed(1)} ms, ` +
      `averaging + optimizer ${t.applyMs.toFixed(1)} ms (≈ ${step.toFixed(0)} ms a step; ` +
      `${((100 * (t.packMs + t.applyMs)) / step).toFixed(0)}% on one core only).`,
  ].join('\n');
}

/** The data pipeline's idle share per engine. */
export function formatPipeline(entries: [string, PipelineShare | undefined][]): string {
  const lines = ['Data pipeline (BatchBuilder + augmentBatch as in runTraining, augmentation of cifar10-augmented: ' +
    'rotation 15°, shifts 0.1, horizontal flip), built before each step:'];
  for (const [label, p] of entries) {
    if (!p) continue;
    lines.push(`  ${label}: ${p.buildMs.toFixed(1)} ms to build a batch of a ${p.stepMs.toFixed(0)} ms step → ` +
      `the engine waits for data ${(100 * p.idleShare).toFixed(1)}% of the time`);
  }
  return lines.join('\n');
}
