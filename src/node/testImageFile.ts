// A run's test images by index: where their raw pixels are and what each one is (from
// evaluation.json), and the bytes of chosen examples. The extension reads single images
// for display; the worker reads the ones whose feature maps it computes.
import { open, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { evaluationEvent } from '../shared/trainingEvents';
import { runFile } from './runFolder';

export type ImageShape = [height: number, width: number, channels: number];

/** A run's test set as its evaluation recorded it. */
export interface TestImageSet {
  /** Absolute path of the raw uint8 HWC pixel file, example i at byte i×h×w×c. */
  file: string;
  shape: ImageShape;
  classNames: string[];
  /** True class of each test example; its length is the number of test images. */
  labels: number[];
  /** The class the trained model predicted for each example. */
  predicted: number[];
}

/** Reads a run's evaluation.json; fails with a clear message when the run has not been evaluated. */
export async function readTestImageSet(runDir: string): Promise<TestImageSet> {
  const file = runFile(runDir, 'evaluation');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`The run ${path.basename(runDir)} has no evaluation.json: its test images are known only once training has finished and evaluated them`);
    }
    throw e;
  }
  const parsed = evaluationEvent.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is not a CNN Lab evaluation: ${parsed.error.issues[0]?.message}`);
  const { testImages, classNames, labels, predicted } = parsed.data;
  return { file: path.resolve(runDir, testImages.file), shape: testImages.shape, classNames, labels, predicted };
}

/** The bytes of the examples `indices` (in that order), after checking the file holds each of them. */
export async function readTestImages(file: string, shape: ImageShape, indices: readonly number[]): Promise<Uint8Array> {
  const size = shape[0] * shape[1] * shape[2];
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist (was the data-set cache cleared?)' : (e as Error).message;
    throw new Error(`Cannot read the test images ${file}: ${reason}`);
  }
  try {
    const { size: bytes } = await handle.stat();
    if (bytes % size !== 0) throw new Error(`${file} holds ${bytes} bytes, not a whole number of ${shape.join('×')} images`);
    const count = bytes / size;
    const out = new Uint8Array(indices.length * size);
    for (const [i, index] of indices.entries()) {
      if (!Number.isInteger(index) || index < 0 || index >= count) {
        throw new Error(`Test image #${index} does not exist: the test set has ${count} images (#0–#${count - 1})`);
      }
      await handle.read(out, i * size, size, index * size);
    }
    return out;
  } finally {
    await handle.close();
  }
}

/** One test image and what the run knows of it, pixels as base64 (the shape of webviewProtocol's InspectedImage). */
export interface TestImage {
  testIndex: number;
  label: number;
  predicted: number;
  pixels: string;
  imageShape: ImageShape;
}

/** Reads one test image of a run with its true and predicted class. */
export async function readTestImage(runDir: string, testIndex: number): Promise<TestImage> {
  const set = await readTestImageSet(runDir);
  if (!Number.isInteger(testIndex) || testIndex < 0 || testIndex >= set.labels.length) {
    throw new Error(`Test image #${testIndex} does not exist: the run's test set has ${set.labels.length} images`);
  }
  const bytes = await readTestImages(set.file, set.shape, [testIndex]);
  return { testIndex, label: set.labels[testIndex], predicted: set.predicted[testIndex], pixels: Buffer.from(bytes).toString('base64'), imageShape: set.shape };
}
