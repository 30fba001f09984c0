// Unpacks cifar-10-binary.tar.gz (the official archive, downloaded or given by path) into
// the cache. It is unpacked into a temporary folder and renamed into place only once it is
// complete and holds the expected files, so a later load never reads a partial copy.
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract } from 'tar';
import { CIFAR_TEST_FILE, CIFAR_TRAIN_FILES } from './cifarBinary';
import { moveFolderIntoPlace, tempSibling } from '../../node/atomicFiles';
import type { DatasetProgress } from './datasetTypes';

/** The folder name inside the official archive. */
export const CIFAR_BATCHES_FOLDER = 'cifar-10-batches-bin';

/** Unpacks `archive` so that `dest` becomes a cifar-10-batches-bin folder; returns `dest`. */
export async function unpackCifarArchive(
  archive: string,
  dest: string,
  onProgress?: (p: DatasetProgress) => void,
  signal?: AbortSignal,
): Promise<string> {
  const total = (await stat(archive)).size;
  const temp = tempSibling(dest);
  await mkdir(temp, { recursive: true });
  try {
    let done = 0;
    let lastReport = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, callback) {
        done += chunk.length;
        if (done - lastReport >= 4 << 20 || done === total) {
          lastReport = done;
          onProgress?.({ phase: 'unpack', done, total, message: 'Unpacking CIFAR-10' });
        }
        callback(null, chunk);
      },
    });
    onProgress?.({ phase: 'unpack', done: 0, total, message: 'Unpacking CIFAR-10' });
    await pipeline(createReadStream(archive), counter, extract({ cwd: temp }), { signal })
      .catch((err: Error) => {
        if (signal?.aborted) throw err;
        throw new Error(`Could not unpack ${archive}: ${err.message}. Is it cifar-10-binary.tar.gz?`);
      });
    const batches = await findBatchesFolder(temp);
    if (!batches) {
      throw new Error(`${archive} does not contain ${CIFAR_BATCHES_FOLDER}/data_batch_1.bin … ${CIFAR_TEST_FILE}; expected the binary version of CIFAR-10 (cifar-10-binary.tar.gz).`);
    }
    await moveFolderIntoPlace(batches, dest);
    return dest;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** Finds the folder holding the batch files: the archive's top folder, or its root. */
async function findBatchesFolder(root: string): Promise<string | null> {
  const candidates = [join(root, CIFAR_BATCHES_FOLDER), root];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (entry.isDirectory()) candidates.push(join(root, entry.name));
  }
  for (const folder of candidates) {
    if (await isBatchesFolder(folder)) return folder;
  }
  return null;
}

/** True when `folder` holds every CIFAR-10 batch file. */
export async function isBatchesFolder(folder: string): Promise<boolean> {
  const names = new Set(await readdir(folder).catch(() => [] as string[]));
  return [...CIFAR_TRAIN_FILES, CIFAR_TEST_FILE].every((n) => names.has(n));
}
