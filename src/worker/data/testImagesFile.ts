// The extension shows any test image by index (e.g. misclassified examples) without
// asking the worker: it reads the bytes straight from a raw file in the cache.
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../node/atomicFiles';
import { TEST_IMAGES_FILE } from './datasetCache';
import { imageBytes, type LoadedDataset } from './datasetTypes';

/** Path of the raw test-pixel file: `<cacheDir>/<key>/test-images.u8`, example i at byte i×h×w×c. */
export function testImagesPath(ds: Pick<LoadedDataset, 'cacheDir' | 'key'>): string {
  return join(ds.cacheDir, ds.key, TEST_IMAGES_FILE);
}

/** Makes sure the test pixels exist as a raw uint8 file (writing it if needed) and returns its path. */
export async function writeTestImagesFile(ds: LoadedDataset): Promise<string> {
  if (!ds.test) throw new Error(`Data set ${ds.key} has no test set, so there are no test images to write.`);
  const path = testImagesPath(ds);
  const expected = ds.test.count * imageBytes(ds.imageShape);
  const existing = await stat(path).catch(() => null);
  // The key changes with the data, so a file of the right size under it holds these pixels.
  if (existing?.size === expected) return path;
  await mkdir(join(ds.cacheDir, ds.key), { recursive: true });
  await writeFileAtomic(path, ds.test.images.subarray(0, expected));
  return path;
}
