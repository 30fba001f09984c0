// The small translations the bridge rests on: Keras names, float32 values, Python literals.
import { strict as assert } from 'node:assert';
import { asFloat32, shortestFloat32 } from '../../../src/shared/keras/kerasJson';
import { activationFromKeras, isGeneratedLayerName, kerasSnakeCase } from '../../../src/shared/keras/kerasNames';
import { pyCall, pyComment, pyNumber, pyString, pyTuple } from '../../../src/shared/keras/pythonSyntax';

describe('Keras spelling', () => {
  it('snake-cases class names as Keras names layers', () => {
    assert.deepEqual(
      ['Conv2D', 'MaxPooling2D', 'BatchNormalization', 'GlobalAveragePooling2D', 'Dense', 'ReLU'].map(kerasSnakeCase),
      ['conv2d', 'max_pooling2d', 'batch_normalization', 'global_average_pooling2d', 'dense', 're_lu'],
    );
  });

  it('recognises the names Keras 1, 2, 3 and tfjs generate, and no others', () => {
    const generated: [string, string][] = [
      ['Conv2D', 'conv2d'], ['Conv2D', 'conv2d_12'], ['Convolution2D', 'convolution2d_1'], ['MaxPooling2D', 'maxpooling2d_2'],
      ['MaxPooling2D', 'max_pooling2d_MaxPooling2D3'], ['Dense', 'dense_Dense1'], ['BatchNormalization', 'batch_normalization_1'],
    ];
    for (const [cls, name] of generated) assert.equal(isGeneratedLayerName(cls, name), true, name);
    const chosen: [string, string][] = [['Conv2D', 'conv2d_a'], ['Conv2D', 'block1_conv1'], ['Dense', 'dense_out'], ['Dense', 'conv2d']];
    for (const [cls, name] of chosen) assert.equal(isGeneratedLayerName(cls, name), false, name);
  });

  it('maps activation names, including Keras 3\'s silu and tfjs\'s camelCase', () => {
    assert.deepEqual(['hard_sigmoid', 'hardSigmoid', 'silu', 'relu6', 'leaky_relu', 'exponential', 'toString'].map(activationFromKeras),
      ['hardSigmoid', 'hardSigmoid', 'swish', 'relu6', undefined, undefined, undefined]);
  });

  it('recovers the decimal Keras meant from a float32 written as a double, and back', () => {
    assert.equal(shortestFloat32(0.0005000000237487257), 0.0005);
    assert.equal(shortestFloat32(0.019999999552965164), 0.02);
    assert.equal(shortestFloat32(9.999999747378752e-6), 0.00001);
    assert.equal(shortestFloat32(0.9), 0.9);
    assert.equal(shortestFloat32(3), 3);
    assert.equal(asFloat32(0.0005), 0.0005000000237487257);
  });

  it('writes Python literals', () => {
    assert.equal(pyString('it\'s a "path"\\ with\nnewline\u0001'), '\'it\\\'s a "path"\\\\ with\\nnewline\\x01\'');
    assert.deepEqual([pyNumber(1e-7), pyNumber(0.0005), pyNumber(32), pyNumber(1e21)], ['1e-7', '0.0005', '32', '1e+21']);
    assert.equal(pyTuple([3, 3]), '(3, 3)');
    assert.equal(pyTuple([7]), '(7,)');
    assert.equal(pyCall('f', ['x'], [['a', '1'], ['b', undefined], ['c', "'s'"]]), "f(x, a=1, c='s')");
    assert.equal(pyComment(' two\nlines  '), '# two lines');
    assert.throws(() => pyNumber(Number.NaN));
  });
});
