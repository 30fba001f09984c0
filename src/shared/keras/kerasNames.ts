// How Keras spells what CNN Lab spells in camelCase: activations, initializers and the
// names Keras generates for unnamed layers. Both directions of the bridge use these tables,
// so an export followed by an import lands on the same spelling.
import { ACTIVATIONS, INITIALIZERS, type Activation } from '../modelSchema';

export type InitializerName = (typeof INITIALIZERS)[number];

/** Keras's snake_case name of each CNN Lab activation, as `activation='…'` takes it. */
export const KERAS_ACTIVATION: Record<Activation, string> = {
  linear: 'linear', relu: 'relu', relu6: 'relu6', elu: 'elu', selu: 'selu', sigmoid: 'sigmoid',
  hardSigmoid: 'hard_sigmoid', tanh: 'tanh', softmax: 'softmax', softplus: 'softplus',
  softsign: 'softsign', swish: 'swish', mish: 'mish', gelu: 'gelu',
};

// Keras 3 serialises swish under its other name, silu.
const ACTIVATION_ALIASES: Record<string, Activation> = { silu: 'swish' };

/** The CNN Lab activation for a Keras (or tfjs) activation name, or undefined if there is none. */
export function activationFromKeras(name: string): Activation | undefined {
  const alias = Object.hasOwn(ACTIVATION_ALIASES, name) ? ACTIVATION_ALIASES[name] : undefined;
  if (alias) return alias;
  const bySnake = (Object.keys(KERAS_ACTIVATION) as Activation[]).find((a) => KERAS_ACTIVATION[a] === name);
  if (bySnake) return bySnake;
  return (ACTIVATIONS as readonly string[]).includes(name) ? (name as Activation) : undefined;
}

/** How Keras names and serialises one initializer: the string argument, the class and its default config. */
export interface KerasInitializer {
  readonly argument: string;
  readonly className: string;
  readonly config: Readonly<Record<string, unknown>>;
}

/** Keras's spelling of each CNN Lab initializer, with the defaults Keras writes into its config. */
export const KERAS_INITIALIZER: Record<InitializerName, KerasInitializer> = {
  glorotUniform: { argument: 'glorot_uniform', className: 'GlorotUniform', config: { seed: null } },
  glorotNormal: { argument: 'glorot_normal', className: 'GlorotNormal', config: { seed: null } },
  heUniform: { argument: 'he_uniform', className: 'HeUniform', config: { seed: null } },
  heNormal: { argument: 'he_normal', className: 'HeNormal', config: { seed: null } },
  leCunUniform: { argument: 'lecun_uniform', className: 'LecunUniform', config: { seed: null } },
  leCunNormal: { argument: 'lecun_normal', className: 'LecunNormal', config: { seed: null } },
  zeros: { argument: 'zeros', className: 'Zeros', config: {} },
  ones: { argument: 'ones', className: 'Ones', config: {} },
  randomNormal: { argument: 'random_normal', className: 'RandomNormal', config: { mean: 0, stddev: 0.05, seed: null } },
  randomUniform: { argument: 'random_uniform', className: 'RandomUniform', config: { minval: -0.05, maxval: 0.05, seed: null } },
  truncatedNormal: { argument: 'truncated_normal', className: 'TruncatedNormal', config: { mean: 0, stddev: 0.05, seed: null } },
  varianceScaling: {
    argument: 'variance_scaling', className: 'VarianceScaling',
    config: { scale: 1, mode: 'fan_in', distribution: 'truncated_normal', seed: null },
  },
  orthogonal: { argument: 'orthogonal', className: 'Orthogonal', config: { gain: 1, seed: null } },
};

// Keras 1 spelled some initializers differently ('zero', 'uniform', …); tfjs writes camelCase.
const INITIALIZER_STRING_ALIASES: Record<string, InitializerName> = {
  zero: 'zeros', one: 'ones', uniform: 'randomUniform', normal: 'randomNormal',
};

/** The CNN Lab initializer for a Keras initializer string (`'he_normal'`, Keras 1 `'uniform'`, …). */
export function initializerFromKerasString(name: string): InitializerName | undefined {
  const alias = Object.hasOwn(INITIALIZER_STRING_ALIASES, name) ? INITIALIZER_STRING_ALIASES[name] : undefined;
  if (alias) return alias;
  const names = Object.keys(KERAS_INITIALIZER) as InitializerName[];
  return names.find((n) => KERAS_INITIALIZER[n].argument === name || n === name);
}

/** The CNN Lab initializer for a Keras initializer class name (`'HeNormal'`), ignoring its config. */
export function initializerFromKerasClass(className: string): InitializerName | undefined {
  const names = Object.keys(KERAS_INITIALIZER) as InitializerName[];
  return names.find((n) => KERAS_INITIALIZER[n].className.toLowerCase() === className.toLowerCase());
}

/** Keras's `to_snake_case`, which also names unnamed layers: `MaxPooling2D` → `max_pooling2d`. */
export function kerasSnakeCase(className: string): string {
  return className
    .replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether `name` is one Keras or tfjs would have generated for an unnamed layer of `className`:
 * `conv2d`, `conv2d_3` (Keras 2/3), `convolution2d_1` (Keras 1), `conv2d_Conv2D1` (tfjs).
 * Such names carry no information, so the import leaves them out of the model file.
 */
export function isGeneratedLayerName(className: string, name: string): boolean {
  const snake = escapeRegExp(kerasSnakeCase(className));
  const lower = escapeRegExp(className.toLowerCase());
  const kerasStyle = new RegExp(`^(${snake}|${lower})(_\\d+)?$`);
  const tfjsStyle = new RegExp(`^${snake}_${escapeRegExp(className)}\\d+$`);
  return kerasStyle.test(name) || tfjsStyle.test(name);
}
