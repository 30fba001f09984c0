// The one entry point training uses: a model file's `dataset` spec in, pixels and labels out.
import type { DatasetSpec } from '../../shared/modelSchema';
import { loadCifar10 } from './cifar10';
import { loadCifar10Sample } from './cifar10Sample';
import type { LoadedDataset, LoadOptions } from './datasetTypes';
import { loadImageFolder } from './imageFolder';

/** Loads the data set a model file names, from the cache when possible. */
export async function loadDataset(spec: DatasetSpec, opts: LoadOptions): Promise<LoadedDataset> {
  switch (spec.name) {
    case 'cifar10':
      return loadCifar10(spec.path, opts);
    case 'cifar10-sample':
      return loadCifar10Sample(opts);
    case 'imageFolder':
      return loadImageFolder(spec.path, { imageSize: spec.imageSize, grayscale: spec.grayscale }, opts);
    default: {
      const unknown: never = spec;
      throw new Error(`Unknown data set: ${JSON.stringify(unknown)}`);
    }
  }
}
