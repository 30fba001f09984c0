import assert from 'node:assert/strict';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CIFAR10_CLASS_NAMES, decodeCifarRecords, readCifarBinaryFolder } from '../../../src/worker/data/cifarBinary';
import { loadDataset } from '../../../src/worker/data/loadDataset';
import { writeTestImagesFile } from '../../../src/worker/data/testImagesFile';
import { cifarRecord, expectedHwc, PLANE, tempDir, writeCifarArchive, writeCifarFolder } from './cifarFixtures';

const IMAGE = 3 * PLANE;

describe('CIFAR-10 binary reader', () => {
  let dir: string;
  beforeEach(async () => { dir = await tempDir('cifar-bin'); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('converts CHW records to HWC, byte for byte', () => {
    const set = decodeCifarRecords(Buffer.concat([cifarRecord(7, 11), cifarRecord(2, 40)]), 'x.bin');
    assert.equal(set.count, 2);
    assert.deepEqual([...set.labels], [7, 2]);
    assert.deepEqual(set.images.subarray(0, IMAGE), expectedHwc(11));
    assert.deepEqual(set.images.subarray(IMAGE, 2 * IMAGE), expectedHwc(40));
    // One pixel spelled out: row 1, column 2 is plane offset 34; HWC puts its R, G, B side by side.
    const p = 1 * 32 + 2;
    assert.deepEqual([...set.images.subarray(3 * p, 3 * p + 3)], [(p + 11) & 255, (p * 3 + 77) & 255, (255 - p + 143) & 255]);
  });

  it('reads the five training batches in order, the test batch and the class names', async () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    const written = await writeCifarFolder(dir, { classNames: names });
    const data = await readCifarBinaryFolder(dir);
    assert.deepEqual(data.classNames, names);
    assert.equal(data.train.count, 9);
    assert.deepEqual([...data.train.labels], written.trainLabels);
    assert.deepEqual([...data.test.labels], written.testLabels);
    written.trainSeeds.forEach((seed, i) => assert.deepEqual(data.train.images.subarray(i * IMAGE, (i + 1) * IMAGE), expectedHwc(seed)));
    written.testSeeds.forEach((seed, i) => assert.deepEqual(data.test.images.subarray(i * IMAGE, (i + 1) * IMAGE), expectedHwc(seed)));
  });

  it('falls back to the standard class names without batches.meta.txt', async () => {
    await writeCifarFolder(dir);
    assert.deepEqual((await readCifarBinaryFolder(dir)).classNames, CIFAR10_CLASS_NAMES);
  });

  it('names the file and the record size when a file is truncated', async () => {
    await writeCifarFolder(dir);
    await writeFile(join(dir, 'data_batch_2.bin'), Buffer.concat([cifarRecord(1, 1), Buffer.alloc(5)]));
    await assert.rejects(readCifarBinaryFolder(dir), /data_batch_2\.bin is 3,078 bytes, not a whole number of 3,073-byte records/);
  });

  it('names the missing file and the files it expects', async () => {
    await writeCifarFolder(dir);
    await rm(join(dir, 'test_batch.bin'));
    await assert.rejects(readCifarBinaryFolder(dir), (err: Error) => {
      assert.match(err.message, /CIFAR-10 file missing: .*test_batch\.bin/);
      assert.match(err.message, /data_batch_1\.bin, .*data_batch_5\.bin, test_batch\.bin/);
      return true;
    });
  });

  it('rejects a label beyond the class list', async () => {
    await writeCifarFolder(dir);
    await writeFile(join(dir, 'data_batch_3.bin'), cifarRecord(12, 1));
    await assert.rejects(readCifarBinaryFolder(dir), /data_batch_3\.bin: record 0 has label 12/);
  });
});

describe('loadDataset: cifar10 from a local path', () => {
  let dir: string;
  beforeEach(async () => { dir = await tempDir('cifar-path'); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('reads an unpacked cifar-10-batches-bin folder, relative to baseDir', async () => {
    const written = await writeCifarFolder(join(dir, 'data', 'cifar-10-batches-bin'));
    const ds = await loadDataset({ name: 'cifar10', path: 'data/cifar-10-batches-bin' }, { baseDir: dir, cacheDir: join(dir, 'cache') });
    assert.deepEqual(ds.imageShape, [32, 32, 3]);
    assert.equal(ds.train.count, 9);
    assert.deepEqual([...ds.train.labels], written.trainLabels);
    assert.equal(ds.test?.count, 3);
  });

  it('unpacks a .tar.gz into the cache once and writes the test-image file', async () => {
    const { written } = await writeCifarArchive(dir);
    const opts = { baseDir: dir, cacheDir: join(dir, 'cache'), onProgress: (p: { phase: string }) => phases.push(p.phase) };
    const phases: string[] = [];
    const ds = await loadDataset({ name: 'cifar10', path: 'cifar-10-binary.tar.gz' }, opts);
    assert.ok(phases.includes('unpack'));
    assert.deepEqual([...ds.test!.labels], written.testLabels);

    const file = await writeTestImagesFile(ds);
    assert.equal(file, join(dir, 'cache', ds.key, 'test-images.u8'));
    const bytes = await readFile(file);
    assert.equal(bytes.length, 3 * IMAGE);
    assert.deepEqual(new Uint8Array(bytes.subarray(2 * IMAGE, 3 * IMAGE)), expectedHwc(written.testSeeds[2]));
    const writtenAt = (await stat(file)).mtimeMs;

    phases.length = 0;
    const again = await loadDataset({ name: 'cifar10', path: 'cifar-10-binary.tar.gz' }, opts);
    assert.equal(again.key, ds.key);
    assert.ok(!phases.includes('unpack'), 'the second load reads the unpacked copy');
    assert.equal(await writeTestImagesFile(again), file);
    assert.equal((await stat(file)).mtimeMs, writtenAt, 'the existing file is reused');
  });

  it('explains a wrong path', async () => {
    await assert.rejects(
      loadDataset({ name: 'cifar10', path: 'nope.tar.gz' }, { baseDir: dir, cacheDir: join(dir, 'cache') }),
      /dataset\.path not found: .*nope\.tar\.gz\. Expected cifar-10-binary\.tar\.gz or its unpacked cifar-10-batches-bin folder/,
    );
  });
});
