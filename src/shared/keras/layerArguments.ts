// Reading one Keras layer's config into CNN Lab values, reporting what does not fit.
import type { Activation } from '../modelSchema';
import type { ImportIssues } from './importIssues';
import { field, isObject, readKerasObject, readPair, shortestFloat32, type JsonObject } from './kerasJson';
import {
  activationFromKeras, initializerFromKerasClass, initializerFromKerasString, KERAS_INITIALIZER,
  type InitializerName,
} from './kerasNames';

/** A weight penalty as the model file writes it. */
export interface Regularizer { l1?: number; l2?: number }

/** One Keras layer's config, read with its messages attributed to the layer. */
export class LayerArguments {
  constructor(
    readonly where: string,
    readonly config: JsonObject,
    private readonly issues: ImportIssues,
  ) {}

  /** Records an error against this layer. */
  error(message: string): void {
    this.issues.error(this.where, message);
  }

  /** Records a warning against this layer. */
  warn(message: string): void {
    this.issues.warn(this.where, message);
  }

  /** The unwrapped value of a config field. */
  get(key: string): unknown {
    return field(this.config, key);
  }

  /** A number field; an error if it is present but not a number. */
  number(key: string): number | undefined {
    const value = this.get(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number') return value;
    this.error(`${key} ${JSON.stringify(value)} is not a number`);
    return undefined;
  }

  /** A boolean field; undefined when absent. */
  boolean(key: string): boolean | undefined {
    const value = this.get(key);
    return typeof value === 'boolean' ? value : undefined;
  }

  /** A 2-D size (`3`, `[3, 3]`); an error if present in another form. */
  pair(key: string): [number, number] | undefined {
    const value = this.get(key);
    if (value === undefined || value === null) return undefined;
    const pair = readPair(value);
    if (!pair) this.error(`${key} ${JSON.stringify(value)} is not a 2-D size`);
    return pair;
  }

  /** 'valid' or 'same'; an error for Keras 1's 'full' or anything else. */
  padding(): 'valid' | 'same' | undefined {
    const value = this.get('padding');
    if (value === undefined || value === null || value === 'valid' || value === 'same') return value ?? undefined;
    this.error(`padding ${JSON.stringify(value)} is not available; CNN Lab has "valid" and "same"`);
    return undefined;
  }

  /** The activation, as CNN Lab names it; an error for one CNN Lab lacks. */
  activation(key = 'activation'): Activation | undefined {
    const value = this.get(key);
    if (value === undefined || value === null) return undefined;
    // Keras 3 wraps non-builtin functions as {"class_name": "function", "config": "name", …}.
    const name = typeof value === 'string' ? value : isObject(value) && typeof value.config === 'string' ? value.config : undefined;
    const activation = name === undefined ? undefined : activationFromKeras(name);
    if (!activation) this.error(`activation ${JSON.stringify(name ?? value)} is not available in CNN Lab`);
    return activation;
  }

  /** The kernel initializer; a warning (and Keras's default) for one CNN Lab lacks. */
  initializer(key: string): InitializerName | undefined {
    const value = this.get(key);
    if (value === undefined || value === null) return undefined;
    const found = typeof value === 'string' ? initializerFromKerasString(value) : this.initializerObject(value);
    if (!found) this.warn(`${key} ${describeValue(value)} is not available; CNN Lab uses glorotUniform`);
    return found;
  }

  private initializerObject(value: unknown): InitializerName | undefined {
    const object = readKerasObject(value);
    if (!object) return undefined;
    const { className, config } = object;
    if (className === 'VarianceScaling') return varianceScalingName(config) ?? this.customVarianceScaling(config);
    if (className === 'Constant') {
      if (config.value === 0) return 'zeros';
      if (config.value === 1) return 'ones';
      return undefined;
    }
    const name = initializerFromKerasClass(className);
    if (name && !sameSettings(config, KERAS_INITIALIZER[name].config)) {
      this.warn(`${className} ${JSON.stringify(withoutSeed(config))} keeps its kind but takes CNN Lab's default settings ${JSON.stringify(withoutSeed(KERAS_INITIALIZER[name].config))}`);
    }
    return name;
  }

  private customVarianceScaling(config: JsonObject): InitializerName {
    this.warn(`VarianceScaling ${JSON.stringify(withoutSeed(config))} becomes varianceScaling with its default settings (scale 1, fan_in, truncated normal)`);
    return 'varianceScaling';
  }

  /** A kernel regularizer as {l1, l2}; undefined when absent or all zero. */
  regularizer(key: string): Regularizer | undefined {
    const value = this.get(key);
    if (value === undefined || value === null) return undefined;
    const penalty = readRegularizer(value);
    if (!penalty) {
      this.warn(`${key} ${describeValue(value)} is not available and is left out`);
      return undefined;
    }
    return penalty.l1 === undefined && penalty.l2 === undefined ? undefined : penalty;
  }

  /** Warns that a field CNN Lab has no place for is dropped, when it is set. */
  dropIfSet(key: string, what: string): void {
    const value = this.get(key);
    if (value !== undefined && value !== null) this.warn(`${key} ${describeValue(value)} is left out: ${what}`);
  }

  /** Refuses channels-first data, whether written as data_format or Keras 1's dim_ordering. */
  requireChannelsLast(): void {
    const format = this.get('data_format');
    if (format === 'channels_first') {
      this.error('data_format "channels_first": CNN Lab works with channels-last images (height, width, channels) only');
    } else if (format !== undefined && format !== null && format !== 'channels_last') {
      this.error(`data_format ${JSON.stringify(format)} is not understood`);
    }
    const ordering = this.get('dim_ordering');
    if (ordering === 'th') {
      this.error('dim_ordering "th" (Theano, channels first): CNN Lab works with channels-last images (height, width, channels) only');
    } else if (ordering !== undefined && ordering !== 'tf') {
      this.error(`dim_ordering ${JSON.stringify(ordering)} depends on the keras.json of the machine that saved the model, so channels-last cannot be confirmed`);
    }
  }
}

/**
 * The initializer a VarianceScaling config amounts to. Keras 2.0–2.2 and tfjs write Glorot, He
 * and LeCun initializers as VarianceScaling, with "normal" meaning a truncated normal.
 * VarianceScaling(1, fan_in, truncated_normal) is Keras's own default VarianceScaling, the
 * same distribution as LeCun normal; it stays varianceScaling, as tf.keras 2.x and Keras 3
 * write LeCun normal as LecunNormal.
 */
export function varianceScalingName(config: JsonObject): InitializerName | undefined {
  const { scale, mode, distribution } = config;
  const uniform = distribution === 'uniform';
  const normal = distribution === 'normal' || distribution === 'truncated_normal';
  if (!uniform && !normal) return undefined;
  if (scale === 1 && mode === 'fan_avg') return uniform ? 'glorotUniform' : 'glorotNormal';
  if (scale === 2 && mode === 'fan_in') return uniform ? 'heUniform' : 'heNormal';
  if (scale === 1 && mode === 'fan_in') return uniform ? 'leCunUniform' : distribution === 'normal' ? 'leCunNormal' : 'varianceScaling';
  return undefined;
}

function readRegularizer(value: unknown): Regularizer | undefined {
  // String shortcuts use Keras's default factor of 0.01.
  if (value === 'l1') return { l1: 0.01 };
  if (value === 'l2') return { l2: 0.01 };
  if (value === 'l1_l2') return { l1: 0.01, l2: 0.01 };
  const object = readKerasObject(value);
  if (!object || !['L1L2', 'L1', 'L2', 'L1L2Regularizer', 'l1_l2', 'l1', 'l2'].includes(object.className)) return undefined;
  const factor = (key: 'l1' | 'l2'): number | undefined => {
    const n = object.config[key];
    return typeof n === 'number' && n > 0 ? shortestFloat32(n) : undefined;
  };
  const result: Regularizer = {};
  const l1 = factor('l1');
  const l2 = factor('l2');
  if (l1 !== undefined) result.l1 = l1;
  if (l2 !== undefined) result.l2 = l2;
  return result;
}

function withoutSeed(config: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { seed: _seed, ...rest } = config;
  return rest;
}

function sameSettings(actual: JsonObject, defaults: Readonly<Record<string, unknown>>): boolean {
  const a = withoutSeed(actual);
  const d = withoutSeed(defaults);
  return Object.keys(d).every((k) => a[k] === undefined || a[k] === d[k]) &&
    Object.keys(a).every((k) => k in d || a[k] === null);
}

function describeValue(value: unknown): string {
  const object = readKerasObject(value);
  return object ? object.className : JSON.stringify(value);
}
