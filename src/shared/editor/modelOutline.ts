// Where each layer sits in the text and what shape it gives, read tolerantly: while the user
// types, the file is often not valid as a whole (a missing comma, a misspelt argument in the
// fourth layer, a wrong `units`), yet the layers before the problem still have shapes worth
// showing. parseModelFile stays the judge of validity; this only feeds the editor's hints.
import { findNodeAtLocation, getNodeValue, parseTree, type Node } from 'jsonc-parser';
import { datasetInputShape } from '../datasetInfo';
import { normalizeAliases } from '../keyAliases';
import { layerSchema, modelFileSchema, type LayerSpec } from '../modelSchema';
import { inferShapes, type LayerShapeInfo } from '../shapeInference';

/** One item of the `layers` array, as written and as understood. */
export interface LayerOutline {
  index: number;
  /** Offset and length of the layer's `{ … }` in the text. */
  offset: number;
  length: number;
  /** The layer with aliases normalised, or null when it does not pass the schema. */
  spec: LayerSpec | null;
  /** Shapes and costs, or null for an invalid layer and every layer after a problem. */
  shape: LayerShapeInfo | null;
}

/** What the editor shows about a model file, valid or not. */
export interface ModelOutline {
  /** The model's `name`, else the fallback (the file name). */
  name: string;
  /** [h, w, c] the layers start from, or null when neither inputShape nor the data set fixes it. */
  inputShape: number[] | null;
  layers: LayerOutline[];
  /** True when every layer has a shape (the totals then cover the whole model). */
  complete: boolean;
  totalParams: number;
  trainableParams: number;
  totalMultiplyAdds: number;
}

/** Reads the layers and their shapes out of a model file's text, as far as they can be known. */
export function outlineModel(text: string, fallbackName: string): ModelOutline {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const empty: ModelOutline = { name: fallbackName, inputShape: null, layers: [], complete: false, totalParams: 0, trainableParams: 0, totalMultiplyAdds: 0 };
  if (!root || root.type !== 'object') return empty;
  const document = normalizeAliases(getNodeValue(root)).value as Record<string, unknown>;
  const name = typeof document.name === 'string' && document.name !== '' ? document.name : fallbackName;
  const inputShape = inputShapeOf(document);
  const layersNode = findNodeAtLocation(root, ['layers']);
  const layerNodes = layersNode?.type === 'array' ? layersNode.children ?? [] : [];
  const layerValues = Array.isArray(document.layers) ? document.layers : [];

  const specs = layerNodes.map((_, i) => {
    const parsed = layerSchema.safeParse(layerValues[i]);
    return parsed.success ? parsed.data : null;
  });
  // Shapes flow only through the unbroken run of valid layers from the start.
  const firstInvalid = specs.indexOf(null);
  const prefix = (firstInvalid === -1 ? specs : specs.slice(0, firstInvalid)) as LayerSpec[];
  const report = inputShape && prefix.length > 0 ? inferShapes(prefix, inputShape) : null;
  const shapeOf = (i: number): LayerShapeInfo | null => {
    const info = report?.layers[i];
    return info && info.outputShape.length > 0 ? info : null;
  };
  const layers = layerNodes.map((node: Node, i): LayerOutline => ({ index: i, offset: node.offset, length: node.length, spec: specs[i], shape: shapeOf(i) }));
  const complete = layers.length > 0 && layers.every((l) => l.shape !== null);
  return {
    name, inputShape, layers, complete,
    totalParams: report?.totalParams ?? 0,
    trainableParams: report?.trainableParams ?? 0,
    totalMultiplyAdds: report?.totalMultiplyAdds ?? 0,
  };
}

/** The layer whose `{ … }` contains the offset, if any. */
export function layerAtOffset(outline: ModelOutline, offset: number): LayerOutline | undefined {
  return outline.layers.find((l) => offset >= l.offset && offset <= l.offset + l.length);
}

/** inputShape when it is well formed, else the data set's, as resolveModel picks it. */
function inputShapeOf(document: Record<string, unknown>): number[] | null {
  const written = modelFileSchema.shape.inputShape.safeParse(document.inputShape);
  if (written.success && written.data) return written.data;
  const dataset = modelFileSchema.shape.dataset.safeParse(document.dataset);
  return dataset.success ? datasetInputShape(dataset.data) : null;
}
