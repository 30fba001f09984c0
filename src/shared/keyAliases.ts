// Keras users write `kernel_size`, `learning_rate`, "sparse_categorical_crossentropy".
// The format's own spelling is tfjs's camelCase; the snake_case forms are accepted as aliases
// and rewritten before validation, each reported so the editor can offer the rename.

/** kernel_size → kernelSize; names without an underscore come back unchanged. */
export function snakeToCamel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

// Keras arguments whose snake_case puts an underscore before a digit (Adam's beta_1).
const KEY_EXCEPTIONS: Record<string, string> = { beta1: 'beta_1', beta2: 'beta_2' };

/** The Keras spelling of a camelCase key (kernelSize → kernel_size, beta1 → beta_1). */
export function camelKeyToSnake(key: string): string {
  return KEY_EXCEPTIONS[key] ?? key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

// Where Keras's snake_case and tfjs's camelCase part ways beyond the underscores:
// Keras "lecun_normal" is tfjs "leCunNormal".
const VALUE_EXCEPTIONS: Record<string, string> = { lecun_normal: 'leCunNormal', lecun_uniform: 'leCunUniform' };

/** A snake_case name value (activation, loss, initializer) in tfjs's spelling. */
export function snakeValueToCamel(value: string): string {
  return VALUE_EXCEPTIONS[value] ?? snakeToCamel(value);
}

/** The Keras spelling of a tfjs name value (leCunNormal → lecun_normal); the inverse of snakeValueToCamel. */
export function camelValueToSnake(value: string): string {
  const exception = Object.keys(VALUE_EXCEPTIONS).find((k) => VALUE_EXCEPTIONS[k] === value);
  return exception ?? value.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Keys whose string values are names Keras spells in snake_case too. */
const SNAKE_VALUED_KEYS = new Set(['loss', 'activation', 'kernelInitializer']);

export interface AliasUse {
  /** Path (in the normalised document) of the key or value that was written as an alias. */
  path: (string | number)[];
  kind: 'key' | 'value';
  written: string;
  canonical: string;
}

export interface AliasConflict {
  path: (string | number)[];
  written: string;
  canonical: string;
}

// Keys whose values are free text or data, where renaming keys would change meaning.
const OPAQUE_KEYS = new Set(['$schema', 'name', 'description', 'path']);

/**
 * Rewrites snake_case keys (and the snake_case values of loss/activation/initializer keys)
 * into camelCase, reporting each alias used and each key written both ways.
 */
export function normalizeAliases(value: unknown): { value: unknown; aliases: AliasUse[]; conflicts: AliasConflict[] } {
  const aliases: AliasUse[] = [];
  const conflicts: AliasConflict[] = [];

  const walk = (node: unknown, path: (string | number)[]): unknown => {
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...path, i]));
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    const source = node as Record<string, unknown>;
    for (const [key, child] of Object.entries(source)) {
      const canonical = key.includes('_') && /^[a-z][a-z0-9_]*$/.test(key) ? snakeToCamel(key) : key;
      if (canonical !== key) {
        if (canonical in source) {
          conflicts.push({ path: [...path, key], written: key, canonical });
          continue;
        }
        aliases.push({ path: [...path, canonical], kind: 'key', written: key, canonical });
      }
      let normalized = OPAQUE_KEYS.has(canonical) ? child : walk(child, [...path, canonical]);
      if (SNAKE_VALUED_KEYS.has(canonical) && typeof child === 'string' && child.includes('_')) {
        normalized = snakeValueToCamel(child);
        aliases.push({ path: [...path, canonical], kind: 'value', written: child, canonical: normalized as string });
      }
      out[canonical] = normalized;
    }
    return out;
  };

  return { value: walk(value, []), aliases, conflicts };
}

/**
 * Maps a path in the normalised document back to the keys as written, so that a
 * diagnostic about `kernelSize` lands on the `kernel_size` the user typed.
 */
export function toWrittenPath(written: unknown, path: readonly (string | number)[]): (string | number)[] {
  const result: (string | number)[] = [];
  let node: unknown = written;
  for (const segment of path) {
    if (typeof segment === 'string' && node !== null && typeof node === 'object' && !Array.isArray(node)) {
      const obj = node as Record<string, unknown>;
      const key = segment in obj ? segment : Object.keys(obj).find((k) => snakeToCamel(k) === segment) ?? segment;
      result.push(key);
      node = obj[key];
    } else {
      result.push(segment);
      node = Array.isArray(node) && typeof segment === 'number' ? node[segment] : undefined;
    }
  }
  return result;
}
