// The hover on a layer: what it does in Keras terms, its arguments with the defaults filled
// in, its shapes, and the arithmetic behind its parameters and multiply-adds (Markdown).
import { layerNames } from '../modelDefaults';
import type { LayerSpec } from '../modelSchema';
import { formatShape } from '../shapeInference';
import { KERAS_CLASS, LAYER_PURPOSE, kerasArguments } from './layerArgumentsTable';
import { layerCostFormulas } from './layerCost';
import type { LayerOutline, ModelOutline } from './modelOutline';
import { formatMultiplyAdds, kerasShape } from '../numberFormat';

/** Markdown for the hover on `layer`, or null when the layer does not pass the schema (its diagnostics say why). */
export function layerHoverMarkdown(outline: ModelOutline, layer: LayerOutline): string | null {
  const spec = layer.spec;
  if (!spec) return null;
  // Keras numbers unnamed layers by type over the whole model; the specs before this one decide its name.
  const earlier = outline.layers.slice(0, layer.index + 1).map((l) => l.spec).filter((s): s is LayerSpec => s !== null);
  const name = layer.shape?.name ?? layerNames(earlier)[earlier.length - 1];
  // Shapes and costs first: the arguments table is long and the hover may have to scroll.
  const lines = [
    `**${spec.type}** \`${name}\` · layer ${layer.index + 1} of ${outline.layers.length} · \`${KERAS_CLASS[spec.type]}\``,
    '',
    LAYER_PURPOSE[spec.type],
    '',
    ...shapeLines(outline, layer, spec),
    '',
    '| Keras argument | Value |',
    '|:--|:--|',
    ...kerasArguments(spec, name).map((a) => `| \`${a.keras}\` | \`${escapeCell(a.value)}\`${a.isDefault ? ' *(default)*' : ''} |`),
  ];
  return lines.join('\n');
}

function shapeLines(outline: ModelOutline, layer: LayerOutline, spec: LayerSpec): string[] {
  const info = layer.shape;
  if (!info) {
    return [outline.inputShape === null
      ? '*Shapes unknown: the data set or inputShape is not valid yet.*'
      : '*Shapes unknown: this layer or one before it has a problem (see the Problems panel).*'];
  }
  const cost = layerCostFormulas(spec, info);
  return [
    `**Input** ${formatShape(info.inputShape)} → **output** ${formatShape(info.outputShape)} — Keras \`${kerasShape(info.outputShape)}\``,
    '',
    `**Params** ${cost.params}`,
    '',
    `**Mult-adds per image** ${cost.multiplyAdds}${info.multiplyAdds >= 1000 ? ` (${formatMultiplyAdds(info.multiplyAdds)})` : ''}`,
  ];
}

/** A table cell may not hold a "|"; none of the values do today, but a layer name is free text. */
function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
