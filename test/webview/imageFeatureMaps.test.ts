// Feature maps of a test image that is not a probe: the host (DashboardPanel.openImage with
// a fake inspector, fake vscode) sends the image at once, then its maps or why there are
// none; the dashboard webview (headless Chromium) shows them in the feature-maps card.
import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { replayEvents } from '../../src/shared/dashboardState';
import type { FeatureMapsEvent, TrainBeginEvent } from '../../src/shared/trainingEvents';
import type { ImageFeatureMapsMessage } from '../../src/shared/webviewProtocol';
import { fakeVscode, FakeUri, installFakeVscode } from './support/fakeVscode';
import { pageProblems, send, startHarness, type Harness } from './support/harness';
import { recordedEvents } from './support/recordedRun';

installFakeVscode();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DashboardPanel } = require('../../src/extension/dashboardPanel') as typeof import('../../src/extension/dashboardPanel');

const events = recordedEvents();
const begin = events.find((e): e is TrainBeginEvent => e.type === 'trainBegin')!;
const recordedMaps = events.filter((e): e is FeatureMapsEvent => e.type === 'featureMaps');
const latestMaps = recordedMaps.filter((m) => m.probeIndex === 0).at(-1)!;
const notProbe = [...Array(begin.testCount).keys()].find((i) => !begin.probes.some((p) => p.testIndex === i))!;
const image = { testIndex: notProbe, label: 0, predicted: 1, pixels: begin.probes[0].pixels, imageShape: begin.imageShape };

describe('feature maps of any test image: host side (fake vscode)', () => {
  const extensionUri = new FakeUri('/ext') as never;
  const host = { stopTraining: () => undefined, showCell: () => undefined, compareRuns: () => undefined };
  let root: string;
  let runDir: string;

  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'cnn-lab-inspect-panel-'));
    runDir = path.join(root, '20261130-120000-recorded');
    await mkdir(runDir);
    const now = new Date().toISOString();
    await writeFile(path.join(runDir, 'run.json'), JSON.stringify({
      id: 'recorded', dir: runDir, name: 'recorded', modelFile: 'm.cnn.json', createdAt: now, updatedAt: now, status: 'completed',
      backend: 'wasm', epochsPlanned: 3, epochsDone: 3, bestValAccuracy: null, testAccuracy: null, error: null, pid: null, resumedFrom: null,
    }));
    // The recording's own runDir is another path, as in a run folder that was moved or copied.
    await writeFile(path.join(runDir, 'metrics.jsonl'), events.filter((e) => e.type === 'trainBegin' || e.type === 'epoch').map((e) => JSON.stringify(e)).join('\n'));
  });
  afterEach(() => DashboardPanel.current?.dispose());
  after(async () => rm(root, { recursive: true, force: true }));

  /** An inspector whose maps arrive when the test says so. */
  function inspector(outcome: () => Promise<NonNullable<ImageFeatureMapsMessage['maps']>>) {
    const asked: number[] = [];
    return {
      asked,
      image: async (_runDir: string, testIndex: number) => ({ ...image, testIndex }),
      featureMaps: async (_runDir: string, testIndex: number) => {
        asked.push(testIndex);
        return outcome();
      },
    };
  }

  it('shows the image at once with a "computing" status, then its maps; a reloaded webview gets them again', async () => {
    let deliver!: () => void;
    const fake = inspector(() => new Promise((resolve) => { deliver = () => resolve({ epoch: latestMaps.epoch, layers: latestMaps.layers }); }));
    const opening = DashboardPanel.openImage(extensionUri, runDir, notProbe, host, fake);
    const panel = fakeVscode.panels.at(-1)!;
    panel.fromWebview({ type: 'ready' });
    await new Promise((r) => setTimeout(r, 20));
    const computing = panel.sent.filter((m) => m.type === 'imageFeatureMaps') as unknown as ImageFeatureMapsMessage[];
    assert.deepEqual(computing.map((m) => m.status), ['computing']);
    assert.equal(computing[0].image.testIndex, notProbe);
    assert.equal(computing[0].runDir, runDir);
    deliver();
    await opening;
    const sent = panel.sent.filter((m) => m.type === 'imageFeatureMaps') as unknown as ImageFeatureMapsMessage[];
    assert.deepEqual(sent.map((m) => m.status), ['computing', 'ready']);
    assert.deepEqual(sent[1].maps?.layers, latestMaps.layers);
    assert.deepEqual(fake.asked, [notProbe]);

    panel.hide();
    panel.fromWebview({ type: 'ready' });
    const last = panel.sent.at(-1) as unknown as ImageFeatureMapsMessage;
    assert.equal(last.type, 'imageFeatureMaps');
    assert.equal(last.status, 'ready');
  });

  it('shows a probe image from the recording without computing anything', async () => {
    const fake = inspector(async () => { throw new Error('not expected'); });
    await DashboardPanel.openImage(extensionUri, runDir, begin.probes[1].testIndex, host, fake);
    const panel = fakeVscode.panels.at(-1)!;
    panel.fromWebview({ type: 'ready' });
    assert.deepEqual(fake.asked, []);
    assert.deepEqual(panel.sent.filter((m) => m.type !== 'state'), [{ type: 'showFeatureMaps', testIndex: begin.probes[1].testIndex }]);
  });

  it('reports a failure in the dashboard, and shows only the latest of two quick requests', async () => {
    const fake = inspector(async () => { throw new Error('The run has no complete checkpoint yet'); });
    await DashboardPanel.openImage(extensionUri, runDir, notProbe, host, fake);
    const panel = fakeVscode.panels.at(-1)!;
    panel.fromWebview({ type: 'ready' });
    const failed = panel.sent.at(-1) as unknown as ImageFeatureMapsMessage;
    assert.equal(failed.status, 'failed');
    assert.match(failed.error!, /no complete checkpoint yet/);

    let release!: () => void;
    const slow = inspector(() => new Promise((resolve) => { release = () => resolve({ epoch: 0, layers: [] }); }));
    const first = DashboardPanel.openImage(extensionUri, runDir, notProbe, host, slow);
    await new Promise((r) => setTimeout(r, 20));
    const releaseFirst = release;
    const second = DashboardPanel.openImage(extensionUri, runDir, notProbe + 1, host, slow);
    await new Promise((r) => setTimeout(r, 20));
    release();
    releaseFirst();
    await Promise.all([first, second]);
    const statuses = (panel.sent.filter((m) => m.type === 'imageFeatureMaps') as unknown as ImageFeatureMapsMessage[]).slice(1)
      .map((m) => `${m.image.testIndex} ${m.status}`);
    assert.deepEqual(statuses, [`${notProbe} computing`, `${notProbe + 1} computing`, `${notProbe + 1} ready`]);
  });
});

describe('feature maps of any test image: dashboard webview (headless Chromium)', function () {
  this.timeout(60_000);
  let harness: Harness;
  const state = replayEvents(events);
  const message = (change: Partial<ImageFeatureMapsMessage>): ImageFeatureMapsMessage =>
    ({ type: 'imageFeatureMaps', runDir: state.runDir!, image, status: 'computing', ...change });

  before(async () => {
    harness = await startHarness();
  });
  after(async () => harness?.close());

  async function open(): Promise<Page> {
    const page = await harness.open('dashboard');
    await send(page, [{ type: 'state', state }]);
    await page.waitForSelector('#probe-strip button[data-probe="0"]');
    return page;
  }

  it('shows the image while its maps are computed, then every channel of the chosen layer', async () => {
    const page = await open();
    await send(page, [message({ status: 'computing' })]);
    await page.waitForSelector('#feature-maps-notice:not([hidden])');
    assert.match(await page.textContent('#feature-maps-notice') ?? '', new RegExp(`Computing the feature maps of test image #${notProbe}`));
    assert.equal(await page.textContent('#probe-view small'), `test #${notProbe} · predicted ${begin.classNames[1]}`);
    assert.equal(await page.$('#probe-strip button[aria-pressed="true"]'), null, 'no probe is pressed while another image is shown');
    assert.match(await page.textContent('#channel-grid') ?? '', /Computing the feature maps…/);

    await send(page, [message({ status: 'ready', maps: { epoch: latestMaps.epoch, layers: latestMaps.layers } })]);
    const channels = latestMaps.layers[0].shape[2];
    await page.waitForFunction((n) => document.getElementById('channel-grid')?.dataset.channels === String(n), channels);
    assert.equal(await page.$$eval('#channel-grid canvas', (c) => c.length), channels);
    assert.equal(await page.isVisible('#feature-maps-notice'), false);
    assert.equal(await page.textContent('#feature-maps-epoch'), `after epoch ${latestMaps.epoch + 1}`);

    // Choosing a probe goes back to the recorded maps.
    await page.click('#probe-strip button[data-probe="1"]');
    await page.waitForSelector('#probe-strip button[data-probe="1"][aria-pressed="true"]');
    assert.equal(await page.textContent('#probe-view small'), `test #${begin.probes[1].testIndex}`);
    assert.deepEqual(pageProblems(page), []);
    await page.close();
  });

  it('says why the maps could not be computed', async () => {
    const page = await open();
    await send(page, [message({ status: 'failed', error: 'The run has no complete checkpoint yet' })]);
    await page.waitForSelector('#feature-maps-notice:not([hidden])');
    assert.match(await page.textContent('#feature-maps-notice') ?? '', new RegExp(`Could not compute the feature maps of test image #${notProbe}: The run has no complete checkpoint yet`));
    assert.match(await page.textContent('#channel-grid') ?? '', /No feature maps for this image/);
    await page.close();
  });
});
