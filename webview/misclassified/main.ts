// The misclassified-examples view: the test images of one confusion-matrix cell, enlarged,
// with their true and predicted labels, confidence and top-3 guesses. Opening an image asks
// the dashboard for its feature maps.
import '../common/zodConfig';
import {
  misclassifiedWebviewState, parseToMisclassifiedMessage,
  type FromMisclassifiedMessage, type MisclassifiedWebviewState, type ShowCellMessage,
} from '../../src/shared/webviewProtocol';
import { byId, el, replaceChildren } from '../common/dom';
import { percent } from '../common/format';
import { decodeBase64, drawImage, pixelCanvas } from '../common/pixels';
import { vscodeApi } from '../common/vscodeApi';

const vscode = vscodeApi<FromMisclassifiedMessage, MisclassifiedWebviewState>();
const restored = misclassifiedWebviewState.safeParse(vscode.getState());
let selectedTestIndex = restored.success ? restored.data.selectedTestIndex : null;
let cell: ShowCellMessage | null = null;

document.body.append(
  el('header', { class: 'cell-header' }, el('h1', { id: 'cell-title' }), el('p', { id: 'cell-summary', class: 'muted' })),
  el('ul', { id: 'examples', class: 'example-grid' }),
);
const grid = byId('examples');
showEmpty();

grid.addEventListener('click', (event) => {
  const tile = (event.target as Element).closest<HTMLButtonElement>('button[data-test-index]');
  if (!tile || !cell) return;
  selectedTestIndex = Number(tile.dataset.testIndex);
  vscode.setState({ selectedTestIndex });
  markSelected();
  vscode.postMessage({ type: 'openImage', runDir: cell.runDir, testIndex: selectedTestIndex });
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = parseToMisclassifiedMessage(event.data);
  if (!parsed.ok) {
    console.warn(`[cnn-lab misclassified] ${parsed.error}`);
    return;
  }
  switch (parsed.message.type) {
    case 'showCell':
      show(parsed.message);
      break;
    default: {
      const unreachable: never = parsed.message.type;
      throw new Error(`unhandled message ${String(unreachable)}`);
    }
  }
});

function showEmpty(): void {
  byId('cell-title').textContent = 'No cell selected';
  byId('cell-summary').textContent = 'Click a cell of the confusion matrix in the CNN Lab dashboard to see its test images here.';
}

function show(message: ShowCellMessage): void {
  if (cell && (cell.runDir !== message.runDir || cell.trueClass !== message.trueClass || cell.predictedClass !== message.predictedClass)) {
    selectedTestIndex = null;
    vscode.setState({ selectedTestIndex });
  }
  cell = message;
  const { classNames, trueClass, predictedClass, examples, total, imageShape } = message;
  const name = (c: number): string => classNames[c] ?? `class ${c}`;
  const correct = trueClass === predictedClass;
  byId('cell-title').replaceChildren(
    el('span', { class: 'label true-label' }, name(trueClass)),
    correct ? ' classified correctly' : el('span', {}, ' predicted as ', el('span', { class: 'label predicted-label' }, name(predictedClass))),
  );
  byId('cell-summary').textContent = total === 0 ? 'No test images in this cell.'
    : `${total.toLocaleString('en-US')} image${total === 1 ? '' : 's'}${examples.length < total ? `, the ${examples.length} most confident shown` : ''}, most confident first. Click one to see its feature maps.`;
  replaceChildren(grid, ...examples.map((example) => {
    const canvas = pixelCanvas(imageShape[1], imageShape[0], 'pixelated');
    drawImage(canvas, decodeBase64(example.pixels), imageShape);
    const top3 = el('span', { class: 'top3' }, ...example.top3.map((guess) => {
      const bar = el('span', { class: 'bar' }, el('span'));
      bar.style.setProperty('--fraction', String(guess.probability));
      return el('span', { class: guess.classIndex === trueClass ? 'top3-row is-true' : 'top3-row' }, el('span', { class: 'guess' }, name(guess.classIndex)), bar, el('span', { class: 'probability' }, percent(guess.probability, 0)));
    }));
    return el('li', {}, el('button', {
      type: 'button', class: correct ? 'example correct' : 'example wrong', 'data-test-index': example.testIndex,
      'aria-label': `test image ${example.testIndex}: true ${name(trueClass)}, predicted ${name(predictedClass)} at ${percent(example.confidence)}`,
    },
    canvas,
    el('span', { class: 'caption' },
      el('span', { class: 'verdict' },
        el('span', { class: 'mark', 'aria-hidden': 'true' }, correct ? '✓' : '✗'),
        el('span', { class: 'name', title: `predicted ${name(predictedClass)}` }, name(predictedClass)),
        el('span', { class: 'confidence' }, percent(example.confidence, 0))),
      el('span', { class: 'truth', title: `true class ${name(trueClass)}, test image #${example.testIndex}` }, `#${example.testIndex} · true ${name(trueClass)}`)),
    top3));
  }));
  markSelected();
}

function markSelected(): void {
  for (const tile of grid.querySelectorAll<HTMLButtonElement>('button[data-test-index]')) {
    tile.setAttribute('aria-pressed', String(Number(tile.dataset.testIndex) === selectedTestIndex));
  }
}

vscode.postMessage({ type: 'ready' });
