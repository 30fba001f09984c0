// Lists an image folder laid out as Keras's image_dataset_from_directory expects:
// train/<class>/*.png|jpg|jpeg and optionally test/<class>/…. The listing (with sizes and
// mtimes) is also what the cache key is made from, so it is taken on every load.
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);
const MAX_CLASSES = 256; // labels are stored as one byte

/** One image file and the class it belongs to. */
export interface ImageFile {
  path: string;
  label: number;
  size: number;
  mtimeMs: number;
}

/** What an image folder holds: classes from train/'s subfolders, files in a stable order. */
export interface ImageFolderListing {
  root: string;
  classNames: string[];
  train: ImageFile[];
  test: ImageFile[] | null;
}

/** Lists `root`'s train/ and test/ images; throws a message naming the path when the layout is wrong. */
export async function scanImageFolder(root: string): Promise<ImageFolderListing> {
  const rootInfo = await stat(root).catch(() => null);
  if (!rootInfo?.isDirectory()) {
    throw new Error(`Image folder not found: ${root}. Expected a folder with train/<class>/*.png|jpg|jpeg (and optionally test/<class>/…).`);
  }
  const trainDir = join(root, 'train');
  const classNames = await subfolders(trainDir);
  if (classNames === null) {
    throw new Error(`Image folder ${root} has no train/ subfolder. Expected train/<class>/*.png|jpg|jpeg.`);
  }
  if (classNames.length < 2) {
    throw new Error(`${trainDir} must hold one subfolder per class, at least two; found ${classNames.length === 0 ? 'none' : `only "${classNames[0]}"`}.`);
  }
  if (classNames.length > MAX_CLASSES) {
    throw new Error(`${trainDir} has ${classNames.length} class folders; at most ${MAX_CLASSES} are supported.`);
  }
  const train = await listSplit(trainDir, classNames, classNames);
  const testDir = join(root, 'test');
  const testClasses = await subfolders(testDir);
  let test: ImageFile[] | null = null;
  if (testClasses !== null && testClasses.length > 0) {
    const unknown = testClasses.filter((c) => !classNames.includes(c));
    if (unknown.length > 0) {
      throw new Error(`${testDir} has class folders that train/ lacks: ${unknown.join(', ')}. Test classes must be training classes.`);
    }
    test = await listSplit(testDir, testClasses, classNames);
  }
  return { root, classNames, train, test };
}

/** Sorted names of the visible subfolders of `dir`, or null if `dir` does not exist. */
async function subfolders(dir: string): Promise<string[] | null> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => null);
  if (!entries) return null;
  return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
}

async function listSplit(dir: string, classes: string[], allClasses: string[]): Promise<ImageFile[]> {
  const files: ImageFile[] = [];
  for (const name of classes) {
    const classDir = join(dir, name);
    const images = (await readdir(classDir, { withFileTypes: true }))
      .filter((e) => e.isFile() && IMAGE_EXTENSIONS.has(extname(e.name).toLowerCase()))
      .map((e) => e.name)
      .sort();
    if (images.length === 0) throw new Error(`Class folder ${classDir} has no .png, .jpg or .jpeg images.`);
    const label = allClasses.indexOf(name);
    // Stats run in parallel (libuv queues them): a second load of 60,000 images waits on these.
    files.push(...await Promise.all(images.map(async (image) => {
      const path = join(classDir, image);
      const info = await stat(path);
      return { path, label, size: info.size, mtimeMs: info.mtimeMs };
    })));
  }
  return files;
}
