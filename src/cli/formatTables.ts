// Plain-text tables for the terminal: the Keras-style summary, per-class metrics, the
// confusion matrix. Pure functions so the CLI's output is tested as text.
import type { ShapeReport } from '../shared/shapeInference';
import type { EvaluationEvent } from '../shared/trainingEvents';
import { formatMultiplyAdds, groupDigits as group } from '../shared/numberFormat';



/** A Keras model.summary() table. */
export function formatSummary(name: string, report: ShapeReport): string {
  const rows = report.layers.map((l) => [`${l.name} (${l.type})`, `(None, ${l.outputShape.join(', ')})`, group(l.params)]);
  const header = ['Layer (type)', 'Output Shape', 'Param #'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)) + 3);
  const line = (cells: string[]) => cells.map((c, i) => (i === 2 ? c.padStart(widths[i] - 3) : c.padEnd(widths[i]))).join('');
  const rule = (ch: string) => ch.repeat(widths.reduce((a, b) => a + b, 0));
  return [
    `Model: "${name}"`,
    rule('_'),
    line(header),
    rule('='),
    ...rows.flatMap((r, i) => [line(r), i < rows.length - 1 ? rule('_') : rule('=')]),
    `Total params: ${group(report.totalParams)}`,
    `Trainable params: ${group(report.trainableParams)}`,
    `Non-trainable params: ${group(report.totalParams - report.trainableParams)}`,
    `Multiply-adds per image: ${formatMultiplyAdds(report.totalMultiplyAdds)} (${group(report.totalMultiplyAdds)})`,
  ].join('\n');
}

/** Precision, recall, F1 and support per class, Keras/scikit-learn classification_report style. */
export function formatPerClass(evaluation: EvaluationEvent): string {
  const nameWidth = Math.max(12, ...evaluation.classNames.map((n) => n.length)) + 2;
  const head = `${''.padEnd(nameWidth)}${'precision'.padStart(10)}${'recall'.padStart(10)}${'f1-score'.padStart(10)}${'support'.padStart(10)}`;
  const rows = evaluation.perClass.map((m, i) =>
    `${evaluation.classNames[i].padEnd(nameWidth)}${m.precision.toFixed(3).padStart(10)}${m.recall.toFixed(3).padStart(10)}${m.f1.toFixed(3).padStart(10)}${String(m.support).padStart(10)}`);
  return [head, ...rows].join('\n');
}

/** The confusion matrix with true classes as rows and predictions as columns. */
export function formatConfusion(evaluation: EvaluationEvent): string {
  const short = evaluation.classNames.map((n) => n.slice(0, 6));
  const corner = 'true \\ predicted';
  const nameWidth = Math.max(corner.length, ...evaluation.classNames.map((n) => n.length)) + 1;
  const cell = Math.max(6, ...evaluation.confusion.flat().map((v) => String(v).length)) + 1;
  const head = `${corner.padEnd(nameWidth)}${short.map((s) => s.padStart(cell)).join('')}`;
  const rows = evaluation.confusion.map((row, i) => `${evaluation.classNames[i].padEnd(nameWidth)}${row.map((v) => String(v).padStart(cell)).join('')}`);
  return [head, ...rows].join('\n');
}
