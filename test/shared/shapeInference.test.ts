// Shape inference against the real thing: each model is also built by tfjs (cpu backend,
// building only) and every layer's output shape and weight count must agree, as must the
// totals Keras and the TensorFlow tutorial publish for well-known models.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { parseModelFile } from '../../src/shared/parseModelFile';
import { resolveModel } from '../../src/shared/modelDefaults';
import { inferShapes, formatShape, type ShapeReport } from '../../src/shared/shapeInference';
import type { LayerSpec, ModelFile } from '../../src/shared/modelSchema';
import { buildModel } from '../../src/worker/buildModel';

const ROOT = path.join(__dirname, '..', '..');
const MODEL_DIRS = [path.join(ROOT, 'examples'), path.join(ROOT, 'test', 'fixtures', 'models', 'shapes')];

function loadModel(file: string): ModelFile {
  const { model, diagnostics } = parseModelFile(readFileSync(file, 'utf8'));
  assert.ok(model, `${file}: ${JSON.stringify(diagnostics)}`);
  return model;
}

function reportOf(model: ModelFile): ShapeReport {
  const resolved = resolveModel(model);
  return inferShapes(resolved.layers, resolved.inputShape);
}

/** Builds the model in tfjs and reads back what tfjs says about each layer. */
function builtByTfjs(model: ModelFile): { total: number; trainable: number; layers: { shape: number[]; params: number }[] } {
  const net = buildModel(tf, resolveModel(model));
  try {
    const trainable = net.trainableWeights.reduce((sum, w) => sum + (w.shape as number[]).reduce((a, b) => a * b, 1), 0);
    const layers = net.layers.map((layer) => {
      const shape = layer.outputShape as (number | null)[];
      assert.equal(shape[0], null, 'the batch dimension comes first');
      return { shape: shape.slice(1) as number[], params: layer.countParams() };
    });
    return { total: net.countParams(), trainable, layers };
  } finally {
    net.dispose();
  }
}

/** A model file of `layers` on CIFAR-10 (32×32×3). */
const onCifar = (layers: LayerSpec[]): ModelFile => ({ dataset: { name: 'cifar10' }, layers });

describe('inferShapes', () => {
  let previousBackend: string | undefined;
  before(async () => {
    previousBackend = tf.getBackend(); // undefined until some backend has started
    await tf.setBackend('cpu');
  });
  after(async () => {
    if (previousBackend) await tf.setBackend(previousBackend);
  });

  describe('agrees with tfjs layer by layer', () => {
    const files = MODEL_DIRS.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.cnn.json')).map((f) => path.join(dir, f)));
    it('has the examples and at least ten other models to check', () => {
      assert.ok(files.filter((f) => f.includes('fixtures')).length >= 10);
      assert.ok(files.filter((f) => f.includes('examples')).length >= 4);
    });
    for (const file of files) {
      it(path.relative(ROOT, file), () => {
        const model = loadModel(file);
        const report = reportOf(model);
        assert.deepEqual(report.issues, []);
        const built = builtByTfjs(model);
        assert.equal(report.layers.length, built.layers.length);
        report.layers.forEach((layer, i) => {
          assert.deepEqual(layer.outputShape, built.layers[i].shape, `output of layer ${i + 1} (${layer.type})`);
          assert.equal(layer.params, built.layers[i].params, `parameters of layer ${i + 1} (${layer.type})`);
          if (i > 0) assert.deepEqual(layer.inputShape, report.layers[i - 1].outputShape);
        });
        assert.equal(report.totalParams, built.total);
        assert.equal(report.trainableParams, built.trainable);
        assert.deepEqual(report.outputShape, built.layers[built.layers.length - 1].shape);
      });
    }
  });

  describe('published figures', () => {
    it('the classic Keras CIFAR-10 CNN: 1,250,858 parameters, 20,741,120 multiply-adds', () => {
      const report = reportOf(loadModel(path.join(ROOT, 'examples', 'cifar10-baseline.cnn.json')));
      assert.equal(report.totalParams, 1_250_858);
      assert.equal(report.trainableParams, 1_250_858);
      assert.equal(report.totalMultiplyAdds, 20_741_120);
      assert.deepEqual(report.layers.map((l) => l.params), [896, 9248, 0, 0, 18496, 36928, 0, 0, 0, 1_180_160, 0, 5130]);
    });

    it('the TensorFlow CNN tutorial model: 122,570 parameters', () => {
      const report = reportOf(loadModel(path.join(ROOT, 'test', 'fixtures', 'models', 'shapes', 'tensorflow-tutorial.cnn.json')));
      assert.equal(report.totalParams, 122_570);
      // The tutorial's model.summary(): 30×30×32, 15×15×32, 13×13×64, 6×6×64, 4×4×64, 1024, 64, 10.
      assert.deepEqual(report.layers.map((l) => formatShape(l.outputShape)),
        ['30×30×32', '15×15×32', '13×13×64', '6×6×64', '4×4×64', '1024', '64', '10']);
      assert.deepEqual(report.layers.map((l) => l.params), [896, 0, 18496, 0, 36928, 0, 65600, 650]);
    });
  });

  describe('worked by hand', () => {
    it('odd sizes round down with "valid" and up with "same"', () => {
      const report = reportOf(loadModel(path.join(ROOT, 'test', 'fixtures', 'models', 'shapes', 'odd-sizes.cnn.json')));
      // 31×29 → 3×5 valid → 29×25 → pool 2 → 14×12 → 3×3 stride 2 same → 7×6 → 5×3 strides [2,1] valid → 2×4.
      assert.deepEqual(report.layers.map((l) => formatShape(l.outputShape)), ['29×25×8', '14×12×8', '7×6×12', '2×4×12', '96', '5']);
      // 3·5·3·8 + 8, 3·3·8·12 + 12, 5·3·12·12 + 12, 96·5 + 5
      assert.deepEqual(report.layers.map((l) => l.params), [368, 0, 876, 2172, 0, 485]);
    });

    it('counts batch normalisation as 4 weights per feature, 2 of them trainable', () => {
      const report = inferShapes([
        { type: 'Conv2D', filters: 16, kernelSize: 3, useBias: false },
        { type: 'BatchNormalization' },
      ], [8, 8, 3]);
      assert.deepEqual(report.layers.map((l) => [l.params, l.trainableParams]), [[432, 432], [64, 32]]);
      assert.equal(report.totalParams, 496);
      assert.equal(report.trainableParams, 464);
    });

    it('counts multiply-adds of convolutions and dense layers', () => {
      const report = inferShapes([
        { type: 'Conv2D', filters: 4, kernelSize: 3, strides: 2, padding: 'same' },
        { type: 'Flatten' },
        { type: 'Dense', units: 5 },
      ], [6, 6, 2]);
      // conv: 3×3 outputs · 4 filters · (3·3·2) each = 648; dense: 36 · 5 = 180.
      assert.deepEqual(report.layers.map((l) => l.multiplyAdds), [648, 0, 180]);
      assert.equal(report.totalMultiplyAdds, 828);
    });
  });

  describe('problems tfjs would throw on or build uselessly', () => {
    it('a kernel larger than its input: an issue here, an error in tfjs', () => {
      const layers: LayerSpec[] = [{ type: 'Conv2D', filters: 4, kernelSize: [3, 40] }, { type: 'Flatten' }];
      const report = inferShapes(layers, [32, 32, 3]);
      assert.deepEqual(report.issues.map((i) => [i.code, i.layerIndex, i.argument]), [['spatial-size-too-small', 0, 'kernelSize']]);
      assert.deepEqual(report.outputShape, []);
      // Layers after the broken one are not guessed at.
      assert.deepEqual(report.layers[1].outputShape, []);
      assert.throws(() => builtByTfjs(onCifar(layers)), /Negative dimension/);
    });

    it('a pool larger than its input: an issue here, an empty 0×0 output in tfjs', () => {
      const layers: LayerSpec[] = [{ type: 'Conv2D', filters: 4, kernelSize: 5 }, { type: 'MaxPooling2D', poolSize: 40 }, { type: 'Flatten' }];
      const report = inferShapes(layers, [32, 32, 3]);
      assert.deepEqual(report.issues.map((i) => [i.code, i.layerIndex, i.argument]), [['spatial-size-too-small', 1, 'poolSize']]);
      // tfjs builds it, but nothing reaches the layers after the pool.
      assert.deepEqual(builtByTfjs(onCifar(layers)).layers.map((l) => l.shape), [[28, 28, 4], [0, 0, 4], [0]]);
    });

    it('a convolution on a flat input: an issue here, an error in tfjs', () => {
      const layers: LayerSpec[] = [{ type: 'Flatten' }, { type: 'Conv2D', filters: 4, kernelSize: 3 }];
      const report = inferShapes(layers, [32, 32, 3]);
      assert.deepEqual(report.issues.map((i) => [i.code, i.layerIndex]), [['needs-image-input', 1]]);
      assert.throws(() => builtByTfjs(onCifar(layers)));
    });

    it('a window that fits exactly is no problem', () => {
      const report = inferShapes([{ type: 'Conv2D', filters: 4, kernelSize: [32, 30] }], [32, 32, 3]);
      assert.deepEqual(report.issues, []);
      assert.deepEqual(report.outputShape, [1, 3, 4]);
    });
  });
});
