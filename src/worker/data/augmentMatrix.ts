// Turns a transform into the one matrix the sampler needs: for each output pixel, where in
// the input to read. Composition follows Keras's apply_transform: rotation · shift · zoom
// about the image centre (w/2 - 0.5, h/2 - 0.5, i.e. between the middle pixel centres),
// then the flips, which Keras applies to the already transformed image.
import type { TransformParams } from './augmentParams';

/**
 * Writes into `m` the 2×3 matrix [a, b, c, d, e, f] that maps an output pixel (x, y), x the
 * column and y the row, to the input position (a·x + b·y + c, d·x + e·y + f) it samples.
 */
export function inverseAffine(p: TransformParams, h: number, w: number, m: Float64Array): void {
  const cx = w / 2 - 0.5;
  const cy = h / 2 - 0.5;
  const radians = (p.theta * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  // A flip about the centre: x -> 2·cx - x, so flipped pixels land on exact integers.
  const fx = p.flipHorizontal ? -1 : 1;
  const fy = p.flipVertical ? -1 : 1;
  // input = centre + R·(Z·F·(output - centre) - shift), with R the rotation (in x-right,
  // y-down coordinates a positive angle then turns the content counter-clockwise on screen).
  const a = cos * p.zoomX * fx;
  const b = -sin * p.zoomY * fy;
  const d = sin * p.zoomX * fx;
  const e = cos * p.zoomY * fy;
  m[0] = a;
  m[1] = b;
  m[2] = cx - (a * cx + b * cy) - (cos * p.shiftX - sin * p.shiftY);
  m[3] = d;
  m[4] = e;
  m[5] = cy - (d * cx + e * cy) - (sin * p.shiftX + cos * p.shiftY);
}
