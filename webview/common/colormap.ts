// Viridis for activations: perceptually uniform, readable by colour-blind users, and equally
// legible on light, dark and high-contrast themes, which a theme colour ramp is not. Data
// colour is the one place the webviews do not take their colours from the VS Code theme.

const VIRIDIS_STOPS = [
  '#440154', '#482475', '#414487', '#355f8d', '#2a788e', '#21918c', '#22a884', '#44bf70', '#7ad151', '#bddf26', '#fde725',
];

/** 256 RGB triples from dark (0) to bright (255). */
export const viridis: Uint8Array = buildLut(VIRIDIS_STOPS);

function buildLut(stops: readonly string[]): Uint8Array {
  const rgb = stops.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
  const lut = new Uint8Array(256 * 3);
  for (let v = 0; v < 256; v++) {
    const position = (v / 255) * (stops.length - 1);
    const low = Math.min(Math.floor(position), stops.length - 2);
    const t = position - low;
    for (let k = 0; k < 3; k++) lut[v * 3 + k] = Math.round(rgb[low][k] * (1 - t) + rgb[low + 1][k] * t);
  }
  return lut;
}
