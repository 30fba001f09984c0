// Numbers as CNN Lab prints them in the CLI, the editor's hints and hover, and summaries,
// so `cnn-lab summary` and the editor say the same thing.

/** Formats multiply-adds as "20.7 M". */
export function formatMultiplyAdds(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} K`;
  return String(n);
}

/** 1250858 → "1,250,858", as Keras's model.summary() groups digits. */
export function groupDigits(n: number): string {
  return n.toLocaleString('en-US');
}

/** "896 params", "1 param". */
export function paramsPhrase(n: number): string {
  return `${groupDigits(n)} param${n === 1 ? '' : 's'}`;
}

/** A layer's output as Keras prints it, with the batch dimension: (None, 16, 16, 32). */
export function kerasShape(shape: readonly number[]): string {
  return `(None, ${shape.join(', ')})`;
}
