// Node only: what a "My image folder" model needs to know about the folder, read from disk.
// Classes are the train/ subfolders (or the folder's own subfolders when it has no train/),
// sorted as the worker sorts them; the image size is guessed from the first image.
import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { guessImageSize } from '../../shared/editor/imageFolderTemplate';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);

/** The folder as the template sees it. */
export interface ImageFolderScan {
  classNames: string[];
  /** [height, width] to train at, guessed from the first image ([32, 32] when none can be read). */
  imageSize: [number, number];
  /** True when the first image has one colour channel (grey, or grey and alpha). */
  grayscale: boolean;
  /** False when the classes are the folder's own subfolders: training expects them under train/. */
  hasTrainFolder: boolean;
  /** The image the size was read from, if any. */
  sampleImage: string | null;
}

/** Lists the classes of `folder` and reads the size of its first image. */
export async function scanImageFolderForTemplate(folder: string): Promise<ImageFolderScan> {
  const inTrain = await subfolders(join(folder, 'train'));
  const hasTrainFolder = inTrain !== null;
  const classRoot = hasTrainFolder ? join(folder, 'train') : folder;
  const classNames = inTrain ?? await subfolders(folder) ?? [];
  const sampleImage = await firstImage(classRoot, classNames);
  const metadata = sampleImage ? await imageMetadata(sampleImage) : null;
  return {
    classNames,
    imageSize: metadata ? guessImageSize(metadata.width, metadata.height) : [32, 32],
    grayscale: metadata ? metadata.channels <= 2 : false,
    hasTrainFolder,
    sampleImage,
  };
}

/** Sorted names of the visible subfolders of `dir`, or null if it cannot be read. */
async function subfolders(dir: string): Promise<string[] | null> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => null);
  if (!entries) return null;
  return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
}

async function firstImage(classRoot: string, classNames: readonly string[]): Promise<string | null> {
  for (const name of classNames) {
    const entries = await readdir(join(classRoot, name), { withFileTypes: true }).catch(() => []);
    const image = entries.filter((e) => e.isFile() && IMAGE_EXTENSIONS.has(extname(e.name).toLowerCase())).map((e) => e.name).sort()[0];
    if (image) return join(classRoot, name, image);
  }
  return null;
}

/** Width and height as displayed (EXIF-rotated) and the channel count; null for an unreadable file. */
async function imageMetadata(file: string): Promise<{ width: number; height: number; channels: number } | null> {
  // Loaded on first use: sharp is a native module the editor features need only here.
  const { default: sharp } = await import('sharp');
  const m = await sharp(file).metadata().catch(() => null);
  if (!m?.width || !m.height) return null;
  const rotated = (m.orientation ?? 1) >= 5;
  return { width: rotated ? m.height : m.width, height: rotated ? m.width : m.height, channels: m.channels ?? 3 };
}
