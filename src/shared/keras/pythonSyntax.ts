// Python literals and calls, written the way a person writes Keras code.

/** A keyword argument; `undefined` values are left out of the call. */
export type Keyword = readonly [name: string, value: string | undefined];

/** A Python string literal in single quotes. */
export function pyString(text: string): string {
  const escaped = text.replace(/[\\'\u0000-\u001f\u007f]/g, (c) => {
    switch (c) {
      case '\\': return '\\\\';
      case '\'': return '\\\'';
      case '\n': return '\\n';
      case '\r': return '\\r';
      case '\t': return '\\t';
      default: return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
    }
  });
  return `'${escaped}'`;
}

/** A Python number literal: JavaScript's shortest round-trip form, which Python reads alike. */
export function pyNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`${value} has no Python literal`);
  return String(value);
}

/** `True` / `False`. */
export function pyBool(value: boolean): string {
  return value ? 'True' : 'False';
}

/** A tuple of numbers, `(3, 3)`. */
export function pyTuple(values: readonly number[]): string {
  return values.length === 1 ? `(${pyNumber(values[0])},)` : `(${values.map(pyNumber).join(', ')})`;
}

/** A call with keyword arguments on one line: `name(a, b=1)`. */
export function pyCall(callee: string, positional: readonly string[], keywords: readonly Keyword[] = []): string {
  const args = [...positional, ...keywords.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`)];
  return `${callee}(${args.join(', ')})`;
}

/** One comment line; line breaks in the text would end the comment, so they become spaces. */
export function pyComment(text: string): string {
  return `# ${text.replace(/\s+/g, ' ').trim()}`;
}
