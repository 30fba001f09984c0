// Decodes image files to raw HWC bytes of a fixed size with sharp, the way Keras's
// load_img + resize would: alpha dropped, colour converted to sRGB (or one grey channel),
// stretched to the target size without keeping the aspect ratio (`fit: 'fill'`).
import sharp from 'sharp';
import { forEachWithConcurrency } from './boundedConcurrency';

const IN_FLIGHT = 4;

/** Decodes one image to exactly h×w×c bytes (c is 1 or 3). */
export async function decodeImage(path: string, [h, w, c]: readonly [number, number, number]): Promise<Uint8Array> {
  let pipeline = sharp(path).autoOrient().removeAlpha().resize(w, h, { fit: 'fill' });
  pipeline = c === 1 ? pipeline.grayscale() : pipeline.toColourspace('srgb');
  const { data, info } = await pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true })
    .catch((err: Error) => {
      throw new Error(`Could not decode image ${path}: ${err.message}`);
    });
  if (info.channels !== c || data.length !== h * w * c) {
    throw new Error(`Could not decode image ${path}: got ${info.width}×${info.height}×${info.channels}, expected ${w}×${h}×${c}.`);
  }
  return data;
}

/** Decodes `paths` into `target` (image i at byte i×h×w×c); `onDecoded` is called after each. */
export async function decodeImagesInto(
  paths: readonly string[],
  shape: readonly [number, number, number],
  target: Uint8Array,
  onDecoded?: () => void,
  signal?: AbortSignal,
): Promise<void> {
  const bytes = shape[0] * shape[1] * shape[2];
  await forEachWithConcurrency(paths.length, IN_FLIGHT, async (i) => {
    target.set(await decodeImage(paths[i], shape), i * bytes);
    onDecoded?.();
  }, signal);
}
