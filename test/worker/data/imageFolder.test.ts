import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import type { DatasetProgress, LoadedDataset, LoadOptions } from '../../../src/worker/data/datasetTypes';
import { loadDataset } from '../../../src/worker/data/loadDataset';
import { cifar10SampleFolder } from '../../../src/worker/data/cifar10Sample';
import { writeTestImagesFile } from '../../../src/worker/data/testImagesFile';
import { tempDir } from './cifarFixtures';

const CLASSES = ['airplane', 'cat', 'ship'];
const TRAIN_PER_CLASS = 4;
const TEST_PER_CLASS = 2;
const IMAGE = 32 * 32 * 3;

/** Copies a few real CIFAR-10 JPEGs from the bundled sample into `root` (train/ and test/). */
async function copySampleImages(root: string): Promise<void> {
  for (const [split, count] of [['train', TRAIN_PER_CLASS], ['test', TEST_PER_CLASS]] as const) {
    for (const name of CLASSES) {
      await mkdir(join(root, split, name), { recursive: true });
      for (let i = 0; i < count; i++) {
        const file = `${String(i).padStart(4, '0')}.jpg`;
        await copyFile(join(cifar10SampleFolder(), split, name, file), join(root, split, name, file));
      }
    }
  }
}

async function sharpRaw(path: string, transform = (s: Sharp) => s): Promise<Buffer> {
  return transform(sharp(path)).raw().toBuffer();
}

function maxDifference(a: Uint8Array, b: Uint8Array): number {
  assert.equal(a.length, b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

describe('image-folder data set', function () {
  this.timeout(30_000);
  let dir: string;
  let root: string;
  let events: DatasetProgress[];
  let opts: LoadOptions;
  const load = (extra: object = {}): Promise<LoadedDataset> =>
    loadDataset({ name: 'imageFolder', path: 'images', ...extra }, opts);

  beforeEach(async () => {
    dir = await tempDir('imagefolder');
    root = join(dir, 'images');
    await copySampleImages(root);
    events = [];
    opts = { baseDir: dir, cacheDir: join(dir, 'cache'), onProgress: (p) => events.push(p) };
  });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('decodes real JPEGs into labelled HWC bytes that match sharp', async () => {
    const ds = await load();
    assert.deepEqual(ds.classNames, CLASSES);
    assert.deepEqual(ds.imageShape, [32, 32, 3]);
    assert.equal(ds.train.count, CLASSES.length * TRAIN_PER_CLASS);
    assert.equal(ds.train.images.length, ds.train.count * IMAGE);
    assert.equal(ds.test?.count, CLASSES.length * TEST_PER_CLASS);
    assert.equal(ds.fromCache, false);
    const decodes = events.filter((e) => e.phase === 'decode');
    assert.equal(decodes[decodes.length - 1].done, 18);
    assert.equal(decodes[decodes.length - 1].total, 18);

    // Every source image appears exactly once, under its own class, with sharp's pixels.
    const unmatched = new Set(Array.from({ length: ds.train.count }, (_, i) => i));
    for (const [label, name] of CLASSES.entries()) {
      for (let i = 0; i < TRAIN_PER_CLASS; i++) {
        const expected = await sharpRaw(join(root, 'train', name, `000${i}.jpg`));
        const found = [...unmatched].find((n) => maxDifference(ds.train.images.subarray(n * IMAGE, (n + 1) * IMAGE), expected) <= 1);
        assert.notEqual(found, undefined, `train/${name}/000${i}.jpg is in the data set`);
        assert.equal(ds.train.labels[found!], label, `train/${name}/000${i}.jpg has label ${label}`);
        unmatched.delete(found!);
      }
    }
    // The test set keeps folder order: class by class, files sorted.
    assert.deepEqual([...ds.test!.labels], [0, 0, 1, 1, 2, 2]);
    const lastTest = await sharpRaw(join(root, 'test', 'ship', '0001.jpg'));
    assert.ok(maxDifference(ds.test!.images.subarray(5 * IMAGE), lastTest) <= 1);
  });

  it('stores training examples interleaved by class, in the same order every time', async () => {
    const ds = await load();
    const labels = [...ds.train.labels];
    // Stratified: every run of `classes` examples at the end holds each class once.
    assert.deepEqual([...labels.slice(-3)].sort(), [0, 1, 2]);
    assert.notDeepEqual(labels, [...labels].sort(), 'not grouped by class');
    const again = await loadDataset({ name: 'imageFolder', path: 'images' }, { ...opts, cacheDir: join(dir, 'cache2') });
    assert.equal(again.fromCache, false);
    assert.deepEqual([...again.train.labels], labels);
    assert.deepEqual(again.train.images, ds.train.images);
  });

  it('reads the second load from the cache, and re-decodes when a file is added', async () => {
    const first = await load();
    events = [];
    const second = await load();
    assert.equal(second.fromCache, true);
    assert.equal(second.key, first.key);
    assert.deepEqual(events.map((e) => e.phase), ['cache']);
    assert.deepEqual(second.train.images, first.train.images);
    assert.deepEqual(second.train.labels, first.train.labels);
    assert.deepEqual(second.test!.images, first.test!.images);

    await copyFile(join(cifar10SampleFolder(), 'train', 'cat', '0100.jpg'), join(root, 'train', 'cat', '0100.jpg'));
    events = [];
    const third = await load();
    assert.equal(third.fromCache, false);
    assert.notEqual(third.key, first.key);
    assert.equal(third.train.count, first.train.count + 1);
    assert.ok(events.some((e) => e.phase === 'decode'));
  });

  it('resizes and converts to one grey channel as sharp does', async () => {
    const ds = await load({ imageSize: [16, 20], grayscale: true });
    assert.deepEqual(ds.imageShape, [16, 20, 1]);
    assert.equal(ds.test!.images.length, 6 * 16 * 20);
    const expected = await sharpRaw(join(root, 'test', 'airplane', '0000.jpg'), (s) => s.resize(20, 16, { fit: 'fill' }).grayscale());
    assert.ok(maxDifference(ds.test!.images.subarray(0, 320), expected) <= 2);
  });

  it('gives PNGs with alpha and grey JPEGs three channels', async () => {
    const rgba = await sharp({ create: { width: 8, height: 6, channels: 4, background: { r: 200, g: 100, b: 50, alpha: 0.5 } } }).png().toBuffer();
    await writeFile(join(root, 'train', 'ship', 'rgba.png'), rgba);
    const grey = await sharp(Buffer.alloc(64, 90), { raw: { width: 8, height: 8, channels: 1 } }).jpeg().toBuffer();
    await writeFile(join(root, 'test', 'cat', 'grey.JPEG'), grey);
    const ds = await load();
    assert.equal(ds.train.count, 13);
    // The PNG is one flat colour: after stretching to 32×32 every pixel is still (200, 100, 50), give or take rounding.
    const flat = new Uint8Array(IMAGE).map((_, i) => [200, 100, 50][i % 3]);
    const matches = [...Array(13).keys()].filter((n) => maxDifference(ds.train.images.subarray(n * IMAGE, (n + 1) * IMAGE), flat) <= 2);
    assert.equal(matches.length, 1, 'the RGBA PNG is decoded to RGB at 32×32');
    assert.equal(ds.train.labels[matches[0]], 2);
    // grey.JPEG sorts after 0000.jpg and 0001.jpg in test/cat.
    const greyPixel = ds.test!.images.subarray(4 * IMAGE, 4 * IMAGE + 3);
    assert.ok(greyPixel.every((v) => Math.abs(v - 90) <= 2), `grey pixel ${[...greyPixel]}`);
  });

  it('writes the test pixels as the raw file the extension reads by index', async () => {
    const ds = await load();
    const file = await writeTestImagesFile(ds);
    assert.equal(file, join(dir, 'cache', ds.key, 'test-images.u8'));
    const bytes = await readFile(file);
    assert.deepEqual(new Uint8Array(bytes), ds.test!.images);
  });

  it('names the path when the folder is missing or has no classes', async () => {
    await assert.rejects(loadDataset({ name: 'imageFolder', path: 'nowhere' }, opts), /Image folder not found: .*nowhere/);
    await mkdir(join(dir, 'empty', 'train'), { recursive: true });
    await assert.rejects(loadDataset({ name: 'imageFolder', path: 'empty' }, opts), /empty[/\\]train must hold one subfolder per class, at least two; found none/);
    await mkdir(join(dir, 'flat'));
    await assert.rejects(loadDataset({ name: 'imageFolder', path: 'flat' }, opts), /flat has no train\/ subfolder/);
  });

  it('names an image it cannot decode, and a test class that train lacks', async () => {
    await writeFile(join(root, 'train', 'cat', 'broken.jpg'), 'not an image');
    await assert.rejects(load(), /Could not decode image .*cat[/\\]broken\.jpg/);
    await rm(join(root, 'train', 'cat', 'broken.jpg'));
    await mkdir(join(root, 'test', 'dog'));
    await assert.rejects(load(), /has class folders that train\/ lacks: dog/);
  });
});
