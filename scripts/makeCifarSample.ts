// Builds data/cifar10-sample/ (the `cifar10-sample` data set) from the CIFAR-10 JPEG archive:
// a fixed, balanced subset, the first 300 training and 100 test images of every class,
// copied as the original JPEG files. The archive is streamed and filtered, so the other
// 56,000 files are never written to disk.
//
//   npx tsx scripts/makeCifarSample.ts [path/to/cifar10-jpg.tar.gz]
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { extract } from 'tar';
import { packageRoot } from '../src/node/packageRoot';

const DEFAULT_ARCHIVE = '/work/shared/datasets/cifar10-jpg.tar.gz';
const PER_CLASS = { train: 300, test: 100 } as const;
const CLASS_COUNT = 10;
// Entries look like cifar10-jpg/train/airplane/0042.jpg.
const ENTRY = /^[^/]+\/(train|test)\/([^/]+)\/(\d+)\.jpg$/;

/** True for the archive entries the sample keeps. */
function wanted(path: string): boolean {
  const m = ENTRY.exec(path);
  return m !== null && Number(m[3]) < PER_CLASS[m[1] as keyof typeof PER_CLASS];
}

async function main(): Promise<void> {
  const archive = process.argv[2] ?? DEFAULT_ARCHIVE;
  const out = join(packageRoot(__dirname), 'data', 'cifar10-sample');
  const temp = `${out}.tmp-${process.pid}`;
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp, { recursive: true });
  try {
    // strip: 1 drops the archive's top folder; only matching files (and the folders on
    // their way) are written.
    await extract({ file: archive, cwd: temp, strip: 1, filter: (path) => path.endsWith('/') || wanted(path) });
    const { files, bytes } = await check(temp);
    await rm(out, { recursive: true, force: true });
    await rename(temp, out);
    console.log(`Wrote ${files} JPEG files, ${(bytes / 1e6).toFixed(2)} MB, to ${out}`);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** Verifies the balanced layout (so a changed archive cannot silently give a skewed sample). */
async function check(root: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const split of ['train', 'test'] as const) {
    const classes = await readdir(join(root, split));
    if (classes.length !== CLASS_COUNT) throw new Error(`${split}: expected ${CLASS_COUNT} classes, found ${classes.length}`);
    for (const name of classes) {
      const images = await readdir(join(root, split, name));
      if (images.length !== PER_CLASS[split]) {
        throw new Error(`${split}/${name}: expected ${PER_CLASS[split]} images, found ${images.length}`);
      }
      for (const image of images) bytes += (await stat(join(root, split, name, image))).size;
      files += images.length;
    }
  }
  return { files, bytes };
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
