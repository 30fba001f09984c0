// A multi-line model file on CIFAR-10 with one layer per line, as the examples are written:
// the validator's and the quick fixes' tests place their expectations in such text.

/** The model file text with the given layer lines and extra top-level lines. */
export function modelText(layers: string[], ...extra: string[]): string {
  return [
    '{',
    '  "dataset": { "name": "cifar10" },',
    '  "layers": [',
    layers.map((l) => `    ${l}`).join(',\n'),
    `  ]${extra.length ? ',' : ''}`,
    ...extra.map((e, i) => `  ${e}${i < extra.length - 1 ? ',' : ''}`),
    '}',
  ].join('\n');
}
