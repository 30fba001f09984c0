// The decoded form of a data set on disk: raw uint8 files plus a small JSON index, in
// <cacheDir>/<key>/. Reading it back is a few large reads, so a second load takes well
// under a second instead of decoding thousands of images again.
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { moveFolderIntoPlace, tempSibling } from '../../node/atomicFiles';
import { CACHE_FORMAT_VERSION } from './cacheKey';
import { imageBytes, type ImageSet } from './datasetTypes';

export const INDEX_FILE = 'index.json';
/** The test pixels' file name; the misclassified-images view reads it by offset. */
export const TEST_IMAGES_FILE = 'test-images.u8';

const indexSchema = z.object({
  version: z.literal(CACHE_FORMAT_VERSION),
  key: z.string(),
  source: z.string(),
  classNames: z.array(z.string()).min(1),
  imageShape: z.tuple([z.number().int().min(1), z.number().int().min(1), z.number().int().min(1)]),
  trainCount: z.number().int().min(0),
  testCount: z.number().int().min(0).nullable(),
  createdAt: z.string(),
});

/** The cache index: what the raw files hold. */
export type CacheIndex = z.infer<typeof indexSchema>;

/** A data set as stored in (or read from) the cache. */
export interface CachedDataset {
  index: CacheIndex;
  train: ImageSet;
  test: ImageSet | null;
}

const files = (split: 'train' | 'test') => ({ images: `${split}-images.u8`, labels: `${split}-labels.u8` });

/** Reads the cached data set in `folder`, or returns null if it is missing, stale or incomplete. */
export async function readDatasetCache(folder: string, key: string): Promise<CachedDataset | null> {
  const text = await readFile(join(folder, INDEX_FILE), 'utf8').catch(() => null);
  if (text === null) return null;
  let index: CacheIndex;
  try {
    const parsed = indexSchema.safeParse(JSON.parse(text));
    if (!parsed.success || parsed.data.key !== key) return null;
    index = parsed.data;
  } catch {
    return null;
  }
  const train = await readSplit(folder, 'train', index.trainCount, index.imageShape);
  const test = index.testCount === null ? null : await readSplit(folder, 'test', index.testCount, index.imageShape);
  if (!train || (index.testCount !== null && !test)) return null;
  return { index, train, test };
}

/** Writes the data set into `folder`, replacing any stale copy, through a temporary folder. */
export async function writeDatasetCache(folder: string, data: CachedDataset): Promise<void> {
  const temp = tempSibling(folder);
  await mkdir(temp, { recursive: true });
  try {
    await writeSplit(temp, 'train', data.train);
    if (data.test) await writeSplit(temp, 'test', data.test);
    await writeFile(join(temp, INDEX_FILE), JSON.stringify(data.index, null, 2));
    // Only called after a cache miss, so whatever is in `folder` is stale or incomplete.
    await rm(folder, { recursive: true, force: true });
    await moveFolderIntoPlace(temp, folder);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

async function readSplit(
  folder: string, split: 'train' | 'test', count: number, shape: [number, number, number],
): Promise<ImageSet | null> {
  const names = files(split);
  const imagesPath = join(folder, names.images);
  const labelsPath = join(folder, names.labels);
  const [imagesInfo, labelsInfo] = await Promise.all([stat(imagesPath).catch(() => null), stat(labelsPath).catch(() => null)]);
  if (imagesInfo?.size !== count * imageBytes(shape) || labelsInfo?.size !== count) return null;
  const [images, labels] = await Promise.all([readFile(imagesPath), readFile(labelsPath)]);
  return { images: asBytes(images), labels: asBytes(labels), count };
}

async function writeSplit(folder: string, split: 'train' | 'test', set: ImageSet): Promise<void> {
  const names = files(split);
  await writeFile(join(folder, names.images), set.images);
  await writeFile(join(folder, names.labels), set.labels);
}

/** A plain Uint8Array view of a Buffer, so callers never depend on Buffer methods. */
function asBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
