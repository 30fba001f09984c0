// The host side of the dashboard (DashboardPanel) against a fake `vscode`: the whole state
// after `ready`, live deltas only for the run shown, recorded runs read from a run folder,
// and the webview's requests routed to the host callbacks.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DashboardState } from '../../src/shared/dashboardState';
import type { TrainingEvent } from '../../src/shared/trainingEvents';
import { fakeVscode, FakeUri, installFakeVscode, type FakePanel } from './support/fakeVscode';
import { recordedEvents } from './support/recordedRun';

installFakeVscode();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DashboardPanel } = require('../../src/extension/dashboardPanel') as typeof import('../../src/extension/dashboardPanel');

describe('DashboardPanel (host side, fake vscode)', () => {
  const extensionUri = new FakeUri('/ext') as never;
  const events = recordedEvents();
  const calls: string[] = [];
  const host = {
    stopTraining: (runDir: string | null) => calls.push(`stop ${runDir}`),
    showCell: (runDir: string, t: number, p: number) => calls.push(`cell ${path.basename(runDir)} ${t} ${p}`),
    compareRuns: (runDirs: string[] | undefined) => calls.push(`compare ${runDirs?.map((d) => path.basename(d)).join(',')}`),
  };
  let root: string;
  let recordedDir: string;

  /** A finished run folder as the worker leaves it (run.json, metrics.jsonl, feature-maps.json, evaluation.json). */
  async function writeRun(name: string, all: TrainingEvent[], status: 'completed' | 'running' = 'completed'): Promise<string> {
    const dir = path.join(root, name);
    await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
    const now = new Date().toISOString();
    await writeFile(path.join(dir, 'run.json'), JSON.stringify({
      id: name, dir, name, modelFile: 'm.cnn.json', createdAt: now, updatedAt: now, status, backend: 'wasm',
      epochsPlanned: 3, epochsDone: 3, bestValAccuracy: 0.65, testAccuracy: 0.73, error: null, pid: status === 'running' ? process.pid : null, resumedFrom: null,
    }));
    const withDir = all.map((e) => (e.type === 'trainBegin' ? { ...e, runDir: dir, runId: name } : e));
    await writeFile(path.join(dir, 'metrics.jsonl'), withDir.filter((e) => ['trainBegin', 'batch', 'epoch'].includes(e.type)).map((e) => JSON.stringify(e)).join('\n') + '\n');
    await writeFile(path.join(dir, 'feature-maps.json'), JSON.stringify(withDir.filter((e) => e.type === 'featureMaps' || e.type === 'filters')));
    const evaluation = withDir.find((e) => e.type === 'evaluation');
    if (evaluation) await writeFile(path.join(dir, 'evaluation.json'), JSON.stringify(evaluation));
    return dir;
  }

  const lastState = (panel: FakePanel): DashboardState => (panel.sent.filter((m) => m.type === 'state').at(-1) as unknown as { state: DashboardState }).state;

  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'cnn-lab-panel-'));
    recordedDir = await writeRun('20261129-101500-recorded', events);
  });

  afterEach(() => {
    DashboardPanel.current?.dispose();
    calls.length = 0;
  });

  after(async () => rm(root, { recursive: true, force: true }));

  it('opens on a recorded run with a strict CSP page, and sends the whole state once the webview is ready', async () => {
    const dashboard = await DashboardPanel.createOrShow(extensionUri, recordedDir, host);
    const panel = fakeVscode.panels.at(-1)!;
    assert.equal(panel.viewType, 'cnnLab.dashboard');
    assert.match(panel.webview.html, /default-src 'none'/);
    assert.match(panel.webview.html, /<script nonce="[^"]+" src="fake-resource:\/ext\/dist\/webview\/dashboard\.js">/);
    assert.deepEqual((panel.options as { localResourceRoots: FakeUri[] }).localResourceRoots.map((u) => u.path), ['/ext/dist/webview', '/ext/media']);
    assert.equal(panel.sent.length, 0, 'nothing is posted before `ready`');
    panel.fromWebview({ type: 'ready' });
    const state = lastState(panel);
    assert.equal(state.runDir, recordedDir);
    assert.equal(state.phase, 'completed');
    assert.equal(state.batches.length, events.filter((e) => e.type === 'batch').length);
    assert.ok(state.evaluation);
    assert.equal(dashboard.runDir, recordedDir);
    assert.equal(panel.title, 'CNN Lab: 20261129-101500-recorded');
  });

  it('routes the webview\'s requests to the host and ignores invalid ones', async () => {
    await DashboardPanel.createOrShow(extensionUri, recordedDir, host);
    const panel = fakeVscode.panels.at(-1)!;
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      panel.fromWebview({ type: 'ready' });
      panel.fromWebview({ type: 'selectCell', trueClass: 3, predictedClass: 5 });
      panel.fromWebview({ type: 'selectCell', trueClass: -1, predictedClass: 5 });
      panel.fromWebview({ type: 'stopTraining' });
      panel.fromWebview({ type: 'compareRuns' });
      panel.fromWebview({ type: 'launchMissiles' });
    } finally {
      console.warn = warn;
    }
    assert.equal(warnings.length, 2);
    assert.match(warnings[0], /invalid 'selectCell' message/);
    assert.deepEqual(calls, ['cell 20261129-101500-recorded 3 5', `stop ${recordedDir}`, 'compare 20261129-101500-recorded']);
  });

  it('follows the live run: deltas after `ready`, the whole state again after a hidden panel reloads', async () => {
    const live = await writeRun('20261129-120000-live', []);
    await DashboardPanel.createOrShow(extensionUri, null, host);
    const panel = fakeVscode.panels.at(-1)!;
    panel.fromWebview({ type: 'ready' });
    const begin = { ...events.find((e) => e.type === 'trainBegin')!, runDir: live, runId: 'live' } as TrainingEvent;
    const batches = events.filter((e) => e.type === 'batch').slice(0, 5);
    DashboardPanel.postLive({ type: 'backend', name: 'wasm', threads: 1 });
    DashboardPanel.postLive(begin);
    for (const b of batches) DashboardPanel.postLive(b);
    const deltas = panel.sent.filter((m) => m.type === 'event');
    assert.equal(deltas.length, 2 + batches.length);
    assert.equal(DashboardPanel.current?.runDir, live);

    panel.hide();
    DashboardPanel.postLive(events.find((e) => e.type === 'epoch')!);
    assert.equal(panel.sent.filter((m) => m.type === 'event').length, deltas.length, 'no deltas to a torn-down webview');
    panel.reveal();
    panel.fromWebview({ type: 'ready' });
    const state = lastState(panel);
    assert.equal(state.batches.length, batches.length);
    assert.equal(state.epochs.length, 1, 'the state includes what happened while hidden');
    DashboardPanel.postLive({ type: 'done', status: 'completed', runDir: live });
  });

  it('joins a run under way: what it recorded so far, then live events, without counting any twice', async () => {
    const begin = events.find((e) => e.type === 'trainBegin')!;
    const batches = events.filter((e) => e.type === 'batch').slice(0, 16);
    const live = await writeRun('20261129-130000-under-way', [begin, ...batches.slice(0, 10)], 'running');
    DashboardPanel.postLive({ ...begin, runDir: live, runId: '20261129-130000-under-way' } as TrainingEvent);
    for (const b of batches.slice(0, 10)) DashboardPanel.postLive(b); // no panel yet: nothing to do
    const opening = DashboardPanel.createOrShow(extensionUri, null, host);
    for (const b of batches.slice(8)) DashboardPanel.postLive(b); // arrive while the recording is read
    await opening;
    const panel = fakeVscode.panels.at(-1)!;
    panel.fromWebview({ type: 'ready' });
    const state = lastState(panel);
    assert.equal(state.runDir, live);
    assert.equal(state.phase, 'training');
    assert.equal(state.batches.length, 16);
    DashboardPanel.postLive({ type: 'done', status: 'completed', runDir: live });
    assert.equal((panel.sent.at(-1) as { type: string; event?: { type: string } }).event?.type, 'done');
  });

  it('keeps a recorded run undisturbed by another run\'s live events', async () => {
    await DashboardPanel.createOrShow(extensionUri, recordedDir, host);
    const panel = fakeVscode.panels.at(-1)!;
    panel.fromWebview({ type: 'ready' });
    const sentBefore = panel.sent.length;
    DashboardPanel.postLive({ ...events.find((e) => e.type === 'trainBegin')!, runDir: '/elsewhere/run', runId: 'other' } as TrainingEvent);
    DashboardPanel.postLive(events.find((e) => e.type === 'batch')!);
    assert.equal(panel.sent.length, sentBefore);
    DashboardPanel.postLive({ type: 'done', status: 'stopped', runDir: '/elsewhere/run' });
  });

  it('queues compare and feature-map requests until the webview is ready', async () => {
    const other = await writeRun('20261128-090000-other', events);
    const dashboard = await DashboardPanel.createOrShow(extensionUri, recordedDir, host);
    const panel = fakeVscode.panels.at(-1)!;
    await dashboard.showCompare([recordedDir, other]);
    dashboard.showFeatureMaps(42);
    assert.equal(panel.sent.length, 0);
    panel.fromWebview({ type: 'ready' });
    assert.deepEqual(panel.sent.map((m) => m.type), ['state', 'compare', 'showFeatureMaps']);
    const compare = panel.sent[1] as unknown as { runs: Array<{ name: string; epochs: unknown[]; testAccuracy: number | null }> };
    assert.deepEqual(compare.runs.map((r) => r.name), ['20261129-101500-recorded', '20261128-090000-other']);
    assert.equal(compare.runs[0].epochs.length, events.filter((e) => e.type === 'epoch').length);
    assert.equal(compare.runs[0].testAccuracy, 0.73);
  });

  it('is restored by its serializer on the run the webview state names', async () => {
    const registration = DashboardPanel.registerSerializer(extensionUri, host);
    const panel = fakeVscode.window.createWebviewPanel('cnnLab.dashboard', 'CNN Lab', -1, {});
    await fakeVscode.serializers.get('cnnLab.dashboard')!.deserializeWebviewPanel(panel, {
      runDir: recordedDir, tab: 'compare', probeIndex: 1, layerName: null, smoothing: 0.6, selectedCell: null, compareRuns: [],
    });
    panel.fromWebview({ type: 'ready' });
    assert.equal(lastState(panel).runDir, recordedDir);
    assert.match(panel.webview.html, /dashboard\.js/);
    registration.dispose();
  });
});
