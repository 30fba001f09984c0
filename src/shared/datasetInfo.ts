// What the model file's `dataset` block fixes before any data is read: the input shape
// and, for the built-in data sets, the classes. The worker learns the rest when it loads.
import type { DatasetSpec } from './modelSchema';

/** CIFAR-10's classes in label order, as the official release names them. */
export const CIFAR10_CLASSES = [
  'airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck',
] as const;

/** [height, width, channels] of the images the data set yields. */
export function datasetInputShape(spec: DatasetSpec): [number, number, number] {
  switch (spec.name) {
    case 'cifar10':
    case 'cifar10-sample':
      return [32, 32, 3];
    case 'imageFolder': {
      const [h, w] = spec.imageSize ?? [32, 32];
      return [h, w, spec.grayscale ? 1 : 3];
    }
    default: {
      const unreachable: never = spec;
      throw new Error(`unknown data set ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Number of classes when the data set fixes it, else null (an image folder's classes are its subfolders). */
export function datasetClassCount(spec: DatasetSpec): number | null {
  return spec.name === 'imageFolder' ? null : CIFAR10_CLASSES.length;
}
