// Keras's learning-rate schedules (keras/src/optimizers/schedules/learning_rate_schedule.py)
// as plain functions of the optimizer's step: the number of batches trained before this one,
// Keras's optimizer.iterations. The worker sets the rate they give before every batch.
import type { LearningRateScheduleSpec } from './modelSchema';

/** The learning rate of the batch that follows `step` trained batches. */
export function learningRateAtStep(schedule: LearningRateScheduleSpec, step: number): number {
  switch (schedule.type) {
    case 'CosineDecay':
      return cosineDecay(schedule, step);
    case 'ExponentialDecay': {
      const exponent = step / schedule.decaySteps;
      return schedule.initialLearningRate * schedule.decayRate ** (schedule.staircase ? Math.floor(exponent) : exponent);
    }
    case 'PiecewiseConstantDecay': {
      // values[i] while step <= boundaries[i]; the last value after the last boundary.
      const index = schedule.boundaries.findIndex((b) => step <= b);
      return schedule.values[index === -1 ? schedule.boundaries.length : index];
    }
    default: {
      const unknown: never = schedule;
      throw new Error(`unknown learning-rate schedule ${JSON.stringify(unknown)}`);
    }
  }
}

/** The rate of the first batch, which Keras reports as the optimizer's learning rate before training. */
export function initialScheduledRate(schedule: LearningRateScheduleSpec): number {
  return learningRateAtStep(schedule, 0);
}

type CosineDecaySpec = Extract<LearningRateScheduleSpec, { type: 'CosineDecay' }>;

function cosineDecay(s: CosineDecaySpec, step: number): number {
  const alpha = s.alpha ?? 0;
  const decay = (from: number, decayStep: number) => {
    const fraction = Math.min(decayStep, s.decaySteps) / s.decaySteps;
    return from * ((1 - alpha) * 0.5 * (1 + Math.cos(Math.PI * fraction)) + alpha);
  };
  // As Keras: without a warm-up target there is no warm-up, whatever warmupSteps says.
  if (s.warmupTarget === undefined) return decay(s.initialLearningRate, step);
  const warmupSteps = s.warmupSteps ?? 0;
  if (step < warmupSteps) return s.initialLearningRate + (s.warmupTarget - s.initialLearningRate) * (step / warmupSteps);
  return decay(s.warmupTarget, step - warmupSteps);
}
