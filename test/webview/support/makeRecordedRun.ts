// Writes test/fixtures/recorded-run.jsonl: the events of a plausible 3-epoch CIFAR-10 run,
// as readRunEvents would return them (latest feature maps only). The feature maps are real
// convolutions of the probe pictures with random kernels, so they look like activations.
// Run: npx tsx test/webview/support/makeRecordedRun.ts
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { confusionMatrix, perClassMetrics } from '../../../src/shared/confusionMatrix';
import type { TrainingEvent } from '../../../src/shared/trainingEvents';
import { seededRandom, syntheticImage } from './syntheticImages';

const CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
const RUN_ID = '20261129-101500-cifar10-baseline';
const RUN_DIR = `/workspace/.cnn-lab/runs/${RUN_ID}`;
const EPOCHS = 3;
const STEPS = 704; // 45,000 training images / batch 64
const BATCH_EVERY = 4; // the worker throttles batch events
const TEST_COUNT = 1000;
const PROBES = [3, 17, 42]; // test indices
const random = seededRandom(2026);

type Tensor = { h: number; w: number; c: number; data: Float32Array };

function conv(input: Tensor, filters: number, padding: 'same' | 'valid', inputsPerFilter: number): Tensor {
  const pad = padding === 'same' ? 1 : 0;
  const h = input.h + 2 * pad - 2;
  const w = input.w + 2 * pad - 2;
  const out = new Float32Array(h * w * filters);
  for (let f = 0; f < filters; f++) {
    const sources = Array.from({ length: inputsPerFilter }, () => Math.floor(random() * input.c));
    const kernels = sources.map(() => Array.from({ length: 9 }, () => random() * 2 - 1));
    const bias = (random() - 0.6) * 0.5;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let sum = bias;
        sources.forEach((s, k) => {
          for (let i = 0; i < 3; i++) {
            for (let j = 0; j < 3; j++) {
              const yy = y + i - pad;
              const xx = x + j - pad;
              if (yy < 0 || xx < 0 || yy >= input.h || xx >= input.w) continue;
              sum += input.data[(yy * input.w + xx) * input.c + s] * kernels[k][i * 3 + j];
            }
          }
        });
        out[(y * w + x) * filters + f] = Math.max(0, sum); // relu
      }
    }
  }
  return { h, w, c: filters, data: out };
}

function maxPool(input: Tensor): Tensor {
  const h = Math.floor(input.h / 2);
  const w = Math.floor(input.w / 2);
  const out = new Float32Array(h * w * input.c);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < input.c; c++) {
    let m = 0;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) m = Math.max(m, input.data[((2 * y + i) * input.w + 2 * x + j) * input.c + c]);
    out[(y * w + x) * input.c + c] = m;
  }
  return { h, w, c: input.c, data: out };
}

/** Each channel scaled to 0–255 by its own maximum, as the worker sends them. */
function toBytes(t: Tensor): string {
  const bytes = new Uint8Array(t.data.length);
  for (let c = 0; c < t.c; c++) {
    let max = 0;
    for (let p = 0; p < t.h * t.w; p++) max = Math.max(max, t.data[p * t.c + c]);
    for (let p = 0; p < t.h * t.w; p++) bytes[p * t.c + c] = max === 0 ? 0 : Math.round((t.data[p * t.c + c] / max) * 255);
  }
  return Buffer.from(bytes).toString('base64');
}

function featureMaps(pixels: Uint8Array): Array<{ name: string; shape: [number, number, number]; data: string }> {
  const image: Tensor = { h: 32, w: 32, c: 3, data: Float32Array.from(pixels, (v) => v / 255) };
  const c1 = conv(image, 32, 'same', 3);
  const c2 = conv(c1, 32, 'valid', 3);
  const c3 = conv(maxPool(c2), 64, 'same', 3);
  const c4 = conv(c3, 64, 'valid', 3);
  return [['conv2d_1', c1], ['conv2d_2', c2], ['conv2d_3', c3], ['conv2d_4', c4]].map(([name, t]) => {
    const tensor = t as Tensor;
    return { name: name as string, shape: [tensor.h, tensor.w, tensor.c] as [number, number, number], data: toBytes(tensor) };
  });
}

function softmax(logits: number[]): number[] {
  const m = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => Math.round((v / s) * 1e4) / 1e4);
}

function makeEvents(): TrainingEvent[] {
  const events: TrainingEvent[] = [{ type: 'backend', name: 'wasm', threads: 1, note: 'tfjs-node is not installed; using WebAssembly with SIMD' }];
  for (const done of [0, 25000, 50000]) {
    events.push({ type: 'datasetProgress', phase: 'decode', done, total: 50000, message: `decoding CIFAR-10 training images ${done}/50000` });
  }
  const testLabels = Array.from({ length: TEST_COUNT }, (_, i) => i % 10);
  events.push({
    type: 'trainBegin', runId: RUN_ID, runDir: RUN_DIR, modelName: 'cifar10-baseline', classNames: CLASSES,
    imageShape: [32, 32, 3], trainCount: 45000, validationCount: 5000, testCount: TEST_COUNT,
    epochs: EPOCHS, initialEpoch: 0, stepsPerEpoch: STEPS, batchSize: 64, totalParams: 1250858,
    convLayers: [
      { name: 'conv2d_1', shape: [32, 32, 32] }, { name: 'conv2d_2', shape: [30, 30, 32] },
      { name: 'conv2d_3', shape: [15, 15, 64] }, { name: 'conv2d_4', shape: [13, 13, 64] },
    ],
    probes: PROBES.map((testIndex) => ({
      testIndex, label: testLabels[testIndex], pixels: Buffer.from(syntheticImage(testLabels[testIndex], testIndex)).toString('base64'),
    })),
  });
  let elapsed = 0;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    let lossSum = 0;
    let accuracySum = 0;
    let n = 0;
    for (let batch = BATCH_EVERY - 1; batch < STEPS; batch += BATCH_EVERY) {
      const progress = epoch + batch / STEPS;
      const loss = 2.3 * Math.exp(-progress * 0.55) + 0.55 + (random() - 0.5) * 0.35;
      const accuracy = Math.min(0.98, Math.max(0, 0.1 + 0.62 * (1 - Math.exp(-progress * 0.9)) + (random() - 0.5) * 0.12));
      lossSum += loss; accuracySum += accuracy; n++;
      events.push({
        type: 'batch', epoch, batch, step: epoch * STEPS + batch,
        loss: round(loss), accuracy: round(accuracy), imagesPerSec: round(88 + random() * 8),
      });
    }
    elapsed += (STEPS * 64) / 92;
    events.push({
      type: 'epoch', epoch, loss: round(lossSum / n), accuracy: round(accuracySum / n),
      val_loss: round(2.3 * Math.exp(-(epoch + 1) * 0.5) + 0.7), val_accuracy: round(0.1 + 0.6 * (1 - Math.exp(-(epoch + 1) * 0.85))),
      learningRate: 0.001, imagesPerSec: 92.1, idleFraction: 0.04, elapsedSeconds: round(elapsed),
      etaSeconds: round(((EPOCHS - epoch - 1) * STEPS * 64) / 92), checkpoint: `${RUN_DIR}/checkpoints/epoch-00${epoch + 1}`,
    });
  }
  PROBES.forEach((testIndex, probeIndex) => {
    events.push({ type: 'featureMaps', epoch: EPOCHS - 1, probeIndex, layers: featureMaps(syntheticImage(testLabels[testIndex], testIndex)) });
  });
  const kernels = Uint8Array.from({ length: 3 * 3 * 3 * 32 }, () => Math.round(random() * 255));
  events.push({ type: 'filters', epoch: EPOCHS - 1, layer: 'conv2d_1', shape: [3, 3, 3, 32], data: Buffer.from(kernels).toString('base64') });

  // Mistakes as a CIFAR-10 CNN makes them: cats and dogs, cars and trucks, planes and ships.
  const confusable: Record<number, number[]> = { 0: [8, 2], 1: [9], 2: [0, 4, 6], 3: [5, 6, 2], 4: [7, 2], 5: [3, 7], 6: [3, 2], 7: [4, 5], 8: [0, 1], 9: [1, 8] };
  const hardness = [0.2, 0.12, 0.38, 0.5, 0.33, 0.4, 0.2, 0.22, 0.15, 0.17];
  const predicted = testLabels.map((label) => {
    if (random() > hardness[label]) return label;
    const options = random() < 0.8 ? confusable[label] : Array.from({ length: 10 }, (_, c) => c).filter((c) => c !== label);
    return options[Math.floor(random() * options.length)];
  });
  const probabilities = predicted.map((p, i) => {
    const logits = Array.from({ length: 10 }, () => random() * 1.5);
    logits[p] += 2 + random() * 3;
    if (p !== testLabels[i]) logits[testLabels[i]] += random() * 1.5;
    return softmax(logits);
  });
  const confusion = confusionMatrix(testLabels, predicted, 10);
  const correct = testLabels.filter((l, i) => predicted[i] === l).length;
  events.push({
    type: 'evaluation', loss: 0.8841, accuracy: correct / TEST_COUNT, classNames: CLASSES, confusion, perClass: perClassMetrics(confusion),
    labels: testLabels, predicted, probabilities, testImages: { file: 'test-images.u8', shape: [32, 32, 3] },
  });
  events.push({ type: 'done', status: 'completed', runDir: RUN_DIR });
  return events;
}

function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

const target = path.join(__dirname, '..', '..', 'fixtures', 'recorded-run.jsonl');
writeFileSync(target, makeEvents().map((e) => JSON.stringify(e)).join('\n') + '\n');
console.log(`wrote ${target}`);
