// The confusion matrix and the per-class metrics derived from it. The worker computes them
// at the end of training; the dashboard recomputes the summary rows from the same matrix,
// so both sides share this one definition (scikit-learn's, with zero_division=0).
import type { PerClassMetrics } from './trainingEvents';

/** A square matrix of counts, confusion[true][predicted]. */
export type ConfusionMatrix = number[][];

/** Counts confusion[true][predicted] over paired labels and predictions. */
export function confusionMatrix(labels: readonly number[], predicted: readonly number[], classCount: number): ConfusionMatrix {
  if (labels.length !== predicted.length) {
    throw new Error(`labels (${labels.length}) and predictions (${predicted.length}) differ in length`);
  }
  const matrix = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i];
    const p = predicted[i];
    if (!isClass(t, classCount) || !isClass(p, classCount)) {
      throw new Error(`example ${i}: class ${isClass(t, classCount) ? p : t} is outside 0..${classCount - 1}`);
    }
    matrix[t][p] += 1;
  }
  return matrix;
}

/** Precision, recall, F1 and support of each class (0 where a ratio has no denominator). */
export function perClassMetrics(confusion: readonly (readonly number[])[]): PerClassMetrics[] {
  const n = confusion.length;
  const columnSums = new Array<number>(n).fill(0);
  for (const row of confusion) row.forEach((count, p) => { columnSums[p] += count; });
  return confusion.map((row, c) => {
    const truePositives = row[c];
    const support = sum(row);
    const precision = columnSums[c] === 0 ? 0 : truePositives / columnSums[c];
    const recall = support === 0 ? 0 : truePositives / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { precision, recall, f1, support };
  });
}

/** Share of all examples that lie on the diagonal (0 for an empty matrix). */
export function accuracyOf(confusion: readonly (readonly number[])[]): number {
  const total = sum(confusion.map(sum));
  if (total === 0) return 0;
  return sum(confusion.map((row, i) => row[i])) / total;
}

/** Unweighted mean over classes (the "macro avg" row of a classification report). */
export function macroAverage(metrics: readonly PerClassMetrics[]): { precision: number; recall: number; f1: number } {
  const n = metrics.length || 1;
  return {
    precision: sum(metrics.map((m) => m.precision)) / n,
    recall: sum(metrics.map((m) => m.recall)) / n,
    f1: sum(metrics.map((m) => m.f1)) / n,
  };
}

/** The largest off-diagonal cells, most frequent first: the mistakes worth looking at. */
export function topConfusions(
  confusion: readonly (readonly number[])[],
  limit: number,
): Array<{ trueClass: number; predictedClass: number; count: number }> {
  const cells: Array<{ trueClass: number; predictedClass: number; count: number }> = [];
  confusion.forEach((row, t) => row.forEach((count, p) => {
    if (t !== p && count > 0) cells.push({ trueClass: t, predictedClass: p, count });
  }));
  cells.sort((a, b) => b.count - a.count || a.trueClass - b.trueClass || a.predictedClass - b.predictedClass);
  return cells.slice(0, limit);
}

function isClass(value: number, classCount: number): boolean {
  return Number.isInteger(value) && value >= 0 && value < classCount;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
