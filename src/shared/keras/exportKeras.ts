// A CNN Lab model file → one Python script that builds, trains and tests the same model with
// TensorFlow Keras. Settings the file leaves out take CNN Lab's defaults (resolveModel), so
// the script trains as CNN Lab would. The text depends on the model alone (no dates, no paths
// of this machine): exporting twice gives the same file.
import { resolveModel } from '../modelDefaults';
import type { ModelFile } from '../modelSchema';
import { dataCode, DEFAULT_CIFAR10_SAMPLE_DIR } from './exportKerasData';
import { sequentialModelCode } from './exportKerasModel';
import { augmentationLines, callbackLines, compileLines, fitLines, learningRateValue } from './exportKerasTraining';
import { pyBool, pyComment, pyNumber } from './pythonSyntax';

/** Options of the export. */
export interface ExportKerasOptions {
  /** The model file's name, quoted in the script's header. */
  readonly modelFileName?: string;
  /** Where the script looks for CNN Lab's CIFAR-10 sample folders, relative to the script (default "cifar10-sample"). */
  readonly cifar10SampleDir?: string;
}

/** A runnable TensorFlow Keras script that builds, trains and evaluates the same model. */
export function exportKeras(model: ModelFile, options: ExportKerasOptions = {}): string {
  const resolved = resolveModel(model);
  const data = dataCode(resolved, options.cifar10SampleDir ?? DEFAULT_CIFAR10_SAMPLE_DIR);
  const network = sequentialModelCode(model);
  const callbacks = callbackLines(resolved.callbacks);
  const shuffleSet = model.fit?.shuffle !== undefined;

  const constants = [
    `EPOCHS = ${pyNumber(resolved.epochs)}`,
    `BATCH_SIZE = ${pyNumber(resolved.batchSize)}`,
    `LEARNING_RATE = ${learningRateValue(resolved.optimizer)}`,
    ...(resolved.validationSplit > 0 ? [`VALIDATION_SPLIT = ${pyNumber(resolved.validationSplit)}`] : []),
    ...(shuffleSet ? [`SHUFFLE = ${pyBool(resolved.shuffle)}`] : []),
    `SEED = ${pyNumber(resolved.seed)}`,
  ];
  const evaluate = [
    'test_loss, test_accuracy = model.evaluate(x_test, y_test, batch_size=BATCH_SIZE, verbose=0)',
    "print(f'Test loss: {test_loss:.4f}')",
    "print(f'Test accuracy: {test_accuracy:.4f}')",
  ];

  const lines = [
    ...header(model, options.modelFileName),
    '',
    ...imports({ math: callbacks.usesMath, path: data.usesPath, numpy: data.usesNumpy, regularizers: network.usesRegularizers }),
    '',
    ...constants,
    '',
    '# CNN Lab seeds every run (42 unless the model file says otherwise); so does this script.',
    'keras.utils.set_random_seed(SEED)',
    '',
    ...data.lines,
    ...(data.lines[data.lines.length - 1] === '' ? [] : ['']),
    ...network.lines,
    'model.summary()',
    '',
    ...compileLines(resolved),
    '',
    ...callbacks.lines,
    '',
    ...(resolved.augmentation ? [...augmentationLines(resolved.augmentation), ''] : []),
    ...fitLines(resolved, shuffleSet),
    '',
    ...(data.testSetOptional
      ? ['if HAS_TEST_SET:', ...evaluate.map((l) => `    ${l}`), 'else:', "    print('No test/ folder beside train/ and no validation split: no test accuracy.')"]
      : evaluate),
  ];
  return `${lines.join('\n')}\n`;
}

function header(model: ModelFile, modelFileName: string | undefined): string[] {
  const title = model.name ? `CNN Lab model "${model.name}"` : 'A CNN Lab model';
  return [
    pyComment(`${title}${modelFileName ? `, exported from ${modelFileName}` : ''}.`),
    ...(model.description ? [pyComment(model.description)] : []),
    '#',
    '# The same network, data and training as CNN Lab runs, written for TensorFlow Keras.',
    '# Needs TensorFlow 2.x (pip install tensorflow); run it with python3.',
  ];
}

function imports(needs: { math: boolean; path: boolean; numpy: boolean; regularizers: boolean }): string[] {
  const standard = [...(needs.math ? ['import math'] : []), ...(needs.path ? ['from pathlib import Path'] : [])];
  return [
    ...standard,
    ...(standard.length > 0 ? [''] : []),
    ...(needs.numpy ? ['import numpy as np'] : []),
    'import tensorflow as tf',
    'from tensorflow import keras',
    `from tensorflow.keras import ${needs.regularizers ? 'layers, regularizers' : 'layers'}`,
  ];
}
