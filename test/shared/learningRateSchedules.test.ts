// Keras's schedules as CNN Lab computes them, checked against values worked out by hand from
// the formulas of keras/src/optimizers/schedules/learning_rate_schedule.py.
import { strict as assert } from 'node:assert';
import { learningRateAtStep } from '../../src/shared/learningRateSchedules';
import type { LearningRateScheduleSpec } from '../../src/shared/modelSchema';

function rates(schedule: LearningRateScheduleSpec, steps: number[]): number[] {
  return steps.map((s) => Number(learningRateAtStep(schedule, s).toPrecision(12)));
}

describe('learning-rate schedules (Keras LearningRateSchedule)', () => {
  it('CosineDecay falls along a half cosine to alpha × the rate and stays there', () => {
    const schedule: LearningRateScheduleSpec = { type: 'CosineDecay', initialLearningRate: 0.1, decaySteps: 1000, alpha: 0.1 };
    // 0.1 × ((1 − 0.1) × ½(1 + cos(π s/1000)) + 0.1)
    assert.deepEqual(rates(schedule, [0, 250, 500, 1000, 5000]), [0.1, 0.0868198051534, 0.055, 0.01, 0.01]);
  });

  it('CosineDecay with a warm-up climbs linearly to warmupTarget, then decays from it over decaySteps', () => {
    const schedule: LearningRateScheduleSpec = { type: 'CosineDecay', initialLearningRate: 0, decaySteps: 100, warmupTarget: 0.2, warmupSteps: 10 };
    assert.deepEqual(rates(schedule, [0, 5, 10, 60, 110, 500]), [0, 0.1, 0.2, 0.1, 0, 0]);
  });

  it('CosineDecay ignores warmupSteps without warmupTarget, as Keras does', () => {
    const schedule: LearningRateScheduleSpec = { type: 'CosineDecay', initialLearningRate: 0.2, decaySteps: 100, warmupSteps: 10 };
    assert.deepEqual(rates(schedule, [0, 50]), [0.2, 0.1]);
  });

  it('ExponentialDecay multiplies by decayRate every decaySteps, smoothly or in whole steps', () => {
    const smooth: LearningRateScheduleSpec = { type: 'ExponentialDecay', initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.5 };
    assert.deepEqual(rates(smooth, [0, 100, 150, 300]), [0.1, 0.05, 0.0353553390593, 0.0125]);
    assert.deepEqual(rates({ ...smooth, staircase: true }, [99, 100, 150, 199, 200]), [0.1, 0.05, 0.05, 0.05, 0.025]);
  });

  it('PiecewiseConstantDecay takes values[i] up to and including boundaries[i]', () => {
    const schedule: LearningRateScheduleSpec = { type: 'PiecewiseConstantDecay', boundaries: [100, 200], values: [1, 0.5, 0.1] };
    assert.deepEqual(rates(schedule, [0, 100, 101, 200, 201, 10_000]), [1, 1, 0.5, 0.5, 0.1, 0.1]);
  });
});
