// The misclassified-examples view: the host's loader reads a run folder's evaluation and raw
// test images, and the webview, in headless Chromium, shows them and reports the one opened.
import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCellExamples } from '../../src/extension/misclassifiedView';
import type { EvaluationEvent } from '../../src/shared/trainingEvents';
import type { ShowCellMessage } from '../../src/shared/webviewProtocol';
import { ARTIFACTS, pageProblems, send, startHarness, waitForPosted, type Harness } from './support/harness';
import { recordedEvaluation, recordedEvents } from './support/recordedRun';
import { syntheticImage } from './support/syntheticImages';

describe('misclassified view', function () {
  this.timeout(60_000);
  const evaluation = recordedEvaluation(recordedEvents());
  const [height, width, channels] = evaluation.testImages.shape;
  let runDir: string;
  let harness: Harness | undefined;

  /** The largest off-diagonal cell of the recording: the most interesting one to open. */
  function worstCell(e: EvaluationEvent): [number, number] {
    let best: [number, number] = [0, 1];
    e.confusion.forEach((row, t) => row.forEach((count, p) => { if (t !== p && count > e.confusion[best[0]][best[1]]) best = [t, p]; }));
    return best;
  }

  before(async () => {
    // A run folder as the worker leaves it; the test-image file lives elsewhere (the data cache).
    runDir = await mkdtemp(path.join(os.tmpdir(), 'cnn-lab-run-'));
    const cache = path.join(runDir, 'cache');
    await mkdir(cache);
    const images = Buffer.alloc(evaluation.labels.length * height * width * channels);
    evaluation.labels.forEach((label, i) => images.set(syntheticImage(label, i, height, width, channels), i * height * width * channels));
    await writeFile(path.join(cache, 'test-images.u8'), images);
    await writeFile(path.join(runDir, 'evaluation.json'), JSON.stringify({ ...evaluation, testImages: { ...evaluation.testImages, file: path.join(cache, 'test-images.u8') } }));
  });

  after(async () => {
    await harness?.close();
    await rm(runDir, { recursive: true, force: true });
  });

  describe('loadCellExamples (host side)', () => {
    it('reads the cell\'s images, most confident first, with their top-3 guesses', async () => {
      const [t, p] = worstCell(evaluation);
      const cell = await loadCellExamples(runDir, t, p);
      const expected = evaluation.labels.flatMap((label, i) => (label === t && evaluation.predicted[i] === p ? [i] : []));
      assert.equal(cell.total, expected.length);
      assert.deepEqual(cell.examples.map((e) => e.testIndex).sort((a, b) => a - b), expected);
      assert.deepEqual(cell.classNames, evaluation.classNames);
      const confidences = cell.examples.map((e) => e.confidence);
      assert.deepEqual(confidences, [...confidences].sort((a, b) => b - a));
      for (const example of cell.examples) {
        assert.equal(example.confidence, evaluation.probabilities[example.testIndex][p]);
        assert.equal(example.top3.length, 3);
        assert.equal(example.top3[0].probability, Math.max(...evaluation.probabilities[example.testIndex]));
        const pixels = Buffer.from(example.pixels, 'base64');
        assert.deepEqual([...pixels], [...syntheticImage(t, example.testIndex, height, width, channels)], `pixels of test image ${example.testIndex}`);
      }
    });

    it('caps a large cell and still counts all of it', async () => {
      const diagonal = evaluation.confusion.map((row, i) => row[i]);
      const c = diagonal.indexOf(Math.max(...diagonal));
      const cell = await loadCellExamples(runDir, c, c, 5);
      assert.equal(cell.examples.length, Math.min(5, diagonal[c]));
      assert.equal(cell.total, diagonal[c]);
    });

    it('returns an empty cell without reading images', async () => {
      const empty = evaluation.confusion.flatMap((row, t) => row.map((count, p) => [t, p, count])).find(([, , count]) => count === 0);
      if (!empty) return;
      const cell = await loadCellExamples(runDir, empty[0], empty[1]);
      assert.deepEqual([cell.total, cell.examples.length], [0, 0]);
    });
  });

  describe('webview (headless Chromium)', () => {
    before(async () => {
      harness = await startHarness();
      await mkdir(ARTIFACTS, { recursive: true });
    });

    it('shows every example with its labels and posts openImage for the one clicked', async () => {
      const [t, p] = worstCell(evaluation);
      const cell = await loadCellExamples(runDir, t, p);
      const page = await harness!.open('misclassified', { width: 420, height: 800 });
      assert.match(await page.textContent('#cell-title') ?? '', /No cell selected/);
      await send(page, [cell]);
      await page.waitForSelector('#examples button[data-test-index]');
      const tiles = await page.$$eval('#examples button[data-test-index]', (buttons) => buttons.map((b) => ({
        index: Number((b as HTMLElement).dataset.testIndex),
        verdict: b.querySelector('.verdict')?.textContent ?? '',
        truth: b.querySelector('.truth')?.textContent ?? '',
        guesses: b.querySelectorAll('.top3-row').length,
      })));
      assert.equal(tiles.length, cell.examples.length);
      tiles.forEach((tile, i) => {
        assert.equal(tile.index, cell.examples[i].testIndex, 'in the order sent (most confident first)');
        assert.ok(tile.verdict.includes(evaluation.classNames[p]), `predicted label on tile ${i}`);
        assert.ok(tile.truth.includes(evaluation.classNames[t]), `true label on tile ${i}`);
        assert.equal(tile.guesses, 3);
      });
      assert.match(await page.textContent('#cell-title') ?? '', new RegExp(`${evaluation.classNames[t]}.*predicted as.*${evaluation.classNames[p]}`));

      // The image is drawn pixel for pixel from the file, enlarged without smoothing.
      const first = cell.examples[0];
      const drawn = await page.$eval(`button[data-test-index="${first.testIndex}"] canvas`, (c) => {
        const canvas = c as HTMLCanvasElement;
        return { pixel: [...canvas.getContext('2d')!.getImageData(0, 0, 1, 1).data], rendering: getComputedStyle(canvas).imageRendering, shown: canvas.getBoundingClientRect().width };
      });
      assert.deepEqual(drawn.pixel.slice(0, 3), [...syntheticImage(t, first.testIndex, height, width, channels).slice(0, 3)]);
      assert.equal(drawn.rendering, 'pixelated');
      assert.ok(drawn.shown >= 3 * width, `enlarged to ${drawn.shown}px`);

      await page.screenshot({ path: path.join(ARTIFACTS, 'misclassified-dark.png') });
      await page.setViewportSize({ width: 300, height: 700 });
      await page.screenshot({ path: path.join(ARTIFACTS, 'misclassified-sidebar-dark.png') });
      const second = cell.examples[Math.min(1, cell.examples.length - 1)];
      await page.click(`button[data-test-index="${second.testIndex}"]`);
      const opened = await waitForPosted<{ type: string; runDir: string; testIndex: number }>(page, 'openImage');
      assert.deepEqual(opened[0], { type: 'openImage', runDir, testIndex: second.testIndex });
      await page.waitForSelector(`button[data-test-index="${second.testIndex}"][aria-pressed="true"]`);
      await page.focus(`button[data-test-index="${first.testIndex}"]`);
      await page.keyboard.press('Enter');
      const again = await waitForPosted<{ type: string; testIndex: number }>(page, 'openImage', 2);
      assert.equal(again[1].testIndex, first.testIndex);
      assert.deepEqual(pageProblems(page), []);
      await page.close();
    });

    it('shows a diagonal cell as correct examples, and ignores invalid messages', async () => {
      const cell: ShowCellMessage = await loadCellExamples(runDir, 1, 1, 24);
      const page = await harness!.open('misclassified', { theme: 'light', width: 900, height: 600 });
      await send(page, [{ type: 'showCell', runDir }, cell]);
      await page.waitForSelector('#examples button.correct');
      assert.equal(await page.$$eval('#examples button.correct', (b) => b.length), cell.examples.length);
      assert.equal(await page.$$eval('#examples button.wrong', (b) => b.length), 0);
      assert.match(await page.textContent('#cell-title') ?? '', /classified correctly/);
      assert.match(await page.textContent('#cell-summary') ?? '', new RegExp(`${cell.total} images, the ${cell.examples.length} most confident shown`));
      await page.screenshot({ path: path.join(ARTIFACTS, 'misclassified-light.png') });
      assert.equal(pageProblems(page).filter((p) => p.includes('invalid')).length, 1);
      await page.close();
    });
  });
});
