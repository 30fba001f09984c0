// How fast each engine does arithmetic, to tell "the engine wastes time" from "the engine
// is at its machine's limit": the floating-point rate one large convolution reaches
// (convRate.ts on wasm, pytorch_reference.py --conv-rate) next to the rate a training step
// sustains (images/s × the step's floating-point operations per image).
import { inferShapes } from '../../src/shared/shapeInference';
import { baselineModel } from './classicCnn';

/**
 * Floating-point operations of one image's training step of the baseline model: forward,
 * input gradient and weight gradient cost a multiply-add each per forward multiply-add,
 * except the first layer's input gradient, which nothing needs (tfjs skips it).
 */
export function trainingFlopPerImage(): number {
  const model = baselineModel();
  const report = inferShapes(model.layers, model.inputShape);
  const first = report.layers.find((l) => l.multiplyAdds > 0)?.multiplyAdds ?? 0;
  return 2 * (3 * report.totalMultiplyAdds - first);
}

export interface RateRow {
  label: string;
  /** GFLOP/s of the convolution, why it could not be measured, or undefined when not timed. */
  convGflops?: number | string;
  /** images/s of the same engine training the baseline model, if measured. */
  imagesPerSec?: number;
}

export function formatArithmeticRate(rows: RateRow[], flopPerImage: number): string {
  const lines = [
    `Arithmetic rate: one Conv2D 3×3, 64→64 channels, 'same', 64 images of 32×32 (4.8 GFLOP), against a training step of ` +
      `the baseline model (${(flopPerImage / 1e6).toFixed(1)} MFLOP per image: 3 × the forward multiply-adds × 2, less the first layer's input gradient).`,
    `  ${'engine'.padEnd(40)} ${'conv GFLOP/s'.padStart(12)} ${'training GFLOP/s'.padStart(16)} ${'of conv rate'.padStart(12)}`,
  ];
  for (const r of rows) {
    const conv = typeof r.convGflops === 'number' ? r.convGflops.toFixed(1) : r.convGflops === undefined ? '' : 'n/a';
    const training = r.imagesPerSec === undefined || Number.isNaN(r.imagesPerSec) ? undefined : (r.imagesPerSec * flopPerImage) / 1e9;
    const share = training !== undefined && typeof r.convGflops === 'number' ? `${((100 * training) / r.convGflops).toFixed(0)}%` : '';
    lines.push(`  ${r.label.padEnd(40)} ${conv.padStart(12)} ${(training?.toFixed(1) ?? '').padStart(16)} ${share.padStart(12)}`);
    if (typeof r.convGflops === 'string') lines.push(`    (${r.convGflops})`);
  }
  return lines.join('\n');
}
