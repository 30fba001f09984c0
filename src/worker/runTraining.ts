// One training run from start to finish: read and check the model file, pick the backend,
// load the data, train epoch by epoch (checkpoint, metrics, feature maps after each),
// evaluate on the test set. Whatever happens, the run folder says how it ended.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type * as tfType from '@tensorflow/tfjs';
import { parseModelFile } from '../shared/parseModelFile';
import { resolveModel, type ResolvedModel } from '../shared/modelDefaults';
import { FitCallbacks, type EpochLogs } from '../shared/fitCallbacks';
import { learningRateAtStep } from '../shared/learningRateSchedules';
import type { DoneEvent, TrainingEvent, TrainBeginEvent } from '../shared/trainingEvents';
import type { StartMessage } from '../shared/workerProtocol';
import { checkpointDir, runFile } from '../node/runFolder';
import { listCheckpoints, readRun } from '../node/runStore';
import { selectBackend } from './backend/selectBackend';
import { loadDataset } from './data/loadDataset';
import { writeTestImagesFile } from './data/testImagesFile';
import { createSeededRandom } from './data/seededRandom';
import type { ImageSet, LoadedDataset } from './data/datasetTypes';
import { buildCompiledModel, getLearningRate, setLearningRate } from './buildModel';
import { loadCheckpoint, saveCheckpoint } from './checkpoints';
import { FeatureMapProbe } from './featureMaps';
import { evaluateModel } from './evaluate';
import { BatchBuilder, probeIndices, shuffled, splitDataset, type TrainingSplit } from './trainingData';
import { RunWriter } from './runWriter';
import { augmentBatch } from './data/augment';
import { createStepTrainer, type StepTrainer } from './stepTrainer';

type Tf = typeof tfType;

export interface TrainingContext {
  emit(event: TrainingEvent): void;
  stopRequested(): boolean;
}

/** A failure the user can act on: its message is shown as it is, without a stack. */
export class TrainingError extends Error {}

const BATCH_EVENT_INTERVAL_MS = 250;

/** Runs a whole training run and returns how it ended (never throws). */
export async function runTraining(start: StartMessage, ctx: TrainingContext): Promise<DoneEvent> {
  let writer: RunWriter | null = null;
  const log = (level: 'info' | 'warning' | 'error', message: string) => {
    ctx.emit({ type: 'log', level, message });
    writer?.log(`[${level}] ${message}`);
  };
  try {
    const resume = start.resumeRunDir ? await prepareResume(start.resumeRunDir) : null;
    const modelFile = resume ? resume.record.modelFile : path.resolve(start.modelFile);
    const modelText = resume ? await fs.readFile(runFile(resume.dir, 'model'), 'utf8') : await readModelText(modelFile);
    const model = checkModel(modelText, resume ? runFile(resume.dir, 'model') : modelFile);
    const resolved = resolveModel(model, path.basename(modelFile).replace(/\.cnn\.json$|\.json$/i, ''));
    if (start.epochs) resolved.epochs = start.epochs;
    if (resume && resume.epochsDone >= resolved.epochs) {
      throw new TrainingError(`The run already trained ${resume.epochsDone} of ${resolved.epochs} epochs; pass --epochs with a larger number to train further`);
    }

    const backend = await selectBackend(start.backend, (m) => log('info', m));
    const tf = backend.tf;
    ctx.emit({ type: 'backend', name: backend.name, threads: backend.threads, note: backend.note, warning: backend.warning });
    if (backend.warning) log('warning', backend.warning);

    const dataset = await loadDataset(resolved.dataset, {
      baseDir: path.dirname(modelFile), cacheDir: start.cacheDir,
      onProgress: throttle((p) => ctx.emit({ type: 'datasetProgress', ...p }), 200),
    });
    checkClasses(resolved, dataset);
    const split = splitDataset(dataset, resolved.validationSplit, resolved.seed);
    if (split.testIsValidation) log('warning', 'The data set has no test part: the final evaluation uses the validation split.');

    writer = resume
      ? await RunWriter.reopen(resume.dir, resume.epochsDone, path.basename(resume.checkpoint), resolved.epochs)
      : await RunWriter.create(start.runsRoot, resolved.name, modelFile, modelText, resolved.epochs);
    await writer.update({ backend: backend.name });
    const testImagesFile = dataset.test ? await writeTestImagesFile(dataset)
      : split.validation ? await writer.writeTestImages(split.validation.images) : '';
    log('info', `Run folder: ${writer.dir}`);

    const net = resume ? await loadCheckpoint(tf, resume.checkpoint) : buildCompiledModel(tf, resolved);
    if (resume && !net.optimizer) throw new TrainingError(`The checkpoint ${resume.checkpoint} has no training configuration to resume from`);
    const trainer = await createStepTrainer(tf, net, { backend: backend.name, threads: start.threads, warn: (m) => log('warning', m) });
    try {
      if (trainer.threads !== backend.threads) {
        const note = `${backend.note ? `${backend.note}; ` : ''}each batch shared by ${trainer.threads} threads (data-parallel, exact gradient averaging)`;
        ctx.emit({ type: 'backend', name: backend.name, threads: trainer.threads, note, warning: backend.warning });
        writer.log(`[info] ${note}`);
      }
      return await trainEpochs(tf, net, trainer, resolved, dataset, split, writer, ctx, resume?.epochsDone ?? 0, testImagesFile, log);
    } finally {
      await trainer.dispose();
      net.dispose();
    }
  } catch (error) {
    const message = error instanceof TrainingError ? error.message : `${(error as Error).message ?? error}`;
    if (!(error instanceof TrainingError)) writer?.log(`[error] ${(error as Error).stack ?? message}`);
    log('error', message);
    await writer?.update({ status: 'failed', error: message, pid: null }).catch(() => undefined);
    return { type: 'done', status: 'failed', error: message, runDir: writer?.dir ?? null };
  }
}

async function trainEpochs(
  tf: Tf, net: tfType.LayersModel, trainer: StepTrainer, model: ResolvedModel, dataset: LoadedDataset, split: TrainingSplit,
  writer: RunWriter, ctx: TrainingContext, initialEpoch: number, testImagesFile: string,
  log: (level: 'info' | 'warning' | 'error', message: string) => void,
): Promise<DoneEvent> {
  const { imageShape, classNames } = dataset;
  const stepsPerEpoch = Math.max(1, Math.ceil(split.train.count / model.batchSize));
  const probe = new FeatureMapProbe(tf, net);
  const probeSet = split.test ?? split.train;
  const probes = probeIndices(probeSet, classNames.length);
  const probePixels = new Float32Array(probes.length * imageShape[0] * imageShape[1] * imageShape[2]);
  augmentBatch(probeSet.images, probes, imageShape, undefined, Math.random, probePixels);
  const imageSize = imageShape[0] * imageShape[1] * imageShape[2];

  const begin: TrainBeginEvent = {
    type: 'trainBegin', runId: writer.current.id, runDir: writer.dir, modelName: model.name, classNames, imageShape,
    trainCount: split.train.count, validationCount: split.validation?.count ?? 0, testCount: split.test?.count ?? 0,
    epochs: model.epochs, initialEpoch, stepsPerEpoch, batchSize: model.batchSize, totalParams: net.countParams(),
    convLayers: probe.convLayers,
    probes: probes.map((i) => ({ testIndex: i, label: probeSet.labels[i], pixels: Buffer.from(probeSet.images.subarray(i * imageSize, (i + 1) * imageSize)).toString('base64') })),
  };
  ctx.emit(begin);
  writer.appendMetric(begin);

  const callbacks = new FitCallbacks(model.callbacks, model.optimizer.learningRate, model.epochs);
  const batches = new BatchBuilder(imageShape, model.batchSize);
  let best: { epoch: number; weights: tfType.Tensor[] } | null = null;
  let bestValAccuracy = writer.current.bestValAccuracy;
  const epochSeconds: number[] = [];
  let stopped = false;
  // Batches trained so far (Keras's optimizer.iterations), which a resumed run continues.
  let step = initialEpoch * stepsPerEpoch;
  const { schedule } = model.optimizer;

  for (let epoch = initialEpoch; epoch < model.epochs && !stopped; epoch++) {
    const learningRate = callbacks.rateForEpoch(epoch);
    setLearningRate(net.optimizer, learningRate);
    // Seeds derive from the epoch so a resumed run sees the same order it would have seen.
    const order = model.shuffle ? shuffled(split.train.count, createSeededRandom(model.seed * 7919 + epoch)) : [...Array(split.train.count).keys()];
    const augmentRandom = createSeededRandom(model.seed * 104729 + epoch);
    const epochStart = performance.now();
    let dataMs = 0;
    let lossSum = 0;
    let accSum = 0;
    let seen = 0;
    let lastBatchEvent = 0;
    for (let b = 0; b < stepsPerEpoch; b++) {
      const indices = order.slice(b * model.batchSize, (b + 1) * model.batchSize);
      const dataStart = performance.now();
      const batch = batches.build(split.train, indices, model.augmentation, augmentRandom);
      dataMs += performance.now() - dataStart;
      // A schedule (Keras's LearningRateSchedule) sets the rate from the batches trained so far.
      const rate = schedule ? learningRateAtStep(schedule, step) : learningRate;
      if (schedule) setLearningRate(net.optimizer, rate);
      const [loss, accuracy] = await trainer.trainOnBatch(batch.pixels, batch.labels, batch.count);
      if (!Number.isFinite(loss)) throw new TrainingError(`The loss became ${loss} at epoch ${epoch + 1}, batch ${b + 1}: lower the learning rate (now ${rate})`);
      lossSum += loss * indices.length;
      accSum += accuracy * indices.length;
      seen += indices.length;
      step++;
      const now = performance.now();
      if (now - lastBatchEvent >= BATCH_EVENT_INTERVAL_MS || b === stepsPerEpoch - 1) {
        lastBatchEvent = now;
        const event: TrainingEvent = { type: 'batch', epoch, batch: b, step, loss, accuracy, imagesPerSec: seen / ((now - epochStart) / 1000), learningRate: rate };
        ctx.emit(event);
        writer.appendMetric(event);
      }
      await new Promise((r) => setImmediate(r)); // let a stop request in between batches
      if (ctx.stopRequested()) {
        stopped = true;
        break;
      }
    }
    if (stopped) break;

    const validation = split.validation ? measure(tf, net, split.validation, imageShape, classNames.length) : null;
    const elapsed = (performance.now() - epochStart) / 1000;
    epochSeconds.push(elapsed);
    const logs: EpochLogs = { loss: lossSum / seen, accuracy: accSum / seen, val_loss: validation?.loss ?? null, val_accuracy: validation?.accuracy ?? null };
    const decision = callbacks.onEpochEnd(epoch, logs);
    if (decision.improved && model.callbacks.some((c) => c.type === 'EarlyStopping' && c.restoreBestWeights)) {
      best?.weights.forEach((w) => w.dispose());
      best = { epoch, weights: net.getWeights().map((w) => tf.keep(w.clone())) };
    }
    const checkpoint = checkpointDir(writer.dir, epoch);
    await saveCheckpoint(tf, net, checkpoint);
    const averageEpoch = epochSeconds.reduce((a, s) => a + s, 0) / epochSeconds.length;
    const event: TrainingEvent = {
      type: 'epoch', epoch, ...logs, learningRate: getLearningRate(net.optimizer) ?? learningRate,
      imagesPerSec: seen / elapsed, idleFraction: dataMs / 1000 / elapsed, epochSeconds: elapsed,
      elapsedSeconds: epochSeconds.reduce((a, s) => a + s, 0),
      etaSeconds: averageEpoch * (model.epochs - epoch - 1), checkpoint,
    };
    ctx.emit(event);
    writer.appendMetric(event);
    if (logs.val_accuracy !== null && (bestValAccuracy === null || logs.val_accuracy > bestValAccuracy)) bestValAccuracy = logs.val_accuracy;
    await writer.update({ epochsDone: epoch + 1, bestValAccuracy });

    const maps = probe.featureMaps(epoch, probePixels, probes.length, imageShape);
    const filters = probe.firstLayerFilters(epoch);
    const visual: TrainingEvent[] = filters ? [...maps, filters] : maps;
    visual.forEach((e) => ctx.emit(e));
    await writer.writeFeatureMaps(visual);
    writer.log(`epoch ${epoch + 1}: ${tf.memory().numTensors} tensors in memory`);

    decision.messages.forEach((m) => log('info', m));
    setLearningRate(net.optimizer, decision.learningRate);
    if (decision.stop) break;
  }

  if (best && !stopped) {
    log('info', `EarlyStopping: restoring the weights of epoch ${best.epoch + 1}`);
    net.setWeights(best.weights);
  }
  best?.weights.forEach((w) => w.dispose());

  if (!stopped && split.test) {
    const evaluation = await evaluateModel(tf, net, split.test, imageShape, classNames,
      { file: testImagesFile, shape: imageShape }, ctx.stopRequested);
    if (evaluation) {
      ctx.emit(evaluation);
      await writer.writeEvaluation(evaluation);
      await writer.update({ testAccuracy: evaluation.accuracy });
    } else {
      stopped = true;
    }
  }
  const status = stopped ? 'stopped' : 'completed';
  await writer.update({ status, pid: null });
  return { type: 'done', status, runDir: writer.dir };
}

/** Loss and accuracy of `net` on a held-out set (no dropout, no augmentation). */
function measure(tf: Tf, net: tfType.LayersModel, set: ImageSet, imageShape: [number, number, number], classes: number): { loss: number; accuracy: number } {
  const batch = 256;
  const size = imageShape[0] * imageShape[1] * imageShape[2];
  const buffer = new Float32Array(batch * size);
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < set.count; start += batch) {
    const n = Math.min(batch, set.count - start);
    const indices = Array.from({ length: n }, (_, i) => start + i);
    augmentBatch(set.images, indices, imageShape, undefined, Math.random, buffer);
    const probs = tf.tidy(() => (net.predict(tf.tensor4d(buffer.subarray(0, n * size), [n, ...imageShape])) as tfType.Tensor).dataSync());
    for (let i = 0; i < n; i++) {
      const label = set.labels[start + i];
      let arg = 0;
      for (let c = 1; c < classes; c++) if (probs[i * classes + c] > probs[i * classes + arg]) arg = c;
      if (arg === label) correct++;
      lossSum += -Math.log(Math.max(probs[i * classes + label], 1e-7));
    }
  }
  return { loss: lossSum / set.count, accuracy: correct / set.count };
}

async function prepareResume(runDir: string) {
  const record = await readRun(runDir).catch(() => {
    throw new TrainingError(`${runDir} is not a CNN Lab run folder (no readable run.json)`);
  });
  if (record.status === 'running') throw new TrainingError(`The run ${record.id} is still running (pid ${record.pid}); stop it before resuming`);
  const checkpoints = await listCheckpoints(runDir);
  if (checkpoints.length === 0) throw new TrainingError(`The run ${record.id} has no checkpoint yet (it ended during its first epoch); start it again instead`);
  const checkpoint = checkpoints[checkpoints.length - 1];
  const epochsDone = Number(/epoch-(\d+)$/.exec(checkpoint)![1]);
  return { dir: runDir, record, checkpoint, epochsDone };
}

async function readModelText(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new TrainingError(`Cannot read the model file ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (e as Error).message}`);
  }
}

function checkModel(text: string, file: string) {
  const parsed = parseModelFile(text);
  if (!parsed.model) {
    const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
    throw new TrainingError(`The model file has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n` +
      errors.map((d) => `${file}:${d.start.line}:${d.start.column}: ${d.message}`).join('\n'));
  }
  return parsed.model;
}

function checkClasses(model: ResolvedModel, dataset: LoadedDataset): void {
  const last = [...model.layers].reverse().find((l) => l.type === 'Dense');
  const classes = dataset.classNames.length;
  if (last && last.type === 'Dense' && last.units !== classes) {
    throw new TrainingError(`The last Dense layer has ${last.units} units but the data set has ${classes} classes (${dataset.classNames.join(', ')}); set its units to ${classes}`);
  }
  const [h, w, c] = model.inputShape;
  const [dh, dw, dc] = dataset.imageShape;
  if (h !== dh || w !== dw || c !== dc) {
    throw new TrainingError(`The model expects ${h}×${w}×${c} images but the data set gives ${dh}×${dw}×${dc}`);
  }
}

function throttle<T>(fn: (arg: T) => void, ms: number): (arg: T) => void {
  let last = 0;
  return (arg) => {
    const now = Date.now();
    if (now - last >= ms) {
      last = now;
      fn(arg);
    }
  };
}
