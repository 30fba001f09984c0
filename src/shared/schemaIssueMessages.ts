// Zod's issues rewritten in words a Keras user knows, with a "did you mean" wherever a
// name was nearly right. The schema stays the single source of what is allowed; this
// file only decides how a violation is said and where it is shown.
import type { core } from 'zod';
import { closest, distance } from 'fastest-levenshtein';
import type { PendingDiagnostic } from './parseModelFile';
import { modelFileSchema } from './modelSchema';
import { toWrittenPath } from './keyAliases';

type Issue = core.$ZodIssue;
type Path = (string | number)[];

/**
 * Turns one zod issue into the diagnostics to show (usually one). `document` is the
 * normalised document zod saw; `written` (the document as typed, before snake_case keys
 * were renamed) lets messages name a key the way the user spelled it.
 */
export function describeSchemaIssue(issue: Issue, document: unknown, written: unknown = document): PendingDiagnostic[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const value = valueAt(document, path);
  const subject = subjectOf(path, document);
  const error = (message: string, extra: Partial<PendingDiagnostic> = {}): PendingDiagnostic =>
    ({ severity: 'error', code: issueCode(issue), path, message, ...extra });

  switch (issue.code) {
    case 'invalid_union': {
      if (issue.discriminator) {
        const options = (issue as { options?: unknown[] }).options?.map(String) ?? [];
        return [unknownName(path, value, options, document)];
      }
      const branch = pickBranch(issue.errors, value);
      if (branch) return branch.flatMap((sub) => describeSchemaIssue({ ...sub, path: [...path, ...sub.path] } as Issue, document, written));
      return [error(`${subject} has the wrong form`)];
    }
    case 'invalid_type': {
      if (value === undefined) {
        return [error(`${ownerOf(path, document)} needs "${path[path.length - 1]}"`, { code: 'missing-argument' })];
      }
      return [error(`${subject} must be ${expectedWords(issue.expected)}, not ${describeValue(value)}`)];
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      if (issue.origin === 'array') {
        const many = issue.code === 'too_small' ? 'at least' : 'at most';
        return [error(`${subject} needs ${many} ${bound} item${Number(bound) === 1 ? '' : 's'}`)];
      }
      const relation = issue.code === 'too_small' ? (issue.inclusive ? '≥' : '>') : (issue.inclusive ? '≤' : '<');
      return [error(`${subject} must be ${relation} ${bound}, not ${describeValue(value)}`)];
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      if (typeof value === 'string') {
        const guess = closest(value, options);
        const hint = similar(value, guess) ? ` Did you mean "${guess}"?` : '';
        return [error(`${subject} cannot be "${value}".${hint} Use one of: ${options.join(', ')}`, { code: 'unknown-value', fix: hint ? { replacement: JSON.stringify(guess) } : undefined })];
      }
      return [error(`${subject} must be one of ${options.map((o) => `"${o}"`).join(', ')}, not ${describeValue(value)}`)];
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => unknownKey(path, key, document, written));
    case 'invalid_format':
      return [error(`${subject} ${issue.message.replace(/^Invalid string: /, '')}`)];
    default:
      return [error(`${subject}: ${issue.message}`)];
  }
}

function issueCode(issue: Issue): string {
  return issue.code.replace(/_/g, '-');
}

function unknownName(path: Path, value: unknown, options: string[], document: unknown): PendingDiagnostic {
  const what = nameKind(path);
  if (value === undefined) {
    return { severity: 'error', code: 'missing-argument', path, message: `${ownerOf(path, document)} needs "${path[path.length - 1]}" (one of: ${options.join(', ')})` };
  }
  if (typeof value !== 'string') {
    return { severity: 'error', code: 'invalid-type', path, message: `The ${what} must be a string, one of: ${options.join(', ')}` };
  }
  const guess = closest(value, options);
  const hint = similar(value, guess) ? ` Did you mean "${guess}"?` : '';
  return {
    severity: 'error', code: path[0] === 'layers' ? 'unknown-layer-type' : 'unknown-value', path,
    message: `Unknown ${what} "${value}".${hint} Known: ${options.join(', ')}`,
    fix: hint ? { replacement: JSON.stringify(guess) } : undefined,
  };
}

/** What a discriminator value names, for "Unknown optimizer "adamw"". */
function nameKind(path: Path): string {
  const parentKey = path.slice(0, -1).filter((p): p is string => typeof p === 'string').pop();
  if (path[0] === 'layers') return 'layer type';
  if (path[0] === 'dataset') return 'data set';
  if (parentKey === 'optimizer') return 'optimizer';
  if (parentKey === 'callbacks') return 'callback';
  return String(path[path.length - 1]);
}

// Older Keras's `lr`, which no edit distance would lead to "learningRate".
const SYNONYMS: Record<string, string> = { lr: 'learningRate' };

function unknownKey(objectPath: Path, key: string, document: unknown, written: unknown): PendingDiagnostic {
  const known = knownKeysAt(objectPath, document);
  const typed = String(toWrittenPath(written, [...objectPath, key]).pop() ?? key);
  const synonym = SYNONYMS[key] !== undefined && known.includes(SYNONYMS[key]) ? SYNONYMS[key] : '';
  const guess = synonym || (known.length > 0 ? closest(key, known) : '');
  const hint = guess && (synonym || similar(key, guess)) ? ` Did you mean "${guess}"?` : '';
  const owner = ownerOf([...objectPath, key], document);
  return {
    severity: 'error', code: 'unknown-argument', path: [...objectPath, key], on: 'key',
    message: `${owner} has no argument "${typed}".${hint}${known.length ? ` Known: ${known.join(', ')}` : ''}`,
    fix: hint ? { replacement: JSON.stringify(guess) } : undefined,
  };
}

/** Allowed keys of the object at `path`, read from the zod schema itself. */
function knownKeysAt(path: Path, document: unknown): string[] {
  let schema: unknown = modelFileSchema;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const s = chooseOption(unwrap(schema), valueAt(document, path.slice(0, i))) as { shape?: Record<string, unknown>; element?: unknown };
    if (typeof segment === 'number' && s.element) schema = s.element;
    else if (typeof segment === 'string' && s.shape) schema = s.shape[segment];
    else return [];
  }
  const s = chooseOption(unwrap(schema), valueAt(document, path)) as { shape?: Record<string, unknown> };
  return s.shape ? Object.keys(s.shape) : [];
}

type SchemaNode = { shape?: Record<string, unknown>; element?: unknown; options?: unknown[] };

/**
 * For a union (such as an optimizer given as a name or as an object, or a layer chosen by
 * its "type"), the object option the document's value chose: the one whose literal
 * fields (the discriminator) equal the value's. Other schemas come back unchanged.
 */
function chooseOption(schema: unknown, value: unknown): unknown {
  const s = schema as SchemaNode;
  if (!s?.options) return schema;
  const objects = s.options.flatMap((o) => {
    const option = chooseOption(unwrap(o), value) as SchemaNode;
    return option.shape ? [option] : [];
  });
  const obj = value !== null && typeof value === 'object' ? value as Record<string, unknown> : {};
  const matches = (o: SchemaNode) => Object.entries(o.shape ?? {}).some(([key, field]) => {
    const literal = (unwrap(field) as { value?: unknown }).value;
    return literal !== undefined && obj[key] === literal;
  });
  return objects.find(matches) ?? (objects.length === 1 ? objects[0] : schema);
}

function unwrap(schema: unknown): unknown {
  let s = schema as { unwrap?: () => unknown; def?: { type?: string; innerType?: unknown } };
  while (s && s.def && (s.def.type === 'optional' || s.def.type === 'nullable' || s.def.type === 'default') && s.def.innerType) {
    s = s.def.innerType as typeof s;
  }
  return s;
}

/**
 * Picks the union branch that matches the value's kind, so "adamx" is told about names and
 * {"type": "adamw"} about optimizer types. A branch whose complaint is about the value as a
 * whole (wrong type, not one of the names) fits a list or an object worse than a branch
 * that looked inside it.
 */
function pickBranch(branches: Issue[][], value: unknown): Issue[] | undefined {
  const wrongKind = (issues: Issue[]) => issues.some((i) => i.code === 'invalid_type' && i.path.length === 0);
  const fitting = branches.filter((b) => !wrongKind(b));
  const candidates = fitting.length > 0 ? fitting : branches;
  if (candidates.length === 0) return undefined;
  if (value !== null && typeof value === 'object') {
    return candidates.find((b) => b.some((i) => i.path.length > 0 || i.code === 'unrecognized_keys')) ?? candidates[0];
  }
  return candidates[0];
}

function similar(written: string, guess: string): boolean {
  if (!guess) return false;
  const a = written.toLowerCase().replace(/[_-]/g, '');
  const b = guess.toLowerCase().replace(/[_-]/g, '');
  return a === b || distance(a, b) <= Math.max(2, Math.floor(b.length / 3));
}

function valueAt(document: unknown, path: Path): unknown {
  let node = document;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** "Conv2D (layer 3)" for a layer argument, "fit" for a fit argument, "the model file" at the top. */
function ownerOf(path: Path, document: unknown): string {
  if (path[0] === 'layers' && typeof path[1] === 'number') {
    const type = (valueAt(document, ['layers', path[1]]) as { type?: unknown })?.type;
    return `${typeof type === 'string' ? type : 'The layer'} (layer ${path[1] + 1})`;
  }
  if (path[0] === 'fit' && path[1] === 'callbacks' && typeof path[2] === 'number' && path.length > 3) {
    const type = (valueAt(document, path.slice(0, 3)) as { type?: unknown })?.type;
    return `${typeof type === 'string' ? type : 'The callback'} (callback ${path[2] + 1})`;
  }
  if (path.length <= 1) return 'The model file';
  const parent = path.slice(0, -1).filter((p) => typeof p === 'string');
  return `"${parent.join('.')}"`;
}

function subjectOf(path: Path, document: unknown): string {
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const parentKey = path.slice(0, -1).filter((p) => typeof p === 'string').pop();
    return `Item ${last + 1} of "${parentKey ?? 'the list'}"`;
  }
  if (path[0] === 'layers' && typeof path[1] === 'number' && path.length >= 3) {
    return `${ownerOf(path, document)}: "${path.slice(2).join('.')}"`;
  }
  if (path[0] === 'fit' && path[1] === 'callbacks' && typeof path[2] === 'number' && path.length >= 4) {
    return `${ownerOf(path, document)}: "${path.slice(3).join('.')}"`;
  }
  return path.length ? `"${path.filter((p) => typeof p === 'string').join('.')}"` : 'The model file';
}

function expectedWords(expected: string): string {
  switch (expected) {
    case 'int': return 'a whole number';
    case 'number': return 'a number';
    case 'string': return 'a string';
    case 'boolean': return 'true or false';
    case 'array': return 'a list [ … ]';
    case 'object': return 'an object { … }';
    case 'tuple': return 'a list [ … ]';
    default: return expected;
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `the string "${value}"`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}
