// Several runs side by side: validation accuracy and loss per epoch overlaid, and a table of
// each run's final figures with the best value of each column marked.
import { Chart, type ChartDataset } from 'chart.js';
import type { CompareRun } from '../../src/shared/webviewProtocol';
import { byId, el, replaceChildren } from '../common/dom';
import { count, duration, metric, percent } from '../common/format';
import type { Point } from './batchPoints';
import { baseLineOptions, type ChartColors } from './chartTheme';

type Metric = 'val_accuracy' | 'val_loss';

/** The Compare tab. */
export class ComparePanel {
  private readonly charts = new Map<Metric, Chart<'line', Point[]>>();
  private readonly table = byId('compare-table');
  private readonly empty = byId('compare-empty');
  private runs: CompareRun[] = [];
  private palette: string[] = [];

  constructor(onChooseRuns: () => void) {
    byId('compare-choose').addEventListener('click', onChooseRuns);
  }

  /** (Re)creates the charts in the theme's colours. */
  applyTheme(colors: ChartColors, palette: string[]): void {
    this.palette = palette;
    for (const metricName of ['val_accuracy', 'val_loss'] as const) {
      this.charts.get(metricName)?.destroy();
      const host = byId(metricName === 'val_accuracy' ? 'compare-accuracy' : 'compare-loss');
      let canvas = host.querySelector('canvas');
      if (!canvas) {
        canvas = el('canvas', { role: 'img', 'aria-label': `${metricName} by epoch for each compared run` });
        host.append(canvas);
      }
      const options = baseLineOptions(colors, 'epoch', true);
      const format = metricName === 'val_accuracy' ? (v: number) => percent(v, 1) : metric;
      const tick = metricName === 'val_accuracy' ? (v: number) => percent(v, 0) : (v: number) => String(Number(v.toPrecision(3)));
      options.scales!.y = { ...options.scales!.y, ticks: { ...options.scales!.y!.ticks, callback: (v) => tick(Number(v)) } };
      options.plugins!.tooltip!.callbacks = {
        title: (items) => (items.length ? `epoch ${items[0].parsed.x}` : ''),
        label: (item) => ` ${item.dataset.label}: ${format(item.parsed.y ?? 0)}`,
      };
      options.interaction = { mode: 'nearest', axis: 'xy', intersect: false };
      // Run names are long: one per line beneath the chart reads better than a wrapped row above it.
      options.plugins!.legend = { ...options.plugins!.legend, position: 'bottom', align: 'start' };
      this.charts.set(metricName, new Chart(canvas, { type: 'line', data: { datasets: [] }, options }));
    }
    this.update(this.runs, true);
  }

  /** Shows these runs (no-op when they are the ones shown, unless forced). */
  update(runs: CompareRun[], force = false): void {
    if (runs === this.runs && !force) return;
    this.runs = runs;
    this.empty.hidden = runs.length > 0;
    for (const [metricName, chart] of this.charts) {
      chart.data.datasets = runs.map((run, i): ChartDataset<'line', Point[]> => {
        const color = this.palette[i % this.palette.length];
        return {
          label: run.name, borderColor: color, backgroundColor: color, borderWidth: 2, pointRadius: 3,
          data: run.epochs.flatMap((e) => (e[metricName] === null ? [] : [{ x: e.epoch + 1, y: e[metricName] as number }])),
        };
      });
      chart.update('none');
      chart.canvas.parentElement!.dataset.series = String(runs.length);
    }
    this.drawTable(runs);
  }

  private drawTable(runs: CompareRun[]): void {
    if (runs.length === 0) { replaceChildren(this.table); return; }
    const bestVal = runs.map((r) => best(r.epochs.map((e) => e.val_accuracy), Math.max));
    const lastLoss = runs.map((r) => r.epochs.at(-1)?.val_loss ?? null);
    const marks = {
      bestVal: best(bestVal, Math.max), lastLoss: best(lastLoss, Math.min), test: best(runs.map((r) => r.testAccuracy), Math.max),
    };
    const cell = (text: string, isBest: boolean): HTMLElement => el('td', { class: isBest ? 'best' : '' }, text);
    replaceChildren(this.table, el('table', { class: 'compare' },
      el('thead', {}, el('tr', {}, ...['', 'run', 'model', 'status', 'epochs', 'best val acc', 'final val loss', 'test acc', 'params', 'time', 'backend']
        .map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...runs.map((run, i) => {
        const swatch = el('span', { class: 'swatch' });
        swatch.style.setProperty('--swatch', this.palette[i % this.palette.length]);
        return el('tr', {},
          el('td', {}, swatch), el('th', { scope: 'row', title: run.runDir }, run.name), el('td', {}, run.modelName), el('td', {}, run.status),
          el('td', {}, `${run.epochs.length} / ${run.epochsPlanned}`),
          cell(percent(bestVal[i]), bestVal[i] !== null && bestVal[i] === marks.bestVal),
          cell(metric(lastLoss[i]), lastLoss[i] !== null && lastLoss[i] === marks.lastLoss),
          cell(percent(run.testAccuracy), run.testAccuracy !== null && run.testAccuracy === marks.test),
          el('td', {}, count(run.totalParams)), el('td', {}, duration(run.elapsedSeconds)), el('td', {}, run.backend ?? '–'));
      }))));
  }
}

function best(values: Array<number | null>, pick: (...v: number[]) => number): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length ? pick(...present) : null;
}
