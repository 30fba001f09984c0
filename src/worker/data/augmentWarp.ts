// Resamples one HWC byte image through an inverse affine matrix into floats in [0, 1].
// Bilinear, as Keras's ImageDataGenerator default (interpolation_order=1). Each of the four
// neighbours is looked up through the fill mode, so the result is the exact bilinear
// interpolation of the image extended as Keras documents:
//   constant  kkkkkkkk|abcd|kkkkkkkk   (k = cval)
//   nearest   aaaaaaaa|abcd|dddddddd
//   reflect   abcddcba|abcd|dcbaabcd
//   wrap      abcdabcd|abcd|abcdabcd
// Integer sample positions (flips, whole-pixel shifts) therefore copy pixels exactly.
import type { AugmentationSpec } from '../../shared/modelSchema';

export type FillMode = NonNullable<AugmentationSpec['fillMode']>;

const CONSTANT = 0;
const NEAREST = 1;
const REFLECT = 2;
const WRAP = 3;
const MODE_CODES: Record<FillMode, number> = { constant: CONSTANT, nearest: NEAREST, reflect: REFLECT, wrap: WRAP };

/** 1/255 by multiplication, shared with the plain copy so both give identical floats. */
export const BYTE_TO_UNIT = 1 / 255;

/** Where one HWC image sits in a flat array. */
export interface ImageSlot<T> {
  data: T;
  offset: number;
}

/**
 * Writes the h×w×c image `src` sampled through `m` (see inverseAffine) to `out`, scaled to
 * [0, 1]; positions outside the image follow `fillMode`, `cval` being on the 0–255 scale.
 */
export function warpImage(
  src: ImageSlot<Uint8Array>,
  shape: readonly [number, number, number],
  m: Float64Array,
  fillMode: FillMode,
  cval: number,
  out: ImageSlot<Float32Array>,
): void {
  const h = shape[0];
  const w = shape[1];
  const c = shape[2];
  const mode = MODE_CODES[fillMode];
  const pixels = src.data;
  const base = src.offset;
  const rowStride = w * c;
  const target = out.data;
  let o = out.offset;
  const a = m[0], b = m[1], tx = m[2], d = m[3], e = m[4], ty = m[5];
  for (let y = 0; y < h; y++) {
    // Stepping along a row adds (a, d) to the sample position; whole-pixel steps stay exact.
    let sx = b * y + tx;
    let sy = e * y + ty;
    for (let x = 0; x < w; x++, sx += a, sy += d) {
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const w00 = (1 - fx) * (1 - fy);
      const w01 = fx * (1 - fy);
      const w10 = (1 - fx) * fy;
      const w11 = fx * fy;
      if (x0 >= 0 && y0 >= 0 && x0 < w - 1 && y0 < h - 1) {
        // All four neighbours inside the image: the common case, without fill lookups.
        let p00 = base + y0 * rowStride + x0 * c;
        let p10 = p00 + rowStride;
        for (let ch = 0; ch < c; ch++, p00++, p10++) {
          target[o++] = (pixels[p00] * w00 + pixels[p00 + c] * w01 + pixels[p10] * w10 + pixels[p10 + c] * w11) * BYTE_TO_UNIT;
        }
        continue;
      }
      const col0 = mapIndex(x0, w, mode);
      const col1 = mapIndex(x0 + 1, w, mode);
      const row0 = mapIndex(y0, h, mode);
      const row1 = mapIndex(y0 + 1, h, mode);
      // Byte offset of each neighbour, or -1 where constant mode reads cval.
      const p00 = row0 < 0 || col0 < 0 ? -1 : base + row0 * rowStride + col0 * c;
      const p01 = row0 < 0 || col1 < 0 ? -1 : base + row0 * rowStride + col1 * c;
      const p10 = row1 < 0 || col0 < 0 ? -1 : base + row1 * rowStride + col0 * c;
      const p11 = row1 < 0 || col1 < 0 ? -1 : base + row1 * rowStride + col1 * c;
      for (let ch = 0; ch < c; ch++) {
        const v00 = p00 < 0 ? cval : pixels[p00 + ch];
        const v01 = p01 < 0 ? cval : pixels[p01 + ch];
        const v10 = p10 < 0 ? cval : pixels[p10 + ch];
        const v11 = p11 < 0 ? cval : pixels[p11 + ch];
        target[o++] = (v00 * w00 + v01 * w01 + v10 * w10 + v11 * w11) * BYTE_TO_UNIT;
      }
    }
  }
}

/** The pixel index that stands for index i of a row or column of n pixels; -1 means cval. */
function mapIndex(i: number, n: number, mode: number): number {
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case NEAREST:
      return i < 0 ? 0 : n - 1;
    case REFLECT: {
      // Mirror about the outer pixel edges: the edge pixel repeats (period 2n).
      const period = 2 * n;
      const k = ((i % period) + period) % period;
      return k < n ? k : period - 1 - k;
    }
    case WRAP:
      return ((i % n) + n) % n;
    default:
      return -1;
  }
}
