// Helpers for kernels written as compositions of tf ops. A kernel receives TensorInfo
// records (usually Tensors, but not always: backends may call kernels with bare infos),
// while tf ops need real Tensors.
import type * as tfjs from '@tensorflow/tfjs';

export type Tf = typeof tfjs;

/**
 * Returns a kernel input as a Tensor, wrapping a bare TensorInfo so tf ops accept it.
 * Call inside tf.tidy: the wrapper is then disposed with the scope.
 */
export function asTensor<R extends tfjs.Rank>(tf: Tf, info: tfjs.TensorInfo): tfjs.Tensor<R> {
  if (info instanceof tf.Tensor) return info as tfjs.Tensor<R>;
  // The wrapper shares the caller's data; the extra reference keeps the data alive when
  // the wrapper is disposed.
  tf.backend().incRef(info.dataId);
  return tf.engine().makeTensorFromTensorInfo(info) as tfjs.Tensor<R>;
}

/** Takes ownership of a kernel's bare output: the returned Tensor holds its only reference. */
export function adoptOutput(tf: Tf, info: tfjs.TensorInfo | tfjs.TensorInfo[]): tfjs.Tensor {
  if (Array.isArray(info)) throw new Error('expected a kernel with a single output');
  return info instanceof tf.Tensor ? info : tf.engine().makeTensorFromTensorInfo(info);
}

/** Normalises a stride or size attribute to [height, width]. */
export function pair(value: number | [number, number]): [number, number] {
  return typeof value === 'number' ? [value, value] : value;
}

/** The wasm backend's own means of making and reading tensors in its heap, for kernels that loop over it. */
export interface WasmHeap {
  makeOutput(shape: number[], dtype: 'float32'): tfjs.TensorInfo;
  /** A view of the tensor's memory (no copy); made anew after any makeOutput, which may grow the heap. */
  typedArrayFromHeap(info: tfjs.TensorInfo): Float32Array;
}

/** The kernel's backend as a WasmHeap (kernels registered for the wasm backend only). */
export function wasmHeap(backend: unknown): WasmHeap {
  return backend as WasmHeap;
}
