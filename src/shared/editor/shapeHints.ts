// The shapes shown in place: a hint after each layer (`→ 16×16×32 · 896 params`) and the
// line above the file (`▶ Train · 1,250,858 params · 20.7 M mult-adds/image`).
import { formatShape } from '../shapeInference';
import type { ModelOutline } from './modelOutline';
import { formatMultiplyAdds, groupDigits, paramsPhrase } from '../numberFormat';

/** A hint placed at `offset` in the text. */
export interface ShapeHint {
  offset: number;
  label: string;
  tooltip: string;
}

/** One hint per layer whose shape is known, just after the layer's `}` (and its comma). */
export function layerShapeHints(text: string, outline: ModelOutline): ShapeHint[] {
  return outline.layers.flatMap((layer) => {
    const info = layer.shape;
    if (!info) return [];
    const label = info.params > 0 ? `→ ${formatShape(info.outputShape)} · ${paramsPhrase(info.params)}` : `→ ${formatShape(info.outputShape)}`;
    const tooltip = `${info.name} (${info.type}): ${formatShape(info.inputShape)} → ${formatShape(info.outputShape)}, ` +
      `${paramsPhrase(info.params)}, ${formatMultiplyAdds(info.multiplyAdds)} mult-adds per image`;
    return [{ offset: afterItem(text, layer.offset + layer.length), label, tooltip }];
  });
}

/** After the comma that follows an array item on its line, so the hint does not split `}` from `,`. */
function afterItem(text: string, end: number): number {
  const rest = /^[ \t]*,/.exec(text.slice(end, end + 64));
  return rest ? end + rest[0].length : end;
}

/** Title of the Train lens: the model's size when it is known, or how many errors stand in the way. */
export function trainLensTitle(outline: ModelOutline, errorCount: number): string {
  if (errorCount > 0) return `▶ Train (${errorCount} error${errorCount === 1 ? '' : 's'} to fix first)`;
  if (!outline.complete) return '▶ Train';
  return `▶ Train · ${groupDigits(outline.totalParams)} params · ${formatMultiplyAdds(outline.totalMultiplyAdds)} mult-adds/image`;
}
