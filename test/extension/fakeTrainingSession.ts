// A TrainingSession that the test drives by hand: emit events and log lines, end the run,
// and see whether stop() or kill() was called.
import type { Disposable } from '../../src/extension/listeners';
import type { TrainingSessionLike } from '../../src/extension/trainingController';
import type { DoneEvent, TrainingEvent } from '../../src/shared/trainingEvents';

export class FakeTrainingSession implements TrainingSessionLike {
  readonly pid = 4242;
  readonly done: Promise<DoneEvent>;
  stopCalls = 0;
  killCalls = 0;
  private resolveDone!: (done: DoneEvent) => void;
  private readonly eventListeners = new Set<(e: TrainingEvent) => void>();
  private readonly logListeners = new Set<(line: string) => void>();

  constructor() {
    this.done = new Promise((resolve) => { this.resolveDone = resolve; });
  }

  stop(): void { this.stopCalls++; }
  kill(): void { this.killCalls++; }

  onEvent(listener: (e: TrainingEvent) => void): Disposable {
    this.eventListeners.add(listener);
    return { dispose: () => this.eventListeners.delete(listener) };
  }

  onLog(listener: (line: string) => void): Disposable {
    this.logListeners.add(listener);
    return { dispose: () => this.logListeners.delete(listener) };
  }

  /** Sends an event as the worker would. */
  emit(event: TrainingEvent): void {
    this.eventListeners.forEach((l) => l(event));
  }

  /** Sends a line of the worker's output. */
  log(line: string): void {
    this.logListeners.forEach((l) => l(line));
  }

  /** Ends the session; resolves after the controller has seen it. */
  async end(done: DoneEvent): Promise<void> {
    this.emit(done);
    this.resolveDone(done);
    await this.done;
    await new Promise((r) => setImmediate(r));
  }
}
