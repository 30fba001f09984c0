// Chart points for the batch series, kept up to date incrementally: while training streams,
// only the new points are converted and smoothed, so a redraw costs the same at 50 points
// as at 50,000. A pairwise merge in the state (or a new smoothing weight) rebuilds them.
import type { BatchSeries } from '../../src/shared/dashboardState';

/** A chart.js point in its internal format (which lets chart.js skip parsing). */
export interface Point { x: number; y: number }

/** A raw series and its exponential moving average, debiased like TensorBoard's smoothing. */
export class SmoothedSeries {
  readonly raw: Point[] = [];
  readonly smooth: Point[] = [];
  private average = 0;
  private seen = 0;

  constructor(private readonly weight: number) {}

  /** Adds one point to both series. */
  push(x: number, y: number): void {
    this.seen += 1;
    this.average = this.average * this.weight + (1 - this.weight) * y;
    // Without the debiasing division the first points would be pulled towards 0.
    const debias = this.weight === 0 ? 1 : 1 - this.weight ** this.seen;
    this.raw.push({ x, y });
    this.smooth.push({ x, y: this.average / debias });
  }
}

/** Loss and accuracy points of the batch series, synchronised with the state on demand. */
export class BatchPoints {
  loss: SmoothedSeries;
  accuracy: SmoothedSeries;
  private length = 0;
  private merged = -1;
  private weight: number;

  constructor(weight: number) {
    this.weight = weight;
    this.loss = new SmoothedSeries(weight);
    this.accuracy = new SmoothedSeries(weight);
  }

  /** Brings the points up to `series`; returns whether anything changed. */
  sync(series: BatchSeries, weight: number): boolean {
    const rebuild = series.merged !== this.merged || weight !== this.weight || series.length < this.length;
    if (!rebuild && series.length === this.length) return false;
    if (rebuild) {
      this.weight = weight;
      this.loss = new SmoothedSeries(weight);
      this.accuracy = new SmoothedSeries(weight);
      this.length = 0;
      this.merged = series.merged;
    }
    let offset = 0;
    for (const chunk of series.chunks) {
      const end = offset + chunk.x.length;
      for (let i = Math.max(this.length, offset); i < end; i++) {
        const k = i - offset;
        this.loss.push(chunk.x[k], chunk.loss[k]);
        this.accuracy.push(chunk.x[k], chunk.accuracy[k]);
      }
      offset = end;
    }
    this.length = series.length;
    return true;
  }
}
