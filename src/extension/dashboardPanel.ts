// The training dashboard panel. The host owns the truth: it folds every event into a
// DashboardState with the shared reducer, posts the whole state when the webview says
// `ready` (first load, reload, or shown again after being hidden) and deltas after that.
// One panel at a time; it shows either a recorded run or follows the live one.
import * as vscode from 'vscode';
import { readRun, readRunEvents } from '../node/runStore';
import { FINISHED_PHASES, initialDashboardState, reduceDashboard, replayEvents, runNameOf, type DashboardState } from '../shared/dashboardState';
import type { TrainingEvent } from '../shared/trainingEvents';
import {
  dashboardWebviewState, parseFromDashboardMessage,
  type CompareRun, type FromDashboardMessage, type ImageFeatureMapsMessage, type InspectedImage, type ToDashboardMessage,
} from '../shared/webviewProtocol';
import { pageFor, webviewResourceRoots } from './webviewHtml';

/** What the dashboard asks of the rest of the extension. */
export interface DashboardHost {
  /** The Stop button: stop the run being trained (runDir is the run shown, null before trainBegin). */
  stopTraining(runDir: string | null): void;
  /** A confusion-matrix cell was chosen: show its images (MisclassifiedView.showCell). */
  showCell(runDir: string, trueClass: number, predictedClass: number): void;
  /** "Compare runs…": choose runs (runDirs when the webview named them) and call DashboardPanel.showCompare. */
  compareRuns(runDirs: string[] | undefined): void;
}

/** What the dashboard shows of a test image that is not a probe (the extension reads the run and asks a worker; tests fake it). */
export interface TestImageInspector {
  /** The image's pixels, true and predicted class. */
  image(runDir: string, testIndex: number): Promise<InspectedImage>;
  /** Its feature maps, from the run's latest checkpoint (a few seconds the first time). */
  featureMaps(runDir: string, testIndex: number): Promise<NonNullable<ImageFeatureMapsMessage['maps']>>;
}

/** The dashboard webview panel ('cnnLab.dashboard'). */
export class DashboardPanel {
  static readonly viewType = 'cnnLab.dashboard';
  /** The open panel, if any. */
  static current: DashboardPanel | undefined;
  /** The run folder being trained now (from the last trainBegin fed to postLive), else null. */
  private static liveRunDir: string | null = null;

  private state: DashboardState;
  /** The run shown (set before its events are read, so live events can be matched meanwhile). */
  private shownRunDir: string | null = null;
  /** True when the panel was opened for "the run being trained" rather than a recorded run. */
  private following: boolean;
  /** Live events that arrive while a run's recorded events are being read, folded in after. */
  private loadBuffer: TrainingEvent[] | null = null;
  private ready = false;
  private disposed = false;
  private pending: ToDashboardMessage[] = [];
  /** The non-probe image shown in the feature-maps card, re-sent when the webview reloads. */
  private inspected: ImageFeatureMapsMessage | null = null;
  private readonly disposables: vscode.Disposable[] = [];

  /** Opens or reveals the dashboard on runDir's recorded events; null follows the live run. */
  static async createOrShow(extensionUri: vscode.Uri, runDir: string | null, host: DashboardHost): Promise<DashboardPanel> {
    const existing = DashboardPanel.current;
    if (existing) {
      existing.panel.reveal(undefined, true);
      if (runDir === null ? !existing.following : existing.runDir !== runDir) await existing.showRun(runDir);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(DashboardPanel.viewType, 'CNN Lab', { viewColumn: vscode.ViewColumn.Active, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: webviewResourceRoots(extensionUri),
    });
    const dashboard = new DashboardPanel(panel, extensionUri, host);
    await dashboard.showRun(runDir);
    return dashboard;
  }

  /** Registers the serializer that brings the panel back after a window reload, on the run it showed. */
  static registerSerializer(extensionUri: vscode.Uri, host: DashboardHost): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(DashboardPanel.viewType, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, saved: unknown): Promise<void> {
        const parsed = dashboardWebviewState.safeParse(saved);
        panel.webview.options = { enableScripts: true, localResourceRoots: webviewResourceRoots(extensionUri) };
        DashboardPanel.current?.dispose();
        const dashboard = new DashboardPanel(panel, extensionUri, host);
        await dashboard.showRun(parsed.success ? parsed.data.runDir : null).catch(() => dashboard.showRun(null));
      },
    });
  }

  /** Feeds one event of the live training session; call it for every event, panel or not. */
  static postLive(event: TrainingEvent): void {
    if (event.type === 'trainBegin') DashboardPanel.liveRunDir = event.runDir;
    DashboardPanel.current?.receiveLive(event);
    if (event.type === 'done') DashboardPanel.liveRunDir = null;
  }

  /**
   * Opens the dashboard on runDir and shows the feature maps of one of its test images: a
   * probe's recorded maps, or any other image's computed through `inspector`.
   */
  static async openImage(extensionUri: vscode.Uri, runDir: string, testIndex: number, host: DashboardHost, inspector?: TestImageInspector): Promise<void> {
    const dashboard = await DashboardPanel.createOrShow(extensionUri, runDir, host);
    const isProbe = dashboard.state.begin?.probes.some((p) => p.testIndex === testIndex) ?? false;
    if (isProbe || !inspector) {
      dashboard.inspected = null;
      dashboard.send({ type: 'showFeatureMaps', testIndex });
      return;
    }
    await dashboard.inspect(runDir, testIndex, inspector);
  }

  private constructor(private readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri, private readonly host: DashboardHost) {
    DashboardPanel.current = this;
    this.state = initialDashboardState();
    this.following = true;
    panel.iconPath = {
      light: vscode.Uri.joinPath(extensionUri, 'media', 'dashboard-light.svg'),
      dark: vscode.Uri.joinPath(extensionUri, 'media', 'dashboard-dark.svg'),
    };
    panel.webview.html = pageFor(panel.webview, extensionUri, 'dashboard', 'CNN Lab dashboard');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      // A hidden webview is torn down; when shown again it reloads and says `ready` once more.
      panel.onDidChangeViewState(() => { if (!panel.visible) this.ready = false; }),
      panel.webview.onDidReceiveMessage((data: unknown) => this.receive(data)),
    );
  }

  /** The run folder shown, or null while following a live run that has not begun. */
  get runDir(): string | null {
    return this.shownRunDir ?? this.state.runDir;
  }

  /** Switches the panel to a recorded run (null: follow the live run, from what it has recorded so far). */
  async showRun(runDir: string | null): Promise<void> {
    this.following = runDir === null;
    const source = runDir ?? DashboardPanel.liveRunDir;
    this.shownRunDir = source;
    this.loadBuffer = [];
    try {
      let state = replayEvents(source === null ? [] : await readRunEvents(source), source);
      // The reducer ignores what the recording already held, so the overlap is harmless.
      for (const event of this.loadBuffer) state = reduceDashboard(state, event);
      this.state = state;
    } finally {
      this.loadBuffer = null;
    }
    this.panel.title = source === null ? 'CNN Lab: training' : `CNN Lab: ${runNameOf(source)}`;
    this.sendState();
  }

  /** Shows the Compare view on these runs (read from their folders). */
  async showCompare(runDirs: string[]): Promise<void> {
    const runs = await Promise.all(runDirs.map((dir) => compareRunOf(dir)));
    this.panel.reveal(undefined, true);
    this.send({ type: 'compare', runs });
  }

  /** Shows the feature maps of a test image of the run shown. */
  showFeatureMaps(testIndex: number): void {
    this.inspected = null;
    this.panel.reveal(undefined, true);
    this.send({ type: 'showFeatureMaps', testIndex });
  }

  /** Closes the panel. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (DashboardPanel.current === this) DashboardPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  /** Closes the panel if it shows runDir (the run is being deleted). */
  static close(runDir: string): void {
    if (DashboardPanel.current?.runDir === runDir) DashboardPanel.current.dispose();
  }

  /** Shows the image at once with a "computing" notice, then its maps or why there are none. */
  private async inspect(runDir: string, testIndex: number, inspector: TestImageInspector): Promise<void> {
    const image = await inspector.image(runDir, testIndex);
    const computing: ImageFeatureMapsMessage = { type: 'imageFeatureMaps', runDir, image, status: 'computing' };
    this.showInspected(computing);
    let outcome: ImageFeatureMapsMessage;
    try {
      outcome = { ...computing, status: 'ready', maps: await inspector.featureMaps(runDir, testIndex) };
    } catch (error) {
      outcome = { ...computing, status: 'failed', error: error instanceof Error ? error.message : String(error) };
    }
    // Meanwhile the user may have opened another image or run: only the latest request is shown.
    if (this.inspected === computing && this.runDir === runDir && !this.disposed) this.showInspected(outcome);
  }

  private showInspected(message: ImageFeatureMapsMessage): void {
    this.inspected = message;
    this.panel.reveal(undefined, true);
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private receiveLive(event: TrainingEvent): void {
    const mine = this.following || (this.shownRunDir !== null && this.shownRunDir === DashboardPanel.liveRunDir);
    if (!mine) return;
    if (this.loadBuffer) {
      this.loadBuffer.push(event);
      return;
    }
    if (this.following && FINISHED_PHASES.includes(this.state.phase) && (event.type === 'backend' || event.type === 'datasetProgress' || event.type === 'trainBegin')) {
      // A new session after a finished one: start from a clean slate rather than mixing runs.
      this.state = reduceDashboard(initialDashboardState(), event);
      this.shownRunDir = this.state.runDir;
      this.panel.title = 'CNN Lab: training';
      this.sendState();
      return;
    }
    this.state = reduceDashboard(this.state, event);
    if (event.type === 'trainBegin') {
      this.shownRunDir = event.runDir;
      this.panel.title = `CNN Lab: ${runNameOf(event.runDir)}`;
    }
    this.send({ type: 'event', event });
  }

  private receive(data: unknown): void {
    const parsed = parseFromDashboardMessage(data);
    if (!parsed.ok) {
      console.warn(`[cnn-lab] ${parsed.error}`);
      return;
    }
    const message: FromDashboardMessage = parsed.message;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.sendState();
        for (const queued of this.pending.splice(0)) void this.panel.webview.postMessage(queued);
        if (this.inspected?.runDir === this.runDir) void this.panel.webview.postMessage(this.inspected);
        break;
      case 'selectCell':
        if (this.runDir) this.host.showCell(this.runDir, message.trueClass, message.predictedClass);
        break;
      case 'selectProbe':
        break; // the webview keeps the choice in its own state; nothing to do here yet
      case 'stopTraining':
        this.host.stopTraining(this.runDir);
        break;
      case 'compareRuns':
        this.host.compareRuns(message.runDirs ?? (this.runDir ? [this.runDir] : undefined));
        break;
      default: {
        const unreachable: never = message;
        throw new Error(`unhandled message ${JSON.stringify(unreachable)}`);
      }
    }
  }

  private sendState(): void {
    // A queued delta would be folded twice on top of the whole state.
    this.pending = this.pending.filter((m) => m.type !== 'event' && m.type !== 'state');
    if (this.ready) void this.panel.webview.postMessage({ type: 'state', state: this.state } satisfies ToDashboardMessage);
  }

  private send(message: ToDashboardMessage): void {
    if (this.ready) void this.panel.webview.postMessage(message);
    else if (message.type !== 'event') this.pending.push(message); // events are in the state sent on `ready`
  }
}

/** A run's per-epoch metrics and final figures, read from its folder. */
export async function compareRunOf(runDir: string): Promise<CompareRun> {
  const [record, events] = await Promise.all([readRun(runDir), readRunEvents(runDir)]);
  const state = replayEvents(events, runDir);
  return {
    runDir,
    name: record.name || runNameOf(runDir),
    modelName: state.begin?.modelName ?? record.name,
    status: record.status,
    backend: record.backend ?? state.backend?.name ?? null,
    epochsPlanned: record.epochsPlanned,
    totalParams: state.begin?.totalParams ?? null,
    elapsedSeconds: state.epochs.at(-1)?.elapsedSeconds ?? null,
    testAccuracy: record.testAccuracy ?? state.evaluation?.accuracy ?? null,
    epochs: state.epochs.map(({ epoch, loss, accuracy, val_loss, val_accuracy }) => ({ epoch, loss, accuracy, val_loss, val_accuracy })),
  };
}
