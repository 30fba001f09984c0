// Owns the one training run of this window: starts the worker through an injected
// `startTraining` (src/node/trainingProcess.ts in the extension, a fake in tests), refuses a
// second run, folds events into a progress snapshot and reports the end. No `vscode`
// here: the status bar, notifications and dashboard subscribe to the events below.
import type { DoneEvent, TrainingEvent } from '../shared/trainingEvents';
import type { BackendPreference } from '../shared/workerProtocol';
import type { TrainingSession } from '../node/trainingProcess';
import { describeFailure, LogTail, type FailureReport } from './failureReport';
import { Listeners, type Disposable } from './listeners';
import { advanceProgress, initialProgress, markStopping, type RunProgress } from './runProgress';
import { checkCanStart, type StartRefusal } from './trainingGuard';

/** The options the worker is started with (the fields of trainingProcess.ts's TrainOptions that the extension sets). */
export interface TrainRequest {
  modelFile: string;
  runsRoot: string;
  cacheDir: string;
  backend: BackendPreference;
  /** Cores to train on; undefined: all, at most 4. */
  threads?: number;
  epochs?: number;
  resumeRunDir?: string;
}

/** A running worker, as trainingProcess.ts starts it (tests pass a fake). */
export type TrainingSessionLike = TrainingSession;

export interface TrainingControllerDeps {
  startTraining(request: TrainRequest): TrainingSessionLike;
  isWorkspaceTrusted(): boolean;
}

/** How a run ended, with what the user needs when it failed. */
export interface RunOutcome {
  progress: RunProgress;
  done: DoneEvent;
  /** Set when the run failed or its worker died: the notification text and the block for the output channel. */
  failure: FailureReport | null;
}

export type StartResult = { started: true; progress: RunProgress } | { started: false; refusal: StartRefusal };

interface ActiveRun {
  session: TrainingSessionLike;
  progress: RunProgress;
  logTail: LogTail;
  subscriptions: Disposable[];
  /** The user forced the end (a second Stop): the interrupted run is not reported as a failure. */
  killed: boolean;
}

export class TrainingController implements Disposable {
  private active: ActiveRun | null = null;
  private readonly progressChanged = new Listeners<RunProgress | null>();
  private readonly eventReceived = new Listeners<{ progress: RunProgress; event: TrainingEvent }>();
  private readonly logReceived = new Listeners<string>();
  private readonly finished = new Listeners<RunOutcome>();

  /** A new progress snapshot, or null when no run is active any more. */
  readonly onDidChangeProgress = this.progressChanged.event;
  /** Every event of the worker, with the snapshot after it. */
  readonly onEvent = this.eventReceived.event;
  /** Every line the worker logs (its stdout/stderr and its log events). */
  readonly onLog = this.logReceived.event;
  /** The run ended: completed, stopped, failed or crashed. */
  readonly onDidFinish = this.finished.event;

  constructor(private readonly deps: TrainingControllerDeps) {}

  /** The run in progress, or null. */
  get progress(): RunProgress | null {
    return this.active?.progress ?? null;
  }

  /** Starts a run unless the workspace is untrusted or a run is already going. */
  start(request: TrainRequest): StartResult {
    const refusal = checkCanStart({ workspaceTrusted: this.deps.isWorkspaceTrusted(), running: this.active?.progress ?? null });
    if (refusal) return { started: false, refusal };

    const session = this.deps.startTraining(request);
    const run: ActiveRun = { session, progress: initialProgress(request.modelFile), logTail: new LogTail(), subscriptions: [], killed: false };
    this.active = run;
    run.subscriptions.push(
      session.onEvent((event) => this.handleEvent(run, event)),
      session.onLog((line) => {
        run.logTail.push(line);
        this.logReceived.fire(line);
      }),
    );
    session.done.then(
      (done) => this.finish(run, done),
      // A rejected `done` means the session itself broke; report it like a crash.
      (error: unknown) => this.finish(run, { type: 'done', status: 'failed', error: error instanceof Error ? error.message : String(error), runDir: run.progress.runDir }),
    );
    this.progressChanged.fire(run.progress);
    return { started: true, progress: run.progress };
  }

  /** Asks the run to stop after its current batch; a second call kills the worker. False when nothing runs. */
  stop(): boolean {
    const run = this.active;
    if (!run) return false;
    if (run.progress.phase === 'stopping') {
      run.killed = true;
      run.session.kill();
      return true;
    }
    run.session.stop();
    this.setProgress(run, markStopping(run.progress));
    return true;
  }

  /** Kills a run still going (the window is closing) and drops every listener. */
  dispose(): void {
    this.active?.session.kill();
    for (const listeners of [this.progressChanged, this.eventReceived, this.logReceived, this.finished]) listeners.dispose();
  }

  private handleEvent(run: ActiveRun, event: TrainingEvent): void {
    // Log events need no handling here: the session passes them to onLog as lines too.
    this.setProgress(run, advanceProgress(run.progress, event));
    this.eventReceived.fire({ progress: run.progress, event });
  }

  private setProgress(run: ActiveRun, progress: RunProgress): void {
    if (progress === run.progress) return;
    run.progress = progress;
    if (this.active === run) this.progressChanged.fire(progress);
  }

  private finish(run: ActiveRun, done: DoneEvent): void {
    if (this.active !== run) return;
    run.progress = advanceProgress(run.progress, done);
    for (const s of run.subscriptions) s.dispose();
    this.active = null;
    // Anything but a clean end is a failure to report: 'failed', or a worker that died
    // mid-run (trainingProcess reports that as 'interrupted') unless the user killed it.
    const failed = done.status !== 'completed' && done.status !== 'stopped' && !run.killed;
    const failure = failed ? describeFailure(run.progress.modelName, done.error, run.logTail.last()) : null;
    this.progressChanged.fire(null);
    this.finished.fire({ progress: run.progress, done, failure });
  }
}
