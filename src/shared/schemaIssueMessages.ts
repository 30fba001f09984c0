// Zod's issues rewritten in words a Keras user knows, with a "did you mean" wherever a
// name was nearly right. The schema stays the single source of what is allowed; this
// file only decides how a violation is said and where it is shown.
import type { core } from 'zod';
import { closest, distance } from 'fastest-levenshtein';
import type { PendingDiagnostic } from './parseModelFile';
import { modelFileSchema, layerSchema } from './modelSchema';

type Issue = core.$ZodIssue;
type Path = (string | number)[];

/** Turns one zod issue into the diagnostics to show (usually one). */
export function describeSchemaIssue(issue: Issue, document: unknown): PendingDiagnostic[] {
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
      if (branch) return branch.flatMap((sub) => describeSchemaIssue({ ...sub, path: [...path, ...sub.path] } as Issue, document));
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
        return [error(`${subject} cannot be "${value}".${hint} Use one of: ${options.join(', ')}`, { code: 'unknown-value', fix: hint ? { replacement: guess } : undefined })];
      }
      return [error(`${subject} must be one of ${options.map((o) => `"${o}"`).join(', ')}, not ${describeValue(value)}`)];
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => unknownKey(path, key, document));
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
  const what = path[0] === 'layers' ? 'layer type' : path[0] === 'dataset' ? 'data set' : `${String(path[path.length - 1])}`;
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
    fix: hint ? { replacement: guess } : undefined,
  };
}

function unknownKey(objectPath: Path, key: string, document: unknown): PendingDiagnostic {
  const known = knownKeysAt(objectPath, document);
  const guess = known.length > 0 ? closest(key, known) : '';
  const hint = guess && similar(key, guess) ? ` Did you mean "${guess}"?` : '';
  const owner = ownerOf([...objectPath, key], document);
  return {
    severity: 'error', code: 'unknown-argument', path: [...objectPath, key], on: 'key',
    message: `${owner} has no argument "${key}".${hint}${known.length ? ` Known: ${known.join(', ')}` : ''}`,
    fix: hint ? { replacement: guess } : undefined,
  };
}

/** Allowed keys of the object at `path`, read from the zod schema itself. */
function knownKeysAt(path: Path, document: unknown): string[] {
  if (path.length === 2 && path[0] === 'layers') {
    const type = (valueAt(document, path) as { type?: unknown })?.type;
    const option = layerSchema.options.find((o) => o.shape.type.value === type);
    return option ? Object.keys(option.shape) : [];
  }
  let schema: unknown = modelFileSchema;
  for (const segment of path) {
    schema = unwrap(schema);
    const s = schema as { shape?: Record<string, unknown>; element?: unknown; options?: unknown[] };
    if (typeof segment === 'number' && s.element) schema = s.element;
    else if (typeof segment === 'string' && s.shape) schema = s.shape[segment];
    else return [];
  }
  schema = unwrap(schema);
  const s = schema as { shape?: Record<string, unknown>; options?: { shape?: Record<string, unknown> }[] };
  if (s.shape) return Object.keys(s.shape);
  if (s.options) {
    // A discriminated union: the keys of the option the document chose.
    const obj = valueAt(document, path) as Record<string, unknown> | undefined;
    const match = s.options.find((o) => o.shape && Object.values(o.shape).some((f) => {
      const lit = (f as { value?: unknown }).value;
      return lit !== undefined && obj && Object.values(obj).includes(lit);
    }));
    return match?.shape ? Object.keys(match.shape) : [];
  }
  return [];
}

function unwrap(schema: unknown): unknown {
  let s = schema as { unwrap?: () => unknown; def?: { type?: string; innerType?: unknown } };
  while (s && s.def && (s.def.type === 'optional' || s.def.type === 'nullable' || s.def.type === 'default') && s.def.innerType) {
    s = s.def.innerType as typeof s;
  }
  return s;
}

/** Picks the union branch that matches the value's kind, so "adamx" is told about names, not objects. */
function pickBranch(branches: Issue[][], value: unknown): Issue[] | undefined {
  const wrongKind = (issues: Issue[]) => issues.some((i) => i.code === 'invalid_type' && i.path.length === 0);
  const fitting = branches.filter((b) => !wrongKind(b));
  const candidates = fitting.length > 0 ? fitting : branches;
  if (candidates.length === 0) return undefined;
  if (Array.isArray(value)) return candidates.find((b) => b.some((i) => i.path.length > 0)) ?? candidates[0];
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
