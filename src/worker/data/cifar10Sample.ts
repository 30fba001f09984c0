// The `cifar10-sample` data set: 3,000 training and 1,000 test images of real CIFAR-10
// (JPEG), shipped in data/cifar10-sample/ and loaded like any image folder.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedDataset, LoadOptions } from './datasetTypes';
import { loadImageFolder } from './imageFolder';
import { packageRoot } from '../../node/packageRoot';

/** Where the bundled sample lives: data/cifar10-sample under the package root. */
export function cifar10SampleFolder(): string {
  return join(packageRoot(), 'data', 'cifar10-sample');
}

/** Loads the bundled CIFAR-10 sample (32×32 RGB, 10 classes). */
export async function loadCifar10Sample(opts: LoadOptions): Promise<LoadedDataset> {
  const folder = cifar10SampleFolder();
  if (!existsSync(folder)) {
    throw new Error(`The bundled CIFAR-10 sample is missing: ${folder}. Reinstall CNN Lab, or use {"name": "cifar10"} to download the full data set.`);
  }
  return loadImageFolder(folder, { keyPrefix: 'cifar10-sample' }, opts);
}
