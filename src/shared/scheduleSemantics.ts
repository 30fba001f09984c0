// Checks of a learning-rate schedule that the schema cannot express: PiecewiseConstantDecay's
// lists against each other, a warm-up without a target, and callbacks that would set the
// rate of an optimizer whose rate a schedule already sets (Keras raises a TypeError there).
import type { ModelFile } from './modelSchema';
import type { PendingDiagnostic } from './parseModelFile';

export function checkLearningRateSchedule(model: ModelFile): PendingDiagnostic[] {
  const optimizer = model.compile?.optimizer;
  const schedule = typeof optimizer === 'object' && typeof optimizer.learningRate === 'object' ? optimizer.learningRate : undefined;
  if (!schedule) return [];
  const at = ['compile', 'optimizer', 'learningRate'];
  const out: PendingDiagnostic[] = [];
  if (schedule.type === 'PiecewiseConstantDecay') {
    const { boundaries, values } = schedule;
    if (values.length !== boundaries.length + 1) {
      out.push({ severity: 'error', code: 'schedule-values-count', path: [...at, 'values'],
        message: `PiecewiseConstantDecay takes one value more than boundaries: ${boundaries.length} boundar${boundaries.length === 1 ? 'y needs' : 'ies need'} ${boundaries.length + 1} values, not ${values.length}` });
    }
    const unordered = boundaries.findIndex((b, i) => i > 0 && b <= boundaries[i - 1]);
    if (unordered !== -1) {
      out.push({ severity: 'error', code: 'schedule-boundaries-order', path: [...at, 'boundaries', unordered],
        message: `PiecewiseConstantDecay's boundaries must increase: ${boundaries[unordered]} follows ${boundaries[unordered - 1]}` });
    }
  }
  if (schedule.type === 'CosineDecay' && schedule.initialLearningRate === 0 && schedule.warmupTarget === undefined) {
    out.push({ severity: 'error', code: 'schedule-rate-zero', path: [...at, 'initialLearningRate'],
      message: 'With initialLearningRate 0 and no warmupTarget the rate stays 0 and nothing trains: set warmupTarget (and warmupSteps) to warm up from 0, or start above 0' });
  }
  if (schedule.type === 'CosineDecay' && (schedule.warmupSteps ?? 0) > 0 && schedule.warmupTarget === undefined) {
    out.push({ severity: 'warning', code: 'warmup-without-target', path: [...at, 'warmupSteps'],
      message: 'warmupSteps does nothing without warmupTarget: CosineDecay warms up from initialLearningRate to warmupTarget, then decays from there' });
  }
  (model.fit?.callbacks ?? []).forEach((cb, i) => {
    if (cb.type !== 'ReduceLROnPlateau' && cb.type !== 'LearningRateScheduler') return;
    out.push({ severity: 'error', code: 'callback-sets-scheduled-rate', path: ['fit', 'callbacks', i, 'type'],
      message: `${cb.type} cannot set the learning rate: compile.optimizer.learningRate is a ${schedule.type} schedule, which sets it every batch (Keras raises a TypeError). Keep one of the two` });
  });
  return out;
}
