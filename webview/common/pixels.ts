// Turning the base64 byte arrays of the protocol into pixels on a canvas. Canvases are drawn
// at the image's own resolution and enlarged by CSS (image-rendering: pixelated), so a 32×32
// image stays crisp at any size and costs only 32×32 pixels to draw.

/** Decodes base64 into bytes. */
export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A canvas sized to the image's own pixels. */
export function pixelCanvas(width: number, height: number, className?: string): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  if (className) canvas.className = className;
  return canvas;
}

/** Draws an HWC uint8 image (1 channel grey, 3 RGB) starting at byte `offset`. */
export function drawImage(canvas: HTMLCanvasElement, bytes: Uint8Array, [height, width, channels]: readonly [number, number, number], offset = 0): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  const image = context.createImageData(width, height);
  for (let p = 0; p < width * height; p++) {
    const source = offset + p * channels;
    const r = bytes[source];
    image.data[p * 4] = r;
    image.data[p * 4 + 1] = channels >= 3 ? bytes[source + 1] : r;
    image.data[p * 4 + 2] = channels >= 3 ? bytes[source + 2] : r;
    image.data[p * 4 + 3] = 255;
  }
  context.putImageData(image, 0, 0);
}

/** Draws one channel of an HWC uint8 tensor through a 256-entry colour table (RGB triples). */
export function drawChannel(
  canvas: HTMLCanvasElement, bytes: Uint8Array, [height, width, channels]: readonly [number, number, number], channel: number, lut: Uint8Array,
): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  const image = context.createImageData(width, height);
  for (let p = 0; p < width * height; p++) {
    const v = bytes[p * channels + channel] * 3;
    image.data[p * 4] = lut[v];
    image.data[p * 4 + 1] = lut[v + 1];
    image.data[p * 4 + 2] = lut[v + 2];
    image.data[p * 4 + 3] = 255;
  }
  context.putImageData(image, 0, 0);
}
