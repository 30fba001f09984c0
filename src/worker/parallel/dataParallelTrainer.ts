// Data-parallel training over worker_threads, so that the single-threaded wasm backend
// keeps every core busy: two single-threaded engines side by side train 1.6–1.9× as many
// images as one, the wasm backend's own threads only 1.18× (docs/training-engine-facts.md,
// bench/README.md).
//
// Each step: the main replica's weights go to a shared buffer; every replica thread loads
// them and computes the gradients of its share of the batch while the main thread computes
// those of its own share; the gradients are averaged weighted by share size (which is the
// full-batch gradient exactly) and the main replica's optimizer applies them once. The
// non-trainable weights (BatchNormalization's moving statistics) become the same weighted
// average of what each replica's share produced. (BatchNormalization is the one layer whose
// step is not the full batch's: each share is normalised by its own batch statistics, as
// in multi-GPU training without synchronised batch norm.) The main replica is thus always the
// model as trained; the others are refreshed from it at the start of every step, so
// changes made to it between steps (setWeights, a new learning rate) carry over.
import * as os from 'node:os';
import type * as tfType from '@tensorflow/tfjs';
import { batchTargets, modelBatchShape, type BatchTargets } from './batchTargets';
import { divideBatch, ShareBalancer } from './batchShares';
import { applyAveragedStep, type ResultLayouts, weightedMean } from './averagedStep';
import { gradientStep, trainedWeights } from './gradientStep';
import { defaultReplicaScript, ReplicaHandle } from './replicaHandle';
import type { ReplicaBuffers, StepDoneMessage } from './replicaProtocol';
import { packWeights, sharedFloats, WeightLayout } from './weightLayout';

type Tf = typeof tfType;

const DEFAULT_MAX_REPLICAS = 4;

export interface DataParallelOptions {
  /** Replicas in all, the main thread's included; default: the number of cores, at most 4 (smaller shares of a batch run less efficiently). 1 trains on the main thread only. */
  replicas?: number;
  /** Divide batches by measured speed (default) or always equally. */
  balance?: boolean;
  /** The replica thread's script; default: replicaThread.js beside this module, or its .ts source. */
  replicaScript?: string;
}

/** Where one step's time went, for benchmarks and the run log. */
export interface StepTiming {
  /** Images each replica trained, the main replica first. */
  shares: number[];
  /** Writing the weights to the shared buffer. */
  packMs: number;
  /** The main replica's share, from the moment the replicas were sent theirs. */
  mainMs: number;
  /** Each thread replica's busy time. */
  replicaMs: number[];
  /** Waiting for the last replica after the main share was done. */
  waitMs: number;
  /** Averaging and the optimizer step. */
  applyMs: number;
}

interface ThreadReplica {
  handle: ReplicaHandle;
  buffers: ReplicaBuffers;
  /** Whether `buffers` changed since the thread last heard of them. */
  buffersChanged: boolean;
}

/** Trains one compiled LayersModel data-parallel on the main thread and replica threads. */
export class DataParallelTrainer {
  private busy = false;
  private disposed = false;
  /** Null when batches are always divided equally. */
  private readonly balancer: ShareBalancer | null;
  private readonly imageShape: number[];
  private readonly imageSize: number;
  private readonly sparseLoss: boolean;
  private readonly outputWidth: number;
  private readonly all: WeightLayout;
  /** Where a thread's results hold its gradients and its non-trainable weights. */
  private readonly layouts: ResultLayouts;
  /** The timing of the last step. */
  lastStep: StepTiming | null = null;

  private constructor(
    private readonly tf: Tf,
    /** The main replica: the model being trained, for checkpoints and evaluation. */
    readonly model: tfType.LayersModel,
    private readonly threads: ThreadReplica[],
    private readonly sharedWeights: Float32Array,
    balance: boolean,
  ) {
    this.balancer = balance ? new ShareBalancer(threads.length + 1) : null;
    ({ imageShape: this.imageShape, imageSize: this.imageSize, sparseLoss: this.sparseLoss, outputWidth: this.outputWidth } = modelBatchShape(model));
    this.all = WeightLayout.of(model.weights);
    this.layouts = { trained: WeightLayout.of(trainedWeights(model)), nonTrainable: WeightLayout.of(model.nonTrainableWeights) };
  }

  /**
   * Starts the replica threads for `model` (compiled, single input and output, string
   * loss and metrics); resolves once each has built its copy of the model.
   */
  static async create(tf: Tf, model: tfType.LayersModel, options: DataParallelOptions = {}): Promise<DataParallelTrainer> {
    if (!model.optimizer) throw new Error('DataParallelTrainer needs a compiled model');
    if (model.inputs.length !== 1 || model.outputs.length !== 1) throw new Error('DataParallelTrainer trains models with one input and one output');
    const threadCount = Math.max(0, (options.replicas ?? Math.min(os.availableParallelism(), DEFAULT_MAX_REPLICAS)) - 1);
    // One replica is model.trainOnBatch on the calling thread, on any backend; replica
    // threads rebuild the model from its topology and compute on wasm.
    const { loss, metrics } = threadCount === 0 ? { loss: [], metrics: [] } : replicableCompileArgs(tf, model);
    const all = WeightLayout.of(model.weights);
    const sharedWeights = sharedFloats(all.length);
    const resultsLength = WeightLayout.of(trainedWeights(model)).length + WeightLayout.of(model.nonTrainableWeights).length;
    const topology = model.toJSON(null, false) as tfType.io.ModelJSON['modelTopology'];
    const script = options.replicaScript ?? defaultReplicaScript();
    const started = await Promise.allSettled(Array.from({ length: threadCount }, async () => {
      const buffers: ReplicaBuffers = { pixels: sharedFloats(0), targets: sharedFloats(0), weights: sharedWeights, results: sharedFloats(resultsLength) };
      const handle = await ReplicaHandle.start(script, { type: 'init', topology, loss, metrics, buffers });
      return { handle, buffers, buffersChanged: false };
    }));
    const threads = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) {
      await Promise.all(threads.map((t) => t.handle.dispose()));
      throw failure.reason;
    }
    return new DataParallelTrainer(tf, model, threads, sharedWeights, options.balance ?? true);
  }

  /** Replicas in all, the main one included. */
  get replicaCount(): number {
    return this.threads.length + 1;
  }

  /** Replica threads that have not exited yet. */
  get runningThreads(): number {
    return this.threads.filter((t) => t.handle.alive).length;
  }

  /**
   * Trains one step on the first `n` images of `x` (HWC floats, packed) with the class
   * indices `labels`, as `model.trainOnBatch` would on the whole batch; resolves with
   * [loss, accuracy] (loss including regularization penalties; accuracy NaN without metric).
   */
  async trainOnBatch(x: Float32Array, labels: Int32Array | Float32Array | Uint8Array, n: number): Promise<[number, number]> {
    if (this.disposed) throw new Error('the DataParallelTrainer was disposed');
    if (this.busy) throw new Error('trainOnBatch called while a step is running; await each step');
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`trainOnBatch: batch size ${n}`);
    if (x.length < n * this.imageSize) throw new RangeError(`trainOnBatch: ${x.length} floats for ${n} images of ${this.imageSize}`);
    this.busy = true;
    try {
      const targets = batchTargets(labels, n, this.sparseLoss, this.outputWidth);
      const shares = this.balancer?.divide(n) ?? divideBatch(n, Array(this.replicaCount).fill(1));
      if (shares.every((s, i) => i === 0 || s === 0)) return await this.trainAlone(x, targets, n);
      return await this.trainShared(x, targets, n, shares);
    } finally {
      this.busy = false;
    }
  }

  /**
   * Every replica's weights as the next step would start from them (model.weights order):
   * the main replica's are sent, loaded by each thread and read back from it.
   */
  async replicaWeights(): Promise<Float32Array[]> {
    if (this.busy || this.disposed) throw new Error('replicaWeights needs an idle, undisposed trainer');
    packWeights(this.model.weights, this.all, this.sharedWeights);
    return Promise.all(this.threads.map(async (t) => {
      const into = sharedFloats(this.all.length);
      await t.handle.request({ type: 'echoWeights', into });
      return into;
    }));
  }

  /** Ends the replica threads (the model stays the caller's). */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await Promise.all(this.threads.map((t) => t.handle.dispose()));
  }

  private async trainAlone(x: Float32Array, targets: BatchTargets, n: number): Promise<[number, number]> {
    const tf = this.tf;
    const [xs, ys] = this.tensors(x, targets, 0, n);
    try {
      const result = await this.model.trainOnBatch(xs, ys);
      const [loss, accuracy] = Array.isArray(result) ? result : [result, NaN];
      return [loss, accuracy ?? NaN];
    } finally {
      tf.dispose([xs, ys]);
    }
  }

  private async trainShared(x: Float32Array, targets: BatchTargets, n: number, shares: number[]): Promise<[number, number]> {
    const tf = this.tf;
    const t0 = performance.now();
    packWeights(this.model.weights, this.all, this.sharedWeights);
    const t1 = performance.now();
    let offset = shares[0];
    const replies = this.threads.map((thread, j) => {
      const count = shares[j + 1];
      const from = offset;
      offset += count;
      return count === 0 ? Promise.resolve(null) : this.sendShare(thread, x, targets, from, count);
    });
    // A failed replica must not leave the others' rejections unhandled.
    const allReplies = Promise.all(replies);
    allReplies.catch(() => undefined);

    const mainGradients: tfType.Tensor[] = [];
    try {
      const [xs, ys] = this.tensors(x, targets, 0, shares[0]);
      let main: [number, number];
      try {
        main = await gradientStep(tf, this.model, xs, ys, (gradients) => {
          for (const g of gradients) mainGradients.push(tf.keep(g.clone()));
        });
      } catch (error) {
        // Let the threads finish their shares, so the next request finds them idle.
        await Promise.allSettled(replies);
        throw error;
      } finally {
        tf.dispose([xs, ys]);
      }
      const t2 = performance.now();
      const done = await allReplies;
      const t3 = performance.now();
      const threadShares = this.threads.map((t, j) => ({ count: done[j] ? shares[j + 1] : 0, results: t.buffers.results }));
      applyAveragedStep(tf, this.model, { count: shares[0], gradients: mainGradients }, threadShares, this.layouts);
      const t4 = performance.now();

      this.balancer?.record(0, shares[0], t2 - t1);
      done.forEach((d, j) => d && this.balancer?.record(j + 1, shares[j + 1], d.busyMs));
      this.lastStep = {
        shares, packMs: t1 - t0, mainMs: t2 - t1, replicaMs: done.map((d) => d?.busyMs ?? 0), waitMs: t3 - t2, applyMs: t4 - t3,
      };
      return [
        weightedMean([main[0], ...done.map((d) => d?.loss ?? 0)], shares),
        weightedMean([main[1], ...done.map((d) => d?.accuracy ?? 0)], shares),
      ];
    } finally {
      tf.dispose(mainGradients);
    }
  }

  /** Copies images [from, from + count) and their targets to a thread's buffers and starts its share. */
  private sendShare(thread: ThreadReplica, x: Float32Array, targets: BatchTargets, from: number, count: number): Promise<StepDoneMessage> {
    const { imageSize } = this;
    if (thread.buffers.pixels.length < count * imageSize || thread.buffers.targets.length < count * targets.width) {
      thread.buffers = { ...thread.buffers, pixels: sharedFloats(count * imageSize), targets: sharedFloats(count * targets.width) };
      thread.buffersChanged = true;
    }
    thread.buffers.pixels.set(x.subarray(from * imageSize, (from + count) * imageSize));
    thread.buffers.targets.set(targets.values.subarray(from * targets.width, (from + count) * targets.width));
    const buffers = thread.buffersChanged ? thread.buffers : undefined;
    thread.buffersChanged = false;
    return thread.handle.step({ type: 'step', count, targetWidth: targets.width, buffers });
  }

  /** x and y tensors of images [from, from + count). */
  private tensors(x: Float32Array, targets: BatchTargets, from: number, count: number): [tfType.Tensor, tfType.Tensor] {
    const { tf, imageSize } = this;
    const xs = tf.tensor(x.slice(from * imageSize, (from + count) * imageSize), [count, ...this.imageShape], 'float32');
    const ys = tf.tensor2d(targets.values.slice(from * targets.width, (from + count) * targets.width), [count, targets.width], 'float32');
    return [xs, ys];
  }
}

/** The loss and metrics a replica thread compiles its copy with: only names travel to a thread. */
function replicableCompileArgs(tf: Tf, model: tfType.LayersModel): { loss: string | string[]; metrics: string[] } {
  // The replica threads run wasm; a main replica on another backend would compute differently.
  if (tf.getBackend() !== 'wasm') throw new Error(`DataParallelTrainer trains on the wasm backend, not '${tf.getBackend()}'`);
  const loss = model.loss;
  if (typeof loss !== 'string' && !(Array.isArray(loss) && loss.every((l) => typeof l === 'string'))) {
    throw new Error('DataParallelTrainer needs the loss given by name');
  }
  const metrics = model.metrics === undefined ? [] : [model.metrics].flat();
  if (!metrics.every((m): m is string => typeof m === 'string')) throw new Error('DataParallelTrainer needs metrics given by name');
  return { loss: loss as string | string[], metrics };
}
