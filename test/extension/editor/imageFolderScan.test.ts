// Reading an image folder for the "My image folder" template, on tiny real images.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { scanImageFolderForTemplate } from '../../../src/extension/editor/imageFolderScan';

async function writeImage(file: string, width: number, height: number, channels: 1 | 3): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const image = sharp(Buffer.alloc(width * height * channels, 128), { raw: { width, height, channels } });
  // Without the colourspace, sharp writes one raw channel as an RGB PNG.
  await (channels === 1 ? image.toColourspace('b-w') : image).png().toFile(file);
}

describe('image folder scan for the template', () => {
  let root: string;
  beforeEach(async () => { root = await fs.mkdtemp(path.join(os.tmpdir(), 'cnn-lab-template-')); });
  afterEach(async () => { await fs.rm(root, { recursive: true, force: true }); });

  it('takes the classes from train/ and the size from the first image', async () => {
    await writeImage(path.join(root, 'train', 'dogs', 'a.png'), 20, 20, 3);
    await writeImage(path.join(root, 'train', 'cats', 'b.png'), 200, 150, 3);
    await fs.writeFile(path.join(root, 'train', 'cats', 'a-notes.txt'), 'not an image');
    await fs.mkdir(path.join(root, 'train', '.thumbnails'));
    await writeImage(path.join(root, 'test', 'cats', 'c.png'), 8, 8, 3);
    const scan = await scanImageFolderForTemplate(root);
    assert.deepEqual(scan.classNames, ['cats', 'dogs']);
    assert.equal(scan.hasTrainFolder, true);
    assert.equal(scan.sampleImage, path.join(root, 'train', 'cats', 'b.png'));
    assert.deepEqual(scan.imageSize, [96, 128], '200×150 scaled to a 128 long side');
    assert.equal(scan.grayscale, false);
  });

  it('takes the folder\'s own subfolders when there is no train/, and sees grey images', async () => {
    await writeImage(path.join(root, 'zero', 'x.png'), 28, 28, 1);
    await writeImage(path.join(root, 'one', 'y.png'), 28, 28, 1);
    const scan = await scanImageFolderForTemplate(root);
    assert.deepEqual(scan.classNames, ['one', 'zero']);
    assert.equal(scan.hasTrainFolder, false);
    assert.deepEqual(scan.imageSize, [32, 32]);
    assert.equal(scan.grayscale, true);
  });

  it('falls back to 32×32 colour when no image can be read', async () => {
    await fs.mkdir(path.join(root, 'train', 'a'), { recursive: true });
    await fs.mkdir(path.join(root, 'train', 'b'), { recursive: true });
    await fs.writeFile(path.join(root, 'train', 'a', 'broken.png'), 'not a png');
    const scan = await scanImageFolderForTemplate(root);
    assert.deepEqual(scan.classNames, ['a', 'b']);
    assert.deepEqual(scan.imageSize, [32, 32]);
    assert.equal(scan.grayscale, false);
  });

  it('finds no classes in a missing folder', async () => {
    const scan = await scanImageFolderForTemplate(path.join(root, 'nope'));
    assert.deepEqual(scan.classNames, []);
    assert.equal(scan.sampleImage, null);
  });
});
