// Augmentation and shuffling must repeat exactly for a given `fit.seed`, which Math.random
// cannot do; seedrandom's default (ARC4) generator is the one exampleOrder.ts already uses.
import seedrandom from 'seedrandom';

/** A uniform [0, 1) generator that yields the same sequence for the same seed. */
export function createSeededRandom(seed: number): () => number {
  return seedrandom(String(seed));
}
