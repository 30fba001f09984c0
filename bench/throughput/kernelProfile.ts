// Per-kernel time of one training step, from tf.profile. Kernels supplied as compositions
// of tf ops (src/worker/backend) run other kernels inside them, and tf.profile lists those
// too, so plain sums count the inner ones twice. Recording the engine's kernel depth as
// each entry is listed lets each kernel's own ("self") time be separated from its callees'.
import type * as tfjs from '@tensorflow/tfjs';

/** One kernel name's share of a step. */
export interface KernelTime {
  name: string;
  calls: number;
  /** Time in the kernel itself, callees excluded, wherever it was called from. */
  selfMs: number;
  /** Time of the calls the model made directly, callees included (0 if only called inside other kernels). */
  totalMs: number;
}

/** The profile of one step: kernels by self time, and the sum over all (= kernel time of the step). */
export interface StepProfile {
  kernels: KernelTime[];
  kernelMs: number;
  wallMs: number;
}

interface EngineState {
  kernelDepth: number;
  activeProfile: { kernels: unknown[] };
}

/** Profiles one call of `step` on the active backend. */
export async function profileStep(tf: typeof tfjs, step: () => Promise<unknown>): Promise<StepProfile> {
  const state = (tf.engine() as unknown as { state: EngineState }).state;
  const depths: number[] = [];
  const started = performance.now();
  const profile = await tf.profile(async () => {
    // tf.profile has just created this list; each entry is pushed after its kernel ran,
    // when the engine's depth is that kernel's own (0 for kernels the model called).
    const list = state.activeProfile.kernels;
    list.push = (...items: unknown[]) => {
      for (let i = 0; i < items.length; i++) depths.push(state.kernelDepth);
      return Array.prototype.push.apply(list, items);
    };
    await step();
    return undefined as unknown as tfjs.TensorContainer;
  });
  const wallMs = performance.now() - started;
  // Callees are listed before their caller, one level deeper.
  const childMs: number[] = [];
  const byName = new Map<string, KernelTime>();
  let kernelMs = 0;
  profile.kernels.forEach((k, i) => {
    const depth = depths[i] ?? 0;
    const totalMs = Number(k.kernelTimeMs);
    const selfMs = Math.max(0, totalMs - (childMs[depth + 1] ?? 0));
    childMs[depth + 1] = 0;
    childMs[depth] = (childMs[depth] ?? 0) + totalMs;
    if (depth === 0) kernelMs += totalMs;
    const entry = byName.get(k.name) ?? { name: k.name, calls: 0, selfMs: 0, totalMs: 0 };
    entry.calls++;
    entry.selfMs += selfMs;
    entry.totalMs += depth === 0 ? totalMs : 0;
    byName.set(k.name, entry);
  });
  const kernels = [...byName.values()].sort((a, b) => b.selfMs - a.selfMs);
  return { kernels, kernelMs, wallMs };
}
