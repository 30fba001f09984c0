// Number formats shared by the webviews, so the header, tables and tooltips read alike.

/** 0.7123 → "71.2%". */
export function percent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? '–' : `${(value * 100).toFixed(digits)}%`;
}

/** A loss or similar metric with four significant digits. */
export function metric(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return Math.abs(value) >= 100 ? value.toFixed(1) : value.toPrecision(4);
}

/** 1250858 → "1.25 M". */
export function count(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M`;
  if (value >= 1e4) return `${(value / 1e3).toFixed(1)} k`;
  return value.toLocaleString('en-US');
}

/** Seconds as "42 s", "12 min", "3 h 05 min". */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** A learning rate with three significant digits: 0.003, 0.000125. */
export function learningRate(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return String(Number(value.toPrecision(3)));
}

/** A rate such as images per second, with no false precision. */
export function rate(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);
}
