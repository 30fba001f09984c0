// Picks the TensorFlow.js backend the worker trains with (Node only). The native
// backend (@tensorflow/tfjs-node, an optional dependency whose install downloads
// libtensorflow and often fails) is an accelerator used when it loads, never a
// requirement; wasm, with the training kernels it lacks supplied, is the usual engine;
// the pure-JS cpu backend is the last resort. See docs/training-engine-facts.md.
//
// Everything from @tensorflow is required lazily: the worker bundle keeps @tensorflow/*
// external, and a broken optional package must not stop this module from loading.
import * as os from 'os';
import * as path from 'path';
import type * as tfjs from '@tensorflow/tfjs';
import type * as tfjsWasm from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './wasmTrainingKernels';

export type BackendPreference = 'auto' | 'tensorflow' | 'wasm' | 'cpu';
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** The backend training runs on, and what the user should be told about it. */
export interface SelectedBackend {
  /** The tfjs API bound to this backend (tfjs-node's when name is 'tensorflow'). */
  tf: typeof tfjs;
  name: BackendName;
  threads: number;
  /** Why this backend rather than a faster one, e.g. "tfjs-node not installed; using wasm". */
  note?: string;
  /** Set when the backend is too slow for real training. */
  warning?: string;
}

/** The modules selectBackend loads; tests substitute them. */
export interface BackendModules {
  tfjs(): typeof tfjs;
  /** Throws when @tensorflow/tfjs-node is not installed or its native addon fails. */
  tfjsNode(): typeof tfjs;
  wasm(): typeof tfjsWasm;
  /** Directory holding the backend's .wasm files, with a trailing separator. */
  wasmDirectory(): string;
}

export const nodeModules: BackendModules = {
  tfjs: () => require('@tensorflow/tfjs') as typeof tfjs,
  tfjsNode: () => require('@tensorflow/tfjs-node') as typeof tfjs,
  wasm: () => require('@tensorflow/tfjs-backend-wasm') as typeof tfjsWasm,
  // Resolved at run time from node_modules, so it holds wherever the worker is bundled.
  wasmDirectory: () => path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep,
};

const CPU_WARNING =
  "The pure-JavaScript 'cpu' backend is far too slow to train conv nets (about 0.3 images/s " +
  'on the classic CIFAR-10 CNN, some 300× slower than wasm); use it only for tiny models.';

/**
 * Activates the backend for `preference` and returns it. 'auto' tries tfjs-node, then
 * wasm, then cpu; a forced preference that cannot load throws an Error saying why.
 */
export async function selectBackend(
  preference: BackendPreference,
  log: (msg: string) => void = () => {},
  modules: BackendModules = nodeModules,
): Promise<SelectedBackend> {
  const notes: string[] = [];
  if (preference === 'auto' || preference === 'tensorflow') {
    try {
      return await useTensorflow(modules);
    } catch (error) {
      const reason = tfjsNodeFailure(error);
      if (preference === 'tensorflow') {
        throw new Error(
          `The 'tensorflow' backend is unavailable: @tensorflow/tfjs-node ${reason}. ` +
          "Install it (npm install @tensorflow/tfjs-node) or choose the 'auto', 'wasm' or 'cpu' backend.",
        );
      }
      notes.push(`tfjs-node ${reason}`);
      log(`backend: tfjs-node ${reason}; trying wasm`);
    }
  }
  if (preference === 'auto' || preference === 'wasm') {
    try {
      const wasm = await useWasm(modules);
      return { ...wasm, note: [...notes, wasm.note].join('; ') };
    } catch (error) {
      const reason = firstLine(error);
      if (preference === 'wasm') {
        throw new Error(`The 'wasm' backend failed to start: ${reason}`);
      }
      notes.push(`wasm failed to start (${reason})`);
      log(`backend: wasm failed to start (${reason}); falling back to cpu`);
    }
  }
  const tf = modules.tfjs();
  if (!(await tf.setBackend('cpu'))) throw new Error("The 'cpu' backend failed to start");
  notes.push('using cpu');
  return { tf, name: 'cpu', threads: 1, note: notes.join('; '), warning: CPU_WARNING };
}

async function useTensorflow(modules: BackendModules): Promise<SelectedBackend> {
  const tf = modules.tfjsNode();
  if (!(await tf.setBackend('tensorflow'))) throw new Error('its backend failed to initialise');
  // libtensorflow spreads each op over all cores by default.
  return { tf, name: 'tensorflow', threads: os.availableParallelism() };
}

async function useWasm(modules: BackendModules): Promise<SelectedBackend & { note: string }> {
  const tf = modules.tfjs();
  const wasm = modules.wasm();
  wasm.setWasmPaths(modules.wasmDirectory());
  registerWasmTrainingKernels(tf);
  const ok = await withoutNewProcessHandlers(() => tf.setBackend('wasm'));
  if (!ok) throw new Error('the backend did not initialise (are its .wasm files in place?)');
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  // Multi-threading is hard-wired off in Node (docs/training-engine-facts.md).
  const threads = wasm.getThreadsCount();
  return { tf, name: 'wasm', threads, note: `using wasm (${simd ? 'SIMD' : 'no SIMD'}, ${threads} thread${threads === 1 ? '' : 's'})` };
}

/**
 * Runs `start`, then removes the process-wide 'uncaughtException' and
 * 'unhandledRejection' handlers it added. The wasm module's Emscripten glue installs
 * handlers that rethrow, so any later crash is reported at the glue's one 100 KB minified
 * line instead of at its own stack.
 */
async function withoutNewProcessHandlers<T>(start: () => Promise<T>): Promise<T> {
  const uncaught = new Set(process.listeners('uncaughtException'));
  const unhandled = new Set(process.listeners('unhandledRejection'));
  try {
    return await start();
  } finally {
    for (const listener of process.listeners('uncaughtException')) {
      if (!uncaught.has(listener)) process.removeListener('uncaughtException', listener);
    }
    for (const listener of process.listeners('unhandledRejection')) {
      if (!unhandled.has(listener)) process.removeListener('unhandledRejection', listener);
    }
  }
}

/** Explains why tfjs-node did not load: missing, or present but broken. */
function tfjsNodeFailure(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'MODULE_NOT_FOUND' && firstLine(error).includes("'@tensorflow/tfjs-node'")) return 'not installed';
  return `failed to load (${firstLine(error)})`;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].trim();
}
