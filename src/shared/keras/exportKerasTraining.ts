// compile(), the callbacks (the learning-rate schedule as a Python function), augmentation
// and fit() for an exported model, following what CNN Lab's worker does with the same settings.
import type { ResolvedModel, ResolvedOptimizer } from '../modelDefaults';
import type { AugmentationSpec, CallbackSpec } from '../modelSchema';
import { pyBool, pyCall, pyNumber, pyString, type Keyword } from './pythonSyntax';

/** `model.compile(...)`. */
export function compileLines(model: ResolvedModel): string[] {
  const loss = model.loss === 'categoricalCrossentropy' ? 'categorical_crossentropy' : 'sparse_categorical_crossentropy';
  return [
    'model.compile(',
    `    optimizer=${optimizerCall(model.optimizer)},`,
    `    loss=${pyString(loss)},`,
    "    metrics=['accuracy'],",
    ')',
  ];
}

function optimizerCall(optimizer: ResolvedOptimizer): string {
  const rate: Keyword = ['learning_rate', 'LEARNING_RATE'];
  const num = (v: number | undefined): string | undefined => (v === undefined ? undefined : pyNumber(v));
  switch (optimizer.type) {
    case 'adam':
      return pyCall('keras.optimizers.Adam', [], [rate, ['beta_1', num(optimizer.beta1)], ['beta_2', num(optimizer.beta2)], ['epsilon', num(optimizer.epsilon)]]);
    case 'sgd':
      return pyCall('keras.optimizers.SGD', [], [rate, ['momentum', num(optimizer.momentum)], ['nesterov', optimizer.nesterov === undefined ? undefined : pyBool(optimizer.nesterov)]]);
    case 'rmsprop':
      return pyCall('keras.optimizers.RMSprop', [], [rate, ['rho', num(optimizer.rho)], ['momentum', num(optimizer.momentum)], ['epsilon', num(optimizer.epsilon)]]);
    default: {
      const unknown: never = optimizer;
      throw new Error(`unknown optimizer ${JSON.stringify(unknown)}`);
    }
  }
}

/** The value of LEARNING_RATE: the rate, or the keras.optimizers.schedules object that sets it every batch. */
export function learningRateValue(optimizer: ResolvedOptimizer): string {
  const schedule = optimizer.schedule;
  if (!schedule) return pyNumber(optimizer.learningRate);
  const num = (v: number | undefined): string | undefined => (v === undefined ? undefined : pyNumber(v));
  const list = (values: readonly number[]) => `[${values.map(pyNumber).join(', ')}]`;
  switch (schedule.type) {
    case 'CosineDecay':
      return pyCall('keras.optimizers.schedules.CosineDecay', [], [
        ['initial_learning_rate', pyNumber(schedule.initialLearningRate)], ['decay_steps', pyNumber(schedule.decaySteps)],
        ['alpha', num(schedule.alpha)], ['warmup_target', num(schedule.warmupTarget)], ['warmup_steps', num(schedule.warmupSteps)],
      ]);
    case 'ExponentialDecay':
      return pyCall('keras.optimizers.schedules.ExponentialDecay', [], [
        ['initial_learning_rate', pyNumber(schedule.initialLearningRate)], ['decay_steps', pyNumber(schedule.decaySteps)],
        ['decay_rate', pyNumber(schedule.decayRate)], ['staircase', schedule.staircase === undefined ? undefined : pyBool(schedule.staircase)],
      ]);
    case 'PiecewiseConstantDecay':
      return pyCall('keras.optimizers.schedules.PiecewiseConstantDecay', [], [['boundaries', list(schedule.boundaries)], ['values', list(schedule.values)]]);
    default: {
      const unknown: never = schedule;
      throw new Error(`unknown learning-rate schedule ${JSON.stringify(unknown)}`);
    }
  }
}

/** The learning-rate schedule as a Python function, the `callbacks = [...]` list, and whether `math` is needed. */
export function callbackLines(callbacks: readonly CallbackSpec[]): { lines: string[]; usesMath: boolean } {
  // CNN Lab follows the first LearningRateScheduler only, so the script does too.
  const schedule = callbacks.find((c): c is Schedule => c.type === 'LearningRateScheduler');
  const ignored = callbacks.filter((c) => c.type === 'LearningRateScheduler').length - 1;
  const entries: string[] = [];
  for (const callback of callbacks) {
    switch (callback.type) {
      case 'EarlyStopping':
        entries.push(pyCall('keras.callbacks.EarlyStopping', [], [
          ['monitor', optionalString(callback.monitor)],
          ['min_delta', optionalNumber(callback.minDelta)],
          ['patience', optionalNumber(callback.patience)],
          ['restore_best_weights', callback.restoreBestWeights === undefined ? undefined : pyBool(callback.restoreBestWeights)],
        ]));
        break;
      case 'ReduceLROnPlateau':
        entries.push(pyCall('keras.callbacks.ReduceLROnPlateau', [], [
          ['monitor', optionalString(callback.monitor)],
          ['factor', optionalNumber(callback.factor)],
          ['patience', optionalNumber(callback.patience)],
          ['min_delta', optionalNumber(callback.minDelta)],
          ['min_lr', optionalNumber(callback.minLr)],
        ]));
        break;
      case 'LearningRateScheduler':
        if (callback === schedule) entries.push(pyCall('keras.callbacks.LearningRateScheduler', [SCHEDULE_NAMES[callback.schedule]]));
        break;
      default: {
        const unknown: never = callback;
        throw new Error(`unknown callback ${JSON.stringify(unknown)}`);
      }
    }
  }
  const lines = schedule ? ['', ...scheduleFunction(schedule), '', ''] : [];
  if (ignored > 0) lines.push(`# CNN Lab follows the first LearningRateScheduler only; the other ${ignored === 1 ? 'one is' : `${ignored} are`} left out.`);
  if (entries.length === 0) lines.push('callbacks = []');
  else lines.push('callbacks = [', ...entries.map((e) => `    ${e},`), ']');
  return { lines, usesMath: schedule?.schedule === 'cosineDecay' };
}

type Schedule = Extract<CallbackSpec, { type: 'LearningRateScheduler' }>;

const SCHEDULE_NAMES: Record<Schedule['schedule'], string> = { stepDecay: 'step_decay', cosineDecay: 'cosine_decay' };

/**
 * A schedule as a Keras LearningRateScheduler function of the epoch (counted from 0), computed
 * as CNN Lab's scheduledLearningRate (src/shared/fitCallbacks.ts) computes it: w warm-up
 * epochs climb linearly, LEARNING_RATE * (epoch + 1) / (w + 1), and the schedule proper counts
 * from epoch w. stepDecay: LEARNING_RATE * factor ** (e // dropEvery); cosineDecay: a half
 * cosine from LEARNING_RATE to alpha * LEARNING_RATE over the remaining epochs.
 */
function scheduleFunction(schedule: Schedule): string[] {
  const warmup = schedule.warmupEpochs ?? 0;
  const head = [`def ${SCHEDULE_NAMES[schedule.schedule]}(epoch, lr):`];
  const intro = warmup > 0 ? `${warmup} warm-up epoch${warmup === 1 ? '' : 's'}, then ` : '';
  const warm = warmup > 0 ? [`    if epoch < ${warmup}:`, `        return LEARNING_RATE * (epoch + 1) / ${warmup + 1}`] : [];
  const since = warmup > 0 ? `(epoch - ${warmup})` : 'epoch';
  if (schedule.schedule === 'stepDecay') {
    const every = schedule.dropEvery ?? 10;
    const factor = pyNumber(schedule.factor ?? 0.5);
    return [
      ...head,
      `    """stepDecay: ${intro}the rate times ${factor} every ${every} epochs."""`,
      ...warm,
      `    return LEARNING_RATE * ${factor} ** (${since} // ${every})`,
    ];
  }
  const alpha = pyNumber(schedule.alpha ?? 0);
  return [
    ...head,
    `    """cosineDecay: ${intro}a half cosine from the rate down to ${alpha} times it."""`,
    ...warm,
    `    progress = min(1, ${since} / max(1, EPOCHS - ${warmup}))`,
    `    return LEARNING_RATE * ((1 - ${alpha}) * 0.5 * (1 + math.cos(math.pi * progress)) + ${alpha})`,
  ];
}

/** `datagen = ImageDataGenerator(...)` for the model's augmentation. */
export function augmentationLines(augmentation: AugmentationSpec): string[] {
  const zoom = augmentation.zoomRange;
  const keywords: Keyword[] = [
    ['rotation_range', optionalNumber(augmentation.rotationRange)],
    ['width_shift_range', optionalNumber(augmentation.widthShiftRange)],
    ['height_shift_range', optionalNumber(augmentation.heightShiftRange)],
    ['horizontal_flip', augmentation.horizontalFlip === undefined ? undefined : pyBool(augmentation.horizontalFlip)],
    ['vertical_flip', augmentation.verticalFlip === undefined ? undefined : pyBool(augmentation.verticalFlip)],
    ['zoom_range', zoom === undefined ? undefined : typeof zoom === 'number' ? pyNumber(zoom) : `[${zoom.map(pyNumber).join(', ')}]`],
    ['fill_mode', optionalString(augmentation.fillMode)],
    // CNN Lab gives cval on the 0–255 pixel scale; these pixels are already scaled to [0, 1].
    ['cval', augmentation.cval === undefined ? undefined : `${pyNumber(augmentation.cval)} / 255.0`],
  ];
  const args = keywords.filter(([, v]) => v !== undefined).map(([k, v]) => `    ${k}=${v},`);
  return [
    '# Augmentation: random changes to each training batch, as CNN Lab applies them.',
    'datagen = keras.preprocessing.image.ImageDataGenerator(',
    ...args,
    ')',
  ];
}

/** `history = model.fit(...)`, through `datagen.flow` when the model augments its data. */
export function fitLines(model: ResolvedModel, shuffleSet: boolean): string[] {
  const validation = model.validationSplit > 0 ? '(x_val, y_val)' : undefined;
  const shuffle = shuffleSet ? 'SHUFFLE' : undefined;
  const common: Keyword[] = [['epochs', 'EPOCHS'], ['validation_data', validation]];
  if (model.augmentation) {
    const flow = pyCall('datagen.flow', ['x_train', 'y_train'], [['batch_size', 'BATCH_SIZE'], ['shuffle', shuffle], ['seed', 'SEED']]);
    return callLines('history = model.fit', [flow], [...common, ['callbacks', 'callbacks']]);
  }
  return callLines('history = model.fit', ['x_train', 'y_train'], [['batch_size', 'BATCH_SIZE'], ...common, ['shuffle', shuffle], ['callbacks', 'callbacks']]);
}

/** A call with one argument a line, as Black formats a long call. */
function callLines(callee: string, positional: string[], keywords: Keyword[]): string[] {
  const args = [...positional, ...keywords.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`)];
  return [`${callee}(`, ...args.map((a) => `    ${a},`), ')'];
}

function optionalNumber(value: number | undefined): string | undefined {
  return value === undefined ? undefined : pyNumber(value);
}

function optionalString(value: string | undefined): string | undefined {
  return value === undefined ? undefined : pyString(value);
}
