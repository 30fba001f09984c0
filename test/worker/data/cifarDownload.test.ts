import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { DatasetProgress, LoadOptions } from '../../../src/worker/data/datasetTypes';
import { loadDataset } from '../../../src/worker/data/loadDataset';
import { expectedHwc, tempDir, writeCifarArchive, type WrittenCifar } from './cifarFixtures';

/** Every file (not folder) under `dir`, relative; [] if `dir` is gone. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('CIFAR-10 download (from a local HTTP server)', () => {
  let dir: string;
  let archive: Buffer;
  let md5: string;
  let written: WrittenCifar;
  let server: Server;
  let base: string;
  const requests: string[] = [];

  before(async () => {
    dir = await tempDir('cifar-dl');
    const made = await writeCifarArchive(join(dir, 'src'));
    written = made.written;
    archive = await readFile(made.archive);
    md5 = createHash('md5').update(archive).digest('hex');
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/cifar-10-binary.tar.gz') {
        res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': archive.length });
        res.end(archive);
      } else if (req.url === '/moved') {
        res.writeHead(302, { location: '/cifar-10-binary.tar.gz' });
        res.end();
      } else if (req.url === '/truncated') {
        // Promises the whole archive, sends half, then hangs up.
        res.writeHead(200, { 'content-length': archive.length });
        res.write(archive.subarray(0, archive.length >> 1), () => res.destroy());
      } else {
        res.writeHead(404, 'Not Found');
        res.end('no such file');
      }
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((ok) => server.close(ok));
    await rm(dir, { recursive: true, force: true });
  });

  let cacheDir: string;
  let events: DatasetProgress[];
  beforeEach(async () => {
    cacheDir = await tempDir('cifar-dl-cache');
    events = [];
    requests.length = 0;
  });
  afterEach(async () => { await rm(cacheDir, { recursive: true, force: true }); });

  const options = (url: string, expectedMd5 = md5): LoadOptions => ({
    baseDir: dir, cacheDir, downloadUrl: `${base}${url}`, downloadMd5: expectedMd5, onProgress: (p) => events.push(p),
  });

  it('downloads with progress, verifies, unpacks into the cache, and does not download again', async () => {
    const ds = await loadDataset({ name: 'cifar10' }, options('/cifar-10-binary.tar.gz'));
    assert.equal(ds.key, 'cifar10');
    assert.equal(ds.train.count, 9);
    assert.deepEqual([...ds.train.labels], written.trainLabels);
    assert.deepEqual(ds.test!.images.subarray(0, 3072), expectedHwc(written.testSeeds[0]));

    const downloads = events.filter((e) => e.phase === 'download');
    assert.ok(downloads.length >= 2, 'a start and an end event');
    assert.deepEqual(downloads.map((e) => e.total), downloads.map(() => archive.length));
    assert.equal(downloads[downloads.length - 1].done, archive.length);
    assert.ok(events.some((e) => e.phase === 'unpack'));
    const left = await filesUnder(cacheDir);
    assert.ok(left.every((f) => f.includes(join('cifar10', 'cifar-10-batches-bin'))), `only the unpacked data remain: ${left.join(', ')}`);

    requests.length = 0;
    events = [];
    const again = await loadDataset({ name: 'cifar10' }, options('/cifar-10-binary.tar.gz'));
    assert.equal(again.train.count, 9);
    assert.deepEqual(requests, [], 'no second download');
    assert.ok(!events.some((e) => e.phase === 'download'));
  });

  it('follows redirects', async () => {
    const ds = await loadDataset({ name: 'cifar10' }, options('/moved'));
    assert.equal(ds.test!.count, 3);
    assert.deepEqual(requests, ['/moved', '/cifar-10-binary.tar.gz']);
  });

  it('rejects a file whose MD5 differs and leaves nothing in the cache', async () => {
    await assert.rejects(loadDataset({ name: 'cifar10' }, options('/cifar-10-binary.tar.gz', '0'.repeat(32))), (err: Error) => {
      assert.match(err.message, /Could not download CIFAR-10 from http:\/\/127\.0\.0\.1:\d+\/cifar-10-binary\.tar\.gz/);
      assert.match(err.message, new RegExp(`MD5 is ${md5}, but the published MD5 is 0{32}`));
      assert.match(err.message, /download cifar-10-binary\.tar\.gz by hand .* "path"/);
      return true;
    });
    assert.deepEqual(await filesUnder(cacheDir), []);
  });

  it('reports an HTTP error status and leaves nothing in the cache', async () => {
    await assert.rejects(loadDataset({ name: 'cifar10' }, options('/missing')), /HTTP 404 Not Found\. Check the internet connection/);
    assert.deepEqual(await filesUnder(cacheDir), []);
  });

  it('reports a truncated download and leaves nothing in the cache', async () => {
    await assert.rejects(loadDataset({ name: 'cifar10' }, options('/truncated')), /Could not download CIFAR-10 from .*\/truncated: the connection broke off after \d+ of \d+ bytes/);
    assert.deepEqual(await filesUnder(cacheDir), []);
  });

  it('stops when the load is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped by the user'));
    await assert.rejects(
      loadDataset({ name: 'cifar10' }, { ...options('/cifar-10-binary.tar.gz'), signal: controller.signal }),
      /stopped by the user/,
    );
    assert.deepEqual(await filesUnder(cacheDir), []);
  });
});
