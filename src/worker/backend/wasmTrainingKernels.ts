// Makes the wasm backend of @tensorflow/tfjs-backend-wasm 4.22 train conv nets correctly
// and fast enough to be worth it. As shipped it lacks Conv2DBackpropFilter (no conv net
// trains), has slow Conv2DBackpropInput and transposed BatchMatMul (see
// docs/training-engine-facts.md), a MaxPoolGrad that is wrong when a window holds no
// positive value, a OneHot that ignores its dtype, and Sum, Mean and Tile kernels that
// are slow for bias gradients and BatchNormalization. Each is supplied as a composition of tf ops; see the kernel files.
import type * as tfjs from '@tensorflow/tfjs';
import { makeBatchMatMulKernel } from './batchMatMulKernel';
import { makeConv2DBackpropFilterKernel } from './conv2dBackpropFilterKernel';
import { makeConv2DBackpropInputKernel } from './conv2dBackpropInputKernel';
import type { Tf } from './kernelTensors';
import { makeMaxPoolGradKernel } from './maxPoolGradKernel';
import { makeOneHotKernel } from './oneHotKernel';
import { makeMeanKernel } from './meanKernel';
import { makeSumKernel } from './sumKernel';
import { makeTileKernel } from './tileKernel';

const BACKEND = 'wasm';

/** Kernel names this module registers on the wasm backend. */
export const SUPPLIED_WASM_KERNELS = [
  'Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad', 'BatchMatMul', 'OneHot', 'Sum', 'Mean', 'Tile',
] as const;
type SuppliedKernel = (typeof SUPPLIED_WASM_KERNELS)[number];

/** How to build each kernel; `shipped` is the wasm backend's own kernel, if it has one. */
const BUILDERS: Record<SuppliedKernel, (tf: Tf, shipped: tfjs.KernelFunc | undefined) => tfjs.KernelFunc> = {
  Conv2DBackpropFilter: (tf) => makeConv2DBackpropFilterKernel(tf),
  Conv2DBackpropInput: (tf, shipped) => makeConv2DBackpropInputKernel(tf, required(shipped, 'Conv2DBackpropInput')),
  MaxPoolGrad: (tf) => makeMaxPoolGradKernel(tf),
  BatchMatMul: (tf, shipped) => makeBatchMatMulKernel(tf, required(shipped, 'BatchMatMul')),
  OneHot: (tf, shipped) => makeOneHotKernel(tf, required(shipped, 'OneHot')),
  Sum: (tf, shipped) => makeSumKernel(tf, required(shipped, 'Sum')),
  Mean: (tf, shipped) => makeMeanKernel(tf, required(shipped, 'Mean')),
  Tile: (tf, shipped) => makeTileKernel(tf, required(shipped, 'Tile')),
};

// Marks kernel functions registered here, so a second registration recognises them
// (the registry is global to tfjs-core, whichever module instance calls us).
const SUPPLIED = Symbol.for('cnn-lab.wasmTrainingKernel');
type MarkedKernelFunc = tfjs.KernelFunc & { [SUPPLIED]?: true };

/**
 * Registers on the 'wasm' backend the kernels conv-net training needs. Call after
 * `@tensorflow/tfjs-backend-wasm` is imported; calling again changes nothing.
 */
export function registerWasmTrainingKernels(tf: Tf): void {
  if (tf.getKernel(tf.Conv2D, BACKEND) == null) {
    throw new Error(
      "The wasm backend's kernels are not registered: import '@tensorflow/tfjs-backend-wasm' " +
      'with the same @tensorflow/tfjs before registering training kernels.',
    );
  }
  for (const kernelName of SUPPLIED_WASM_KERNELS) {
    const shipped = tf.getKernel(kernelName, BACKEND);
    if (shipped != null && isSupplied(shipped)) continue;
    const kernelFunc: MarkedKernelFunc = BUILDERS[kernelName](tf, shipped?.kernelFunc);
    kernelFunc[SUPPLIED] = true;
    if (shipped != null) tf.unregisterKernel(kernelName, BACKEND); // re-registering would warn
    tf.registerKernel({
      kernelName,
      backendName: BACKEND,
      kernelFunc,
      // A wrapped shipped kernel still needs its wasm bindings set up whenever the
      // backend (re)initialises.
      setupFunc: shipped?.setupFunc,
      disposeFunc: shipped?.disposeFunc,
    });
  }
}

function isSupplied(kernel: tfjs.KernelConfig): boolean {
  return (kernel.kernelFunc as MarkedKernelFunc)[SUPPLIED] === true;
}

function required(shipped: tfjs.KernelFunc | undefined, kernelName: string): tfjs.KernelFunc {
  if (shipped === undefined) throw new Error(`The wasm backend ships no ${kernelName} kernel to wrap`);
  return shipped;
}
