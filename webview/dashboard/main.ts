// The dashboard webview: receives the whole state after `ready`, folds live events into it
// with the shared reducer, and redraws at most once per animation frame.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '../common/zodConfig';
import { initialDashboardState, reduceDashboard, type DashboardState } from '../../src/shared/dashboardState';
import {
  dashboardWebviewState, parseToDashboardMessage,
  type DashboardWebviewState, type FromDashboardMessage, type ImageFeatureMapsMessage, type ToDashboardMessage,
} from '../../src/shared/webviewProtocol';
import { byId } from '../common/dom';
import { metric, percent } from '../common/format';
import { chartPalette, onThemeChange } from '../common/theme';
import { vscodeApi } from '../common/vscodeApi';
import { BatchPoints } from './batchPoints';
import { applyChartTheme } from './chartTheme';
import { ComparePanel } from './comparePanel';
import { EvaluationPanel } from './evaluationPanel';
import { FeatureMapsPanel, inspectionNotice } from './featureMapsPanel';
import { Header } from './header';
import { renderSkeleton } from './layout';
import { MetricChart } from './metricChart';

const DEFAULT_UI: DashboardWebviewState = {
  runDir: null, tab: 'training', probeIndex: 0, layerName: null, smoothing: 0.9, selectedCell: null, compareRuns: [],
};
/** Live charts redraw at most this often; text and the rest follow every frame. */
const CHART_INTERVAL_MS = 250;

const vscode = vscodeApi<FromDashboardMessage, DashboardWebviewState>();
const restored = dashboardWebviewState.safeParse(vscode.getState());
let ui: DashboardWebviewState = restored.success ? restored.data : DEFAULT_UI;
let state: DashboardState = initialDashboardState(ui.runDir);
/** A non-probe test image whose maps the host computed (or is computing); the host re-sends it after a reload. */
let inspected: ImageFeatureMapsMessage | null = null;

renderSkeleton(document.body);
const header = new Header({ stop: () => post({ type: 'stopTraining' }), compare: () => post({ type: 'compareRuns' }) });
const lossChart = new MetricChart(byId('loss-chart'), 'loss');
const accuracyChart = new MetricChart(byId('accuracy-chart'), 'accuracy');
const points = new BatchPoints(ui.smoothing);
const featureMaps = new FeatureMapsPanel({
  selectProbe: (probeIndex) => {
    inspected = null;
    setUi({ probeIndex });
    featureMaps.showNotice(null);
    post({ type: 'selectProbe', probeIndex });
  },
  selectLayer: (layerName) => setUi({ layerName }),
});
const evaluation = new EvaluationPanel((cell) => {
  setUi({ selectedCell: cell });
  post({ type: 'selectCell', ...cell });
});
const compare = new ComparePanel(() => post({ type: 'compareRuns' }));
const tabs = byId<HTMLElement & { selectedIndex: number }>('tabs');
const smoothingSelect = byId<HTMLElement & { value: string }>('smoothing-select');

tabs.addEventListener('vsc-tabs-select', (event) => setUi({ tab: event.detail.selectedIndex === 1 ? 'compare' : 'training' }));
smoothingSelect.addEventListener('change', () => {
  setUi({ smoothing: Number(smoothingSelect.value) });
  markChartsDirty(true);
});

function applyTheme(): void {
  const colors = applyChartTheme();
  const palette = chartPalette();
  lossChart.applyTheme(colors, palette);
  accuracyChart.applyTheme(colors, palette);
  compare.applyTheme(colors, palette);
  markChartsDirty(true);
}

function markChartsDirty(immediately = false): void {
  chartsDirty = true;
  if (immediately) chartsDrawnAt = Number.NEGATIVE_INFINITY;
  scheduleRender();
}
onThemeChange(applyTheme);

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = parseToDashboardMessage(event.data);
  if (!parsed.ok) {
    console.warn(`[cnn-lab dashboard] ${parsed.error}`);
    return;
  }
  handle(parsed.message);
});

function handle(message: ToDashboardMessage): void {
  switch (message.type) {
    case 'state':
      state = message.state;
      followRun(state.runDir);
      markChartsDirty(true);
      break;
    case 'event':
      state = reduceDashboard(state, message.event);
      followRun(state.runDir);
      markChartsDirty();
      break;
    case 'compare':
      setUi({ compareRuns: message.runs, tab: 'compare' });
      break;
    case 'showFeatureMaps':
      showFeatureMapsOf(message.testIndex);
      break;
    case 'imageFeatureMaps':
      showInspected(message);
      break;
    default: {
      const unreachable: never = message;
      throw new Error(`unhandled message ${JSON.stringify(unreachable)}`);
    }
  }
  scheduleRender();
}

/** A different run resets the choices that belonged to the previous one. */
function followRun(runDir: string | null): void {
  if (runDir === ui.runDir) return;
  if (inspected) featureMaps.showNotice(null);
  inspected = null;
  setUi({ runDir, probeIndex: 0, selectedCell: null });
}

function showFeatureMapsOf(testIndex: number): void {
  inspected = null;
  const probeIndex = state.begin?.probes.findIndex((p) => p.testIndex === testIndex) ?? -1;
  setUi({ tab: 'training', ...(probeIndex >= 0 ? { probeIndex } : {}) });
  featureMaps.showNotice(probeIndex >= 0 ? null
    : `Test image #${testIndex} is not one of this run's probe images; feature maps are recorded for probe images only.`);
  byId('feature-maps').scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

// The host sends these only for the run shown (its folder path, which a moved run's recorded
// runDir may not match), so they are not checked against state.runDir here.
function showInspected(message: ImageFeatureMapsMessage): void {
  const newImage = inspected?.image.testIndex !== message.image.testIndex;
  inspected = message;
  setUi({ tab: 'training' });
  featureMaps.showNotice(inspectionNotice(message));
  if (newImage) byId('feature-maps').scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

function setUi(change: Partial<DashboardWebviewState>): void {
  ui = { ...ui, ...change };
  vscode.setState(ui);
  scheduleRender();
}

function post(message: FromDashboardMessage): void {
  vscode.postMessage(message);
}

let frame = 0;
let chartsDirty = true;
let chartsDrawnAt = Number.NEGATIVE_INFINITY;
let chartTimer: ReturnType<typeof setTimeout> | undefined;

function scheduleRender(): void {
  if (frame === 0) frame = requestAnimationFrame(render);
}

function render(now: number): void {
  frame = 0;
  header.update(state);
  tabs.selectedIndex = ui.tab === 'compare' ? 1 : 0;
  if (smoothingSelect.value !== String(ui.smoothing)) smoothingSelect.value = String(ui.smoothing);
  if (chartsDirty) drawChartsWhenDue(now);
  featureMaps.update(state, { probeIndex: ui.probeIndex, layerName: ui.layerName, inspected });
  evaluation.update(state.evaluation, ui.selectedCell);
  compare.update(ui.compareRuns);
}

/** Streaming events arrive faster than charts of 50,000 points should be redrawn. */
function drawChartsWhenDue(now: number): void {
  const wait = CHART_INTERVAL_MS - (now - chartsDrawnAt);
  if (wait > 0) {
    chartTimer ??= setTimeout(() => { chartTimer = undefined; scheduleRender(); }, wait);
    return;
  }
  chartsDirty = false;
  chartsDrawnAt = now;
  points.sync(state.batches, ui.smoothing);
  lossChart.update(state, points);
  accuracyChart.update(state, points);
  updateLatest();
}

function updateLatest(): void {
  const last = state.epochs.at(-1);
  const smoothLoss = points.loss.smooth.at(-1)?.y;
  const smoothAccuracy = points.accuracy.smooth.at(-1)?.y;
  byId('loss-latest').textContent = smoothLoss === undefined ? '' : `train ${metric(smoothLoss)}${last?.val_loss != null ? `  ·  val ${metric(last.val_loss)}` : ''}`;
  byId('accuracy-latest').textContent = smoothAccuracy === undefined ? '' : `train ${percent(smoothAccuracy)}${last?.val_accuracy != null ? `  ·  val ${percent(last.val_accuracy)}` : ''}`;
}

applyTheme();
post({ type: 'ready' });
