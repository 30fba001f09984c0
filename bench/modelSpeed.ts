// How fast model files train on this machine, side by side: each model is built as the
// worker builds it, trained through the same StepTrainer runTraining uses (all cores on
// wasm) on random 32×32×3 batches of its own batch size, and timed in steady state.
// Used to pick examples/cifar10-fast.cnn.json's layers for a time budget.
//
//   npx tsx bench/modelSpeed.ts examples/cifar10-baseline.cnn.json examples/cifar10-fast.cnn.json [--seconds 15] [--threads N]
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { parseModelFile } from '../src/shared/parseModelFile';
import { resolveModel } from '../src/shared/modelDefaults';
import { inferShapes } from '../src/shared/shapeInference';
import { selectBackend } from '../src/worker/backend/selectBackend';
import { buildCompiledModel } from '../src/worker/buildModel';
import { createStepTrainer } from '../src/worker/stepTrainer';
import { randomImages } from './throughput/classicCnn';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { seconds: { type: 'string', default: '15' }, threads: { type: 'string' } } });
  if (positionals.length === 0) throw new Error('usage: modelSpeed.ts <model.cnn.json>… [--seconds S] [--threads N]');
  const backend = await selectBackend('auto');
  const { tf } = backend;
  const rows: string[] = [];
  for (const file of positionals) {
    const parsed = parseModelFile(readFileSync(file, 'utf8'));
    if (!parsed.model) throw new Error(`${file}: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
    const model = resolveModel(parsed.model, path.basename(file));
    const shapes = inferShapes(model.layers, model.inputShape);
    const net = buildCompiledModel(tf, model);
    const trainer = await createStepTrainer(tf, net, { backend: backend.name, threads: values.threads ? Number(values.threads) : undefined, warn: console.warn });
    const batch = model.batchSize;
    const set = randomImages(batch, file);
    const pixels = Float32Array.from(set.images, (v) => v / 255);
    const labels = Int32Array.from(set.labels);
    try {
      for (let i = 0; i < 3; i++) await trainer.trainOnBatch(pixels, labels, batch); // warm-up
      const steps: number[] = [];
      const until = performance.now() + Number(values.seconds) * 1000;
      while (performance.now() < until || steps.length < 3) {
        const t = performance.now();
        await trainer.trainOnBatch(pixels, labels, batch);
        steps.push(performance.now() - t);
      }
      steps.sort((a, b) => a - b);
      const median = steps[Math.floor(steps.length / 2)];
      const imagesPerSec = (batch * 1000) / median;
      const epochMinutes = 45000 / imagesPerSec / 60;
      rows.push(`${path.basename(file).padEnd(34)} ${(shapes.totalMultiplyAdds / 1e6).toFixed(1).padStart(8)} M ${String(net.countParams()).padStart(10)} ${String(batch).padStart(5)} ${String(trainer.threads).padStart(7)} ${imagesPerSec.toFixed(1).padStart(9)} ${epochMinutes.toFixed(1).padStart(12)}`);
    } finally {
      await trainer.dispose();
      net.dispose();
    }
  }
  console.log(`backend ${backend.name}; ${new Date().toISOString()}`);
  console.log(`${'model'.padEnd(34)} ${'mult-adds'.padStart(10)} ${'params'.padStart(10)} batch threads  images/s  min/epoch(45k)`);
  rows.forEach((r) => console.log(r));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
