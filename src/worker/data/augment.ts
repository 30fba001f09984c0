// Builds a training batch from stored bytes, applying Keras ImageDataGenerator-style
// augmentation on the fly. Plain TypeScript on the raw arrays: the tfjs wasm backend has no
// Transform kernel, and this runs beside training, so it must stay cheap (one matrix per
// image, no allocation per pixel; see bench/augmentation.ts).
import type { AugmentationSpec } from '../../shared/modelSchema';
import { isIdentityTransform, sampleTransformParams, zoomBounds } from './augmentParams';
import { inverseAffine } from './augmentMatrix';
import { BYTE_TO_UNIT, warpImage } from './augmentWarp';

/** True when the spec can never move a pixel, so a batch is a plain scaled copy. */
export function isIdentityAugmentation(spec?: AugmentationSpec): boolean {
  if (!spec) return true;
  const [zoomLo, zoomHi] = zoomBounds(spec.zoomRange);
  return !spec.rotationRange && !spec.widthShiftRange && !spec.heightShiftRange
    && !spec.horizontalFlip && !spec.verticalFlip && zoomLo === 1 && zoomHi === 1;
}

/** Writes a batch into `out` as float32 in [0,1] (HWC), applying a random transform per image when spec is given. */
export function augmentBatch(
  src: Uint8Array,
  indices: ArrayLike<number>,
  shape: [h: number, w: number, c: number],
  spec: AugmentationSpec | undefined,
  random: () => number,
  out: Float32Array,
): void {
  const [h, w, c] = shape;
  const size = h * w * c;
  const count = Math.floor(src.length / size);
  if (out.length < indices.length * size) {
    throw new RangeError(`augmentBatch: out holds ${out.length} floats, the batch needs ${indices.length * size}`);
  }
  const identity = isIdentityAugmentation(spec);
  const fillMode = spec?.fillMode ?? 'nearest';
  const cval = spec?.cval ?? 0;
  const matrix = new Float64Array(6);
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i];
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new RangeError(`augmentBatch: example index ${index} is outside 0..${count - 1}`);
    }
    const from = index * size;
    const to = i * size;
    const params = identity || !spec ? null : sampleTransformParams(spec, h, w, random);
    if (params === null || isIdentityTransform(params)) {
      copyScaled(src, from, out, to, size);
    } else {
      inverseAffine(params, h, w, matrix);
      warpImage({ data: src, offset: from }, shape, matrix, fillMode, cval, { data: out, offset: to });
    }
  }
}

/** Copies `size` bytes from src[from…] to out[to…] as floats in [0, 1]. */
function copyScaled(src: Uint8Array, from: number, out: Float32Array, to: number, size: number): void {
  const scale = BYTE_TO_UNIT;
  for (let k = 0; k < size; k++) out[to + k] = src[from + k] * scale;
}
