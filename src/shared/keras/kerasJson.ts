// Reading untyped Keras JSON safely. Keras has written the same value in several shapes over
// the years (a tuple as a list, as {"class_name": "__tuple__", "items": […]}, a TensorShape
// object; an object as {class_name, config} with or without Keras 3's module/registered_name),
// so these helpers give one plain view of each.

/** A JSON object whose fields are not known yet. */
export type JsonObject = Record<string, unknown>;

/** Whether a value is a JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The plain value behind Keras's wrapped tuples and shapes; anything else unchanged. */
export function unwrapValue(value: unknown): unknown {
  if (isObject(value) && Array.isArray(value.items) &&
      (value.class_name === '__tuple__' || value.class_name === 'TensorShape')) {
    return value.items;
  }
  return value;
}

/** A field of a config, unwrapped; `undefined` when absent. */
export function field(config: JsonObject, key: string): unknown {
  return unwrapValue(config[key]);
}

/** A shape such as `[null, 32, 32, 3]`, or undefined when the value is not a list of sizes. */
export function readShape(value: unknown): (number | null)[] | undefined {
  const plain = unwrapValue(value);
  if (!Array.isArray(plain)) return undefined;
  if (!plain.every((d) => d === null || (typeof d === 'number' && Number.isInteger(d)))) return undefined;
  return plain as (number | null)[];
}

/** A 2-D size given as `n`, `[n]` or `[h, w]`; undefined for anything else. */
export function readPair(value: unknown): [number, number] | undefined {
  const plain = unwrapValue(value);
  if (typeof plain === 'number') return [plain, plain];
  if (Array.isArray(plain) && plain.every((n) => typeof n === 'number')) {
    if (plain.length === 1) return [plain[0], plain[0]];
    if (plain.length === 2) return [plain[0], plain[1]];
  }
  return undefined;
}

/** A serialised Keras object as {className, config}, whatever the Keras version's wrapping. */
export interface KerasObject {
  readonly className: string;
  readonly config: JsonObject;
}

/** Reads `{"class_name": …, "config": {…}}` (Keras 2/3, tfjs) or Keras 1's `{"name": …, …}`. */
export function readKerasObject(value: unknown): KerasObject | undefined {
  if (!isObject(value)) return undefined;
  if (typeof value.class_name === 'string') {
    return { className: value.class_name, config: isObject(value.config) ? value.config : {} };
  }
  if (typeof value.name === 'string') {
    const { name, ...config } = value;
    return { className: name, config };
  }
  return undefined;
}

/**
 * The shortest decimal that Keras meant when it wrote a float32 as a double
 * (0.0005000000237487257 → 0.0005). Keras stores regularizer factors and optimizer settings
 * as float32, so their JSON carries the float32's exact binary value.
 */
export function shortestFloat32(value: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return value;
  const target = Math.fround(value);
  for (let digits = 1; digits <= 17; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === target) return candidate;
  }
  return value;
}

/** Keras's JSON form of a float32 setting: the double nearest the float32 (0.0005 → 0.0005000000237487257). */
export function asFloat32(value: number): number {
  return Math.fround(value);
}
