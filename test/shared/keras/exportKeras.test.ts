import { strict as assert } from 'node:assert';
import { exportKeras } from '../../../src/shared/keras';
import type { ModelFile } from '../../../src/shared/modelSchema';
import {
  batchNormGapCnn, classicCifarCnn, colourFolderModel, EXAMPLE_MODELS, grayscaleFolderModel, minimalModel,
} from './exampleModels';

/** The lines of a top-level statement: from the line that starts it to its closing bracket. */
function statement(script: string, firstLine: string): string[] {
  const lines = script.split('\n');
  const start = lines.indexOf(firstLine);
  assert.notEqual(start, -1, `no line ${JSON.stringify(firstLine)} in:\n${script}`);
  if (!firstLine.endsWith('(') && !firstLine.endsWith('[') && !firstLine.endsWith(':')) return [firstLine];
  let end = start + 1;
  while (end < lines.length && lines[end] !== ')' && lines[end] !== ']' && lines[end] !== '') end++;
  return lines.slice(start, lines[end] === '' ? end : end + 1);
}

describe('exportKeras', () => {
  it('builds the classic Keras CIFAR-10 CNN layer by layer, with Keras argument names', () => {
    assert.deepEqual(statement(exportKeras(classicCifarCnn), 'model = keras.Sequential('), [
      'model = keras.Sequential(',
      '    [',
      '        keras.Input(shape=(32, 32, 3)),',
      "        layers.Conv2D(filters=32, kernel_size=(3, 3), padding='same', activation='relu'),",
      "        layers.Conv2D(filters=32, kernel_size=(3, 3), activation='relu'),",
      '        layers.MaxPooling2D(pool_size=(2, 2)),',
      '        layers.Dropout(rate=0.25),',
      "        layers.Conv2D(filters=64, kernel_size=(3, 3), padding='same', activation='relu'),",
      "        layers.Conv2D(filters=64, kernel_size=(3, 3), activation='relu'),",
      '        layers.MaxPooling2D(pool_size=(2, 2)),',
      '        layers.Dropout(rate=0.25),',
      '        layers.Flatten(),',
      "        layers.Dense(units=512, activation='relu'),",
      '        layers.Dropout(rate=0.5),',
      "        layers.Dense(units=10, activation='softmax'),",
      '    ],',
      "    name='classic-cifar10-cnn',",
      ')',
    ]);
  });

  it('maps initializers, regularizers, strides, names and BatchNormalization settings', () => {
    assert.deepEqual(statement(exportKeras(batchNormGapCnn), 'model = keras.Sequential(').slice(2, -3), [
      '        keras.Input(shape=(32, 32, 3)),',
      "        layers.Conv2D(filters=32, kernel_size=(3, 3), padding='same', use_bias=False, kernel_initializer='he_normal', kernel_regularizer=regularizers.l2(0.0005), name='stem'),",
      '        layers.BatchNormalization(momentum=0.9, epsilon=0.00001),',
      "        layers.Activation('relu'),",
      "        layers.Conv2D(filters=64, kernel_size=(3, 3), strides=(2, 2), padding='same', activation='relu', kernel_regularizer=regularizers.l1_l2(l1=0.0001, l2=0.001)),",
      '        layers.BatchNormalization(),',
      "        layers.AveragePooling2D(pool_size=(2, 2), strides=(1, 1), padding='same'),",
      '        layers.GlobalAveragePooling2D(),',
      "        layers.Dense(units=10, activation='softmax', kernel_initializer='glorot_normal', kernel_regularizer=regularizers.l1(0.00001), name='logits'),",
    ]);
    assert.ok(exportKeras(batchNormGapCnn).includes('\nfrom tensorflow.keras import layers, regularizers\n'));
    assert.ok(exportKeras(classicCifarCnn).includes('\nfrom tensorflow.keras import layers\n'));
  });

  it('spells every activation and initializer as Keras does', () => {
    assert.deepEqual(statement(exportKeras(grayscaleFolderModel), 'model = keras.Sequential(').slice(2, -3), [
      '        keras.Input(shape=(28, 28, 1)),',
      "        layers.Conv2D(filters=8, kernel_size=(5, 3), strides=(2, 1), activation='elu', kernel_initializer='lecun_uniform'),",
      "        layers.MaxPooling2D(pool_size=(3, 2), strides=(1, 2), padding='same'),",
      "        layers.Conv2D(filters=8, kernel_size=(1, 1), activation='selu', kernel_initializer='lecun_normal'),",
      "        layers.Activation('hard_sigmoid'),",
      '        layers.Activation(tf.nn.relu6),',
      "        layers.Activation('swish'),",
      "        layers.Activation('gelu'),",
      "        layers.Activation('mish'),",
      "        layers.Conv2D(filters=4, kernel_size=(3, 3), activation='tanh', kernel_initializer='he_uniform'),",
      '        layers.Flatten(),',
      "        layers.Dense(units=16, activation='softplus', kernel_initializer='random_normal'),",
      "        layers.Dense(units=16, activation='softsign', kernel_initializer='random_uniform'),",
      "        layers.Dense(units=16, activation='sigmoid', kernel_initializer='truncated_normal'),",
      "        layers.Dense(units=16, use_bias=False, kernel_initializer='orthogonal'),",
      "        layers.Dense(units=16, activation='linear', kernel_initializer='variance_scaling'),",
      "        layers.Dense(units=16, kernel_initializer='zeros'),",
      "        layers.Dense(units=10, activation='softmax', kernel_initializer='ones'),",
    ]);
  });

  it('writes CNN Lab defaults (Keras\'s, and seed 42) for settings the model file leaves out', () => {
    const script = exportKeras(minimalModel);
    assert.deepEqual(script.split('\n').filter((l) => /^[A-Z_]+ = /.test(l)), [
      'EPOCHS = 10', 'BATCH_SIZE = 32', 'LEARNING_RATE = 0.001', 'SEED = 42', 'NUM_CLASSES = 10',
    ]);
    assert.ok(script.includes('\nkeras.utils.set_random_seed(SEED)\n'));
    assert.deepEqual(statement(script, 'model.compile('), [
      'model.compile(',
      '    optimizer=keras.optimizers.Adam(learning_rate=LEARNING_RATE),',
      "    loss='sparse_categorical_crossentropy',",
      "    metrics=['accuracy'],",
      ')',
    ]);
    assert.ok(script.includes('\ncallbacks = []\n'));
    assert.deepEqual(statement(script, 'history = model.fit('), [
      'history = model.fit(', '    x_train,', '    y_train,', '    batch_size=BATCH_SIZE,', '    epochs=EPOCHS,', '    callbacks=callbacks,', ')',
    ]);
    for (const absent of ['VALIDATION_SPLIT', 'SHUFFLE', 'ImageDataGenerator', 'to_categorical', 'import math', 'numpy', 'regularizers']) {
      assert.ok(!script.includes(absent), `${absent} should not be in the script`);
    }
    assert.ok(script.includes('\n# The model file reads a local copy (downloads/cifar-10-binary.tar.gz); Keras downloads its own copy of the same images.\n'));
  });

  it('compiles with the model\'s optimizer and loss, one-hot labels for categorical_crossentropy', () => {
    const optimizerLine = (m: ModelFile): string => statement(exportKeras(m), 'model.compile(')[1];
    assert.equal(optimizerLine(classicCifarCnn), '    optimizer=keras.optimizers.RMSprop(learning_rate=LEARNING_RATE),');
    assert.equal(optimizerLine(batchNormGapCnn), '    optimizer=keras.optimizers.SGD(learning_rate=LEARNING_RATE, momentum=0.9, nesterov=True),');
    assert.equal(optimizerLine(colourFolderModel), '    optimizer=keras.optimizers.Adam(learning_rate=LEARNING_RATE, beta_1=0.85, beta_2=0.995, epsilon=1e-8),');
    assert.equal(optimizerLine(grayscaleFolderModel), '    optimizer=keras.optimizers.SGD(learning_rate=LEARNING_RATE),');
    assert.ok(exportKeras(classicCifarCnn).includes('\nLEARNING_RATE = 0.0001\n'));
    assert.ok(exportKeras(grayscaleFolderModel).includes('\nLEARNING_RATE = 0.01\n'), 'SGD defaults to Keras\'s 0.01');

    const classic = exportKeras(classicCifarCnn);
    assert.equal(statement(classic, 'model.compile(')[2], "    loss='categorical_crossentropy',");
    assert.ok(classic.includes('\n# categorical_crossentropy compares one-hot label vectors.\ny_train = keras.utils.to_categorical(y_train, NUM_CLASSES)\ny_test = keras.utils.to_categorical(y_test, NUM_CLASSES)\n'));
    assert.ok(!exportKeras(batchNormGapCnn).includes('to_categorical'));
  });

  it('loads each data set scaled to [0, 1]', () => {
    const cifar = exportKeras(classicCifarCnn);
    assert.ok(cifar.includes([
      '(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()',
      "x_train = x_train.astype('float32') / 255.0",
      "x_test = x_test.astype('float32') / 255.0",
    ].join('\n')));

    const folder = exportKeras(grayscaleFolderModel);
    assert.ok(folder.includes([
      "DATA_DIR = Path(__file__).resolve().parent / 'data/digits'",
      'IMAGE_SIZE = (28, 28)',
      "COLOR_MODE = 'grayscale'",
    ].join('\n')));
    assert.ok(folder.includes('    dataset = keras.utils.image_dataset_from_directory(\n'));
    assert.ok(folder.includes("    return images.astype('float32') / 255.0, labels, dataset.class_names\n"));

    assert.ok(exportKeras(batchNormGapCnn).includes("DATA_DIR = Path(__file__).resolve().parent / 'cifar10-sample'\nIMAGE_SIZE = (32, 32)\nCOLOR_MODE = 'rgb'\n"));
    assert.ok(exportKeras(batchNormGapCnn, { cifar10SampleDir: '../data/cifar10-sample' })
      .includes("DATA_DIR = Path(__file__).resolve().parent / '../data/cifar10-sample'\n"));
  });

  it('holds out a seeded random validation sample and fits through ImageDataGenerator when augmenting', () => {
    const script = exportKeras(batchNormGapCnn);
    assert.ok(script.includes('\nVALIDATION_SPLIT = 0.2\nSHUFFLE = True\nSEED = 1\n'));
    assert.ok(script.includes('\nkeras.utils.set_random_seed(SEED)\n'));
    assert.ok(script.includes([
      '# Validation: a random 20% of the training images, drawn with the seed as CNN Lab draws it',
      "# (not Keras's validation_split, which takes the last ones; the random generators differ, so the images do too).",
      'n_val = int(len(x_train) * VALIDATION_SPLIT)',
      'order = np.random.default_rng(SEED).permutation(len(x_train))',
      'val_idx, train_idx = np.sort(order[:n_val]), np.sort(order[n_val:])',
      'x_val, y_val = x_train[val_idx], y_train[val_idx]',
      'x_train, y_train = x_train[train_idx], y_train[train_idx]',
      '',
    ].join('\n')));
    assert.deepEqual(statement(script, 'datagen = keras.preprocessing.image.ImageDataGenerator('), [
      'datagen = keras.preprocessing.image.ImageDataGenerator(',
      '    rotation_range=15,',
      '    vertical_flip=False,',
      '    zoom_range=[0.9, 1.2],',
      "    fill_mode='constant',",
      '    cval=128 / 255.0,',
      ')',
    ]);
    assert.deepEqual(statement(exportKeras(classicCifarCnn), 'datagen = keras.preprocessing.image.ImageDataGenerator('), [
      'datagen = keras.preprocessing.image.ImageDataGenerator(',
      '    width_shift_range=0.1,',
      '    height_shift_range=0.1,',
      '    horizontal_flip=True,',
      ')',
    ]);
    assert.deepEqual(statement(script, 'history = model.fit('), [
      'history = model.fit(',
      '    datagen.flow(x_train, y_train, batch_size=BATCH_SIZE, shuffle=SHUFFLE, seed=SEED),',
      '    epochs=EPOCHS,',
      '    validation_data=(x_val, y_val),',
      '    callbacks=callbacks,',
      ')',
    ]);
  });

  it('writes the callbacks, with the learning-rate schedule as a Python function', () => {
    const script = exportKeras(batchNormGapCnn);
    assert.deepEqual(statement(script, 'def cosine_decay(epoch, lr):'), [
      'def cosine_decay(epoch, lr):',
      '    """cosineDecay: 2 warm-up epochs, then a half cosine from the rate down to 0.1 times it."""',
      '    if epoch < 2:',
      '        return LEARNING_RATE * (epoch + 1) / 3',
      '    progress = min(1, (epoch - 2) / max(1, EPOCHS - 2))',
      '    return LEARNING_RATE * ((1 - 0.1) * 0.5 * (1 + math.cos(math.pi * progress)) + 0.1)',
    ]);
    assert.deepEqual(statement(script, 'callbacks = ['), [
      'callbacks = [',
      "    keras.callbacks.EarlyStopping(monitor='val_accuracy', min_delta=0.001, patience=5, restore_best_weights=True),",
      "    keras.callbacks.ReduceLROnPlateau(monitor='val_loss', factor=0.5, patience=2, min_delta=0.0001, min_lr=0.00001),",
      '    keras.callbacks.LearningRateScheduler(cosine_decay),',
      ']',
    ]);
    assert.ok(script.startsWith('# CNN Lab model "bn-gap".\n'));
    assert.ok(script.includes('\nimport math\nfrom pathlib import Path\n\nimport numpy as np\n'));

    // CNN Lab follows the first LearningRateScheduler only.
    const two = exportKeras(colourFolderModel);
    assert.deepEqual(statement(two, 'def step_decay(epoch, lr):'), [
      'def step_decay(epoch, lr):',
      '    """stepDecay: 3 warm-up epochs, then the rate times 0.5 every 10 epochs."""',
      '    if epoch < 3:',
      '        return LEARNING_RATE * (epoch + 1) / 4',
      '    return LEARNING_RATE * 0.5 ** ((epoch - 3) // 10)',
    ]);
    assert.ok(two.includes([
      '# CNN Lab follows the first LearningRateScheduler only; the other one is left out.',
      'callbacks = [',
      '    keras.callbacks.LearningRateScheduler(step_decay),',
      ']',
    ].join('\n')));
    assert.deepEqual(statement(exportKeras(grayscaleFolderModel), 'def step_decay(epoch, lr):').slice(1), [
      '    """stepDecay: the rate times 0.1 every 2 epochs."""',
      '    return LEARNING_RATE * 0.1 ** (epoch // 2)',
    ]);
  });

  it('ends with the test accuracy, testing on the validation images when an image folder has no test/', () => {
    const cifar = exportKeras(classicCifarCnn).trimEnd().split('\n');
    assert.deepEqual(cifar.slice(-3), [
      'test_loss, test_accuracy = model.evaluate(x_test, y_test, batch_size=BATCH_SIZE, verbose=0)',
      "print(f'Test loss: {test_loss:.4f}')",
      "print(f'Test accuracy: {test_accuracy:.4f}')",
    ]);
    const folder = exportKeras(colourFolderModel).trimEnd().split('\n');
    assert.deepEqual(folder.slice(-6), [
      'if HAS_TEST_SET:',
      '    test_loss, test_accuracy = model.evaluate(x_test, y_test, batch_size=BATCH_SIZE, verbose=0)',
      "    print(f'Test loss: {test_loss:.4f}')",
      "    print(f'Test accuracy: {test_accuracy:.4f}')",
      'else:',
      "    print('No test/ folder beside train/ and no validation split: no test accuracy.')",
    ]);
    const validated = exportKeras({ ...colourFolderModel, fit: { validationSplit: 0.25 } });
    assert.ok(validated.includes('\nif not HAS_TEST_SET:\n    # Without a test/ folder CNN Lab tests on the validation images.\n    x_test, y_test = x_val, y_val\n'));
    assert.ok(validated.trimEnd().endsWith("\nprint(f'Test accuracy: {test_accuracy:.4f}')"));
    assert.ok(!validated.includes('else:'));
  });

  it('gives the same text for the same model', () => {
    for (const model of Object.values(EXAMPLE_MODELS)) {
      const again = JSON.parse(JSON.stringify(model)) as ModelFile;
      assert.equal(exportKeras(model, { modelFileName: 'm.cnn.json' }), exportKeras(again, { modelFileName: 'm.cnn.json' }));
    }
  });

  it('keeps names, paths and descriptions with quotes and line breaks inside comments and strings', () => {
    const model: ModelFile = {
      name: 'it\'s "odd"\nname',
      description: 'line one\nline two """ \\',
      dataset: { name: 'imageFolder', path: "my 'data'\\set" },
      layers: [{ type: 'Flatten', name: 'flat.1' }, { type: 'Dense', units: 10, activation: 'softmax', name: 'out-1' }],
    };
    const script = exportKeras(model, { modelFileName: 'odd\nfile.cnn.json' });
    assert.deepEqual(script.split('\n').slice(0, 2), [
      '# CNN Lab model "it\'s "odd" name", exported from odd file.cnn.json.',
      '# line one line two """ \\',
    ]);
    assert.ok(script.includes("DATA_DIR = Path(__file__).resolve().parent / 'my \\'data\\'\\\\set'\n"));
    assert.ok(script.includes("    name='it_s_odd_name',\n"));
    assert.ok(script.includes("        layers.Flatten(name='flat.1'),\n"));
    assert.ok(script.includes("        layers.Dense(units=10, activation='softmax', name='out-1'),\n"));
  });
});
