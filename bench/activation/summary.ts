// The benchmark's table: median and range over rounds of each activation figure.
import type { ActivationRecord } from './activationRecord';

/** Median, minimum and maximum of some measurements. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** The spread of a non-empty list of numbers. */
export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error('no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** A round's whole cost to the extension host: loading plus activate(). */
export function totalMs(record: ActivationRecord): number {
  return record.loadMs + record.activateMs;
}

interface Column {
  label: string;
  value: (r: ActivationRecord) => number;
  format: (n: number) => string;
}

const ms = (n: number) => n.toFixed(1);
const COLUMNS: Column[] = [
  { label: 'load (ms)', value: (r) => r.loadMs, format: ms },
  { label: 'activate (ms)', value: (r) => r.activateMs, format: ms },
  { label: 'total (ms)', value: totalMs, format: ms },
  { label: 'modules', value: (r) => r.modules, format: (n) => String(n) },
  { label: 'module bytes (KiB)', value: (r) => r.moduleBytes / 1024, format: (n) => n.toFixed(0) },
  { label: 'heap delta (MiB)', value: (r) => r.heapDeltaBytes / 2 ** 20, format: (n) => n.toFixed(2) },
];

/** One line per figure: median and min–max over the rounds. */
export function formatTable(records: readonly ActivationRecord[]): string {
  const rows = COLUMNS.map((c) => {
    const s = spreadOf(records.map(c.value));
    return [c.label, c.format(s.median), `${c.format(s.min)}–${c.format(s.max)}`];
  });
  const header = ['', `median of ${records.length}`, 'min–max'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
