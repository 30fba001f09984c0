import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CIFAR10_CLASS_NAMES } from '../../../src/worker/data/cifarBinary';
import { cifar10SampleFolder } from '../../../src/worker/data/cifar10Sample';
import { loadDataset } from '../../../src/worker/data/loadDataset';
import { packageRoot } from '../../../src/node/packageRoot';
import { tempDir } from './cifarFixtures';

describe('cifar10-sample data set', function () {
  // 4,000 JPEG decodes on a shared 2-core machine: a few seconds, once.
  this.timeout(60_000);
  let cacheDir: string;
  before(async () => { cacheDir = await tempDir('cifar-sample'); });
  after(async () => { await rm(cacheDir, { recursive: true, force: true }); });

  it('is found under the package root, from src/ as from dist/', () => {
    const root = packageRoot(__dirname);
    assert.ok(existsSync(join(root, 'package.json')));
    assert.equal(cifar10SampleFolder(), join(root, 'data', 'cifar10-sample'));
    assert.equal(packageRoot(join(root, 'dist')), root);
  });

  it('loads 10 classes, 3,000 training and 1,000 test images, balanced', async () => {
    // The model file's folder does not matter: the sample ships with CNN Lab.
    const ds = await loadDataset({ name: 'cifar10-sample' }, { baseDir: '/nonexistent', cacheDir });
    assert.deepEqual(ds.classNames, CIFAR10_CLASS_NAMES);
    assert.deepEqual(ds.imageShape, [32, 32, 3]);
    assert.equal(ds.train.count, 3000);
    assert.equal(ds.test?.count, 1000);
    assert.equal(ds.train.images.length, 3000 * 32 * 32 * 3);
    const perClass = new Array<number>(10).fill(0);
    for (const l of ds.train.labels) perClass[l]++;
    assert.deepEqual(perClass, new Array<number>(10).fill(300));
    // A 10% validation split from the end holds every class equally.
    const tail = new Array<number>(10).fill(0);
    for (const l of ds.train.labels.subarray(2700)) tail[l]++;
    assert.deepEqual(tail, new Array<number>(10).fill(30));
    assert.ok(ds.key.startsWith('cifar10-sample-'));

    const again = await loadDataset({ name: 'cifar10-sample' }, { baseDir: '/nonexistent', cacheDir });
    assert.equal(again.fromCache, true);
  });
});
