// "My image folder": a model file for the user's own images, sized from the folder. A small
// CNN of conv/pool blocks, as many as bring the image down to about 8×8, then a Dense head
// with one unit per class, so the file trains as it is and is easy to grow from.
import { compactJson } from './jsonEdits';

/** What the template needs to know about the folder. */
export interface ImageFolderTemplateOptions {
  /** The model's name (the folder's name, usually). */
  name: string;
  /** The image folder, relative to the model file (forward slashes). */
  folderPath: string;
  /** Class names in label order (the train/ subfolders, sorted). */
  classNames: readonly string[];
  /** [height, width] the images are resized to. */
  imageSize: [number, number];
  grayscale: boolean;
}

export const MIN_TEMPLATE_SIDE = 32;
export const MAX_TEMPLATE_SIDE = 128;

/** The model file's text for an image folder. Throws when there are fewer than two classes. */
export function imageFolderTemplate(options: ImageFolderTemplateOptions): string {
  const classes = options.classNames.length;
  if (classes < 2) throw new RangeError(`a classifier needs at least two classes, got ${classes}`);
  const [h, w] = options.imageSize;
  const layers = [...convBlocks(Math.min(h, w)), { type: 'Flatten' },
    { type: 'Dense', units: 128, activation: 'relu' },
    { type: 'Dropout', rate: 0.5 },
    { type: 'Dense', units: classes, activation: 'softmax' }];
  const shown = options.classNames.slice(0, 6).join(', ') + (classes > 6 ? ', …' : '');
  const top: [string, unknown][] = [
    ['name', options.name.trim() || 'image-classifier'],
    ['description', `A small CNN for the ${classes} classes in ${options.folderPath || '.'} (${shown}).`],
    ['dataset', { name: 'imageFolder', path: options.folderPath || '.', imageSize: [h, w], grayscale: options.grayscale }],
    ['layers', layers],
    ['compile', { optimizer: { type: 'adam', learningRate: 0.001 }, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] }],
    ['fit', {
      epochs: 20, batchSize: 32, validationSplit: 0.2, seed: 42,
      // A small folder overfits soon; stop when validation stops improving and keep the best weights.
      callbacks: [{ type: 'EarlyStopping', monitor: 'val_loss', patience: 4, restoreBestWeights: true }],
    }],
    // Small shifts suit almost any photo; flips and rotations depend on the subject, so they are left to the user.
    ['augmentation', { widthShiftRange: 0.1, heightShiftRange: 0.1 }],
  ];
  const lines = top.map(([key, value]) => key === 'layers'
    ? `  "layers": [\n${(value as unknown[]).map((l) => `    ${compactJson(l)}`).join(',\n')}\n  ]`
    : `  ${JSON.stringify(key)}: ${compactJson(value)}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

/** Conv/pool blocks (32, 64, 128, 128 filters) until the shorter side is down to about 8: two to four. */
function convBlocks(shorterSide: number): Record<string, unknown>[] {
  const blocks = Math.max(2, Math.min(4, Math.ceil(Math.log2(shorterSide / 8))));
  return [32, 64, 128, 128].slice(0, blocks).flatMap((filters) => [
    { type: 'Conv2D', filters, kernelSize: 3, padding: 'same', activation: 'relu' },
    { type: 'MaxPooling2D', poolSize: 2 },
  ]);
}

/**
 * [height, width] to train at for images of this size: the aspect ratio kept, the longer side
 * at most 128 and the shorter at least 32 (small enough to train on a CPU), each a multiple of 8.
 */
export function guessImageSize(width: number, height: number): [number, number] {
  if (!(width > 0 && height > 0)) return [MIN_TEMPLATE_SIDE, MIN_TEMPLATE_SIDE];
  let scale = Math.min(1, MAX_TEMPLATE_SIDE / Math.max(width, height));
  if (Math.min(width, height) * scale < MIN_TEMPLATE_SIDE) scale = MIN_TEMPLATE_SIDE / Math.min(width, height);
  const side = (n: number) => Math.min(MAX_TEMPLATE_SIDE, Math.max(MIN_TEMPLATE_SIDE, Math.round((n * scale) / 8) * 8));
  return [side(height), side(width)];
}

/** `<folder name>.cnn.json`, with characters a file name should avoid turned into "-". */
export function modelFileNameFor(folderName: string): string {
  const stem = folderName.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[-.]+|-+$/g, '');
  return `${stem || 'images'}.cnn.json`;
}
