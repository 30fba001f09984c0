// Small text edits on a JSON document that keep the way it is written: a new layer goes on a
// line of its own when layers have lines of their own, a new argument joins a one-line object
// on its line. jsonc-parser's `modify` would reformat the whole object instead.
import type { Node } from 'jsonc-parser';

/** Replace `length` characters at `offset` with `newText` (offsets into the text before any edit). */
export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

/** Applies non-overlapping edits, all given against the original text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  return [...edits]
    .sort((a, b) => b.offset - a.offset)
    .reduce((out, e) => out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length), text);
}

/** A value written on one line the way model files write layers: `{ "type": "Flatten" }`, `[32, 32]`. */
export function compactJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(compactJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${compactJson(v)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}

/** The whitespace that starts the line holding `offset`. */
export function indentationAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/** The line ending the text uses (CRLF when its first line break is one). */
function lineBreakOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

/** Inserts `itemText` as a new array item just before `item`, on its own line when `item` starts one. */
export function insertBeforeItem(text: string, item: Node, itemText: string): TextEdit {
  const lineStart = text.lastIndexOf('\n', item.offset - 1) + 1;
  const before = text.slice(lineStart, item.offset);
  if (/^[ \t]*$/.test(before)) {
    return { offset: lineStart, length: 0, newText: `${before}${itemText},${lineBreakOf(text)}` };
  }
  return { offset: item.offset, length: 0, newText: `${itemText}, ` };
}

/** Adds `"key": valueJson` as the object's last property, on a new line when its properties have lines of their own. */
export function addProperty(text: string, object: Node, key: string, valueJson: string): TextEdit {
  const property = `${JSON.stringify(key)}: ${valueJson}`;
  const last = object.children?.[object.children.length - 1];
  if (!last) return { offset: object.offset + 1, length: 0, newText: ` ${property} ` };
  const end = last.offset + last.length;
  const lastOnOwnLine = text.slice(object.offset, last.offset).includes('\n');
  return lastOnOwnLine
    ? { offset: end, length: 0, newText: `,${lineBreakOf(text)}${indentationAt(text, last.offset)}${property}` }
    : { offset: end, length: 0, newText: `, ${property}` };
}
