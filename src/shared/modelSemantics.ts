// Checks that need the whole model rather than one field: shapes through the layers,
// the output against the data set's classes, the loss against the last activation,
// callbacks against the validation data and the learning-rate schedule. Run only on a
// file that passed the schema.
import type { ModelFile } from './modelSchema';
import type { PendingDiagnostic } from './parseModelFile';
import { datasetClassCount, datasetInputShape } from './datasetInfo';
import { formatShape, inferShapes } from './shapeInference';
import { layerNames } from './modelDefaults';
import { checkLearningRateSchedule } from './scheduleSemantics';

/** Model-level problems, each anchored at the layer or field it is about. */
export function checkModelSemantics(model: ModelFile): PendingDiagnostic[] {
  const out: PendingDiagnostic[] = checkLearningRateSchedule(model);
  const datasetShape = datasetInputShape(model.dataset);
  const inputShape = model.inputShape ?? datasetShape;

  if (model.inputShape && formatShape(model.inputShape) !== formatShape(datasetShape)) {
    out.push({
      severity: 'error', code: 'input-shape-mismatch', path: ['inputShape'],
      message: `inputShape is ${formatShape(model.inputShape)} but the data set "${model.dataset.name}" gives ${formatShape(datasetShape)} images` +
        (model.dataset.name === 'imageFolder' ? '; set dataset.imageSize (and grayscale) to match, or remove inputShape' : '; remove inputShape or set it to the data set\'s'),
      fix: { replacement: JSON.stringify(datasetShape) },
    });
  }

  const names = layerNames(model.layers);
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const first = seen.get(name);
    if (first !== undefined) {
      out.push({ severity: 'error', code: 'duplicate-layer-name', path: ['layers', i, ...(model.layers[i].name ? ['name'] : [])],
        message: `Layer ${i + 1} is named "${name}" like layer ${first + 1}; layer names must be unique` });
    } else seen.set(name, i);
  });

  const report = inferShapes(model.layers, inputShape);
  for (const issue of report.issues) {
    out.push({
      severity: 'error', code: issue.code, message: issue.message,
      path: issue.argument ? ['layers', issue.layerIndex, issue.argument] : ['layers', issue.layerIndex, 'type'],
      fix: issue.code === 'dense-needs-flat-input' ? { insertLayer: { index: issue.layerIndex, layer: { type: 'Flatten' } } } : undefined,
    });
  }
  if (report.issues.length > 0) return out;

  const lastIndex = model.layers.length - 1;
  const outputShape = report.outputShape;
  if (outputShape.length !== 1) {
    out.push({ severity: 'error', code: 'output-not-flat', path: ['layers', lastIndex, 'type'],
      message: `The model's output is ${formatShape(outputShape)}; a classifier ends with a Dense layer (after Flatten or GlobalAveragePooling2D) giving one score per class` });
    return out;
  }
  const classes = datasetClassCount(model.dataset);
  // The output width comes from the last Dense layer, or, in an all-convolutional net that
  // ends with GlobalAveragePooling2D, from the last Conv2D's filters.
  const sizing = findLast(model.layers, (l) => l.type === 'Dense' || l.type === 'Conv2D');
  if (classes !== null && outputShape[0] !== classes) {
    if (sizing === -1) {
      out.push({ severity: 'error', code: 'output-units-mismatch', path: ['layers', lastIndex, 'type'],
        message: `The model gives ${outputShape[0]} scores but "${model.dataset.name}" has ${classes} classes; end with a Dense layer of ${classes} units` });
    } else {
      const isDense = model.layers[sizing].type === 'Dense';
      const argument = isDense ? 'units' : 'filters';
      out.push({ severity: 'error', code: 'output-units-mismatch', path: ['layers', sizing, argument],
        message: `The last ${isDense ? 'Dense' : 'Conv2D'} layer has ${outputShape[0]} ${argument} but "${model.dataset.name}" has ${classes} classes; set ${argument} to ${classes}`,
        fix: { replacement: String(classes) } });
    }
  }

  const finalActivation = lastActivation(model);
  if (finalActivation.activation !== 'softmax') {
    const loss = model.compile?.loss ?? 'sparseCategoricalCrossentropy';
    const layer = finalActivation.index >= 0 ? model.layers[finalActivation.index] : undefined;
    // The fix replaces the anchored value: the activation itself, or (when the layer has none)
    // its "type" value followed by a new activation argument.
    const replacement = !layer ? undefined
      : finalActivation.explicit ? JSON.stringify('softmax') : `${JSON.stringify(layer.type)}, "activation": "softmax"`;
    out.push({
      severity: 'error', code: 'softmax-loss-mismatch',
      path: layer ? ['layers', finalActivation.index, ...(finalActivation.explicit ? ['activation'] : ['type'])] : ['layers'],
      message: `${loss} expects class probabilities, but the last layer's activation is "${finalActivation.activation}"; use "activation": "softmax" on the last layer`,
      fix: replacement === undefined ? undefined : { replacement },
    });
  }

  const validationSplit = model.fit?.validationSplit ?? 0;
  (model.fit?.callbacks ?? []).forEach((cb, i) => {
    if (cb.type === 'LearningRateScheduler') return;
    const monitor = cb.monitor ?? 'val_loss';
    if (monitor.startsWith('val_') && validationSplit === 0) {
      out.push({ severity: 'error', code: 'monitor-needs-validation', path: ['fit', 'callbacks', i, ...(cb.monitor ? ['monitor'] : ['type'])],
        message: `${cb.type} monitors ${monitor}, which needs validation data: set fit.validationSplit (e.g. 0.1) or monitor "loss"` });
    }
  });
  return out;
}

function lastActivation(model: ModelFile): { index: number; activation: string; explicit: boolean } {
  for (let i = model.layers.length - 1; i >= 0; i--) {
    const layer = model.layers[i];
    if (layer.type === 'Activation') return { index: i, activation: layer.activation, explicit: true };
    if (layer.type === 'Dense' || layer.type === 'Conv2D') {
      return { index: i, activation: layer.activation ?? 'linear', explicit: layer.activation !== undefined };
    }
  }
  return { index: -1, activation: 'linear', explicit: false };
}

function findLast<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i])) return i;
  return -1;
}
