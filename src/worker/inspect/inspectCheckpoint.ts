// The worker's second mode: feature maps of any test images, computed from a saved
// checkpoint rather than recorded during training (which keeps them for ~10 probe images
// only). Same probe, same pixel scaling as training, so a probe image's maps come out the same.
import { access } from 'node:fs/promises';
import * as path from 'node:path';
import type * as tfType from '@tensorflow/tfjs';
import type { ImageFeatureMapsEvent, InspectDoneEvent, InspectMessage, InspectReply } from '../../shared/workerProtocol';
import { readTestImages, type ImageShape } from '../../node/testImageFile';
import { selectBackend } from '../backend/selectBackend';
import { loadCheckpoint } from '../checkpoints';
import { augmentBatch } from '../data/augment';
import { FeatureMapProbe } from '../featureMaps';

/** Images pushed through the model at once: bounds memory when many are asked for. */
const CHUNK = 16;

/** A failure whose message is complete as it stands (no stack, no "Error:" prefix needed). */
class InspectError extends Error {}

/** Computes and emits the requested images' feature maps; returns how it ended (never throws). */
export async function inspectCheckpoint(message: InspectMessage, emit: (reply: InspectReply) => void, select = selectBackend): Promise<InspectDoneEvent> {
  try {
    const checkpointDir = path.resolve(message.runDir, message.checkpointDir);
    const epoch = checkpointEpoch(checkpointDir);
    await access(path.join(checkpointDir, 'model.json')).catch(() => {
      throw new InspectError(`No complete checkpoint at ${checkpointDir} (its model.json is missing): the run has not finished an epoch there, or the folder was deleted`);
    });
    const shape = message.imageShape as ImageShape;
    const pixels = await readTestImages(path.resolve(message.runDir, message.imagesFile), shape, message.testIndices);

    const backend = await select(message.backend, (m) => emit({ type: 'log', level: 'info', message: m }));
    emit({ type: 'backend', name: backend.name, threads: backend.threads, note: backend.note });
    const model = await loadCheckpoint(backend.tf, checkpointDir);
    try {
      checkInputShape(model, shape);
      const probe = new FeatureMapProbe(backend.tf, model);
      if (probe.convLayers.length === 0) throw new InspectError('The model has no Conv2D layer, so there are no feature maps to show');
      for (const event of featureMapsOf(probe, epoch, pixels, shape, message.testIndices)) emit(event);
    } finally {
      model.dispose();
    }
    return { type: 'inspectDone', status: 'completed' };
  } catch (error) {
    return { type: 'inspectDone', status: 'failed', error: error instanceof Error ? error.message : String(error) };
  }
}

/** Runs the images through the probe a chunk at a time, scaled to [0,1] exactly as training feeds them. */
function featureMapsOf(probe: FeatureMapProbe, epoch: number, pixels: Uint8Array, shape: ImageShape, testIndices: number[]): ImageFeatureMapsEvent[] {
  const size = shape[0] * shape[1] * shape[2];
  const events: ImageFeatureMapsEvent[] = [];
  for (let start = 0; start < testIndices.length; start += CHUNK) {
    const indices = testIndices.slice(start, start + CHUNK);
    const floats = new Float32Array(indices.length * size);
    const chunk = pixels.subarray(start * size, (start + indices.length) * size);
    augmentBatch(chunk, indices.map((_, i) => i), shape, undefined, Math.random, floats);
    for (const maps of probe.featureMaps(epoch, floats, indices.length, shape)) {
      events.push({ type: 'imageFeatureMaps', testIndex: indices[maps.probeIndex], epoch, layers: maps.layers });
    }
  }
  return events;
}

/** The 0-based epoch of a checkpoint folder named as runFolder.checkpointDir names them (epoch-003 → 2). */
function checkpointEpoch(dir: string): number {
  const match = /^epoch-(\d+)$/.exec(path.basename(dir));
  if (!match || Number(match[1]) < 1) throw new InspectError(`${dir} is not a checkpoint folder of a run (expected a name like epoch-003)`);
  return Number(match[1]) - 1;
}

function checkInputShape(model: tfType.LayersModel, shape: ImageShape): void {
  const expected = model.inputs[0]?.shape.slice(1) ?? [];
  if (expected.length !== 3 || expected.some((n, i) => n !== null && n !== shape[i])) {
    throw new InspectError(`The checkpoint's model takes ${expected.map((n) => n ?? '?').join('×')} inputs but the test images are ${shape.join('×')}`);
  }
}
