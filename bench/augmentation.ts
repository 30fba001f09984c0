// Times augmentBatch on CIFAR-sized data: milliseconds per 64-image batch of 32×32×3, for the
// plain copy and for a full Keras-style spec under each fill mode. Run: npx tsx bench/augmentation.ts
import { augmentBatch } from '../src/worker/data/augment';
import type { FillMode } from '../src/worker/data/augmentWarp';
import { createSeededRandom } from '../src/worker/data/seededRandom';
import type { AugmentationSpec } from '../src/shared/modelSchema';

const SHAPE: [number, number, number] = [32, 32, 3];
const BATCH = 64;
const EXAMPLES = 2_000;
const BATCHES = 400;

function timeBatches(spec: AugmentationSpec | undefined, src: Uint8Array, random: () => number): number {
  const size = SHAPE[0] * SHAPE[1] * SHAPE[2];
  const out = new Float32Array(BATCH * size);
  const indices = new Int32Array(BATCH);
  const run = (n: number) => {
    for (let b = 0; b < n; b++) {
      for (let i = 0; i < BATCH; i++) indices[i] = Math.floor(random() * EXAMPLES);
      augmentBatch(src, indices, SHAPE, spec, random, out);
    }
  };
  run(50); // let the JIT settle before timing
  const start = process.hrtime.bigint();
  run(BATCHES);
  return Number(process.hrtime.bigint() - start) / 1e6 / BATCHES;
}

function main(): void {
  const random = createSeededRandom(1);
  const src = new Uint8Array(EXAMPLES * SHAPE[0] * SHAPE[1] * SHAPE[2]);
  for (let i = 0; i < src.length; i++) src[i] = Math.floor(random() * 256);
  const full = (fillMode: FillMode): AugmentationSpec => ({
    rotationRange: 15, widthShiftRange: 0.1, heightShiftRange: 0.1,
    horizontalFlip: true, zoomRange: 0.1, fillMode, cval: 128,
  });
  const cases: [string, AugmentationSpec | undefined][] = [
    ['no augmentation (copy ÷255)', undefined],
    ['horizontalFlip only', { horizontalFlip: true }],
    ...(['nearest', 'constant', 'reflect', 'wrap'] as const).map((m): [string, AugmentationSpec] => [`full spec, fillMode ${m}`, full(m)]),
  ];
  console.log(`augmentBatch: ${BATCH} images of ${SHAPE.join('×')}, mean of ${BATCHES} batches`);
  for (const [name, spec] of cases) {
    console.log(`  ${name.padEnd(30)} ${timeBatches(spec, src, random).toFixed(3)} ms/batch`);
  }
}

main();
