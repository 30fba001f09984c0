// The benchmark's model: examples/cifar10-baseline.cnn.json (the classic Keras CIFAR-10
// CNN, dropout included) built by the same code the training worker uses, and random
// training data shaped like CIFAR-10.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import seedrandom from 'seedrandom';
import { parseModelFile } from '../../src/shared/parseModelFile';
import { resolveModel, type ResolvedModel } from '../../src/shared/modelDefaults';
import { buildCompiledModel } from '../../src/worker/buildModel';
import type { ImageSet } from '../../src/worker/data/datasetTypes';

export const MODEL_FILE = path.join(__dirname, '../../examples/cifar10-baseline.cnn.json');
export const BATCH = 64;
export const IMAGE_SHAPE: [number, number, number] = [32, 32, 3];
export const CLASSES = 10;

/** The baseline model file, resolved as the worker resolves it. */
export function baselineModel(): ResolvedModel {
  const parsed = parseModelFile(readFileSync(MODEL_FILE, 'utf8'));
  if (!parsed.model) throw new Error(`${MODEL_FILE} does not parse`);
  return resolveModel(parsed.model, 'cifar10-baseline');
}

/** The compiled baseline model (adam, sparse categorical cross-entropy, accuracy). */
export function buildBaseline(tf: typeof tfjs): tfjs.Sequential {
  return buildCompiledModel(tf, baselineModel());
}

/** `count` random CIFAR-10-shaped examples (uint8 pixels, labels 0–9), reproducible. */
export function randomImages(count: number, seed = 'throughput'): ImageSet {
  const rng = seedrandom(seed);
  const size = IMAGE_SHAPE[0] * IMAGE_SHAPE[1] * IMAGE_SHAPE[2];
  const images = new Uint8Array(count * size);
  for (let i = 0; i < images.length; i++) images[i] = Math.floor(rng() * 256);
  const labels = Uint8Array.from({ length: count }, () => Math.floor(rng() * CLASSES));
  return { images, labels, count };
}
