// Feature maps of any test image, on request: a short-lived worker in `inspect` mode loads
// the run's checkpoint and computes them, so TensorFlow.js never loads in the caller (the
// extension host, the CLI). A cache keeps what was computed per run, checkpoint and image.
import * as path from 'node:path';
import type { BackendInfoEvent } from '../shared/trainingEvents';
import {
  inspectReply, type BackendPreference, type ImageFeatureMapsEvent, type InspectMessage,
} from '../shared/workerProtocol';
import { listCheckpoints } from './runStore';
import { readTestImageSet, type TestImageSet } from './testImageFile';
import { forkWorker, onWorkerMessage, type WorkerLaunchOptions } from './workerProcess';

type BackendName = BackendInfoEvent['name'];

/** Worker start, wasm start-up and checkpoint load take a few seconds; this much means it is stuck. */
export const DEFAULT_FEATURE_MAP_TIMEOUT_MS = 60_000;

/** Which images of which run, and how to start the worker. */
export interface FeatureMapRequest extends WorkerLaunchOptions {
  runDir: string;
  testIndices: number[];
  /** Checkpoint folder to load (default: the run's latest complete one). */
  checkpointDir?: string;
  backend?: BackendPreference;
  /** Kill the worker and fail after this long (default DEFAULT_FEATURE_MAP_TIMEOUT_MS). */
  timeoutMs?: number;
  /** The run's test set, when the caller has already read it (default: read from evaluation.json). */
  testImages?: Pick<TestImageSet, 'file' | 'shape' | 'labels'>;
}

/** What the worker computed: one entry per requested image, in the order asked. */
export interface ComputedFeatureMaps {
  checkpointDir: string;
  /** The 0-based epoch whose weights produced the maps. */
  epoch: number;
  backend: BackendName | null;
  images: ImageFeatureMapsEvent[];
}

/** Computes the conv-layer feature maps of some test images of a run in a worker process. */
export async function computeFeatureMaps(request: FeatureMapRequest): Promise<ComputedFeatureMaps> {
  if (request.testIndices.length === 0) throw new Error('No test images were asked for');
  const runDir = path.resolve(request.runDir);
  const checkpointDir = request.checkpointDir ? path.resolve(runDir, request.checkpointDir) : await latestCheckpoint(runDir);
  const testImages = request.testImages ?? await readTestImageSet(runDir);
  const count = testImages.labels.length;
  const missing = request.testIndices.find((i) => !Number.isInteger(i) || i < 0 || i >= count);
  if (missing !== undefined) throw new Error(`Test image #${missing} does not exist: the run's test set has ${count} images (#0–#${count - 1})`);
  const message: InspectMessage = {
    type: 'inspect', runDir, checkpointDir, imagesFile: path.resolve(runDir, testImages.file), imageShape: testImages.shape,
    testIndices: [...new Set(request.testIndices)], backend: request.backend ?? 'auto',
  };
  const reply = await runInspectWorker(message, request, request.timeoutMs ?? DEFAULT_FEATURE_MAP_TIMEOUT_MS);
  const byIndex = new Map(reply.images.map((image) => [image.testIndex, image]));
  const images = request.testIndices.map((index) => {
    const image = byIndex.get(index);
    if (!image) throw new Error(`The feature-map worker ended without the maps of test image #${index}`);
    return image;
  });
  return { checkpointDir, epoch: images[0].epoch, backend: reply.backend, images };
}

/** The run's newest complete checkpoint, or a clear error when it has none yet. */
export async function latestCheckpoint(runDir: string): Promise<string> {
  const checkpoints = await listCheckpoints(runDir);
  const latest = checkpoints.at(-1);
  if (!latest) throw new Error(`The run ${path.basename(runDir)} has no complete checkpoint yet: feature maps need the weights of at least one finished epoch`);
  return latest;
}

/** Forks a worker, sends it `message`, and gathers its replies until it says it is done. */
function runInspectWorker(message: InspectMessage, launch: WorkerLaunchOptions, timeoutMs: number): Promise<{ backend: BackendName | null; images: ImageFeatureMapsEvent[] }> {
  return new Promise((resolve, reject) => {
    const log: string[] = [];
    const images: ImageFeatureMapsEvent[] = [];
    let backend: BackendName | null = null;
    let settled = false;
    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve({ backend, images });
    };
    const withLog = (text: string) => {
      const tail = log.slice(-10).join('\n');
      return new Error(tail ? `${text}\nLast lines of its log:\n${tail}` : text);
    };
    const child = forkWorker(launch, (line) => log.push(line));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle(withLog(`Computing the feature maps took longer than ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}; the worker was stopped.`));
    }, timeoutMs);
    onWorkerMessage(child, inspectReply, (reply) => {
      switch (reply.type) {
        case 'backend': backend = reply.name; break;
        case 'log': log.push(`[${reply.level}] ${reply.message}`); break;
        case 'imageFeatureMaps': images.push(reply); break;
        case 'inspectDone':
          settle(reply.status === 'completed' ? null : new Error(reply.error ?? 'The feature-map worker failed without saying why'));
          break;
        default: {
          const unreachable: never = reply;
          throw new Error(`unhandled reply ${JSON.stringify(unreachable)}`);
        }
      }
    }, (reason) => log.push(`[host] ${reason}`));
    child.once('error', (e) => settle(withLog(`The feature-map worker could not start: ${e.message}`)));
    child.once('close', (code, signal) => settle(withLog(`The feature-map worker ${signal ? `was killed (${signal})` : `exited with code ${code}`} before it finished.`)));
    child.send(message);
  });
}

/** The maps of one image, as FeatureMapCache hands them out. */
export interface CachedFeatureMaps {
  checkpointDir: string;
  epoch: number;
  maps: ImageFeatureMapsEvent;
}

/** Everything of a FeatureMapRequest but the images and the checkpoint, which the cache chooses. */
export type FeatureMapCacheRequest = Omit<FeatureMapRequest, 'testIndices' | 'checkpointDir'> & { testIndex: number };

/**
 * Feature maps already computed, per (run, checkpoint, test image): reopening an image is
 * instant, and a run that wrote a newer checkpoint (a live one) is computed afresh from it.
 * Requests run one worker at a time, so a burst of clicks does not start a worker each.
 */
export class FeatureMapCache {
  private readonly entries = new Map<string, Promise<CachedFeatureMaps>>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly compute: (request: FeatureMapRequest) => Promise<ComputedFeatureMaps> = computeFeatureMaps, private readonly capacity = 200) {}

  /** The maps of one test image from the run's latest complete checkpoint. */
  async get(request: FeatureMapCacheRequest): Promise<CachedFeatureMaps> {
    const { testIndex, ...rest } = request;
    const runDir = path.resolve(request.runDir);
    const checkpointDir = await latestCheckpoint(runDir);
    const key = JSON.stringify([runDir, checkpointDir, testIndex]);
    const cached = this.entries.get(key);
    if (cached) {
      // Map order is insertion order: re-inserting makes this the most recently used.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const computed = this.queue.catch(() => undefined).then(async () => {
      const result = await this.compute({ ...rest, runDir, checkpointDir, testIndices: [testIndex] });
      return { checkpointDir, epoch: result.epoch, maps: result.images[0] };
    });
    this.queue = computed;
    this.entries.set(key, computed);
    // A failure is not kept: the next click tries again (the checkpoint may have appeared).
    computed.catch(() => this.entries.delete(key));
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
    return computed;
  }
}
