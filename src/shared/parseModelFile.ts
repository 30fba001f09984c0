// Text of a `*.cnn.json` file → the model and every problem in it, each tied to the exact
// key or value in the text. The CLI's `check`, the editor's diagnostics and the worker all
// call this, so a file the editor accepts is a file the worker trains.
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { modelFileSchema, type ModelFile } from './modelSchema';
import { normalizeAliases, toWrittenPath } from './keyAliases';
import { describeSchemaIssue } from './schemaIssueMessages';
import { checkModelSemantics } from './modelSemantics';

export interface TextPosition {
  offset: number;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
}

export interface Diagnostic {
  severity: 'error' | 'warning' | 'info';
  /** Stable identifier of the kind of problem (quick fixes and tests key on it). */
  code: string;
  message: string;
  /** JSON path of the offending key or value, as written in the file. */
  path: (string | number)[];
  start: TextPosition;
  end: TextPosition;
  /**
   * What a quick fix needs: `replacement` is the JSON text that replaces start..end as it
   * stands (a string keeps its quotes: "\"relu\""); `insertLayer` is a layer to insert at `index`.
   */
  fix?: { replacement?: string; insertLayer?: { index: number; layer: Record<string, unknown> } };
}

export interface ParsedModelFile {
  model: ModelFile | null;
  diagnostics: Diagnostic[];
}

/** Where in the text a problem sits: the node at a path, its key, or its parent's opening. */
export type Anchor = { path: (string | number)[]; on?: 'value' | 'key' };

/** A problem found on the normalised document, before it is placed in the text. */
export interface PendingDiagnostic extends Anchor {
  severity: Diagnostic['severity'];
  code: string;
  message: string;
  fix?: Diagnostic['fix'];
}

/** Parses and validates a model file; `model` is null when there is any error. */
export function parseModelFile(text: string): ParsedModelFile {
  const locate = createLocator(text);
  if (text.trim() === '') {
    return { model: null, diagnostics: [locate.range(0, 0, { severity: 'error', code: 'json-syntax', path: [], message: 'The file is empty; a model file is a JSON object with "dataset" and "layers"' })] };
  }
  const syntaxErrors: ParseError[] = [];
  const root = parseTree(text, syntaxErrors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (syntaxErrors.length > 0 || !root) {
    // jsonc-parser often reports one slip twice at the same offset; show it once.
    const firstPerOffset = syntaxErrors.filter((e, i) => syntaxErrors.findIndex((o) => o.offset === e.offset) === i);
    const diagnostics = firstPerOffset.map((e) => {
      const comma = trailingCommaBefore(text, e.offset);
      return comma === null
        ? locate.range(e.offset, Math.max(e.length, 1), {
          severity: 'error' as const, code: 'json-syntax', path: [], message: `Not valid JSON: ${describeSyntaxError(printParseErrorCode(e.error))}`,
        })
        : locate.range(comma, 1, {
          severity: 'error' as const, code: 'json-syntax', path: [], fix: { replacement: '' },
          message: `Not valid JSON: a trailing comma before "${text[e.offset]}" (JSON allows none); remove it`,
        });
    });
    return { model: null, diagnostics };
  }

  const written = getNodeValue(root) as unknown;
  if (written === null || typeof written !== 'object' || Array.isArray(written)) {
    return { model: null, diagnostics: [locate.node(root, [], { severity: 'error', code: 'not-an-object', message: 'A model file is a JSON object with "dataset" and "layers"' })] };
  }

  const { value, aliases, conflicts } = normalizeAliases(written);
  const pending: PendingDiagnostic[] = [];
  const aliasDiagnostics = aliases.map((alias): PendingDiagnostic => ({
    severity: 'info', code: alias.kind === 'key' ? 'snake-case-key' : 'snake-case-value', path: alias.path, on: alias.kind,
    message: `"${alias.written}" is the Keras spelling; CNN Lab writes it "${alias.canonical}"`,
    fix: { replacement: JSON.stringify(alias.canonical) },
  }));
  for (const conflict of conflicts) {
    pending.push({
      severity: 'error', code: 'duplicate-alias', path: conflict.path, on: 'key',
      message: `"${conflict.written}" and "${conflict.canonical}" are the same argument; keep only "${conflict.canonical}"`,
    });
  }

  const parsed = modelFileSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) pending.push(...describeSchemaIssue(issue, value, written));
  } else if (conflicts.length === 0) {
    pending.push(...checkModelSemantics(parsed.data));
  }
  // "kernel_sise" is no Keras spelling of anything: its unknown-argument error says all.
  const samePath = (a: Anchor, b: Anchor) => a.on === b.on && JSON.stringify(a.path) === JSON.stringify(b.path);
  pending.push(...aliasDiagnostics.filter((a) => !pending.some((d) => d.code === 'unknown-argument' && samePath(a, d))));

  const diagnostics = pending.map((d) => {
    const path = toWrittenPath(written, d.path);
    const node = findNodeAtLocation(root, path);
    return placeDiagnostic(locate, root, node, path, d);
  });
  diagnostics.sort((a, b) => a.start.offset - b.start.offset);
  const hasError = diagnostics.some((d) => d.severity === 'error');
  return { model: hasError || !parsed.success ? null : parsed.data, diagnostics };
}

function placeDiagnostic(locate: Locator, root: Node, node: Node | undefined, path: (string | number)[], d: PendingDiagnostic): Diagnostic {
  const base = { severity: d.severity, code: d.code, message: d.message, fix: d.fix };
  if (node) {
    const keyNode = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    return locate.node(d.on === 'key' && keyNode ? keyNode : node, path, base);
  }
  // A key that does not exist (a missing argument, or an unknown key being reported on its
  // own key node): climb to the nearest ancestor that exists and point at its key or opening.
  for (let i = path.length - 1; i >= 0; i--) {
    const parentPath = path.slice(0, i);
    const parent = findNodeAtLocation(root, parentPath);
    if (!parent) continue;
    const wanted = path[i];
    if (parent.type === 'object' && typeof wanted === 'string') {
      const prop = parent.children?.find((p) => p.children?.[0]?.value === wanted);
      if (prop?.children?.[0]) return locate.node(prop.children[0], path, base);
    }
    const keyNode = parent.parent?.type === 'property' ? parent.parent.children?.[0] : undefined;
    if (keyNode) return locate.node(keyNode, path, base);
    // A list item (a layer, a callback) has no key: its "type" value names it best.
    const typeValue = parent.type === 'object' ? parent.children?.find((p) => p.children?.[0]?.value === 'type')?.children?.[1] : undefined;
    return typeValue ? locate.node(typeValue, path, base) : locate.range(parent.offset, 1, { ...base, path });
  }
  return locate.range(root.offset, 1, { ...base, path });
}

interface Locator {
  node(node: Node, path: (string | number)[], d: Omit<Diagnostic, 'start' | 'end' | 'path'>): Diagnostic;
  range(offset: number, length: number, d: Omit<Diagnostic, 'start' | 'end'>): Diagnostic;
}

function createLocator(text: string): Locator {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const position = (offset: number): TextPosition => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return { offset, line: lo + 1, column: offset - lineStarts[lo] + 1 };
  };
  const range: Locator['range'] = (offset, length, d) => ({ ...d, start: position(offset), end: position(Math.min(offset + length, text.length)) });
  // An object or array node spans many lines; underline only its first line so the squiggle stays readable.
  const node: Locator['node'] = (n, path, d) => {
    const firstLineEnd = text.indexOf('\n', n.offset);
    const length = n.type === 'object' || n.type === 'array'
      ? Math.min(n.length, firstLineEnd === -1 ? n.length : Math.max(1, firstLineEnd - n.offset))
      : n.length;
    return range(n.offset, length, { ...d, path });
  };
  return { node, range };
}

/** Offset of the comma when `offset` is a "}" or "]" that only a comma precedes, else null. */
function trailingCommaBefore(text: string, offset: number): number | null {
  if (text[offset] !== '}' && text[offset] !== ']') return null;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return text[i] === ',' ? i : null;
}

function describeSyntaxError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character', InvalidNumberFormat: 'malformed number', PropertyNameExpected: 'a property name in double quotes was expected',
    ValueExpected: 'a value was expected', ColonExpected: 'a ":" was expected', CommaExpected: 'a "," was expected',
    CloseBraceExpected: 'a "}" was expected', CloseBracketExpected: 'a "]" was expected', EndOfFileExpected: 'unexpected text after the end of the JSON',
    InvalidCommentToken: 'comments are not allowed in JSON', UnexpectedEndOfComment: 'unterminated comment', UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number', InvalidUnicode: 'invalid unicode escape', InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in a string',
  };
  return words[code] ?? code;
}
