// The `cifar10` data set: the official binary release, from a local copy (`path`: the
// .tar.gz or its unpacked folder) or downloaded once into the cache.
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CIFAR_BATCHES_FOLDER, isBatchesFolder, unpackCifarArchive } from './cifarArchive';
import { CIFAR_IMAGE_SHAPE, CIFAR_TEST_FILE, CIFAR_TRAIN_FILES, readCifarBinaryFolder } from './cifarBinary';
import { downloadCifar10 } from './cifarDownload';
import { cacheKey } from './cacheKey';
import type { LoadedDataset, LoadOptions } from './datasetTypes';

/** The cache key of the downloaded copy (it never changes, so it needs no hash). */
export const DOWNLOADED_CIFAR10_KEY = 'cifar10';

/** Loads CIFAR-10 from `path` (resolved against opts.baseDir) or from the downloaded copy. */
export async function loadCifar10(path: string | undefined, opts: LoadOptions): Promise<LoadedDataset> {
  const cacheDir = resolve(opts.cacheDir);
  const { key, folder } = path === undefined
    ? await downloaded(cacheDir, opts)
    : await local(resolve(opts.baseDir, path), cacheDir, opts);
  const data = await readCifarBinaryFolder(folder, opts.onProgress, opts.signal);
  return {
    key, classNames: data.classNames, imageShape: [...CIFAR_IMAGE_SHAPE],
    train: data.train, test: data.test, cacheDir, fromCache: false,
  };
}

async function downloaded(cacheDir: string, opts: LoadOptions): Promise<{ key: string; folder: string }> {
  const folder = join(cacheDir, DOWNLOADED_CIFAR10_KEY, CIFAR_BATCHES_FOLDER);
  await downloadCifar10(folder, {
    url: opts.downloadUrl, md5: opts.downloadMd5, onProgress: opts.onProgress, signal: opts.signal,
  });
  return { key: DOWNLOADED_CIFAR10_KEY, folder };
}

async function local(abs: string, cacheDir: string, opts: LoadOptions): Promise<{ key: string; folder: string }> {
  const info = await stat(abs).catch(() => null);
  if (!info) {
    throw new Error(`CIFAR-10 dataset.path not found: ${abs}. Expected cifar-10-binary.tar.gz or its unpacked ${CIFAR_BATCHES_FOLDER} folder.`);
  }
  if (info.isDirectory()) {
    const nested = join(abs, CIFAR_BATCHES_FOLDER);
    const folder = (await isBatchesFolder(nested)) ? nested : abs;
    const files = await Promise.all([...CIFAR_TRAIN_FILES, CIFAR_TEST_FILE].map(async (f) => {
      const s = await stat(join(folder, f)).catch(() => null);
      return [f, s?.size ?? null, s?.mtimeMs ?? null];
    }));
    // The key names the folder where the test-image file goes; the data are read in place.
    return { key: cacheKey('cifar10', { folder, files }), folder };
  }
  const key = cacheKey('cifar10', { archive: abs, size: info.size, mtime: info.mtimeMs });
  const folder = join(cacheDir, key, CIFAR_BATCHES_FOLDER);
  if (!(await isBatchesFolder(folder))) await unpackCifarArchive(abs, folder, opts.onProgress, opts.signal);
  return { key, folder };
}
