// The edits behind the editor's quick fixes, computed from the text and one diagnostic of
// parseModelFile. Pure, so each fix is tested by applying it and validating the result; the
// VS Code provider only turns offsets into ranges.
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { Diagnostic } from '../parseModelFile';
import { addProperty, compactJson, insertBeforeItem, type TextEdit } from './jsonEdits';

/** One quick fix: a title for the light-bulb menu and the edits it makes. */
export interface QuickFix {
  title: string;
  edits: TextEdit[];
  /** The obvious fix, which "Auto Fix" may apply without asking. */
  isPreferred: boolean;
}

/** The quick fixes for one diagnostic (none when the problem has no mechanical fix). */
export function quickFixesFor(text: string, diagnostic: Diagnostic): QuickFix[] {
  const insert = diagnostic.fix?.insertLayer;
  if (insert) return insertLayerFixes(text, diagnostic, insert);
  if (diagnostic.code === 'softmax-loss-mismatch') return softmaxFix(text, diagnostic);
  const replacement = diagnostic.fix?.replacement;
  if (replacement === undefined) return [];
  const written = text.slice(diagnostic.start.offset, diagnostic.end.offset);
  const edit: TextEdit = { offset: diagnostic.start.offset, length: diagnostic.end.offset - diagnostic.start.offset, newText: tidyJson(replacement) };
  return [{ title: replacementTitle(diagnostic, written, edit.newText), edits: [edit], isPreferred: true }];
}

/** One fix that renames every Keras snake_case spelling in the file at once, when there are several. */
export function fixAllSnakeCase(diagnostics: readonly Diagnostic[]): QuickFix | null {
  const renames = diagnostics.filter((d) => d.code.startsWith('snake-case-') && d.fix?.replacement !== undefined);
  if (renames.length < 2) return null;
  return {
    title: `Use CNN Lab's camelCase for all ${renames.length} Keras spellings`,
    edits: renames.map((d) => ({ offset: d.start.offset, length: d.end.offset - d.start.offset, newText: d.fix?.replacement ?? '' })),
    isPreferred: false,
  };
}

function replacementTitle(d: Diagnostic, written: string, newText: string): string {
  const unquoted = (s: string) => s.replace(/^"(.*)"$/, '$1');
  const argument = String(d.path[d.path.length - 1] ?? '');
  switch (d.code) {
    case 'output-units-mismatch':
      return `Set ${argument} to ${newText} (one output per class)`;
    case 'snake-case-key':
      return `Rename "${unquoted(written)}" to "${unquoted(newText)}"`;
    case 'snake-case-value':
    case 'unknown-layer-type':
    case 'unknown-argument':
    case 'unknown-value':
      return `Change "${unquoted(written)}" to "${unquoted(newText)}"`;
    case 'input-shape-mismatch':
      return `Set inputShape to ${newText}, the data set's shape`;
    case 'json-syntax':
      return newText === '' ? 'Remove the trailing comma' : `Replace with ${newText}`;
    default:
      return newText === '' ? `Remove ${written}` : `Replace with ${newText}`;
  }
}

/** A JSON replacement written the way model files are (`[32, 32, 3]` rather than `[32,32,3]`). */
function tidyJson(json: string): string {
  if (!/^[[{]/.test(json)) return json;
  try {
    return compactJson(JSON.parse(json));
  } catch {
    return json;
  }
}

function insertLayerFixes(text: string, d: Diagnostic, insert: { index: number; layer: Record<string, unknown> }): QuickFix[] {
  const root = parseTree(text);
  const item = root && findNodeAtLocation(root, ['layers', insert.index]);
  if (!item) return [];
  const type = String(insert.layer.type);
  const before = `before layer ${insert.index + 1}`;
  const fixes: QuickFix[] = [{ title: `Insert a ${type} layer ${before}`, edits: [insertBeforeItem(text, item, compactJson(insert.layer))], isPreferred: true }];
  // Keras's other way to make image features flat: fewer parameters, and any image size fits.
  if (d.code === 'dense-needs-flat-input' && type === 'Flatten') {
    fixes.push({
      title: `Insert a GlobalAveragePooling2D layer ${before}`,
      edits: [insertBeforeItem(text, item, compactJson({ type: 'GlobalAveragePooling2D' }))],
      isPreferred: false,
    });
  }
  return fixes;
}

/** Sets the last layer's activation to softmax, adding the argument when the layer has none. */
function softmaxFix(text: string, d: Diagnostic): QuickFix[] {
  const title = 'Use "activation": "softmax" on the last layer';
  const last = d.path[d.path.length - 1];
  if (last === 'activation') {
    return [{ title, edits: [{ offset: d.start.offset, length: d.end.offset - d.start.offset, newText: '"softmax"' }], isPreferred: true }];
  }
  // Anchored at the layer's "type" when the layer has no activation; elsewhere there is no layer to change.
  if (last !== 'type' || d.path[0] !== 'layers' || typeof d.path[1] !== 'number') return [];
  const root = parseTree(text);
  const layer = root && findNodeAtLocation(root, d.path.slice(0, -1));
  if (!layer || layer.type !== 'object') return [];
  return [{ title, edits: [addProperty(text, layer, 'activation', '"softmax"')], isPreferred: true }];
}
