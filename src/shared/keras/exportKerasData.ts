// Loading the model's data set in Python the way CNN Lab's worker loads it: x_train/y_train/
// x_test/y_test as float32 pixels in [0, 1] with integer labels (one-hot for
// categorical_crossentropy), a seeded random validation sample, and the validation images as
// the test set when an image folder has no test/ part.
import { datasetInputShape } from '../datasetInfo';
import type { ResolvedModel } from '../modelDefaults';
import { pyComment, pyNumber, pyString, pyTuple } from './pythonSyntax';

/** Where the exported script looks for CNN Lab's CIFAR-10 sample when the options do not say. */
export const DEFAULT_CIFAR10_SAMPLE_DIR = 'cifar10-sample';

/** Python lines that load the data, and what the rest of the script must know about them. */
export interface DataCode {
  readonly lines: string[];
  readonly usesPath: boolean;
  readonly usesNumpy: boolean;
  /** Whether there may be no test set at all (an image folder without test/ and no validation split). */
  readonly testSetOptional: boolean;
}

/** The data-loading lines for a model's data set. */
export function dataCode(model: ResolvedModel, cifar10SampleDir: string): DataCode {
  const dataset = model.dataset;
  const folder = dataset.name !== 'cifar10';
  const mayLackTest = dataset.name === 'imageFolder';
  const validating = model.validationSplit > 0;
  const load = folder ? folderLines(model, cifar10SampleDir) : cifar10Lines(dataset.name === 'cifar10' ? dataset.path : undefined);
  const lines = [
    ...load, '',
    ...labelLines(model, mayLackTest),
    ...(validating ? validationLines(model, mayLackTest) : []),
  ];
  return { lines, usesPath: folder, usesNumpy: folder || validating, testSetOptional: mayLackTest && !validating };
}

function cifar10Lines(localCopy: string | undefined): string[] {
  return [
    '# Data: CIFAR-10, pixels scaled to [0, 1] as CNN Lab scales them.',
    ...(localCopy ? [pyComment(`The model file reads a local copy (${localCopy}); Keras downloads its own copy of the same images.`)] : []),
    '(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()',
    "x_train = x_train.astype('float32') / 255.0",
    "x_test = x_test.astype('float32') / 255.0",
    'y_train = y_train.reshape(-1)',
    'y_test = y_test.reshape(-1)',
    'NUM_CLASSES = 10',
  ];
}

function folderLines(model: ResolvedModel, cifar10SampleDir: string): string[] {
  const dataset = model.dataset;
  const [height, width, channels] = datasetInputShape(dataset);
  const where = dataset.name === 'imageFolder'
    ? [
      pyComment(`Data: the image folder ${dataset.path}, relative to the model file; this script expects to sit beside it.`),
      `DATA_DIR = Path(__file__).resolve().parent / ${pyString(dataset.path)}`,
    ]
    : [
      '# Data: the CIFAR-10 sample that ships with CNN Lab (its data/cifar10-sample folder,',
      '# with train/<class>/ and test/<class>/ images): copy it here or point DATA_DIR at it.',
      `DATA_DIR = Path(__file__).resolve().parent / ${pyString(cifar10SampleDir)}`,
    ];
  return [
    ...where,
    `IMAGE_SIZE = ${pyTuple([height, width])}`,
    `COLOR_MODE = ${pyString(channels === 1 ? 'grayscale' : 'rgb')}`,
    '',
    '',
    'def load_image_folder(folder, class_names=None):',
    '    """Reads folder/<class>/* images as float32 pixels in [0, 1] with integer labels."""',
    '    dataset = keras.utils.image_dataset_from_directory(',
    '        folder,',
    "        labels='inferred',",
    "        label_mode='int',",
    '        class_names=class_names,',
    '        color_mode=COLOR_MODE,',
    '        image_size=IMAGE_SIZE,',
    '        shuffle=False,',
    '    )',
    '    images = np.concatenate([batch.numpy() for batch, _ in dataset])',
    '    labels = np.concatenate([batch.numpy() for _, batch in dataset])',
    "    return images.astype('float32') / 255.0, labels, dataset.class_names",
    '',
    '',
    "x_train, y_train, class_names = load_image_folder(DATA_DIR / 'train')",
    "HAS_TEST_SET = (DATA_DIR / 'test').is_dir()",
    'if HAS_TEST_SET:',
    "    x_test, y_test, _ = load_image_folder(DATA_DIR / 'test', class_names)",
    'NUM_CLASSES = len(class_names)',
  ];
}

function labelLines(model: ResolvedModel, mayLackTest: boolean): string[] {
  if (model.loss !== 'categoricalCrossentropy') return [];
  const test = mayLackTest
    ? ['if HAS_TEST_SET:', '    y_test = keras.utils.to_categorical(y_test, NUM_CLASSES)']
    : ['y_test = keras.utils.to_categorical(y_test, NUM_CLASSES)'];
  return [
    '# categorical_crossentropy compares one-hot label vectors.',
    'y_train = keras.utils.to_categorical(y_train, NUM_CLASSES)',
    ...test,
    '',
  ];
}

function validationLines(model: ResolvedModel, mayLackTest: boolean): string[] {
  const percent = pyNumber(Number((model.validationSplit * 100).toPrecision(12)));
  return [
    pyComment(`Validation: a random ${percent}% of the training images, drawn with the seed as CNN Lab draws it`),
    "# (not Keras's validation_split, which takes the last ones; the random generators differ, so the images do too).",
    'n_val = int(len(x_train) * VALIDATION_SPLIT)',
    'order = np.random.default_rng(SEED).permutation(len(x_train))',
    'val_idx, train_idx = np.sort(order[:n_val]), np.sort(order[n_val:])',
    'x_val, y_val = x_train[val_idx], y_train[val_idx]',
    'x_train, y_train = x_train[train_idx], y_train[train_idx]',
    ...(mayLackTest
      ? ['if not HAS_TEST_SET:', '    # Without a test/ folder CNN Lab tests on the validation images.', '    x_test, y_test = x_val, y_val']
      : []),
    '',
  ];
}
