// Deterministic CIFAR-like 32×32 RGB pictures for the webview tests: a class-coloured scene
// (sky, grass, road…) with a blob for the object, so screenshots look like a real data set
// without shipping any of it. Also used to write a run's raw test-image file.

/** A small seeded generator (mulberry32): the same seed gives the same pictures everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// [top colour, bottom colour, object colour] per CIFAR-10 class.
const SCENES: Array<[number[], number[], number[]]> = [
  [[120, 170, 230], [180, 210, 240], [200, 200, 210]], // airplane: sky
  [[110, 110, 120], [70, 70, 75], [190, 30, 40]], // automobile: road
  [[140, 190, 230], [90, 140, 80], [120, 90, 60]], // bird
  [[150, 130, 110], [110, 90, 80], [200, 160, 110]], // cat: indoors
  [[90, 130, 70], [70, 100, 50], [150, 110, 70]], // deer: forest
  [[160, 150, 130], [110, 120, 80], [170, 130, 90]], // dog
  [[70, 110, 60], [50, 80, 40], [100, 150, 60]], // frog
  [[150, 180, 210], [100, 140, 70], [120, 80, 50]], // horse
  [[130, 180, 230], [40, 90, 150], [230, 230, 230]], // ship: sea
  [[150, 160, 170], [80, 80, 85], [40, 90, 170]], // truck
];

/** One h×w×3 picture of class `label` (any class count; extra classes reuse the scenes). */
export function syntheticImage(label: number, seed: number, height = 32, width = 32, channels = 3): Uint8Array {
  const random = seededRandom(seed * 7919 + label);
  const [top, bottom, object] = SCENES[label % SCENES.length];
  const cx = width * (0.35 + random() * 0.3);
  const cy = height * (0.4 + random() * 0.3);
  const rx = width * (0.18 + random() * 0.15);
  const ry = height * (0.12 + random() * 0.15);
  const out = new Uint8Array(height * width * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = y / (height - 1);
      const inside = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
      const shade = inside ? 0.75 + 0.25 * Math.cos((x - cx) / rx + (y - cy) / ry) : 1;
      const rgb = [0, 1, 2].map((k) => {
        const base = inside ? object[k] * shade : top[k] * (1 - t) + bottom[k] * t;
        return Math.max(0, Math.min(255, Math.round(base + (random() - 0.5) * 28)));
      });
      const p = (y * width + x) * channels;
      if (channels === 1) out[p] = Math.round((rgb[0] + rgb[1] + rgb[2]) / 3);
      else out.set(rgb.slice(0, channels), p);
    }
  }
  return out;
}
