// The kernels supplied to the wasm backend (src/worker/backend/wasmTrainingKernels.ts)
// must give what the reference cpu backend gives.
import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels, SUPPLIED_WASM_KERNELS } from '../../../src/worker/backend/wasmTrainingKernels';
import { makeConv2DBackpropInputKernel } from '../../../src/worker/backend/conv2dBackpropInputKernel';
import { assertClose, onWasmAndCpu, randomValues, sizeOf, useWasmBackend } from './backendHarness';

type Shape4 = [number, number, number, number];
type Pair = number | [number, number];
type ExplicitPad = [[number, number], [number, number], [number, number], [number, number]];

interface ConvCase { x: Shape4; filter: Shape4; strides: Pair; pad: 'same' | 'valid' | ExplicitPad }

const CONV_CASES: ConvCase[] = [
  { x: [2, 5, 5, 1], filter: [3, 3, 1, 2], strides: 1, pad: 'same' },
  { x: [2, 6, 6, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'valid' },
  { x: [1, 7, 6, 2], filter: [2, 2, 2, 3], strides: 1, pad: 'same' },
  { x: [3, 8, 8, 4], filter: [5, 5, 4, 2], strides: 1, pad: 'same' },
  { x: [1, 6, 7, 3], filter: [1, 1, 3, 5], strides: 1, pad: 'valid' },
  { x: [2, 8, 8, 3], filter: [3, 3, 3, 4], strides: 2, pad: 'same' },
  { x: [2, 7, 7, 2], filter: [3, 3, 2, 3], strides: 2, pad: 'same' },
  { x: [1, 9, 8, 3], filter: [3, 3, 3, 2], strides: 2, pad: 'valid' },
  { x: [2, 8, 9, 1], filter: [4, 4, 1, 3], strides: 2, pad: 'valid' },
  { x: [1, 6, 9, 2], filter: [3, 2, 2, 2], strides: [1, 2], pad: 'same' },
  { x: [2, 10, 9, 2], filter: [3, 3, 2, 2], strides: 3, pad: 'valid' },
  { x: [1, 6, 7, 2], filter: [3, 3, 2, 3], strides: 1, pad: [[0, 0], [1, 2], [2, 0], [0, 0]] },
  // More output than input channels, padding on one side only.
  { x: [2, 6, 6, 2], filter: [3, 3, 2, 6], strides: 1, pad: 'valid' },
  { x: [1, 6, 6, 2], filter: [3, 3, 2, 4], strides: 1, pad: [[0, 0], [2, 1], [0, 2], [0, 0]] },
  { x: [2, 5, 4, 1], filter: [2, 3, 1, 3], strides: 1, pad: 'same' },
  // Padding wider than the kernel: the input gradient falls back to the shipped kernel.
  { x: [1, 5, 5, 2], filter: [2, 2, 2, 2], strides: 1, pad: [[0, 0], [3, 3], [3, 3], [0, 0]] },
];

/** The input and filter gradients of sum(conv2d(x, filter) · dy). */
function convGradients(c: ConvCase, seed: string): { dx: Float32Array; dFilter: Float32Array } {
  const x = tf.tensor4d(randomValues(`${seed}x`, sizeOf(c.x)), c.x);
  const filter = tf.tensor4d(randomValues(`${seed}f`, sizeOf(c.filter)), c.filter);
  const outShape = tf.conv2d(x, filter, c.strides, c.pad).shape;
  const dy = tf.tensor4d(randomValues(`${seed}dy`, sizeOf(outShape)), outShape);
  const [dx, dFilter] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
    tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad))([x, filter], dy);
  return { dx: dx.dataSync() as Float32Array, dFilter: dFilter.dataSync() as Float32Array };
}

interface PoolCase { x: Shape4; pool: Pair; strides: Pair; pad: 'same' | 'valid' }

const POOL_CASES: PoolCase[] = [
  { x: [2, 4, 4, 3], pool: 2, strides: 2, pad: 'valid' },
  { x: [1, 7, 6, 2], pool: 2, strides: 2, pad: 'valid' },
  { x: [2, 5, 7, 2], pool: 2, strides: 2, pad: 'same' },
  { x: [1, 9, 9, 1], pool: 3, strides: 3, pad: 'same' },
  { x: [1, 6, 8, 2], pool: [2, 4], strides: [2, 4], pad: 'valid' },
  { x: [2, 7, 7, 2], pool: 3, strides: 2, pad: 'same' },
  { x: [1, 8, 8, 3], pool: 3, strides: 2, pad: 'valid' },
  { x: [1, 6, 5, 2], pool: 3, strides: 1, pad: 'same' },
  { x: [2, 5, 5, 1], pool: 2, strides: 1, pad: 'valid' },
];

describe('wasm training kernels', function () {
  this.timeout(60_000);
  useWasmBackend();

  it('are registered once, and registering again changes nothing', () => {
    const before = SUPPLIED_WASM_KERNELS.map((name) => tf.getKernel(name, 'wasm')?.kernelFunc);
    registerWasmTrainingKernels(tf);
    const after = SUPPLIED_WASM_KERNELS.map((name) => tf.getKernel(name, 'wasm')?.kernelFunc);
    assert.ok(before.every((k) => k !== undefined));
    assert.deepStrictEqual(after, before);
  });

  it('refuses to register before the wasm backend module is loaded, saying so', () => {
    const withoutWasm = { ...tf, getKernel: () => undefined } as unknown as typeof tf;
    assert.throws(() => registerWasmTrainingKernels(withoutWasm), /import '@tensorflow\/tfjs-backend-wasm'/);
  });

  describe('conv2d gradients (Conv2DBackpropFilter, Conv2DBackpropInput) match cpu', () => {
    for (const [i, c] of CONV_CASES.entries()) {
      it(`x ${c.x.join('×')}, filter ${c.filter.join('×')}, strides ${c.strides}, pad ${JSON.stringify(c.pad)}`, async () => {
        const { wasm, cpu } = await onWasmAndCpu(() => convGradients(c, `conv${i}`));
        assertClose(wasm.dx, cpu.dx, 1e-4, 'input gradient');
        assertClose(wasm.dFilter, cpu.dFilter, 1e-4, 'filter gradient');
      });
    }
  });

  it('computes input gradients as flipped-filter convolutions, falling back for pads wider than the kernel', () => {
    let fallbacks = 0;
    const kernel = makeConv2DBackpropInputKernel(tf, () => {
      fallbacks++;
      return tf.zeros([1, 6, 6, 2]);
    });
    const run = (filterSize: number, strides: number, pad: ConvCase['pad']) => tf.tidy(() => {
      const inputShape: Shape4 = [1, 6, 6, 2];
      const filter = tf.ones([filterSize, filterSize, 2, 2]);
      const outShape = tf.conv2d(tf.zeros(inputShape) as tf.Tensor4D, filter as tf.Tensor4D, strides, pad).shape;
      // Called directly, the kernel returns a Tensor (its tf.tidy's), which the scope disposes.
      kernel({
        inputs: { dy: tf.ones(outShape), filter }, backend: tf.backend(),
        attrs: { strides, pad, dataFormat: 'NHWC', dimRoundingMode: undefined, inputShape } as unknown as tf.NamedAttrMap,
      });
    });
    run(3, 1, 'same');
    run(3, 2, 'valid');
    assert.equal(fallbacks, 0);
    run(2, 1, [[0, 0], [3, 3], [3, 3], [0, 0]]);
    assert.equal(fallbacks, 1);
  });

  describe('maxPool gradient (MaxPoolGrad) matches cpu, ties going to the first maximum', () => {
    for (const [i, c] of POOL_CASES.entries()) {
      for (const kind of ['mixed', 'negative', 'ties'] as const) {
        it(`x ${c.x.join('×')}, pool ${c.pool}, strides ${c.strides}, ${c.pad}, ${kind} values`, async () => {
          const { wasm, cpu } = await onWasmAndCpu(() => {
            const x = tf.tensor4d(randomValues(`pool${i}${kind}`, sizeOf(c.x), kind), c.x);
            const pool = (t: tf.Tensor4D) => tf.maxPool(t, c.pool, c.strides, c.pad);
            const outShape = pool(x).shape;
            const dy = tf.tensor4d(randomValues(`pool${i}dy`, sizeOf(outShape)), outShape);
            return tf.grad((t) => pool(t as tf.Tensor4D))(x, dy).dataSync();
          });
          assertClose(wasm, cpu, 1e-6, 'input gradient');
        });
      }
    }
  });

  describe('matMul and its gradients (BatchMatMul) match cpu, either operand transposed', () => {
    // Shapes on both sides of the kernel's choice between A·B and (Bᵀ·Aᵀ)ᵀ: a large B
    // (the Dense input gradient's shape) takes the second way, a large A the first.
    const cases: { a: number[]; b: number[]; transposeA: boolean; transposeB: boolean }[] = [
      { a: [5, 7], b: [7, 3], transposeA: false, transposeB: false },
      { a: [2, 8], b: [8, 30], transposeA: false, transposeB: false },
      { a: [7, 5], b: [7, 3], transposeA: true, transposeB: false },
      { a: [5, 7], b: [3, 7], transposeA: false, transposeB: true },
      { a: [7, 5], b: [3, 7], transposeA: true, transposeB: true },
      { a: [3, 8], b: [20, 8], transposeA: false, transposeB: true },
      { a: [20, 8], b: [3, 8], transposeA: false, transposeB: true },
      { a: [8, 20], b: [8, 3], transposeA: true, transposeB: false },
      { a: [8, 3], b: [8, 20], transposeA: true, transposeB: false },
      { a: [8, 2], b: [3, 8], transposeA: true, transposeB: true },
      { a: [1, 6, 4], b: [1, 6, 2], transposeA: true, transposeB: false },
      { a: [1, 3, 6], b: [1, 9, 6], transposeA: false, transposeB: true },
      { a: [1, 3, 6], b: [9, 6], transposeA: false, transposeB: true },
      { a: [2, 4, 6], b: [2, 3, 6], transposeA: false, transposeB: true },
      { a: [2, 6, 4], b: [2, 6, 3], transposeA: true, transposeB: false },
      { a: [2, 6, 4], b: [2, 3, 6], transposeA: true, transposeB: true },
    ];
    for (const [i, c] of cases.entries()) {
      it(`a ${c.a.join('×')}${c.transposeA ? 'ᵀ' : ''} · b ${c.b.join('×')}${c.transposeB ? 'ᵀ' : ''}`, async () => {
        const { wasm, cpu } = await onWasmAndCpu(() => {
          const a = tf.tensor(randomValues(`mm${i}a`, sizeOf(c.a)), c.a);
          const b = tf.tensor(randomValues(`mm${i}b`, sizeOf(c.b)), c.b);
          const product = (x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y, c.transposeA, c.transposeB);
          const out = product(a, b);
          const dy = tf.tensor(randomValues(`mm${i}dy`, out.size), out.shape);
          // tfjs's BatchMatMul gradient does not reduce broadcast batch axes, on any
          // backend: operands of different rank are checked forward only.
          if (c.a.length !== c.b.length) return [...out.dataSync()];
          const [da, db] = tf.grads(product)([a, b], dy);
          return [...out.dataSync(), ...da.dataSync(), ...db.dataSync()];
        });
        assertClose(wasm, cpu, 1e-5, 'product and gradients');
      });
    }
  });

  /** The input shape of every Transpose that `run` makes, in order. */
  const transposesIn = async (run: () => void): Promise<number[][]> => {
    const profile = await tf.profile(() => { tf.tidy(run); });
    return profile.kernels.filter((k) => k.name === 'Transpose').map((k) => k.inputShapes[0]);
  };

  it('routes transposed products by copy size: dy·Wᵀ with a large W copies dy and the product, not W', async () => {
    const transposedShapes = (a: number[], b: number[]) => transposesIn(() => { tf.matMul(tf.ones(a), tf.ones(b), false, true); });
    assert.deepStrictEqual(await transposedShapes([2, 8], [30, 8]), [[2, 8], [30, 2]]);
    assert.deepStrictEqual(await transposedShapes([30, 8], [2, 8]), [[2, 8]]);
  });

  it('computes x·W with a large W met for the first time as (Wᵀ·xᵀ)ᵀ, and directly once XNNPACK has packed that W', async () => {
    const x = tf.tensor2d(randomValues('fwd-x', 16), [2, 8]);
    const w = tf.tensor2d(randomValues('fwd-w', 240), [8, 30]);
    const call = async () => {
      let product: number[] = [];
      const transposed = await transposesIn(() => { product = [...tf.matMul(x, w).dataSync()]; });
      return { product, transposed };
    };
    const first = await call();
    const second = await call();
    assert.deepStrictEqual(first.transposed, [[8, 30], [2, 8], [30, 2]]);
    assert.deepStrictEqual(second.transposed, []);
    assertClose(first.product, second.product, 1e-6, 'the two ways give the same product');
    tf.dispose([x, w]);
  });

  describe('sum (Sum) matches cpu', () => {
    // Over all axes but the last (bias gradients) the kernel takes a product; every other
    // reduction, and int32, goes to the shipped kernel and must still be right.
    const cases: { shape: number[]; axis: number | number[]; keepDims: boolean; dtype: 'float32' | 'int32' }[] = [
      { shape: [4, 5, 6, 3], axis: [0, 1, 2], keepDims: false, dtype: 'float32' },
      { shape: [4, 5, 6, 3], axis: [2, 0, 1], keepDims: true, dtype: 'float32' },
      { shape: [4, 5, 6, 3], axis: [-4, -3, -2], keepDims: false, dtype: 'float32' },
      { shape: [2, 3, 4, 5, 3], axis: [0, 1, 2, 3], keepDims: false, dtype: 'float32' },
      { shape: [1, 9, 7, 4], axis: [0, 1, 2], keepDims: true, dtype: 'float32' },
      { shape: [7, 3], axis: 0, keepDims: false, dtype: 'float32' },
      { shape: [7, 3], axis: [0], keepDims: true, dtype: 'float32' },
      { shape: [7, 1], axis: 0, keepDims: false, dtype: 'float32' },
      { shape: [4, 5, 6, 3], axis: [0, 1, 2], keepDims: false, dtype: 'int32' },
      { shape: [4, 5, 6, 3], axis: [0, 1], keepDims: false, dtype: 'float32' },
      { shape: [4, 5, 6, 3], axis: [1, 2, 3], keepDims: true, dtype: 'float32' },
      { shape: [4, 5, 6, 3], axis: [0, 1, 2, 3], keepDims: false, dtype: 'float32' },
      { shape: [4, 5, 6, 3], axis: 3, keepDims: false, dtype: 'float32' },
      { shape: [7, 3], axis: 1, keepDims: false, dtype: 'int32' },
      { shape: [9], axis: 0, keepDims: false, dtype: 'float32' },
      { shape: [0, 3], axis: 0, keepDims: false, dtype: 'float32' },
      { shape: [2, 0, 3], axis: 1, keepDims: true, dtype: 'int32' },
    ];
    for (const [i, c] of cases.entries()) {
      it(`${c.dtype} ${c.shape.join('×')} over ${JSON.stringify(c.axis)}${c.keepDims ? ', keepDims' : ''}`, async () => {
        const { wasm, cpu } = await onWasmAndCpu(() => {
          const values = randomValues(`sum${i}`, sizeOf(c.shape)).map((v) => (c.dtype === 'int32' ? Math.round(v * 1e6) : v));
          const out = tf.sum(tf.tensor(values, c.shape, c.dtype), c.axis, c.keepDims);
          return { shape: out.shape, dtype: out.dtype, values: [...out.dataSync()] };
        });
        assert.deepStrictEqual(wasm.shape, cpu.shape);
        assert.strictEqual(wasm.dtype, cpu.dtype);
        assertClose(wasm.values, cpu.values, c.dtype === 'int32' ? 0 : 1e-5, 'sums');
      });
    }

    it('pools only for float32 sums over all axes but the last', async () => {
      const kernelsRun = async (dtype: 'float32' | 'int32', axis: number[]) => {
        const profile = await tf.profile(() => {
          tf.tidy(() => { tf.sum(tf.ones([4, 5, 3], dtype), axis); });
        });
        return profile.kernels.map((k) => k.name);
      };
      assert.ok((await kernelsRun('float32', [0, 1])).includes('AvgPool'));
      assert.ok(!(await kernelsRun('int32', [0, 1])).includes('AvgPool'));
      assert.ok(!(await kernelsRun('float32', [1, 2])).includes('AvgPool'));
    });

    it('gives the bias gradient of a conv layer', async () => {
      const { wasm, cpu } = await onWasmAndCpu(() => {
        const x = tf.tensor4d(randomValues('biasx', 2 * 5 * 5 * 3), [2, 5, 5, 3]);
        const bias = tf.tensor1d(randomValues('biasb', 3));
        const dy = tf.tensor4d(randomValues('biasdy', 2 * 5 * 5 * 3), [2, 5, 5, 3]);
        return tf.grad((b: tf.Tensor) => tf.add(x, b))(bias, dy).dataSync();
      });
      assertClose(wasm, cpu, 1e-5, 'bias gradient');
    });
  });

  describe('mean (Mean) and tile (Tile) match cpu', () => {
    const means: { shape: number[]; axis: number | number[]; keepDims: boolean; dtype: 'float32' | 'int32' }[] = [
      { shape: [4, 5, 6, 3], axis: [0, 1, 2], keepDims: false, dtype: 'float32' },
      { shape: [4, 5, 6, 3], axis: [0, 1, 2], keepDims: true, dtype: 'float32' },
      { shape: [7, 3], axis: 0, keepDims: false, dtype: 'float32' },
      { shape: [4, 5, 6, 3], axis: [1, 2], keepDims: false, dtype: 'float32' },
      { shape: [4, 5, 6, 3], axis: -1, keepDims: true, dtype: 'float32' },
      { shape: [4, 5, 6, 3], axis: [0, 1, 2], keepDims: false, dtype: 'int32' },
    ];
    for (const [i, c] of means.entries()) {
      it(`mean ${c.dtype} ${c.shape.join('×')} over ${JSON.stringify(c.axis)}${c.keepDims ? ', keepDims' : ''}`, async () => {
        const { wasm, cpu } = await onWasmAndCpu(() => {
          const values = randomValues(`mean${i}`, sizeOf(c.shape)).map((v) => (c.dtype === 'int32' ? Math.round(v * 1e3) : v));
          const out = tf.mean(tf.tensor(values, c.shape, c.dtype), c.axis, c.keepDims);
          return { shape: out.shape, dtype: out.dtype, values: [...out.dataSync()] };
        });
        assert.deepStrictEqual(wasm.shape, cpu.shape);
        assert.strictEqual(wasm.dtype, cpu.dtype);
        // A mean is a float either way: int32 inputs are summed exactly and divided in float32.
        assertClose(wasm.values, cpu.values, 1e-5, 'means');
      });
    }

    const tiles: { shape: number[]; reps: number[]; dtype: 'float32' | 'int32' }[] = [
      { shape: [1, 1, 1, 3], reps: [2, 4, 5, 1], dtype: 'float32' },
      { shape: [2, 1, 3], reps: [1, 4, 1], dtype: 'float32' },
      { shape: [2, 3], reps: [3, 2], dtype: 'float32' },
      { shape: [1, 3], reps: [4, 1], dtype: 'int32' },
      { shape: [2, 1], reps: [1, 1], dtype: 'float32' },
    ];
    for (const [i, c] of tiles.entries()) {
      it(`tile ${c.dtype} ${c.shape.join('×')} by ${c.reps.join('×')}`, async () => {
        const { wasm, cpu } = await onWasmAndCpu(() => {
          const values = randomValues(`tile${i}`, sizeOf(c.shape)).map((v) => (c.dtype === 'int32' ? Math.round(v * 1e3) : v));
          const out = tf.tile(tf.tensor(values, c.shape, c.dtype), c.reps);
          return { shape: out.shape, dtype: out.dtype, values: [...out.dataSync()] };
        });
        assert.deepStrictEqual(wasm.shape, cpu.shape);
        assert.strictEqual(wasm.dtype, cpu.dtype);
        assertClose(wasm.values, cpu.values, 0, 'tiled values');
      });
    }

    it('give the gradients of a BatchNormalization layer in training', async () => {
      const { wasm, cpu } = await onWasmAndCpu(() => {
        const x = tf.tensor4d(randomValues('bnx', 3 * 4 * 5 * 6), [3, 4, 5, 6]);
        const gamma = tf.tensor1d(randomValues('bng', 6));
        const beta = tf.tensor1d(randomValues('bnb', 6));
        const dy = tf.tensor4d(randomValues('bndy', 3 * 4 * 5 * 6), [3, 4, 5, 6]);
        const f = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
          const { mean, variance } = tf.moments(a, [0, 1, 2]);
          return tf.batchNorm(a as tf.Tensor4D, mean, variance, b as tf.Tensor1D, g as tf.Tensor1D, 1e-3);
        };
        return tf.grads(f)([x, gamma, beta], dy).map((g) => [...g.dataSync()]);
      });
      for (const [i, name] of ['input', 'gamma', 'beta'].entries()) assertClose(wasm[i], cpu[i], 1e-4, `${name} gradient`);
    });
  });

  it('oneHot honours dtype and fractional on/off values (OneHot)', async () => {
    const { wasm, cpu } = await onWasmAndCpu(() => {
      const labels = tf.tensor1d([0, 2, 1, 2], 'int32');
      return [
        ...tf.oneHot(labels, 3, 1, 0, 'float32').dataSync(),
        ...tf.oneHot(labels, 3, 0.9, 0.05, 'float32').dataSync(),
        ...tf.oneHot(labels, 3).dataSync(),
      ];
    });
    assertClose(wasm, cpu, 1e-7, 'one-hot values');
    assert.strictEqual(wasm[0], 1);
  });
});
