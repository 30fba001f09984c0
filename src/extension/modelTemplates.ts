// The starting points "New Model from Template" offers: model files that ship in examples/.
// Copying one into a workspace must keep it valid there, which is what this file decides.
import { applyEdits, modify, parse } from 'jsonc-parser';

/** A template the quick pick offers. */
export interface ModelTemplate {
  label: string;
  description: string;
  /** File name in the extension's examples/ folder; also the name the copy starts from. */
  file: string;
}

export const MODEL_TEMPLATES: readonly ModelTemplate[] = [
  { label: 'Quick start', description: 'A small CNN on the bundled CIFAR-10 sample; trains in about a minute', file: 'quickstart.cnn.json' },
  { label: 'CIFAR-10 baseline', description: 'The classic Keras CIFAR-10 CNN on the full data set', file: 'cifar10-baseline.cnn.json' },
  { label: 'CIFAR-10 augmented', description: 'The baseline with Keras ImageDataGenerator augmentation: rotation 15°, shifts 0.1, horizontal flip', file: 'cifar10-augmented.cnn.json' },
  { label: 'CIFAR-10 deeper', description: 'The augmented model with a third conv block (128 filters)', file: 'cifar10-deeper.cnn.json' },
  { label: 'CIFAR-10 fast', description: 'Batch normalisation, early pooling, a cosine schedule: the most accuracy per minute on a CPU', file: 'cifar10-fast.cnn.json' },
];

/** The last entry of the quick pick: a model sized for a folder of the user's own images. */
export const IMAGE_FOLDER_TEMPLATE_LABEL = 'My image folder…';

/** `name` if free, else `name-2`, `name-3`… before the `.cnn.json` ending. */
export function uniqueFileName(fileName: string, taken: (name: string) => boolean): string {
  if (!taken(fileName)) return fileName;
  const match = /^(.*?)(\.cnn\.json)$/i.exec(fileName);
  const [stem, ending] = match ? [match[1], match[2]] : [fileName, ''];
  for (let i = 2; ; i++) {
    const candidate = `${stem}-${i}${ending}`;
    if (!taken(candidate)) return candidate;
  }
}

/**
 * The template's text as it should read in the user's workspace. A relative `$schema`
 * points into the extension's folder and would dangle in the copy (the extension's
 * jsonValidation validates `*.cnn.json` anyway), so it is removed; formatting is kept.
 */
export function textForWorkspace(templateText: string): string {
  const value = parse(templateText) as unknown;
  const schema = value !== null && typeof value === 'object' ? (value as Record<string, unknown>).$schema : undefined;
  if (typeof schema !== 'string' || /^[a-z][a-z0-9+.-]*:/i.test(schema)) return templateText;
  return applyEdits(templateText, modify(templateText, ['$schema'], undefined, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
}
