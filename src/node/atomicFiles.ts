// Cache files are written under a temporary name and renamed into place, so a crash or a
// second process loading the same data set never sees a half-written file or folder.
import { randomBytes } from 'node:crypto';
import { rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A unique sibling name for `target`, hidden (leading dot) and marked as temporary. */
export function tempSibling(target: string): string {
  return join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Writes `data` to `path` through a temporary file and a rename. */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const temp = tempSibling(path);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/**
 * Renames the finished folder `from` to `to`. If another process got there first, its copy
 * is kept and ours discarded: both were built from the same source.
 */
export async function moveFolderIntoPlace(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTEMPTY') throw err;
    await rm(from, { recursive: true, force: true });
  }
}

/** Removes `folder` if it is empty (used to leave no trace after a failed download). */
export async function removeIfEmpty(folder: string): Promise<void> {
  await rmdir(folder).catch(() => undefined);
}
