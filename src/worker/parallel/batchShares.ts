// How a batch is divided among the replicas. Any division gives the same step (the
// gradients are averaged weighted by share size), so it is chosen for speed only: in
// proportion to each replica's measured images per millisecond, so that all finish together.

/** Splits `n` into integer shares proportional to `speeds` (largest remainder), each at least 1 when n allows. */
export function divideBatch(n: number, speeds: readonly number[]): number[] {
  const k = speeds.length;
  if (n < k) return speeds.map((_, i) => (i < n ? 1 : 0));
  const total = speeds.reduce((a, b) => a + b, 0);
  const exact = speeds.map((s) => (n * s) / total);
  const shares = exact.map((e) => Math.max(1, Math.floor(e)));
  let left = n - shares.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  for (let j = 0; left > 0; j = (j + 1) % k, left--) shares[byRemainder[j][1]]++;
  // Raising tiny shares to 1 can overshoot: take the excess from the largest.
  for (; left < 0; left++) shares[shares.indexOf(Math.max(...shares))]--;
  return shares;
}

/** Tracks each replica's speed (images per ms, smoothed) and divides batches by it. */
export class ShareBalancer {
  private readonly speeds: number[];
  private readonly measured = new Set<number>();

  /** `smoothing`: the weight of each new measurement against the running estimate. */
  constructor(replicas: number, private readonly smoothing = 0.3) {
    this.speeds = new Array<number>(replicas).fill(1);
  }

  /** The shares of a batch of `n`: equal until every replica has been measured. */
  divide(n: number): number[] {
    return divideBatch(n, this.measured.size === this.speeds.length ? this.speeds : this.speeds.map(() => 1));
  }

  /** Records that replica `index` took `ms` for `images` images (loading and unloading included). */
  record(index: number, images: number, ms: number): void {
    if (images <= 0 || !(ms > 0)) return;
    const speed = images / ms;
    // The first measurement replaces the neutral starting value outright.
    const seen = this.measured.has(index);
    this.measured.add(index);
    this.speeds[index] = seen ? (1 - this.smoothing) * this.speeds[index] + this.smoothing * speed : speed;
  }
}
