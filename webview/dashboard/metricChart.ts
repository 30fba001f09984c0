// One live chart of a training metric (loss or accuracy): faint raw batch values, their
// smoothed curve, the epoch means as points and the validation curve, on an x axis in epochs
// that spans the whole planned run so progress reads at a glance.
import { Chart, type ChartDataset } from 'chart.js';
import type { DashboardState } from '../../src/shared/dashboardState';
import { metric, percent } from '../common/format';
import { withAlpha } from '../common/theme';
import type { BatchPoints, Point, SmoothedSeries } from './batchPoints';
import { baseLineOptions, type ChartColors } from './chartTheme';

export type MetricName = 'loss' | 'accuracy';

/** A chart bound to a canvas, redrawn from the state and the batch points on demand. */
export class MetricChart {
  private chart: Chart<'line', Point[]> | null = null;
  private readonly canvas: HTMLCanvasElement;

  constructor(private readonly host: HTMLElement, private readonly metricName: MetricName) {
    this.canvas = document.createElement('canvas');
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', `${metricName} by epoch, training and validation`);
    host.append(this.canvas);
  }

  /** (Re)creates the chart with the theme's colours; called at start and on a theme change. */
  applyTheme(colors: ChartColors, palette: string[]): void {
    const [trainColor, validationColor] = palette;
    this.chart?.destroy();
    const options = baseLineOptions(colors, 'epoch');
    // Ticks are round numbers: no trailing zeros (toPrecision would print 2.500).
    const format = this.metricName === 'accuracy' ? (v: number) => percent(v, 0) : (v: number) => String(Number(v.toPrecision(3)));
    options.scales!.y = { ...options.scales!.y, ticks: { ...options.scales!.y!.ticks, callback: (v) => format(Number(v)) } };
    if (this.metricName === 'accuracy') options.scales!.y!.max = 1;
    options.plugins!.tooltip!.callbacks = {
      title: (items) => (items.length ? `epoch ${items[0].parsed.x?.toFixed(2) ?? ''}` : ''),
      label: (item) => ` ${item.dataset.label}: ${this.metricName === 'accuracy' ? percent(item.parsed.y, 2) : metric(item.parsed.y)}`,
    };
    const datasets: ChartDataset<'line', Point[]>[] = [
      { label: '_batches', data: [], borderColor: withAlpha(trainColor, 0.22), borderWidth: 1, order: 4 },
      { label: 'train (smoothed)', data: [], borderColor: trainColor, backgroundColor: trainColor, borderWidth: 2, pointStyle: 'line', order: 3 },
      {
        label: 'train, epoch mean', data: [], showLine: false, borderColor: trainColor, backgroundColor: trainColor,
        pointRadius: 3.5, pointHoverRadius: 5, pointStyle: 'rectRot', order: 2,
      },
      {
        label: 'validation', data: [], borderColor: validationColor, backgroundColor: validationColor,
        borderWidth: 2, pointRadius: 3, pointHoverRadius: 5, order: 1,
      },
    ];
    this.chart = new Chart(this.canvas, { type: 'line', data: { datasets }, options });
  }

  /** Redraws from the state; `points` must already be synced with state.batches. */
  update(state: DashboardState, points: BatchPoints): void {
    const chart = this.chart;
    if (!chart) return;
    const series: SmoothedSeries = this.metricName === 'loss' ? points.loss : points.accuracy;
    const key = this.metricName;
    const validationKey = this.metricName === 'loss' ? 'val_loss' : 'val_accuracy';
    const [raw, smooth, epochMean, validation] = chart.data.datasets;
    // Copies, because chart.js patches the arrays it is given and redoes work on every push
    // into them, which made appending to a long series quadratic.
    raw.data = series.raw.slice();
    smooth.data = series.smooth.slice();
    epochMean.data = state.epochs.map((e) => ({ x: e.epoch + 1, y: e[key] }));
    validation.data = state.epochs.flatMap((e) => (e[validationKey] === null ? [] : [{ x: e.epoch + 1, y: e[validationKey] }]));
    const x = chart.options.scales!.x!;
    x.min = state.begin?.initialEpoch ?? 0;
    x.max = state.begin ? Math.max(state.begin.epochs, x.min + 1) : undefined;
    chart.update('none');
    // Read by the webview tests and handy when debugging: what the chart holds, before decimation.
    this.host.dataset.batchPoints = String(series.raw.length);
    this.host.dataset.epochPoints = String(epochMean.data.length);
    this.host.dataset.validationPoints = String(validation.data.length);
  }
}
