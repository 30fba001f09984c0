// Checkpoints in the TensorFlow.js layers format (model.json + weights.bin, as
// tf.loadLayersModel reads them), with the optimizer's state so a resumed run continues
// where it stopped rather than with a cold optimizer. The optimizer part is written here
// rather than by save({includeOptimizer: true}), which leaks one tensor per save in
// tfjs 4.22 (the iteration counter that Optimizer.getWeights() creates).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type * as tfType from '@tensorflow/tfjs';

type Tf = typeof tfType;

/** Saves `model` into `dir` (written beside, then renamed into place). */
export async function saveCheckpoint(tf: Tf, model: tfType.LayersModel, dir: string): Promise<void> {
  const tmp = `${dir}.tmp-${process.pid}`;
  await fs.rm(tmp, { recursive: true, force: true });
  await fs.mkdir(tmp, { recursive: true });
  const optimizerWeights = model.optimizer ? await model.optimizer.getWeights() : [];
  let optimizerPart: { data: ArrayBuffer; specs: tfType.io.WeightsManifestEntry[] };
  try {
    optimizerPart = await tf.io.encodeWeights(optimizerWeights, 'optimizer');
  } finally {
    // 'iter' is a fresh scalar; the others are the optimizer's own variables and must live on
    optimizerWeights.filter((w) => w.name === 'iter').forEach((w) => w.tensor.dispose());
  }
  const trainingConfig = model.optimizer ? (model as unknown as { getTrainingConfig(): tfType.io.TrainingConfig }).getTrainingConfig() : undefined;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    const modelData = artifacts.weightData ? concatWeightData(artifacts.weightData) : new ArrayBuffer(0);
    const weightData = concatWeightData([modelData, optimizerPart.data]);
    await fs.writeFile(path.join(tmp, 'weights.bin'), new Uint8Array(weightData));
    const modelJson = {
      format: 'layers-model',
      generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
      convertedBy: null,
      modelTopology: artifacts.modelTopology,
      trainingConfig,
      weightsManifest: [{ paths: ['weights.bin'], weights: [...(artifacts.weightSpecs ?? []), ...optimizerPart.specs] }],
    };
    // model.json last: its presence marks a complete checkpoint
    await fs.writeFile(path.join(tmp, 'model.json'), JSON.stringify(modelJson));
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  await fs.rm(dir, { recursive: true, force: true });
  await fs.rename(tmp, dir);
}

/** Loads a checkpoint saved by saveCheckpoint, compiled, with its optimizer state. */
export async function loadCheckpoint(tf: Tf, dir: string): Promise<tfType.LayersModel> {
  const modelJson = JSON.parse(await fs.readFile(path.join(dir, 'model.json'), 'utf8'));
  const weights = await fs.readFile(path.join(dir, 'weights.bin'));
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength);
  return tf.loadLayersModel(tf.io.fromMemory({
    modelTopology: modelJson.modelTopology,
    trainingConfig: modelJson.trainingConfig,
    weightSpecs: modelJson.weightsManifest[0].weights,
    weightData,
  }));
}

function concatWeightData(data: ArrayBuffer | ArrayBuffer[]): ArrayBuffer {
  if (!Array.isArray(data)) return data;
  const total = data.reduce((s, b) => s + b.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const b of data) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out.buffer;
}
