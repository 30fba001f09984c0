// The optimizer, loss and metrics a Keras file saved with the model (HDF5 training_config,
// Keras 3 compile_config, tfjs trainingConfig). Plain model.to_json() has none; then the
// model file keeps CNN Lab's defaults, which are Keras's.
import type { LearningRateScheduleSpec, ModelFile, OptimizerSpec } from '../modelSchema';
import type { ImportIssues } from './importIssues';
import { isObject, readKerasObject, shortestFloat32, type JsonObject } from './kerasJson';

type CompileSpec = NonNullable<ModelFile['compile']>;

const WHERE = 'compile';

/** The model file's `compile` section for a saved Keras training config; undefined when nothing maps. */
export function importCompile(training: JsonObject | undefined, issues: ImportIssues): CompileSpec | undefined {
  if (!training) return undefined;
  const compile: CompileSpec = {};
  const optimizer = importOptimizer(training.optimizer_config ?? training.optimizer, issues);
  if (optimizer) compile.optimizer = optimizer;
  const loss = importLoss(training.loss, issues);
  if (loss) compile.loss = loss;
  if (importAccuracy(training.metrics, issues)) compile.metrics = ['accuracy'];
  return Object.keys(compile).length > 0 ? compile : undefined;
}

function importOptimizer(value: unknown, issues: ImportIssues): OptimizerSpec | undefined {
  if (value === undefined || value === null) return undefined;
  const object = typeof value === 'string' ? { className: value, config: {} } : readKerasObject(value);
  if (!object) return undefined;
  const kind = object.className.toLowerCase();
  const config = object.config;
  // Keras before 2.3 wrote lr, later versions learning_rate; tfjs writes learningRate and beta1.
  const setting = (...keys: string[]): number | undefined => {
    for (const key of keys) {
      const v = config[key];
      if (typeof v === 'number') return shortestFloat32(v);
    }
    return undefined;
  };
  const differs = <T>(v: T | number | undefined, keras: number): v is T | number => v !== undefined && v !== keras;
  // tfjs writes its own optimizer configs: camelCase, RMSProp's rho named decay, SGD with momentum as Momentum.
  const tfjs = 'learningRate' in config;
  const lr = isObject(config.learning_rate) ? importSchedule(config.learning_rate, issues) : setting('learning_rate', 'lr', 'learningRate');
  warnIfSet(config, [...(tfjs ? [] : ['decay']), 'weight_decay', 'clipnorm', 'clipvalue', 'global_clipnorm'], issues);
  if (config.use_ema === true) issues.warn(WHERE, 'use_ema is left out');
  if (kind === 'adam') {
    if (config.amsgrad === true) issues.warn(WHERE, 'amsgrad is left out: CNN Lab uses plain Adam');
    const beta1 = setting('beta_1', 'beta1');
    const beta2 = setting('beta_2', 'beta2');
    const epsilon = setting('epsilon');
    return {
      type: 'adam',
      ...(differs(lr, 0.001) ? { learningRate: lr } : {}),
      ...(differs(beta1, 0.9) ? { beta1 } : {}),
      ...(differs(beta2, 0.999) ? { beta2 } : {}),
      ...(differs(epsilon, 1e-7) ? { epsilon } : {}),
    };
  }
  if (kind === 'sgd' || kind === 'momentum') {
    const momentum = setting('momentum');
    const nesterov = config.nesterov === true || config.useNesterov === true;
    return {
      type: 'sgd',
      ...(differs(lr, 0.01) ? { learningRate: lr } : {}),
      ...(differs(momentum, 0) ? { momentum } : {}),
      ...(nesterov ? { nesterov } : {}),
    };
  }
  if (kind === 'rmsprop') {
    const rho = tfjs ? setting('decay') : setting('rho');
    const momentum = setting('momentum');
    const epsilon = setting('epsilon');
    if (config.centered === true) issues.warn(WHERE, 'centered RMSprop is left out');
    return {
      type: 'rmsprop',
      ...(differs(lr, 0.001) ? { learningRate: lr } : {}),
      ...(differs(rho, 0.9) ? { rho } : {}),
      ...(differs(momentum, 0) ? { momentum } : {}),
      ...(differs(epsilon, 1e-7) ? { epsilon } : {}),
    };
  }
  issues.warn(WHERE, `optimizer ${object.className} is not available; CNN Lab will use its default (adam)`);
  return undefined;
}

/** A Keras LearningRateSchedule: kept when CNN Lab has it, else its initial rate with a warning. */
function importSchedule(value: JsonObject, issues: ImportIssues): LearningRateScheduleSpec | number | undefined {
  const object = readKerasObject(value);
  const c = object?.config ?? {};
  const num = (key: string): number | undefined => (typeof c[key] === 'number' ? shortestFloat32(c[key] as number) : undefined);
  const nums = (key: string): number[] | undefined => {
    const list = c[key];
    return Array.isArray(list) && list.every((v) => typeof v === 'number') ? list.map((v) => shortestFloat32(v as number)) : undefined;
  };
  const initialLearningRate = num('initial_learning_rate');
  const decaySteps = num('decay_steps');
  if (object?.className === 'CosineDecay' && initialLearningRate !== undefined && decaySteps !== undefined) {
    const [alpha, warmupTarget, warmupSteps] = [num('alpha'), num('warmup_target'), num('warmup_steps')];
    return {
      type: 'CosineDecay', initialLearningRate, decaySteps,
      ...(alpha ? { alpha } : {}), ...(warmupTarget !== undefined ? { warmupTarget } : {}), ...(warmupSteps ? { warmupSteps } : {}),
    };
  }
  const decayRate = num('decay_rate');
  if (object?.className === 'ExponentialDecay' && initialLearningRate !== undefined && decaySteps !== undefined && decayRate !== undefined) {
    return { type: 'ExponentialDecay', initialLearningRate, decaySteps, decayRate, ...(c.staircase === true ? { staircase: true } : {}) };
  }
  const [boundaries, values] = [nums('boundaries'), nums('values')];
  if (object?.className === 'PiecewiseConstantDecay' && boundaries && values) return { type: 'PiecewiseConstantDecay', boundaries, values };
  issues.warn(WHERE, `learning-rate schedule ${object?.className ?? 'unknown'} is left out; its initial rate is kept (CNN Lab has CosineDecay, ExponentialDecay and PiecewiseConstantDecay, and LearningRateScheduler callbacks in fit)`);
  return initialLearningRate;
}

function importLoss(value: unknown, issues: ImportIssues): CompileSpec['loss'] {
  if (value === undefined || value === null) return undefined;
  const object = typeof value === 'string' ? { className: value, config: {} as JsonObject } : readKerasObject(value);
  const name = object?.className.replace(/_/g, '').toLowerCase();
  if (object?.config.from_logits === true) {
    issues.warn(WHERE, 'from_logits true is left out: CNN Lab computes the loss on softmax probabilities');
  }
  if (name === 'sparsecategoricalcrossentropy') return 'sparseCategoricalCrossentropy';
  if (name === 'categoricalcrossentropy') return 'categoricalCrossentropy';
  issues.warn(WHERE, `loss ${JSON.stringify(object?.className ?? value)} is not available; CNN Lab will use sparseCategoricalCrossentropy`);
  return undefined;
}

function importAccuracy(value: unknown, issues: ImportIssues): boolean {
  // Keras wrote metrics per output as nested lists in some versions: flatten them.
  const names = (Array.isArray(value) ? value.flat(2) : []).map((m) =>
    typeof m === 'string' ? m : readKerasObject(m)?.className ?? JSON.stringify(m));
  const accuracy = ['accuracy', 'acc', 'sparse_categorical_accuracy', 'categorical_accuracy',
    'SparseCategoricalAccuracy', 'CategoricalAccuracy'];
  const others = names.filter((n) => !accuracy.includes(n));
  if (others.length > 0) issues.warn(WHERE, `metrics ${others.join(', ')} are left out: CNN Lab reports accuracy`);
  return names.some((n) => accuracy.includes(n));
}

function warnIfSet(config: JsonObject, keys: string[], issues: ImportIssues): void {
  for (const key of keys) {
    const v = config[key];
    if (v !== undefined && v !== null && v !== 0 && v !== false) issues.warn(WHERE, `optimizer ${key} ${JSON.stringify(v)} is left out`);
  }
}
