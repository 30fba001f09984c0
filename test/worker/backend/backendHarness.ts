// Shared by the backend tests: runs the same computation on the wasm and cpu backends of
// the one global tfjs engine and compares plain numbers. Inputs are built afresh on each
// backend from plain arrays, never moved between backends (tfjs's cpu→wasm move of some
// tensors, e.g. results of cast, reads back zeros).
import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import seedrandom from 'seedrandom';
import { selectBackend } from '../../../src/worker/backend/selectBackend';

export type Backend = 'wasm' | 'cpu';

/** Mocha hooks: wasm (with the training kernels) for the suite, the previous backend after it, no leaked tensors. */
export function useWasmBackend(): void {
  let previous: string | undefined;
  let tensorsBefore = 0;
  before(async function () {
    this.timeout(30_000);
    previous = tf.getBackend(); // undefined until some backend has started
    await selectBackend('wasm');
  });
  after(async () => {
    if (previous) await tf.setBackend(previous);
  });
  beforeEach(() => {
    tensorsBefore = tf.memory().numTensors;
  });
  afterEach(async () => {
    await tf.setBackend('wasm');
    assert.strictEqual(tf.memory().numTensors, tensorsBefore, 'the test leaked tensors');
  });
}

/** Runs `compute` on `backend`, disposing every tensor it makes; `compute` returns plain arrays. */
export async function onBackend<T>(backend: Backend, compute: () => T): Promise<T> {
  await tf.setBackend(backend);
  tf.engine().startScope();
  try {
    return compute();
  } finally {
    tf.engine().endScope();
  }
}

/** Runs `compute` on both backends; compare the results with assertClose. */
export async function onWasmAndCpu<T>(compute: (backend: Backend) => T): Promise<{ wasm: T; cpu: T }> {
  const wasm = await onBackend('wasm', () => compute('wasm'));
  const cpu = await onBackend('cpu', () => compute('cpu'));
  await tf.setBackend('wasm');
  return { wasm, cpu };
}

/** Reproducible values in [-1, 1), or in [-1.1, -0.1) (all negative), or in {-1, 0, 1} (ties). */
export function randomValues(seed: string, count: number, kind: 'mixed' | 'negative' | 'ties' = 'mixed'): number[] {
  const rng = seedrandom(seed);
  return Array.from({ length: count }, () => {
    if (kind === 'negative') return -rng() - 0.1;
    if (kind === 'ties') return Math.floor(rng() * 3) - 1;
    return rng() * 2 - 1;
  });
}

/** Asserts two equally long arrays differ by at most `tolerance` anywhere. */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, what: string): void {
  assert.strictEqual(actual.length, expected.length, `${what}: lengths differ`);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < actual.length; i++) {
    const diff = Math.abs(actual[i] - expected[i]);
    assert.ok(!Number.isNaN(diff), `${what}: NaN at [${i}] (${actual[i]} vs ${expected[i]})`);
    if (diff > worst) {
      worst = diff;
      at = i;
    }
  }
  assert.ok(worst <= tolerance, `${what}: differs by ${worst} at [${at}] (${actual[at]} vs ${expected[at]})`);
}

/** The number of elements of a shape. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
