// Where each of a model's weights sits in one flat float32 buffer. Replicas exchange
// weights and gradients through SharedArrayBuffers laid out this way: the order is the
// model's own weight order, which is the same in every replica built from one topology.
import type * as tfType from '@tensorflow/tfjs';

/** Offsets and sizes of a list of tensors packed end to end in a Float32Array. */
export class WeightLayout {
  readonly offsets: readonly number[];
  readonly sizes: readonly number[];
  /** Floats the whole list takes. */
  readonly length: number;

  constructor(readonly shapes: readonly (readonly number[])[]) {
    const offsets: number[] = [];
    const sizes: number[] = [];
    let at = 0;
    for (const shape of shapes) {
      const size = shape.reduce((a, b) => a * b, 1);
      offsets.push(at);
      sizes.push(size);
      at += size;
    }
    this.offsets = offsets;
    this.sizes = sizes;
    this.length = at;
  }

  /** The layout of `weights` (LayerVariables or tensors, in the order given). */
  static of(weights: readonly { shape: readonly (number | null)[] }[]): WeightLayout {
    return new WeightLayout(weights.map((w) => w.shape.map((d) => {
      if (d === null) throw new Error('a weight has an undefined dimension');
      return d;
    })));
  }

  /** The part of `buffer` that holds tensor `index`. */
  view(buffer: Float32Array, index: number): Float32Array {
    return buffer.subarray(this.offsets[index], this.offsets[index] + this.sizes[index]);
  }
}

/** A Float32Array over a new SharedArrayBuffer of `length` floats. */
export function sharedFloats(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(Math.max(1, length) * Float32Array.BYTES_PER_ELEMENT));
}

/** Copies the values of `weights` into `buffer` as laid out by `layout`. */
export function packWeights(weights: readonly tfType.LayerVariable[], layout: WeightLayout, buffer: Float32Array): void {
  weights.forEach((w, i) => buffer.set(w.read().dataSync() as Float32Array, layout.offsets[i]));
}

/** Sets `weights` to the values `buffer` holds as laid out by `layout`. */
export function unpackWeights(tf: typeof tfType, weights: readonly tfType.LayerVariable[], layout: WeightLayout, buffer: Float32Array): void {
  tf.tidy(() => {
    // write() keeps its own reference to the new values; tidy drops ours.
    weights.forEach((w, i) => w.write(tf.tensor(layout.view(buffer, i), [...layout.shapes[i]], 'float32')));
  });
}
