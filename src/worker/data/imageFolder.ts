// The `imageFolder` data set (and the bundled sample, which is one): images decoded and
// resized with sharp once, then kept as raw bytes in the cache. The cache key covers the
// folder's file list with sizes and mtimes, so adding or editing an image re-decodes.
import { join, relative, resolve, sep } from 'node:path';
import { CACHE_FORMAT_VERSION, cacheKey } from './cacheKey';
import { readDatasetCache, writeDatasetCache, type CachedDataset } from './datasetCache';
import { imageBytes, type DatasetProgress, type ImageSet, type LoadedDataset, type LoadOptions } from './datasetTypes';
import { interleavedOrder } from './exampleOrder';
import { decodeImagesInto } from './imageDecode';
import { scanImageFolder, type ImageFile } from './imageFolderScan';

export const DEFAULT_IMAGE_SIZE: [number, number] = [32, 32];
/** Fixed so the stored order, and so any validation split taken from it, is reproducible. */
const ORDER_SEED = 'cnn-lab-image-folder';

/** How the images are decoded, and how the cache key is named. */
export interface ImageFolderOptions {
  /** [height, width]; default [32, 32]. */
  imageSize?: [number, number];
  grayscale?: boolean;
  /** Readable start of the cache folder's name (the rest is a hash). */
  keyPrefix?: string;
}

/** Loads `root` (absolute, or relative to opts.baseDir) from the cache, decoding it first if needed. */
export async function loadImageFolder(
  root: string, options: ImageFolderOptions, opts: LoadOptions,
): Promise<LoadedDataset> {
  const abs = resolve(opts.baseDir, root);
  const cacheDir = resolve(opts.cacheDir);
  const [h, w] = options.imageSize ?? DEFAULT_IMAGE_SIZE;
  const imageShape: [number, number, number] = [h, w, options.grayscale ? 1 : 3];
  const listing = await scanImageFolder(abs);
  const describe = (f: ImageFile) => [relative(abs, f.path).split(sep).join('/'), f.size, f.mtimeMs];
  const key = cacheKey(options.keyPrefix ?? 'imagefolder', {
    root: abs, imageShape, train: listing.train.map(describe), test: listing.test?.map(describe) ?? null,
  });
  const folder = join(cacheDir, key);
  const done = (data: CachedDataset, fromCache: boolean): LoadedDataset => ({
    key, classNames: data.index.classNames, imageShape, train: data.train, test: data.test, cacheDir, fromCache,
  });

  const cached = await readDatasetCache(folder, key);
  if (cached) {
    const count = cached.train.count + (cached.test?.count ?? 0);
    opts.onProgress?.({ phase: 'cache', done: count, total: count, message: `Read ${count} images from the cache` });
    return done(cached, true);
  }

  const order = interleavedOrder(listing.train.map((f) => f.label), ORDER_SEED);
  const trainFiles = order.map((i) => listing.train[i]);
  const progress = decodeProgress(trainFiles.length + (listing.test?.length ?? 0), opts.onProgress);
  const train = await decodeSet(trainFiles, imageShape, progress, opts.signal);
  const test = listing.test ? await decodeSet(listing.test, imageShape, progress, opts.signal) : null;
  const data: CachedDataset = {
    index: {
      version: CACHE_FORMAT_VERSION, key, source: abs, classNames: listing.classNames, imageShape,
      trainCount: train.count, testCount: test?.count ?? null, createdAt: new Date().toISOString(),
    },
    train, test,
  };
  opts.onProgress?.({ phase: 'cache', done: 0, total: null, message: `Writing the decoded images to ${folder}` });
  await writeDatasetCache(folder, data);
  return done(data, false);
}

async function decodeSet(
  files: ImageFile[], shape: [number, number, number], onDecoded: () => void, signal?: AbortSignal,
): Promise<ImageSet> {
  const images = new Uint8Array(files.length * imageBytes(shape));
  await decodeImagesInto(files.map((f) => f.path), shape, images, onDecoded, signal);
  return { images, labels: Uint8Array.from(files, (f) => f.label), count: files.length };
}

/** Counts decoded images and reports about every 1% (and the last one). */
function decodeProgress(total: number, onProgress?: (p: DatasetProgress) => void): () => void {
  const step = Math.max(1, Math.floor(total / 100));
  let done = 0;
  onProgress?.({ phase: 'decode', done, total, message: `Decoding ${total} images` });
  return () => {
    done++;
    if (done % step === 0 || done === total) {
      onProgress?.({ phase: 'decode', done, total, message: `Decoding images (${done} of ${total})` });
    }
  };
}
