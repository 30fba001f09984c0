// A tiny image-folder data set that a small CNN can separate perfectly: each class is
// a stripe orientation with random phase, colour and noise, so the network must learn
// spatial filters (a colour or brightness shortcut does not work).
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';

export const SYNTHETIC_CLASSES = ['horizontal', 'vertical', 'checker'] as const;

/** Writes train/ and test/ folders of PNGs and returns the root folder. */
export async function writeSyntheticDataset(options: { perClassTrain: number; perClassTest: number; size?: number; seed?: number }): Promise<string> {
  const size = options.size ?? 16;
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'cnn-lab-synthetic-'));
  let state = options.seed ?? 1;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  for (const [split, count] of [['train', options.perClassTrain], ['test', options.perClassTest]] as const) {
    for (const [label, name] of SYNTHETIC_CLASSES.entries()) {
      const dir = path.join(root, split, name);
      await fs.mkdir(dir, { recursive: true });
      for (let n = 0; n < count; n++) {
        const pixels = Buffer.alloc(size * size * 3);
        const phase = Math.floor(random() * 4);
        const period = 2 + Math.floor(random() * 2);
        const tint = [random(), random(), random()].map((t) => 0.5 + 0.5 * t);
        for (let y = 0; y < size; y++) {
          for (let x = 0; x < size; x++) {
            const on = label === 0 ? Math.floor((y + phase) / period) % 2
              : label === 1 ? Math.floor((x + phase) / period) % 2
                : (Math.floor((x + phase) / period) + Math.floor((y + phase) / period)) % 2;
            for (let c = 0; c < 3; c++) {
              const v = (on ? 200 : 55) * tint[c] + (random() - 0.5) * 40;
              pixels[(y * size + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(v)));
            }
          }
        }
        await sharp(pixels, { raw: { width: size, height: size, channels: 3 } }).png().toFile(path.join(dir, `${String(n).padStart(4, '0')}.png`));
      }
    }
  }
  return root;
}

/** A model file for the synthetic data set (written beside it), with fit settings overridable. */
export async function writeSyntheticModel(datasetRoot: string, fit: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<string> {
  const file = path.join(datasetRoot, 'stripes.cnn.json');
  const model = {
    name: 'stripes',
    dataset: { name: 'imageFolder', path: '.', imageSize: [16, 16] },
    layers: [
      { type: 'Conv2D', filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' },
      { type: 'MaxPooling2D', poolSize: 2 },
      { type: 'Conv2D', filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' },
      { type: 'GlobalAveragePooling2D' },
      { type: 'Dense', units: 3, activation: 'softmax' },
    ],
    compile: { optimizer: { type: 'adam', learningRate: 0.01 }, loss: 'sparseCategoricalCrossentropy' },
    fit: { batchSize: 16, seed: 7, ...fit },
    ...extra,
  };
  await fs.writeFile(file, JSON.stringify(model, null, 2));
  return file;
}
