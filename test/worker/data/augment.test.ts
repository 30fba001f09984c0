import assert from 'node:assert/strict';
import { augmentBatch, isIdentityAugmentation } from '../../../src/worker/data/augment';
import { zoomBounds } from '../../../src/worker/data/augmentParams';
import { BYTE_TO_UNIT, warpImage } from '../../../src/worker/data/augmentWarp';
import { createSeededRandom } from '../../../src/worker/data/seededRandom';
import type { AugmentationSpec } from '../../../src/shared/modelSchema';

type Shape = [number, number, number];

/** An h×w×c byte image whose pixel (y, x, ch) is value(y, x, ch). */
function makeImage(shape: Shape, value: (y: number, x: number, ch: number) => number): Uint8Array {
  const [h, w, c] = shape;
  const bytes = new Uint8Array(h * w * c);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let ch = 0; ch < c; ch++) bytes[(y * w + x) * c + ch] = value(y, x, ch);
    }
  }
  return bytes;
}

/** A random source that replays `values` in a loop, to force particular transforms. */
function scripted(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}

/** For paths that must not draw random numbers. */
function noRandom(): number {
  throw new Error('random() was called');
}

/** augmentBatch on a single image, returned on the 0–255 scale. */
function augmentOne(src: Uint8Array, shape: Shape, spec: AugmentationSpec | undefined, random: () => number): number[] {
  const out = new Float32Array(shape[0] * shape[1] * shape[2]);
  augmentBatch(src, [0], shape, spec, random, out);
  return Array.from(out, (v) => v * 255);
}

/** The plain ÷255 floats of `bytes`, computed as the copy path does. */
function scaled(bytes: ArrayLike<number>): Float32Array {
  return Float32Array.from(bytes, (b) => b * BYTE_TO_UNIT);
}

function assertClose(actual: number[], expected: number[], tolerance = 1e-3): void {
  assert.equal(actual.length, expected.length);
  const worst = Math.max(...actual.map((v, i) => Math.abs(v - expected[i])));
  assert.ok(worst <= tolerance, `differs by ${worst}:\n  actual   ${actual.map((v) => v.toFixed(2)).join(' ')}\n  expected ${expected.join(' ')}`);
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

describe('isIdentityAugmentation', () => {
  it('is true when nothing can move a pixel', () => {
    for (const spec of [undefined, {}, { fillMode: 'wrap' as const, cval: 9 }, { zoomRange: 0 }, { zoomRange: [1, 1] as [number, number] },
      { rotationRange: 0, widthShiftRange: 0, heightShiftRange: 0, horizontalFlip: false, verticalFlip: false }]) {
      assert.equal(isIdentityAugmentation(spec), true, JSON.stringify(spec));
    }
  });

  it('is false as soon as one option is active', () => {
    for (const spec of [{ rotationRange: 5 }, { widthShiftRange: 0.1 }, { heightShiftRange: 0.1 }, { horizontalFlip: true },
      { verticalFlip: true }, { zoomRange: 0.1 }, { zoomRange: [0.5, 0.5] as [number, number] }]) {
      assert.equal(isIdentityAugmentation(spec), false, JSON.stringify(spec));
    }
  });

  it('reads a zoom number z as [1 - z, 1 + z] like Keras', () => {
    assertClose(zoomBounds(0.25), [0.75, 1.25], 1e-12);
    assert.deepEqual(zoomBounds([0.7, 1.3]), [0.7, 1.3]);
    assert.deepEqual(zoomBounds(undefined), [1, 1]);
  });
});

describe('augmentBatch without augmentation', () => {
  const shape: Shape = [2, 3, 3];
  const size = 2 * 3 * 3;
  const images = makeImage([6, 3, 3], (y, x, ch) => y * 40 + x * 10 + ch); // three 2×3×3 images

  it('copies the chosen examples in order, scaled by 1/255, and writes nothing past the batch', () => {
    const out = new Float32Array(3 * size).fill(Number.NaN);
    augmentBatch(images, [2, 0], shape, undefined, noRandom, out);
    assert.deepEqual(out.subarray(0, size), scaled(images.subarray(2 * size, 3 * size)));
    assert.deepEqual(out.subarray(size, 2 * size), scaled(images.subarray(0, size)));
    assertClose(Array.from(out.subarray(0, 3)), [160 / 255, 161 / 255, 162 / 255], 1e-7);
    assert.ok(out.subarray(2 * size).every(Number.isNaN));
  });

  it('gives the same floats for a zero-range spec as for no spec, without drawing', () => {
    const plain = new Float32Array(3 * size);
    const zero = new Float32Array(3 * size);
    augmentBatch(images, [1, 2, 0], shape, undefined, noRandom, plain);
    const spec: AugmentationSpec = { rotationRange: 0, widthShiftRange: 0, heightShiftRange: 0, zoomRange: 0, horizontalFlip: false, fillMode: 'reflect', cval: 7 };
    augmentBatch(images, [1, 2, 0], shape, spec, noRandom, zero);
    assert.deepEqual(zero, plain);
  });

  it('resamples through an identity matrix to exactly the plain copy', () => {
    const out = new Float32Array(size);
    warpImage({ data: images, offset: size }, shape, Float64Array.of(1, 0, 0, 0, 1, 0), 'constant', 0, { data: out, offset: 0 });
    assert.deepEqual(out, scaled(images.subarray(size, 2 * size)));
  });

  it('rejects a too small output and an index outside the data', () => {
    assert.throws(() => augmentBatch(images, [0, 1], shape, undefined, noRandom, new Float32Array(size)), RangeError);
    assert.throws(() => augmentBatch(images, [3], shape, undefined, noRandom, new Float32Array(size)), /outside 0\.\.2/);
  });
});

describe('augmentBatch flips', () => {
  const shape: Shape = [3, 4, 3];
  const src = makeImage(shape, (y, x, ch) => 1 + y * 50 + x * 10 + ch);

  it('mirrors left–right exactly when the draw is below 0.5, and leaves the image alone otherwise', () => {
    const mirrored = makeImage(shape, (y, x, ch) => 1 + y * 50 + (3 - x) * 10 + ch);
    const out = new Float32Array(src.length);
    augmentBatch(src, [0], shape, { horizontalFlip: true }, scripted(0), out);
    assert.deepEqual(out, scaled(mirrored));
    augmentBatch(src, [0], shape, { horizontalFlip: true }, scripted(0.5), out);
    assert.deepEqual(out, scaled(src));
  });

  it('mirrors top–bottom exactly for verticalFlip', () => {
    const out = new Float32Array(src.length);
    augmentBatch(src, [0], shape, { verticalFlip: true }, scripted(0.2), out);
    assert.deepEqual(out, scaled(makeImage(shape, (y, x, ch) => 1 + (2 - y) * 50 + x * 10 + ch)));
  });

  it('draws in Keras order: the rotation angle comes before the flip', () => {
    // 0.5 puts the angle at 0 degrees, then 0 forces the flip.
    const out = augmentOne(src, shape, { rotationRange: 30, horizontalFlip: true }, scripted(0.5, 0));
    assertClose(out, Array.from(makeImage(shape, (y, x, ch) => 1 + y * 50 + (3 - x) * 10 + ch)));
  });
});

describe('augmentBatch shifts and fill modes', () => {
  // Two rows of 8 pixels; widthShiftRange 0.5 gives shifts in [-4, 4) px, so a draw of 0.75
  // shifts the content 2 px right and 0.25 shifts it 2 px left.
  const shape: Shape = [2, 8, 1];
  const src = makeImage(shape, (y, x) => 10 + 10 * x + 100 * y);
  const row = (...values: number[]) => values;
  const cases: { fillMode: AugmentationSpec['fillMode']; right: number[]; left: number[] }[] = [
    { fillMode: 'nearest', right: row(10, 10, 10, 20, 30, 40, 50, 60), left: row(30, 40, 50, 60, 70, 80, 80, 80) },
    { fillMode: 'constant', right: row(99, 99, 10, 20, 30, 40, 50, 60), left: row(30, 40, 50, 60, 70, 80, 99, 99) },
    { fillMode: 'reflect', right: row(20, 10, 10, 20, 30, 40, 50, 60), left: row(30, 40, 50, 60, 70, 80, 80, 70) },
    { fillMode: 'wrap', right: row(70, 80, 10, 20, 30, 40, 50, 60), left: row(30, 40, 50, 60, 70, 80, 10, 20) },
  ];
  for (const { fillMode, right, left } of cases) {
    it(`moves the rows by whole pixels and fills with fillMode ${fillMode}`, () => {
      const spec: AugmentationSpec = { widthShiftRange: 0.5, fillMode, cval: 99 };
      const secondRow = (values: number[]) => values.map((v) => (v === 99 ? 99 : v + 100));
      assertClose(augmentOne(src, shape, spec, scripted(0.75)), [...right, ...secondRow(right)]);
      assertClose(augmentOne(src, shape, spec, scripted(0.25)), [...left, ...secondRow(left)]);
    });
  }

  it('moves a column down for a height shift', () => {
    const column: Shape = [8, 1, 1];
    const columnSrc = makeImage(column, (y) => 10 + 10 * y);
    assertClose(augmentOne(columnSrc, column, { heightShiftRange: 0.5, fillMode: 'constant', cval: 5 }, scripted(0.75)),
      [5, 5, 10, 20, 30, 40, 50, 60]);
  });

  it('draws the height shift before the width shift, each scaled by its own side', () => {
    // 0.5 → no vertical shift; 0.75 → 2 px to the right on the 8-wide image.
    const wide: Shape = [2, 8, 1];
    const out = augmentOne(src, wide, { heightShiftRange: 0.5, widthShiftRange: 0.5, fillMode: 'constant' }, scripted(0.5, 0.75));
    assertClose(out, [0, 0, 10, 20, 30, 40, 50, 60, 0, 0, 110, 120, 130, 140, 150, 160]);
  });

  it('blends neighbours for a fractional shift (bilinear, as Keras order 1)', () => {
    // 0.5625 → +0.5 px: each pixel is the mean of itself and its left neighbour.
    const out = augmentOne(src, shape, { widthShiftRange: 0.5, fillMode: 'nearest' }, scripted(0.5625));
    assertClose(out.slice(0, 8), [10, 15, 25, 35, 45, 55, 65, 75]);
  });
});

describe('augmentBatch rotation and zoom', () => {
  // rotationRange 180 maps a draw u to -180 + 360u degrees: 0.75 → +90, 0.25 → -90.
  for (const n of [4, 3]) {
    it(`turns a ${n}×${n} image by exactly ±90 degrees`, () => {
      const shape: Shape = [n, n, 2];
      const src = makeImage(shape, (y, x, ch) => 1 + y * 40 + x * 7 + ch * 3);
      const counterClockwise = makeImage(shape, (y, x, ch) => 1 + x * 40 + (n - 1 - y) * 7 + ch * 3);
      const clockwise = makeImage(shape, (y, x, ch) => 1 + (n - 1 - x) * 40 + y * 7 + ch * 3);
      const spec: AugmentationSpec = { rotationRange: 180, fillMode: 'constant', cval: 255 };
      assertClose(augmentOne(src, shape, spec, scripted(0.75)), Array.from(counterClockwise));
      assertClose(augmentOne(src, shape, spec, scripted(0.25)), Array.from(clockwise));
    });
  }

  it('keeps the image size and roughly its mean while really rotating it', () => {
    // An off-centre, elongated blob well inside the inscribed circle, so rotation keeps it whole.
    const shape: Shape = [16, 16, 1];
    const size = 16 * 16;
    const src = makeImage(shape, (y, x) => Math.round(200 * Math.exp(-((x - 9.5) ** 2) / 6 - ((y - 7.5) ** 2) / 2)));
    const out = new Float32Array(9 * size).fill(Number.NaN);
    augmentBatch(src, new Array(8).fill(0), shape, { rotationRange: 45, fillMode: 'constant' }, createSeededRandom(3), out);
    assert.ok(out.subarray(8 * size).every(Number.isNaN), 'wrote past the batch');
    const before = mean(src) / 255;
    for (let i = 0; i < 8; i++) {
      const image = out.subarray(i * size, (i + 1) * size);
      assert.ok(image.every((v) => v >= 0 && v <= 1));
      assert.ok(Math.abs(mean(image) - before) < 0.05 * before, `image ${i}: mean ${mean(image)} vs ${before}`);
    }
    const firstChange = Math.max(...Array.from(out.subarray(0, size), (v, k) => Math.abs(v - src[k] / 255)));
    assert.ok(firstChange > 0.1, 'the image did not move');
  });

  const blockShape: Shape = [8, 8, 1];
  const block = makeImage(blockShape, (y, x) => (y >= 2 && y <= 5 && x >= 2 && x <= 5 ? 200 : 0));

  it('enlarges the centre for a zoom factor of 0.5 (2× magnification, Keras zoom semantics)', () => {
    const out = augmentOne(block, blockShape, { zoomRange: [0.5, 0.5], fillMode: 'constant' }, scripted(0.3));
    const inner = [];
    for (let y = 1; y <= 6; y++) for (let x = 1; x <= 6; x++) inner.push(out[y * 8 + x]);
    assertClose(inner, new Array(36).fill(200)); // the 4×4 block now covers the 6×6 middle
    assert.ok(out.filter((v) => v > 100).length > 16);
  });

  it('shrinks the picture for a zoom factor of 2', () => {
    const out = augmentOne(block, blockShape, { zoomRange: [2, 2], fillMode: 'constant' }, scripted(0.3));
    const expected = Array.from(makeImage(blockShape, (y, x) => (y >= 3 && y <= 4 && x >= 3 && x <= 4 ? 200 : 0)));
    assertClose(out, expected);
  });
});

describe('augmentBatch seeding', () => {
  const shape: Shape = [8, 8, 3];
  const images = makeImage([32, 8, 3], (y, x, ch) => (y * 37 + x * 11 + ch * 91) % 256); // four 8×8×3 images
  const spec: AugmentationSpec = {
    rotationRange: 20, widthShiftRange: 0.2, heightShiftRange: 0.2, horizontalFlip: true, verticalFlip: true, zoomRange: 0.2, fillMode: 'reflect',
  };
  const batch = (seed: number) => {
    const out = new Float32Array(6 * 8 * 8 * 3);
    augmentBatch(images, [3, 1, 0, 2, 1, 1], shape, spec, createSeededRandom(seed), out);
    return out;
  };

  it('gives an identical batch for the same seed and a different one for another seed', () => {
    assert.deepEqual(batch(7), batch(7));
    assert.notDeepEqual(batch(7), batch(8));
  });

  it('draws a fresh transform for each image, even for a repeated example', () => {
    const out = batch(7);
    const size = 8 * 8 * 3;
    assert.notDeepEqual(out.subarray(4 * size, 5 * size), out.subarray(5 * size, 6 * size));
  });

  it('createSeededRandom repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = createSeededRandom(42);
    const b = createSeededRandom(42);
    const values = Array.from({ length: 1000 }, () => a());
    assert.deepEqual(values, Array.from({ length: 1000 }, () => b()));
    assert.ok(values.every((v) => v >= 0 && v < 1));
    assert.ok(Math.abs(mean(values) - 0.5) < 0.05);
    assert.notEqual(createSeededRandom(43)(), values[0]);
  });
});
