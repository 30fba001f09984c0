// CNN Lab model → what Keras's model.to_json() writes for it → importKeras → the same layers.
import { strict as assert } from 'node:assert';
import { datasetInputShape } from '../../../src/shared/datasetInfo';
import { importKeras, normalizeLayers, toKerasModelJson } from '../../../src/shared/keras';
import type { LayerSpec, ModelFile } from '../../../src/shared/modelSchema';
import { classicCifarCnn, EXAMPLE_MODELS, projectExamples } from './exampleModels';

/** The example models of this file plus the project's examples/*.cnn.json. */
function allModels(): [string, ModelFile][] {
  return [...Object.entries(EXAMPLE_MODELS), ...projectExamples()];
}

describe('Keras round trip: importKeras(toKerasModelJson(model))', () => {
  for (const [name, model] of allModels()) {
    it(`gives back the layers and input shape of ${name}`, () => {
      // Through text, as a file on disk would carry it.
      const { model: imported } = importKeras(JSON.stringify(toKerasModelJson(model)));
      assert.deepEqual(normalizeLayers(imported.layers), normalizeLayers(model.layers));
      assert.deepEqual(imported.inputShape, model.inputShape ?? datasetInputShape(model.dataset));
    });
  }

  it('notices a changed argument (the comparison can fail)', () => {
    const json = toKerasModelJson(classicCifarCnn) as { config: { layers: { config: Record<string, unknown> }[] } };
    json.config.layers[2].config.kernel_size = [5, 5];
    const { model: imported } = importKeras(json);
    assert.notDeepEqual(normalizeLayers(imported.layers), normalizeLayers(classicCifarCnn.layers));
  });

  it('writes what tf.keras 2.x writes: an InputLayer, generated names, every argument, float32 factors', () => {
    const json = toKerasModelJson({
      dataset: { name: 'cifar10' },
      layers: [
        { type: 'Conv2D', filters: 8, kernelSize: 3, kernelRegularizer: { l2: 0.0005 } },
        { type: 'Conv2D', name: 'conv2d_1', filters: 8, kernelSize: [3, 1] },
        { type: 'Conv2D', filters: 8, kernelSize: 1, kernelInitializer: 'leCunNormal' },
        { type: 'BatchNormalization' },
        { type: 'MaxPooling2D' },
        { type: 'Flatten' },
        { type: 'BatchNormalization', momentum: 0.9 },
        { type: 'Dense', units: 10, activation: 'softmax' },
      ],
    });
    const layers = (json.config as { layers: { class_name: string; config: Record<string, unknown> }[] }).layers;
    assert.deepEqual(layers.map((l) => [l.class_name, l.config.name]), [
      ['InputLayer', 'conv2d_input'], ['Conv2D', 'conv2d'], ['Conv2D', 'conv2d_1'], ['Conv2D', 'conv2d_2'],
      ['BatchNormalization', 'batch_normalization'], ['MaxPooling2D', 'max_pooling2d'], ['Flatten', 'flatten'],
      ['BatchNormalization', 'batch_normalization_1'], ['Dense', 'dense'],
    ]);
    assert.deepEqual(layers[0].config, { batch_input_shape: [null, 32, 32, 3], dtype: 'float32', sparse: false, ragged: false, name: 'conv2d_input' });
    assert.deepEqual(layers[1].config, {
      name: 'conv2d', trainable: true, batch_input_shape: [null, 32, 32, 3], dtype: 'float32',
      filters: 8, kernel_size: [3, 3], strides: [1, 1], padding: 'valid', data_format: 'channels_last', dilation_rate: [1, 1], groups: 1,
      activation: 'linear', use_bias: true,
      kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } },
      bias_initializer: { class_name: 'Zeros', config: {} },
      kernel_regularizer: { class_name: 'L2', config: { l2: 0.0005000000237487257 } },
      bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
    });
    assert.deepEqual(layers[3].config.kernel_initializer, { class_name: 'LecunNormal', config: { seed: null } });
    assert.deepEqual([layers[4].config.axis, layers[7].config.axis, layers[7].config.momentum], [[3], [1], 0.9]);
    assert.deepEqual(layers[5].config, { name: 'max_pooling2d', trainable: true, dtype: 'float32', pool_size: [2, 2], padding: 'valid', strides: [2, 2], data_format: 'channels_last' });
    assert.deepEqual([json.class_name, json.keras_version, json.backend], ['Sequential', '2.15.0', 'tensorflow']);
  });
});

describe('normalizeLayers', () => {
  it('writes out every default and every size as a pair', () => {
    const layers: LayerSpec[] = [
      { type: 'Conv2D', filters: 4, kernelSize: 3 },
      { type: 'MaxPooling2D' },
      { type: 'AveragePooling2D', poolSize: 3, strides: [1, 2], padding: 'same' },
      { type: 'Dense', units: 2, kernelRegularizer: { l2: 0.01 } },
      { type: 'BatchNormalization', epsilon: 0.01 },
      { type: 'Dropout', rate: 0.5 },
    ];
    assert.deepEqual(normalizeLayers(layers), [
      { type: 'Conv2D', filters: 4, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', activation: 'linear', useBias: true, kernelInitializer: 'glorotUniform' },
      { type: 'MaxPooling2D', poolSize: [2, 2], strides: [2, 2], padding: 'valid' },
      { type: 'AveragePooling2D', poolSize: [3, 3], strides: [1, 2], padding: 'same' },
      { type: 'Dense', units: 2, activation: 'linear', useBias: true, kernelInitializer: 'glorotUniform', kernelRegularizer: { l1: 0, l2: 0.01 } },
      { type: 'BatchNormalization', momentum: 0.99, epsilon: 0.01 },
      { type: 'Dropout', rate: 0.5 },
    ]);
  });

  it('makes equal networks equal and keeps different ones apart', () => {
    const a: LayerSpec[] = [{ type: 'Conv2D', name: 'conv2d_4', filters: 4, kernelSize: 3, strides: 1, kernelRegularizer: {} }, { type: 'MaxPooling2D', poolSize: 2, strides: 2 }];
    const b: LayerSpec[] = [{ type: 'Conv2D', filters: 4, kernelSize: [3, 3], padding: 'valid', activation: 'linear', useBias: true }, { type: 'MaxPooling2D' }];
    assert.deepEqual(normalizeLayers(a), normalizeLayers(b));
    assert.notDeepEqual(normalizeLayers([{ type: 'Conv2D', name: 'features', filters: 4, kernelSize: 3 }]), normalizeLayers([{ type: 'Conv2D', filters: 4, kernelSize: 3 }]));
    assert.notDeepEqual(normalizeLayers([{ type: 'MaxPooling2D', poolSize: 2, strides: 1 }]), normalizeLayers([{ type: 'MaxPooling2D', poolSize: 2 }]));
  });
});
