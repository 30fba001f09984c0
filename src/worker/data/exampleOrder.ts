// Training examples are stored in an order that spreads every class evenly through the
// sequence, so that a validation split taken from the end later holds all classes in
// their proportions rather than the last class folder alone.
import seedrandom from 'seedrandom';

/**
 * A seeded permutation of example indexes: each class is shuffled, then its examples are
 * placed at evenly spaced, jittered positions (stratified interleaving).
 */
export function interleavedOrder(labels: ArrayLike<number>, seed: string): number[] {
  const rng = seedrandom(seed);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const group = byClass.get(labels[i]);
    if (group) group.push(i);
    else byClass.set(labels[i], [i]);
  }
  const position = new Float64Array(labels.length);
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const group = byClass.get(label) as number[];
    shuffleInPlace(group, rng);
    group.forEach((index, rank) => { position[index] = (rank + rng()) / group.length; });
  }
  return Array.from(position.keys()).sort((a, b) => position[a] - position[b] || a - b);
}

function shuffleInPlace<T>(items: T[], rng: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}
