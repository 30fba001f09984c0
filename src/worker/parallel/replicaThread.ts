// Entry of a replica thread (worker_threads) of the DataParallelTrainer. It loads its own
// tfjs with the wasm backend (one wasm instance per thread, so each thread keeps one core
// busy), builds the model from the main replica's topology, and per step loads the main
// replica's weights and computes the gradients of its share of the batch.
import { parentPort } from 'node:worker_threads';
import type * as tfType from '@tensorflow/tfjs';
import { selectBackend } from '../backend/selectBackend';
import { gradientStep, trainedWeights } from './gradientStep';
import type { FromReplicaMessage, InitMessage, ReplicaBuffers, StepMessage, ToReplicaMessage } from './replicaProtocol';
import { packWeights, unpackWeights, WeightLayout } from './weightLayout';

type Tf = typeof tfType;

interface Replica {
  tf: Tf;
  model: tfType.LayersModel;
  buffers: ReplicaBuffers;
  all: WeightLayout;
  trainable: WeightLayout;
  nonTrainable: WeightLayout;
  imageShape: number[];
}

const port = parentPort;
if (!port) throw new Error('replicaThread.ts runs as a worker thread of DataParallelTrainer');

let replica: Promise<Replica> | null = null;
// Requests are handled one after another, in the order they arrive.
let queue: Promise<void> = Promise.resolve();

port.on('message', (message: ToReplicaMessage) => {
  queue = queue.then(() => handle(message)).catch((error: unknown) => {
    const e = error instanceof Error ? error : new Error(String(error));
    reply({ type: 'failed', message: e.message, stack: e.stack });
  });
});

function reply(message: FromReplicaMessage): void {
  port!.postMessage(message);
}

async function handle(message: ToReplicaMessage): Promise<void> {
  switch (message.type) {
    case 'init': {
      replica = init(message);
      const r = await replica;
      reply({ type: 'ready', backend: r.tf.getBackend() });
      return;
    }
    case 'step': {
      const r = await requireReplica();
      const started = performance.now();
      const [loss, accuracy] = await step(r, message);
      reply({ type: 'stepDone', loss, accuracy, busyMs: performance.now() - started });
      return;
    }
    case 'echoWeights': {
      const r = await requireReplica();
      unpackWeights(r.tf, r.model.weights, r.all, r.buffers.weights);
      packWeights(r.model.weights, r.all, message.into);
      reply({ type: 'weightsEchoed' });
      return;
    }
    default: {
      const unreachable: never = message;
      throw new Error(`unknown request ${JSON.stringify(unreachable)}`);
    }
  }
}

async function requireReplica(): Promise<Replica> {
  if (!replica) throw new Error('the replica got a request before init');
  return replica;
}

async function init(message: InitMessage): Promise<Replica> {
  const backend = await selectBackend('wasm');
  const tf = backend.tf;
  const model = await tf.models.modelFromJSON({ modelTopology: message.topology });
  // The optimizer is never used: gradientStep swaps in one that only collects gradients.
  model.compile({ optimizer: tf.train.sgd(0), loss: message.loss, metrics: message.metrics });
  const imageShape = model.inputs[0].shape.slice(1) as number[];
  return {
    tf, model, buffers: message.buffers, imageShape,
    all: WeightLayout.of(model.weights),
    trainable: WeightLayout.of(trainedWeights(model)),
    nonTrainable: WeightLayout.of(model.nonTrainableWeights),
  };
}

async function step(r: Replica, message: StepMessage): Promise<[number, number]> {
  if (message.buffers) r.buffers = message.buffers;
  const { tf, model, buffers } = r;
  unpackWeights(tf, model.weights, r.all, buffers.weights);
  const imageSize = r.imageShape.reduce((a, b) => a * b, 1);
  const x = tf.tensor(buffers.pixels.subarray(0, message.count * imageSize), [message.count, ...r.imageShape], 'float32');
  const y = tf.tensor2d(buffers.targets.subarray(0, message.count * message.targetWidth), [message.count, message.targetWidth], 'float32');
  try {
    const result = await gradientStep(tf, model, x, y, (gradients) => {
      gradients.forEach((g, i) => buffers.results.set(g.dataSync() as Float32Array, r.trainable.offsets[i]));
    });
    // The moving statistics this share produced follow the gradients; the main replica
    // averages them with its own.
    packWeights(model.nonTrainableWeights, r.nonTrainable, buffers.results.subarray(r.trainable.length));
    return result;
  } finally {
    tf.dispose([x, y]);
  }
}
