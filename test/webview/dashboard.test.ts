// The dashboard webview in headless Chromium, fed a recorded run the way the extension
// feeds it: `state` after `ready`, then `event` deltas. Screenshots of both themes go to
// test-artifacts/ for a human look.
import { strict as assert } from 'node:assert';
import { mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { CHUNK_SIZE, initialDashboardState, replayEvents } from '../../src/shared/dashboardState';
import type { TrainingEvent } from '../../src/shared/trainingEvents';
import type { CompareRun, ToDashboardMessage } from '../../src/shared/webviewProtocol';
import { ARTIFACTS, pageProblems, send, startHarness, waitForPosted, type Harness, type Theme } from './support/harness';
import { recordedEvaluation, recordedEvents } from './support/recordedRun';

type Cell = { type: 'selectCell'; trueClass: number; predictedClass: number };

describe('dashboard webview (headless Chromium)', function () {
  this.timeout(60_000);
  let harness: Harness;
  const events = recordedEvents();
  const evaluation = recordedEvaluation(events);
  const batchCount = events.filter((e) => e.type === 'batch').length;
  const epochCount = events.filter((e) => e.type === 'epoch').length;

  before(async () => {
    harness = await startHarness();
    await mkdir(ARTIFACTS, { recursive: true });
  });

  after(async () => harness?.close());

  /** Opens the dashboard and replays the run: half as the whole state, the rest as live deltas. */
  async function openReplayed(theme: Theme = 'dark'): Promise<Page> {
    const page = await harness.open('dashboard', { theme });
    const split = events.findIndex((e) => e.type === 'batch') + Math.floor(batchCount / 2);
    const messages: ToDashboardMessage[] = [
      { type: 'state', state: replayEvents(events.slice(0, split)) },
      ...events.slice(split).map((event): ToDashboardMessage => ({ type: 'event', event })),
    ];
    await send(page, messages);
    await page.waitForSelector('#confusion-matrix button[data-true]');
    await page.waitForFunction((n) => document.getElementById('loss-chart')?.dataset.batchPoints === String(n), batchCount);
    return page;
  }

  it('draws the loss and accuracy charts with every batch and epoch point', async () => {
    const page = await openReplayed();
    for (const id of ['loss-chart', 'accuracy-chart']) {
      const host = await page.$eval(`#${id}`, (el) => ({ ...(el as HTMLElement).dataset }));
      assert.equal(host.batchPoints, String(batchCount), `${id} holds every batch point`);
      assert.equal(host.epochPoints, String(epochCount), `${id} holds every epoch point`);
      assert.equal(host.validationPoints, String(epochCount), `${id} holds every validation point`);
      assert.ok(await paintedPixels(page, `#${id} canvas`) > 2000, `${id} has drawn lines`);
    }
    assert.equal(await page.textContent('#run-phase'), 'Completed');
    assert.match(await page.textContent('#stat-epoch') ?? '', new RegExp(`^${epochCount} / \\d+$`));
    // The recording's batches predate per-batch rates: the header shows the last epoch's.
    const lastEpoch = events.filter((e) => e.type === 'epoch').at(-1);
    assert.equal(await page.textContent('#stat-lr'), String(Number((lastEpoch?.type === 'epoch' ? lastEpoch.learningRate : NaN).toPrecision(3))));
    assert.deepEqual(pageProblems(page), []);
    assert.deepEqual(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), []);
    await page.close();
  });

  it('shows the confusion matrix counts and the per-class table of the evaluation', async () => {
    const page = await openReplayed();
    const cells = await page.$$eval('#confusion-matrix button[data-true]', (buttons) => buttons.map((b) => ({
      t: Number((b as HTMLElement).dataset.true), p: Number((b as HTMLElement).dataset.pred), text: b.textContent,
    })));
    const n = evaluation.classNames.length;
    assert.equal(cells.length, n * n);
    for (const { t, p, text } of cells) assert.equal(text, String(evaluation.confusion[t][p]), `cell ${t},${p}`);
    const rows = await page.$$eval('#per-class tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    assert.equal(rows.length, n);
    rows.forEach((row, i) => {
      assert.equal(row[0], evaluation.classNames[i]);
      assert.equal(row[1], `${(evaluation.perClass[i].precision * 100).toFixed(0)}%`);
      assert.equal(row[2], `${(evaluation.perClass[i].recall * 100).toFixed(0)}%`);
      assert.equal(row[3], evaluation.perClass[i].f1.toFixed(2));
      assert.equal(row[4], String(evaluation.perClass[i].support));
    });
    await page.close();
  });

  it('posts selectCell when a cell is clicked, or focused and activated with Enter or Space', async () => {
    const page = await openReplayed();
    await page.click('#confusion-matrix button[data-true="3"][data-pred="5"]');
    let cells = await waitForPosted<Cell>(page, 'selectCell', 1);
    assert.deepEqual(cells.at(-1), { type: 'selectCell', trueClass: 3, predictedClass: 5 });
    // The selection is drawn on the next animation frame.
    await page.waitForSelector('#confusion-matrix button[data-true="3"][data-pred="5"][aria-pressed="true"]');
    assert.equal(await page.$$eval('#confusion-matrix button[aria-pressed="true"]', (b) => b.length), 1);

    // Keyboard: the focused cell moves with the arrow keys; Enter and Space choose it.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    cells = await waitForPosted<Cell>(page, 'selectCell', 2);
    assert.deepEqual(cells.at(-1), { type: 'selectCell', trueClass: 4, predictedClass: 6 });
    await page.focus('#confusion-matrix button[data-true="1"][data-pred="9"]');
    await page.keyboard.press('Space');
    cells = await waitForPosted<Cell>(page, 'selectCell', 3);
    assert.deepEqual(cells.at(-1), { type: 'selectCell', trueClass: 1, predictedClass: 9 });

    // The shortcut list of most confused pairs selects the same way.
    const first = await page.$eval('#top-confusions button', (b) => [Number((b as HTMLElement).dataset.true), Number((b as HTMLElement).dataset.pred)]);
    await page.click('#top-confusions button');
    cells = await waitForPosted<Cell>(page, 'selectCell', 4);
    assert.deepEqual(cells.at(-1), { type: 'selectCell', trueClass: first[0], predictedClass: first[1] });
    const saved = await page.evaluate(() => (window as unknown as { saved: { selectedCell: unknown } }).saved);
    assert.deepEqual(saved.selectedCell, { trueClass: first[0], predictedClass: first[1] });
    await page.close();
  });

  it('draws the feature maps of the chosen probe and layer, and the first-layer filters', async () => {
    const page = await openReplayed();
    const maps = events.filter((e): e is Extract<TrainingEvent, { type: 'featureMaps' }> => e.type === 'featureMaps');
    const filters = events.find((e): e is Extract<TrainingEvent, { type: 'filters' }> => e.type === 'filters');
    const first = maps.find((m) => m.probeIndex === 0)!;
    assert.equal(await page.getAttribute('#channel-grid', 'data-channels'), String(first.layers[0].shape[2]));
    assert.equal(await page.$$eval('#channel-grid canvas', (c) => c.length), first.layers[0].shape[2]);
    assert.equal(await page.$$eval('#filter-grid canvas', (c) => c.length), filters?.shape[3] ?? 0);
    assert.equal(await page.$eval('#channel-grid canvas', (c) => getComputedStyle(c).imageRendering), 'pixelated');

    // Another layer through the select, another probe through its thumbnail.
    const last = first.layers.at(-1)!;
    await page.evaluate((name) => {
      const select = document.getElementById('layer-select') as HTMLElement & { value: string };
      select.value = name;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }, last.name);
    await page.waitForFunction((n) => document.getElementById('channel-grid')?.dataset.channels === String(n), last.shape[2]);
    if (maps.length > 1) {
      await page.click('#probe-strip button[data-probe="1"]');
      const probe = await waitForPosted<{ type: string; probeIndex: number }>(page, 'selectProbe');
      assert.equal(probe[0].probeIndex, 1);
      await page.waitForSelector('#probe-strip button[data-probe="1"][aria-pressed="true"]');
      assert.ok(await paintedPixels(page, '#channel-grid canvas') > 0);
    }
    await page.close();
  });

  it('shows a live run with a Stop button that posts stopTraining', async () => {
    const page = await harness.open('dashboard');
    // As a run with a learning-rate schedule sends them: each batch with the rate it trained with.
    const live = events.filter((e) => e.type !== 'evaluation' && e.type !== 'done' && e.type !== 'featureMaps' && e.type !== 'filters')
      .map((e) => (e.type === 'batch' ? { ...e, learningRate: 0.001 / (1 + e.step / 1000) } : e));
    // Up to the first batch after an epoch ended: the header shows that batch's rate, not the epoch's.
    const cut = live.findIndex((e, i) => e.type === 'batch' && live.slice(0, i).some((p) => p.type === 'epoch'));
    const sent = live.slice(0, cut + 1);
    await send(page, [{ type: 'state', state: initialDashboardState() }, ...sent.map((event) => ({ type: 'event', event }))]);
    await page.waitForFunction(() => document.getElementById('run-phase')?.textContent === 'Training');
    const lastBatch = sent.at(-1);
    const expectedRate = String(Number((lastBatch?.type === 'batch' ? lastBatch.learningRate! : NaN).toPrecision(3)));
    await page.waitForFunction((v) => document.getElementById('stat-lr')?.textContent === v, expectedRate, { timeout: 5000 })
      .catch(async () => assert.fail(`learning rate shown: ${await page.textContent('#stat-lr')}, expected ${expectedRate}`));
    assert.equal(await page.isVisible('#stop-button'), true);
    assert.notEqual(await page.textContent('#stat-eta'), '–');
    assert.match(await page.textContent('#feature-maps') ?? '', /appear at the end of the first epoch/);
    await page.waitForTimeout(300); // the charts redraw at most every 250 ms
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-live-dark.png') });
    await page.click('#stop-button');
    await waitForPosted(page, 'stopTraining');
    assert.equal(await page.textContent('#stop-button'), 'Stopping…');
    await send(page, [{ type: 'event', event: { type: 'done', status: 'stopped', runDir: null } }]);
    await page.waitForFunction(() => document.getElementById('run-phase')?.textContent === 'Stopped');
    assert.equal(await page.isVisible('#stop-button'), false);
    await page.close();
  });

  it('overlays compared runs and tabulates their final metrics', async () => {
    const page = await openReplayed();
    await page.click('#compare-button');
    await waitForPosted(page, 'compareRuns');
    const runs = compareRuns(events);
    await send(page, [{ type: 'compare', runs }]);
    await page.waitForFunction((n) => document.getElementById('compare-accuracy')?.dataset.series === String(n), runs.length);
    assert.equal(await page.$$eval('#compare-table tbody tr', (r) => r.length), runs.length);
    assert.ok(await paintedPixels(page, '#compare-accuracy canvas') > 1000);
    assert.equal(await page.evaluate(() => (window as unknown as { saved: { tab: string } }).saved.tab), 'compare');
    await page.close();
  });

  it('keeps 25,000 batch points drawable and responsive', async () => {
    const page = await harness.open('dashboard');
    const begin = events.find((e) => e.type === 'trainBegin')!;
    let state = replayEvents([{ ...begin, stepsPerEpoch: 2500, epochs: 10 } as TrainingEvent]);
    const x: number[] = [];
    const loss: number[] = [];
    const accuracy: number[] = [];
    for (let i = 0; i < 24_999; i++) {
      x.push((i + 1) / 2500);
      loss.push(2.3 * Math.exp(-i / 8000) + 0.4 + Math.sin(i * 12.9898) * 0.15);
      accuracy.push(Math.min(0.95, 0.1 + i / 30000 + Math.sin(i * 78.233) * 0.05));
    }
    const chunks = [];
    for (let i = 0; i < x.length; i += CHUNK_SIZE) {
      chunks.push({ x: x.slice(i, i + CHUNK_SIZE), loss: loss.slice(i, i + CHUNK_SIZE), accuracy: accuracy.slice(i, i + CHUNK_SIZE) });
    }
    const lastBatch = { type: 'batch' as const, epoch: 9, batch: 2498, step: 24_998, loss: loss.at(-1)!, accuracy: accuracy.at(-1)!, imagesPerSec: 91 };
    state = { ...state, batches: { chunks, length: x.length, merged: 0 }, lastBatch, phase: 'training' };
    const started = Date.now();
    await send(page, [{ type: 'state', state }]);
    await page.waitForFunction(() => document.getElementById('loss-chart')?.dataset.batchPoints === '24999');
    const elapsed = Date.now() - started;
    assert.ok(await paintedPixels(page, '#loss-chart canvas') > 2000);
    assert.ok(elapsed < 5000, `24,999 points took ${elapsed} ms to draw`);
    // A live batch on top: drawn within the chart throttle interval.
    await send(page, [{ type: 'event', event: { type: 'batch', epoch: 9, batch: 2499, step: 24999, loss: 0.5, accuracy: 0.9, imagesPerSec: 90 } }]);
    await page.waitForFunction(() => document.getElementById('loss-chart')?.dataset.batchPoints === '25000');
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-25k-points.png') });
    assert.deepEqual(pageProblems(page), []);
    await page.close();
  });

  it('restores its choices from the saved webview state and ignores invalid messages', async () => {
    // The choices belong to the run they were made on; a different run would reset them.
    const runDir = replayEvents(events).runDir;
    const saved = {
      runDir, tab: 'training', probeIndex: 2, layerName: 'conv2d_3', smoothing: 0.6, selectedCell: { trueClass: 5, predictedClass: 3 }, compareRuns: [],
    };
    const page = await harness.open('dashboard', { savedState: saved });
    await send(page, [{ type: 'event', event: { type: 'batch', loss: 'NaN' } }, { type: 'bogus' }, { type: 'state', state: replayEvents(events) }]);
    await page.waitForSelector('#confusion-matrix button[aria-pressed="true"]');
    assert.deepEqual(await page.$eval('#confusion-matrix button[aria-pressed="true"]', (b) => [(b as HTMLElement).dataset.true, (b as HTMLElement).dataset.pred]), ['5', '3']);
    if (events.some((e) => e.type === 'featureMaps' && e.probeIndex === 2)) {
      assert.equal(await page.getAttribute('#probe-strip button[data-probe="2"]', 'aria-pressed'), 'true');
    }
    assert.equal(pageProblems(page).filter((p) => p.includes('invalid')).length, 2, 'both invalid messages were reported and dropped');
    await page.close();
  });

  it('shows the feature maps of an image opened in the misclassified view, or says why it cannot', async () => {
    const page = await openReplayed();
    const begin = events.find((e): e is Extract<TrainingEvent, { type: 'trainBegin' }> => e.type === 'trainBegin')!;
    const last = begin.probes.length - 1;
    await send(page, [{ type: 'showFeatureMaps', testIndex: begin.probes[last].testIndex }]);
    await page.waitForSelector(`#probe-strip button[data-probe="${last}"][aria-pressed="true"]`);
    assert.equal(await page.isVisible('#feature-maps-notice'), false);
    const notProbe = [...Array(begin.testCount).keys()].find((i) => !begin.probes.some((p) => p.testIndex === i))!;
    await send(page, [{ type: 'showFeatureMaps', testIndex: notProbe }]);
    await page.waitForSelector('#feature-maps-notice:not([hidden])');
    assert.match(await page.textContent('#feature-maps-notice') ?? '', new RegExp(`#${notProbe} is not one of this run's probe images`));
    await page.close();
  });

  it('recolours the charts when VS Code switches the theme', async () => {
    const page = await openReplayed('dark');
    const before = await canvasHash(page, '#loss-chart canvas');
    const light = await readFile(path.join(__dirname, 'support', 'themes', 'light.css'), 'utf8');
    const variables = [...light.matchAll(/(--vscode-[\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]);
    // What VS Code does on a theme change: new variables on <html> and a new class on <body>, together.
    await page.evaluate((vars) => {
      for (const [name, value] of vars) document.documentElement.style.setProperty(name, value);
      document.body.classList.replace('vscode-dark', 'vscode-light');
    }, variables);
    await page.waitForFunction(([selector, previous]) => {
      const c = document.querySelector(selector) as HTMLCanvasElement;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let hash = 0;
      for (let i = 0; i < data.length; i += 7) hash = (hash * 31 + data[i]) | 0;
      return hash !== previous;
    }, ['#loss-chart canvas', before] as const);
    assert.deepEqual(pageProblems(page), []);
    await page.close();
  });

  for (const theme of ['dark', 'light', 'high-contrast'] as const) {
    it(`renders legibly at 1280×800 in the ${theme} theme (screenshots in test-artifacts/)`, async () => {
      const page = await openReplayed(theme);
      await page.click('#confusion-matrix button[data-true="3"][data-pred="5"]');
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(ARTIFACTS, `dashboard-${theme}.png`) });
      await page.screenshot({ path: path.join(ARTIFACTS, `dashboard-${theme}-full.png`), fullPage: true });
      await send(page, [{ type: 'compare', runs: compareRuns(events) }]);
      await page.waitForFunction(() => document.getElementById('compare-accuracy')?.dataset.series === '3');
      await page.waitForTimeout(200);
      await page.screenshot({ path: path.join(ARTIFACTS, `dashboard-compare-${theme}.png`) });
      const colors = await page.$eval('body', (b) => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]);
      assert.notEqual(colors[0], colors[1]);
      assert.deepEqual(pageProblems(page), []);
      await page.close();
    });
  }
});

/** Three runs for the Compare view: the recorded one and two variations of it. */
function compareRuns(events: TrainingEvent[]): CompareRun[] {
  const state = replayEvents(events);
  const base = state.epochs.map(({ epoch, loss, accuracy, val_loss, val_accuracy }) => ({ epoch, loss, accuracy, val_loss, val_accuracy }));
  const vary = (name: string, gain: number): CompareRun => ({
    runDir: `/ws/.cnn-lab/runs/${name}`, name, modelName: name.replace(/^\d+-\d+-/, ''), status: 'completed', backend: 'wasm',
    epochsPlanned: base.length, totalParams: 1_250_858, elapsedSeconds: 1450 * base.length, testAccuracy: null,
    epochs: base.map((e) => ({ ...e, val_accuracy: e.val_accuracy === null ? null : Math.min(1, e.val_accuracy * gain), val_loss: e.val_loss === null ? null : e.val_loss / gain })),
  });
  return [
    { ...vary(state.begin?.runId ?? 'recorded', 1), testAccuracy: state.evaluation?.accuracy ?? null },
    vary('20261128-090000-cifar10-dropout', 1.06),
    vary('20261127-170000-cifar10-small', 0.9),
  ];
}

/** A cheap fingerprint of a canvas's pixels. */
async function canvasHash(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (canvas) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let hash = 0;
    for (let i = 0; i < data.length; i += 7) hash = (hash * 31 + data[i]) | 0;
    return hash;
  });
}

/** Pixels of a canvas that are not transparent (chart.js draws on a transparent canvas). */
async function paintedPixels(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (canvas) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    return painted;
  });
}
