// Draws one image's random transform the way Keras's ImageDataGenerator.get_random_transform
// does: the same distributions, in the same order (rotation, height shift, width shift,
// zoom x, zoom y, horizontal flip, vertical flip), each drawn only when its option is on.
import type { AugmentationSpec } from '../../shared/modelSchema';

/** One image's transform. Shifts are in pixels; a positive shift moves the content right / down. */
export interface TransformParams {
  /** Degrees; positive turns the content counter-clockwise on screen. */
  theta: number;
  shiftX: number;
  shiftY: number;
  /** Keras's zoom factors: the sampled area's size relative to the image, so below 1 magnifies. */
  zoomX: number;
  zoomY: number;
  flipHorizontal: boolean;
  flipVertical: boolean;
}

/** The [lower, upper] zoom factors of a spec: a number z means [1 - z, 1 + z], as in Keras. */
export function zoomBounds(zoomRange: AugmentationSpec['zoomRange']): [number, number] {
  if (zoomRange === undefined) return [1, 1];
  if (typeof zoomRange === 'number') return [1 - zoomRange, 1 + zoomRange];
  return [zoomRange[0], zoomRange[1]];
}

/** Draws a transform for an image of h×w pixels; `random` yields uniform [0, 1) numbers. */
export function sampleTransformParams(spec: AugmentationSpec, h: number, w: number, random: () => number): TransformParams {
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * random();
  const theta = spec.rotationRange ? uniform(-spec.rotationRange, spec.rotationRange) : 0;
  // Keras draws the height shift before the width shift.
  const shiftY = spec.heightShiftRange ? uniform(-spec.heightShiftRange, spec.heightShiftRange) * h : 0;
  const shiftX = spec.widthShiftRange ? uniform(-spec.widthShiftRange, spec.widthShiftRange) * w : 0;
  const [zoomLo, zoomHi] = zoomBounds(spec.zoomRange);
  const zoomed = !(zoomLo === 1 && zoomHi === 1);
  const zoomX = zoomed ? uniform(zoomLo, zoomHi) : 1;
  const zoomY = zoomed ? uniform(zoomLo, zoomHi) : 1;
  const flipHorizontal = spec.horizontalFlip === true && random() < 0.5;
  const flipVertical = spec.verticalFlip === true && random() < 0.5;
  return { theta, shiftX, shiftY, zoomX, zoomY, flipHorizontal, flipVertical };
}

/** True when the transform leaves every pixel where it is. */
export function isIdentityTransform(p: TransformParams): boolean {
  return p.theta === 0 && p.shiftX === 0 && p.shiftY === 0 && p.zoomX === 1 && p.zoomY === 1
    && !p.flipHorizontal && !p.flipVertical;
}
