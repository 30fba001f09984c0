// Downloads the official CIFAR-10 binary release once into the cache. The archive is
// streamed to a temporary file while its MD5 is computed, checked against the published
// sum, unpacked and renamed into place; on any failure nothing is left in the cache.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { isBatchesFolder, unpackCifarArchive } from './cifarArchive';
import { removeIfEmpty, tempSibling } from '../../node/atomicFiles';
import type { DatasetProgress } from './datasetTypes';

export const CIFAR10_URL = 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz';
/** Published on https://www.cs.toronto.edu/~kriz/cifar.html. */
export const CIFAR10_MD5 = 'c32a1d4ab5d03f1284b67883e8d87530';
const PROGRESS_EVERY_BYTES = 1 << 20;

/** Where the archive comes from and who hears about progress. */
export interface DownloadOptions {
  url?: string;
  /** Expected MD5 (hex); only tests change it. */
  md5?: string;
  onProgress?: (p: DatasetProgress) => void;
  signal?: AbortSignal;
}

/** Makes `dest` a cifar-10-batches-bin folder, downloading the archive unless it is there already. */
export async function downloadCifar10(dest: string, opts: DownloadOptions = {}): Promise<string> {
  if (await isBatchesFolder(dest)) return dest;
  const url = opts.url ?? CIFAR10_URL;
  const parent = dirname(dest);
  await mkdir(parent, { recursive: true });
  const archive = tempSibling(join(parent, 'cifar-10-binary.tar.gz'));
  try {
    await downloadTo(url, archive, opts.md5 ?? CIFAR10_MD5, opts);
    return await unpackCifarArchive(archive, dest, opts.onProgress, opts.signal);
  } catch (err) {
    await rm(archive, { force: true });
    await removeIfEmpty(parent);
    if (opts.signal?.aborted) throw err;
    throw new Error(
      `Could not download CIFAR-10 from ${url}: ${reason(err)}. Check the internet connection and try again, `
      + 'or download cifar-10-binary.tar.gz by hand (https://www.cs.toronto.edu/~kriz/cifar.html) and set '
      + '"dataset": {"name": "cifar10", "path": "<that file or its unpacked cifar-10-batches-bin folder>"} in the model file.',
      { cause: err },
    );
  } finally {
    await rm(archive, { force: true });
  }
}

/** Streams `url` to `file`, reporting progress, and checks the length and the MD5. */
async function downloadTo(url: string, file: string, expectedMd5: string, opts: DownloadOptions): Promise<void> {
  const response = await fetch(url, { redirect: 'follow', signal: opts.signal });
  if (!response.ok || !response.body) {
    throw new Error(`the server answered HTTP ${response.status} ${response.statusText}`.trim());
  }
  const header = response.headers.get('content-length');
  const total = header !== null && /^\d+$/.test(header) ? Number(header) : null;
  const md5 = createHash('md5');
  let done = 0;
  let lastReport = 0;
  const report = () => opts.onProgress?.({
    phase: 'download', done, total,
    message: `Downloading CIFAR-10 (${(done / 1e6).toFixed(1)}${total ? ` of ${(total / 1e6).toFixed(1)}` : ''} MB)`,
  });
  report();
  const meter = new Transform({
    transform(chunk: Buffer, _enc, callback) {
      md5.update(chunk);
      done += chunk.length;
      if (done - lastReport >= PROGRESS_EVERY_BYTES) {
        lastReport = done;
        report();
      }
      callback(null, chunk);
    },
  });
  const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  try {
    await pipeline(body, meter, createWriteStream(file), { signal: opts.signal });
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    const of = total === null ? '' : ` of ${total}`;
    throw new Error(`the connection broke off after ${done}${of} bytes (${reason(err)})`, { cause: err });
  }
  report();
  if (total !== null && done !== total) {
    throw new Error(`the download is truncated: ${done} of ${total} bytes arrived`);
  }
  const actual = md5.digest('hex');
  if (actual !== expectedMd5.toLowerCase()) {
    throw new Error(`the file's MD5 is ${actual}, but the published MD5 is ${expectedMd5} (the download is corrupt or incomplete)`);
  }
}

function reason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // fetch reports network failures as "fetch failed" with the real cause inside.
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err.message}${cause}`;
}
