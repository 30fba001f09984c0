// Reader for the official CIFAR-10 binary release (cifar-10-batches-bin/). Each record is
// 3,073 bytes: a label byte, then the 32×32 red plane, green plane and blue plane (CHW).
// Training wants HWC, so the planes are interleaved while copying.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetProgress, ImageSet } from './datasetTypes';

export const CIFAR10_CLASS_NAMES = [
  'airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck',
];
export const CIFAR_IMAGE_SHAPE: [number, number, number] = [32, 32, 3];
export const CIFAR_TRAIN_FILES = [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`);
export const CIFAR_TEST_FILE = 'test_batch.bin';
export const CIFAR_META_FILE = 'batches.meta.txt';

const PLANE = 32 * 32;
export const CIFAR_RECORD_BYTES = 1 + 3 * PLANE;
const OFFICIAL_RECORDS_PER_FILE = 10_000;

/** The contents of a cifar-10-batches-bin folder, converted to HWC. */
export interface CifarBinaryData {
  classNames: string[];
  train: ImageSet;
  test: ImageSet;
}

/** Reads the five training batches, the test batch and the class names from `folder`. */
export async function readCifarBinaryFolder(
  folder: string,
  onProgress?: (p: DatasetProgress) => void,
  signal?: AbortSignal,
): Promise<CifarBinaryData> {
  const classNames = await readClassNames(folder);
  // Check every file before reading any, so a missing test batch is reported at once
  // rather than after 150 MB of training data; the sizes also let the sets be allocated once.
  const trainRecords = await Promise.all(CIFAR_TRAIN_FILES.map((f) => countRecords(folder, f)));
  const testRecords = await countRecords(folder, CIFAR_TEST_FILE);
  const train = emptyImageSet(trainRecords.reduce((a, b) => a + b, 0));
  const test = emptyImageSet(testRecords);
  const files = [...CIFAR_TRAIN_FILES, CIFAR_TEST_FILE];
  let trainOffset = 0;
  for (const [i, name] of files.entries()) {
    signal?.throwIfAborted();
    onProgress?.({ phase: 'decode', done: i, total: files.length, message: `Reading ${name}` });
    const bytes = await readFile(join(folder, name));
    if (name === CIFAR_TEST_FILE) {
      decodeCifarRecordsInto(bytes, join(folder, name), classNames.length, test, 0);
    } else {
      trainOffset += decodeCifarRecordsInto(bytes, join(folder, name), classNames.length, train, trainOffset);
    }
  }
  onProgress?.({ phase: 'decode', done: files.length, total: files.length, message: 'CIFAR-10 read' });
  return { classNames, train, test };
}

/** Converts a buffer of 3,073-byte records into an HWC ImageSet; `fileName` is only for errors. */
export function decodeCifarRecords(bytes: Uint8Array, fileName: string, classCount = 10): ImageSet {
  if (bytes.length === 0 || bytes.length % CIFAR_RECORD_BYTES !== 0) {
    throw new Error(sizeError(fileName, bytes.length));
  }
  const set = emptyImageSet(bytes.length / CIFAR_RECORD_BYTES);
  decodeCifarRecordsInto(bytes, fileName, classCount, set, 0);
  return set;
}

/** Decodes whole records into `target` from example `first` on; returns how many were written. */
function decodeCifarRecordsInto(
  bytes: Uint8Array, fileName: string, classCount: number, target: ImageSet, first: number,
): number {
  const count = Math.floor(bytes.length / CIFAR_RECORD_BYTES);
  if (count * CIFAR_RECORD_BYTES !== bytes.length || first + count > target.count) {
    // The file changed between the size check and the read.
    throw new Error(sizeError(fileName, bytes.length));
  }
  const { images, labels } = target;
  for (let n = 0; n < count; n++) {
    const rec = n * CIFAR_RECORD_BYTES;
    const label = bytes[rec];
    if (label >= classCount) {
      throw new Error(`${fileName}: record ${n} has label ${label}, but there are only ${classCount} classes; the file is not CIFAR-10 binary data.`);
    }
    labels[first + n] = label;
    const out = (first + n) * 3 * PLANE;
    for (let p = 0; p < PLANE; p++) {
      images[out + 3 * p] = bytes[rec + 1 + p];
      images[out + 3 * p + 1] = bytes[rec + 1 + PLANE + p];
      images[out + 3 * p + 2] = bytes[rec + 1 + 2 * PLANE + p];
    }
  }
  return count;
}

function emptyImageSet(count: number): ImageSet {
  return { images: new Uint8Array(count * 3 * PLANE), labels: new Uint8Array(count), count };
}

async function countRecords(folder: string, name: string): Promise<number> {
  const path = join(folder, name);
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) {
    throw new Error(`CIFAR-10 file missing: ${path}. A cifar-10-batches-bin folder must hold ${[...CIFAR_TRAIN_FILES, CIFAR_TEST_FILE].join(', ')}.`);
  }
  if (info.size === 0 || info.size % CIFAR_RECORD_BYTES !== 0) throw new Error(sizeError(path, info.size));
  return info.size / CIFAR_RECORD_BYTES;
}

function sizeError(file: string, size: number): string {
  return `${file} is ${size.toLocaleString('en-US')} bytes, not a whole number of ${CIFAR_RECORD_BYTES.toLocaleString('en-US')}-byte records `
    + `(the official file is ${(OFFICIAL_RECORDS_PER_FILE * CIFAR_RECORD_BYTES).toLocaleString('en-US')} bytes): it is truncated or not CIFAR-10 binary data.`;
}

async function readClassNames(folder: string): Promise<string[]> {
  const text = await readFile(join(folder, CIFAR_META_FILE), 'utf8').catch(() => null);
  const names = text?.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0) ?? [];
  return names.length >= 2 ? names : [...CIFAR10_CLASS_NAMES];
}
