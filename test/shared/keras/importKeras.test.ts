// importKeras on small hand-made configs: each argument, refusal and warning on its own.
import { strict as assert } from 'node:assert';
import { importKeras } from '../../../src/shared/keras';

type Json = Record<string, unknown>;

/** A tf.keras 2.x model.to_json() structure around the given layers. */
function sequential(layers: Json[], batchInputShape: unknown[] | null = [null, 32, 32, 3]): Json {
  const input = batchInputShape === null ? [] : [{ class_name: 'InputLayer', config: { batch_input_shape: batchInputShape, dtype: 'float32', name: 'input_1' } }];
  return { class_name: 'Sequential', config: { name: 'sequential', layers: [...input, ...layers] }, keras_version: '2.12.0', backend: 'tensorflow' };
}

function layer(className: string, config: Json): Json {
  return { class_name: className, config };
}

const softmax = layer('Dense', { name: 'dense', units: 10, activation: 'softmax' });

function expectRefusal(json: unknown, ...problems: string[]): void {
  assert.throws(() => importKeras(json), { message: ['Cannot import this Keras model into CNN Lab:', ...problems.map((p) => `  - ${p}`)].join('\n') });
}

describe('importKeras', () => {
  it('reads strides, padding, use_bias, initializers and L1L2 regularizers written as float32', () => {
    const { model, warnings } = importKeras(sequential([
      layer('Conv2D', {
        name: 'conv2d', filters: 8, kernel_size: [5, 3], strides: [2, 1], padding: 'same', activation: 'relu', use_bias: false,
        kernel_initializer: { class_name: 'HeUniform', config: { seed: null } },
        kernel_regularizer: { class_name: 'L1L2', config: { l1: 0, l2: 0.0005000000237487257 } },
      }),
      layer('AveragePooling2D', { name: 'pool', pool_size: [3, 3], strides: [1, 1], padding: 'same' }),
      layer('Flatten', {}),
      layer('Dense', { name: 'dense', units: 10, activation: 'softmax', kernel_initializer: 'lecun_normal', kernel_regularizer: { class_name: 'L1', config: { l1: 0.0010000000474974513 } } }),
    ]));
    assert.deepEqual(model.layers, [
      { type: 'Conv2D', filters: 8, kernelSize: [5, 3], strides: [2, 1], padding: 'same', activation: 'relu', useBias: false, kernelInitializer: 'heUniform', kernelRegularizer: { l2: 0.0005 } },
      { type: 'AveragePooling2D', name: 'pool', poolSize: 3, strides: 1, padding: 'same' },
      { type: 'Flatten' },
      { type: 'Dense', units: 10, activation: 'softmax', kernelInitializer: 'leCunNormal', kernelRegularizer: { l1: 0.001 } },
    ]);
    assert.deepEqual(warnings, []);
  });

  it('reads Keras 1 subsample strides, Dense without bias and a Keras 1 regularizer', () => {
    const { model } = importKeras({
      class_name: 'Sequential', keras_version: '1.2.2',
      config: [
        layer('Convolution2D', {
          name: 'convolution2d_1', nb_filter: 16, nb_row: 5, nb_col: 5, subsample: [2, 2], border_mode: 'valid', dim_ordering: 'tf',
          init: 'he_normal', activation: 'relu', bias: true, batch_input_shape: [null, 64, 64, 1], input_dtype: 'float32',
          W_regularizer: { name: 'L1L2Regularizer', l1: 0, l2: 0.0005000000237487257 },
        }),
        layer('AveragePooling2D', { name: 'averagepooling2d_1', pool_size: [2, 2], strides: null, border_mode: 'same', dim_ordering: 'tf' }),
        layer('GlobalAveragePooling2D', { name: 'globalaveragepooling2d_1', dim_ordering: 'tf' }),
        layer('Dense', { name: 'out', output_dim: 3, init: 'uniform', bias: false, activation: 'softmax' }),
      ],
    });
    assert.deepEqual(model.layers, [
      { type: 'Conv2D', filters: 16, kernelSize: 5, strides: 2, activation: 'relu', kernelInitializer: 'heNormal', kernelRegularizer: { l2: 0.0005 } },
      { type: 'AveragePooling2D', poolSize: 2, padding: 'same' },
      { type: 'GlobalAveragePooling2D' },
      { type: 'Dense', name: 'out', units: 3, activation: 'softmax', useBias: false, kernelInitializer: 'randomUniform' },
    ]);
    assert.deepEqual(model.dataset, { name: 'imageFolder', path: 'path/to/image-folder', imageSize: [64, 64], grayscale: true });
  });

  it('maps VarianceScaling configs to the Glorot, He and LeCun initializers they are', () => {
    const scaling = (scale: number, mode: string, distribution: string): Json =>
      layer('Dense', { units: 2, kernel_initializer: { class_name: 'VarianceScaling', config: { scale, mode, distribution, seed: null } } });
    const { model, warnings } = importKeras(sequential([
      layer('Flatten', {}),
      scaling(1, 'fan_avg', 'uniform'), scaling(1, 'fan_avg', 'normal'), scaling(2, 'fan_in', 'truncated_normal'),
      scaling(2, 'fan_in', 'uniform'), scaling(1, 'fan_in', 'uniform'), scaling(1, 'fan_in', 'normal'),
      scaling(1, 'fan_in', 'truncated_normal'), scaling(3, 'fan_out', 'uniform'),
      softmax,
    ]));
    // Keras 2.0 and tfjs write LeCun normal as (1, fan_in, "normal"); (1, fan_in, truncated_normal) is VarianceScaling's default.
    assert.deepEqual(model.layers.slice(1, 9).map((l) => (l.type === 'Dense' ? l.kernelInitializer : l.type)), [
      undefined, 'glorotNormal', 'heNormal', 'heUniform', 'leCunUniform', 'leCunNormal', 'varianceScaling', 'varianceScaling',
    ]);
    assert.deepEqual(warnings, [
      'layers[9] (Dense): VarianceScaling {"scale":3,"mode":"fan_out","distribution":"uniform"} becomes varianceScaling with its default settings (scale 1, fan_in, truncated normal)',
    ]);
  });

  it('keeps names the user chose and leaves out the ones Keras or tfjs generated', () => {
    const { model, warnings } = importKeras(sequential([
      layer('Conv2D', { name: 'conv2d_3', filters: 4, kernel_size: 3 }),
      layer('Conv2D', { name: 'block1_conv', filters: 4, kernel_size: 3 }),
      layer('MaxPooling2D', { name: 'max_pooling2d_MaxPooling2D1' }),
      layer('Dropout', { name: '1st dropout', rate: 0.1 }),
      layer('Flatten', { name: 'flatten' }),
      softmax,
    ]));
    assert.deepEqual(model.layers.map((l) => l.name), [undefined, 'block1_conv', undefined, undefined, undefined, undefined]);
    assert.deepEqual(warnings, [
      'layers[4] "1st dropout" (Dropout): the name is left out: a CNN Lab layer name starts with a letter and uses letters, digits, _ . -',
    ]);
  });

  it('turns ReLU and Softmax layers into Activation layers', () => {
    const { model } = importKeras(sequential([
      layer('ReLU', { name: 're_lu', max_value: null, negative_slope: 0, threshold: 0 }),
      layer('ReLU', { name: 're_lu_1', max_value: 6, negative_slope: 0, threshold: 0 }),
      layer('GlobalAveragePooling2D', { keepdims: false }),
      layer('Dense', { units: 10 }),
      layer('Softmax', { axis: -1 }),
    ]));
    assert.deepEqual(model.layers, [
      { type: 'Activation', activation: 'relu' },
      { type: 'Activation', activation: 'relu6' },
      { type: 'GlobalAveragePooling2D' },
      { type: 'Dense', units: 10 },
      { type: 'Activation', activation: 'softmax' },
    ]);
  });

  it('accepts BatchNormalization on the channel axis as -1 or as the built axis index', () => {
    const { model } = importKeras(sequential([
      layer('BatchNormalization', { axis: -1, momentum: 0.99, epsilon: 0.001 }),
      layer('BatchNormalization', { axis: [3], momentum: 0.9, epsilon: 1e-5 }),
      layer('Flatten', {}),
      layer('BatchNormalization', { axis: [1], momentum: 0.99, epsilon: 0.01 }),
      softmax,
    ]));
    assert.deepEqual(model.layers.filter((l) => l.type === 'BatchNormalization'), [
      { type: 'BatchNormalization' },
      { type: 'BatchNormalization', momentum: 0.9, epsilon: 1e-5 },
      { type: 'BatchNormalization', epsilon: 0.01 },
    ]);
  });

  it('warns about what only affects training and leaves it out', () => {
    const { model, warnings } = importKeras(sequential([
      layer('Conv2D', {
        name: 'c', filters: 4, kernel_size: 3, trainable: false,
        kernel_initializer: { class_name: 'RandomNormal', config: { mean: 0, stddev: 0.01, seed: null } },
        bias_initializer: { class_name: 'Constant', config: { value: 0.1 } },
        bias_regularizer: { class_name: 'L2', config: { l2: 0.01 } },
        kernel_constraint: { class_name: 'MaxNorm', config: { max_value: 3, axis: 0 } },
      }),
      layer('Dropout', { rate: 0.2, noise_shape: [null, 1, 1, 4] }),
      layer('Flatten', {}),
      layer('Dense', { units: 10, activation: 'softmax', kernel_initializer: { class_name: 'Identity', config: { gain: 1 } } }),
    ]));
    assert.deepEqual(model.layers[0], { type: 'Conv2D', name: 'c', filters: 4, kernelSize: 3, kernelInitializer: 'randomNormal' });
    assert.deepEqual(warnings, [
      'layers[1] "c" (Conv2D): trainable false is left out: CNN Lab trains every layer',
      'layers[1] "c" (Conv2D): RandomNormal {"mean":0,"stddev":0.01} keeps its kind but takes CNN Lab\'s default settings {"mean":0,"stddev":0.05}',
      'layers[1] "c" (Conv2D): bias_initializer "Constant" is left out: CNN Lab starts biases at zero',
      'layers[1] "c" (Conv2D): bias_regularizer L2 is left out: CNN Lab penalises kernels only',
      'layers[1] "c" (Conv2D): kernel_constraint MaxNorm is left out: CNN Lab has no weight constraints',
      'layers[2] (Dropout): noise_shape [null,1,1,4] is left out: CNN Lab drops single values, not whole channels',
      'layers[4] (Dense): kernel_initializer Identity is not available; CNN Lab uses glorotUniform',
    ]);
  });

  it('refuses what would change what the network computes, naming each layer and setting', () => {
    expectRefusal(sequential([
      layer('Conv2D', { name: 'a', filters: 4, kernel_size: 3, data_format: 'channels_first' }),
      layer('Conv2D', { name: 'b', filters: 4, kernel_size: 3, dilation_rate: [2, 2], groups: 2 }),
      layer('Conv2D', { name: 'c', filters: 4, kernel_size: 3, activation: 'leaky_relu' }),
      layer('BatchNormalization', { name: 'd', axis: 1 }),
      layer('GlobalAveragePooling2D', { name: 'e', keepdims: true }),
      layer('Rescaling', { name: 'f', scale: 0.00392156862745098, offset: 0 }),
      layer('LeakyReLU', { name: 'g', alpha: 0.3 }),
      layer('ReLU', { name: 'h', max_value: 1 }),
      softmax,
    ]),
    'layers[1] "a" (Conv2D): data_format "channels_first": CNN Lab works with channels-last images (height, width, channels) only',
    'layers[2] "b" (Conv2D): dilation_rate [2,2] is not available; CNN Lab convolutions are not dilated',
    'layers[2] "b" (Conv2D): groups 2 is not available; CNN Lab convolutions are not grouped',
    'layers[3] "c" (Conv2D): activation "leaky_relu" is not available in CNN Lab',
    'layers[4] "d" (BatchNormalization): axis 1 is not the channel axis; CNN Lab normalises each channel (the last axis)',
    'layers[5] "e" (GlobalAveragePooling2D): keepdims true keeps a 1×1 spatial shape; CNN Lab\'s GlobalAveragePooling2D gives a vector',
    'layers[6] "f" (Rescaling): Rescaling(scale=0.00392156862745098, offset=0) is not available; only a first Rescaling(1/255) matches CNN Lab\'s [0, 1] pixels',
    'layers[7] "g" (LeakyReLU): this layer type is not available in CNN Lab',
    'layers[8] "h" (ReLU): ReLU with max_value 1, negative_slope 0, threshold 0 is not available; CNN Lab has relu and relu6');
  });

  it('refuses Keras 1 models whose channel order depends on the saving machine, and Keras 1 BatchNormalization modes', () => {
    expectRefusal({
      class_name: 'Sequential', keras_version: '1.1.0',
      config: [
        layer('Convolution2D', { name: 'convolution2d_1', nb_filter: 8, nb_row: 3, nb_col: 3, dim_ordering: 'default', batch_input_shape: [null, 32, 32, 3] }),
        layer('BatchNormalization', { name: 'batchnormalization_1', mode: 2, axis: -1 }),
      ],
    },
    'layers[0] "convolution2d_1" (Convolution2D): dim_ordering "default" depends on the keras.json of the machine that saved the model, so channels-last cannot be confirmed',
    'layers[1] "batchnormalization_1" (BatchNormalization): Keras 1 mode 2 is not available; CNN Lab normalises feature-wise (mode 0)');
  });

  it('refuses custom Keras 3 layers and nested models', () => {
    expectRefusal({
      module: 'keras', class_name: 'Sequential',
      config: {
        name: 'seq', layers: [
          { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 32, 32, 3], name: 'input_layer' }, registered_name: null },
          { module: 'my_project.blocks', class_name: 'ResidualBlock', config: { name: 'residual_block', filters: 32 }, registered_name: 'MyBlocks>ResidualBlock' },
          { module: 'keras', class_name: 'Sequential', config: { name: 'augment', layers: [] }, registered_name: null },
          { module: 'keras.layers', class_name: 'Flatten', config: { name: 'flatten' }, registered_name: null },
        ],
      },
    },
    'layers[1] "residual_block" (ResidualBlock): a custom layer (module my_project.blocks) is not available in CNN Lab',
    'layers[2] "augment" (Sequential): this layer type is not available in CNN Lab');
  });

  it('refuses inputs that are not images of a fixed size', () => {
    expectRefusal(sequential([layer('Flatten', {}), softmax], [null, null, null, 3]),
      'input: input shape [null,null,null,3] leaves the image size open; CNN Lab needs a fixed height, width and channel count');
  });

  it('takes the input shape from the first layer, build_input_shape or input_shape when there is no InputLayer', () => {
    const first = importKeras(sequential([layer('Conv2D', { filters: 1, kernel_size: 1, batch_input_shape: [null, 48, 40, 3] }), softmax], null));
    assert.deepEqual(first.model.inputShape, [48, 40, 3]);
    assert.deepEqual(first.model.dataset, { name: 'imageFolder', path: 'path/to/image-folder', imageSize: [48, 40] });
    const built = sequential([layer('Flatten', {}), softmax], null);
    (built.config as Json).build_input_shape = [null, 32, 32, 3];
    assert.deepEqual(importKeras(built).model.inputShape, [32, 32, 3]);
    const unbatched = importKeras(sequential([layer('Flatten', { input_shape: [16, 16, 3] }), softmax], null));
    assert.deepEqual(unbatched.model.inputShape, [16, 16, 3]);

    const none = importKeras(sequential([layer('Flatten', {}), softmax], null));
    assert.equal(none.model.inputShape, undefined);
    assert.deepEqual(none.model.dataset, { name: 'cifar10' });
    assert.deepEqual(none.warnings, ['input: the Keras model records no input shape; CNN Lab will take it from the data set']);
  });

  it('refuses what is not a Keras layers model', () => {
    assert.throws(() => importKeras('{"class_name": '), /^Error: Not a Keras model: the text is not JSON/);
    assert.throws(() => importKeras([1, 2]), { message: 'Not a Keras model: expected a JSON object' });
    assert.throws(() => importKeras({ format: 'graph-model', modelTopology: { node: [] } }),
      { message: 'Not a Keras model: a TensorFlow.js "graph-model" has no Keras layers (only "layers-model" files do)' });
    assert.throws(() => importKeras({ layers: [] }), { message: 'Not a Keras model: expected {"class_name": …, "config": …} as model.to_json() writes it' });
    expectRefusal(sequential([layer('constructor', { name: 'odd' }), softmax]), 'layers[1] "odd" (constructor): this layer type is not available in CNN Lab');
    expectRefusal({ class_name: 'Bidirectional', config: {} },
      'model: a Bidirectional model is not available; CNN Lab imports Sequential models and single-chain functional models');
  });

  it('maps a saved Keras 2 training config: optimizer settings, loss and metrics', () => {
    const withTraining = (training: Json): Json => ({ model_config: sequential([layer('Flatten', {}), softmax]), training_config: training });
    const adam = importKeras(withTraining({
      optimizer_config: { class_name: 'Adam', config: { lr: 0.0010000000474974513, beta_1: 0.8999999761581421, beta_2: 0.9990000128746033, epsilon: 1e-7, decay: 0.0001, amsgrad: true } },
      loss: 'sparse_categorical_crossentropy', metrics: [['acc', 'top_k_categorical_accuracy']],
    }));
    assert.deepEqual(adam.model.compile, { optimizer: { type: 'adam' }, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    assert.deepEqual(adam.warnings, [
      'compile: optimizer decay 0.0001 is left out',
      'compile: amsgrad is left out: CNN Lab uses plain Adam',
      'compile: metrics top_k_categorical_accuracy are left out: CNN Lab reports accuracy',
    ]);
    const rms = importKeras(withTraining({
      optimizer_config: { class_name: 'RMSprop', config: { learning_rate: 0.0001, rho: 0.8, momentum: 0.5, epsilon: 1e-6 } },
      loss: { class_name: 'BinaryCrossentropy', config: { from_logits: true } },
    }));
    assert.deepEqual(rms.model.compile, { optimizer: { type: 'rmsprop', learningRate: 0.0001, rho: 0.8, momentum: 0.5, epsilon: 1e-6 } });
    assert.deepEqual(rms.warnings, [
      'compile: from_logits true is left out: CNN Lab computes the loss on softmax probabilities',
      'compile: loss "BinaryCrossentropy" is not available; CNN Lab will use sparseCategoricalCrossentropy',
    ]);
  });

  it('keeps a learning-rate schedule CNN Lab has, and the initial rate of one it has not', () => {
    const withOptimizer = (optimizer: Json): Json => ({
      model_config: sequential([layer('Flatten', {}), softmax]),
      training_config: { optimizer_config: optimizer, loss: 'sparse_categorical_crossentropy' },
    });
    const schedule = (className: string, config: Json): Json => ({ module: 'keras.optimizers.schedules', class_name: className, config, registered_name: null });
    const cosine = importKeras(withOptimizer({ module: 'keras.optimizers', class_name: 'SGD', config: {
      learning_rate: schedule('CosineDecay', { initial_learning_rate: 0.0, decay_steps: 7000, alpha: 0.0, name: 'CosineDecay', warmup_target: 0.10000000149011612, warmup_steps: 700 }),
      momentum: 0.9, nesterov: true,
    } }));
    assert.deepEqual(cosine.model.compile?.optimizer, {
      type: 'sgd', learningRate: { type: 'CosineDecay', initialLearningRate: 0, decaySteps: 7000, warmupTarget: 0.1, warmupSteps: 700 }, momentum: 0.9, nesterov: true,
    });
    assert.deepEqual(cosine.warnings, []);
    const piecewise = importKeras(withOptimizer({ class_name: 'Adam', config: { learning_rate: schedule('PiecewiseConstantDecay', { boundaries: [100, 200], values: [0.01, 0.001, 0.0001] }) } }));
    assert.deepEqual(piecewise.model.compile?.optimizer, { type: 'adam', learningRate: { type: 'PiecewiseConstantDecay', boundaries: [100, 200], values: [0.01, 0.001, 0.0001] } });
    const inverse = importKeras(withOptimizer({ class_name: 'Adam', config: { learning_rate: schedule('InverseTimeDecay', { initial_learning_rate: 0.01, decay_steps: 10, decay_rate: 0.5 }) } }));
    assert.deepEqual(inverse.model.compile?.optimizer, { type: 'adam', learningRate: 0.01 });
    assert.equal(inverse.warnings.length, 1);
    assert.match(inverse.warnings[0], /learning-rate schedule InverseTimeDecay is left out; its initial rate is kept/);
  });
});
