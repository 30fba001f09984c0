// The test-set evaluation: a confusion matrix whose cells open their images, the per-class
// precision/recall/F1 beside it, and the most frequent confusions as one-click shortcuts.
// Colour is normalised per true class (row), so a rare class's mistakes are as visible as
// a common one's; a square root lifts small error rates above the background.
import { macroAverage, topConfusions } from '../../src/shared/confusionMatrix';
import type { EvaluationSummary } from '../../src/shared/dashboardState';
import { byId, el, replaceChildren } from '../common/dom';
import { metric, percent } from '../common/format';

/** A cell of the matrix. */
export interface Cell { trueClass: number; predictedClass: number }

/** The evaluation card. */
export class EvaluationPanel {
  private readonly summary = byId('evaluation-summary');
  private readonly matrixHost = byId('confusion-matrix');
  private readonly perClassHost = byId('per-class');
  private readonly confusionsHost = byId('top-confusions');
  private drawn: EvaluationSummary | null | undefined = undefined;

  constructor(private readonly onSelect: (cell: Cell) => void) {
    this.matrixHost.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-true]');
      if (button) this.choose(button);
    });
    this.matrixHost.addEventListener('keydown', (event) => this.moveFocus(event));
    this.confusionsHost.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-true]');
      if (!button) return;
      const cell = this.matrixHost.querySelector<HTMLButtonElement>(`button[data-true="${button.dataset.true}"][data-pred="${button.dataset.pred}"]`);
      if (cell) this.choose(cell);
    });
  }

  /** Redraws when the evaluation changes and marks the selected cell. */
  update(evaluation: EvaluationSummary | null, selected: Cell | null): void {
    if (evaluation !== this.drawn) {
      this.drawn = evaluation;
      this.draw(evaluation);
    }
    for (const button of this.matrixHost.querySelectorAll<HTMLButtonElement>('button[data-true]')) {
      const isSelected = selected !== null && Number(button.dataset.true) === selected.trueClass && Number(button.dataset.pred) === selected.predictedClass;
      button.setAttribute('aria-pressed', String(isSelected));
    }
  }

  private choose(button: HTMLButtonElement): void {
    this.focusCell(button);
    this.onSelect({ trueClass: Number(button.dataset.true), predictedClass: Number(button.dataset.pred) });
  }

  private draw(evaluation: EvaluationSummary | null): void {
    if (!evaluation) {
      this.summary.textContent = '';
      replaceChildren(this.matrixHost, el('p', { class: 'placeholder' }, 'The confusion matrix appears when training ends and the test set has been evaluated.'));
      replaceChildren(this.perClassHost);
      replaceChildren(this.confusionsHost);
      return;
    }
    const { classNames, confusion, perClass } = evaluation;
    const macro = macroAverage(perClass);
    this.summary.textContent = `accuracy ${percent(evaluation.accuracy)}  ·  loss ${metric(evaluation.loss)}  ·  macro F1 ${metric(macro.f1)}  ·  ${evaluation.testCount.toLocaleString('en-US')} images`;
    this.drawMatrix(classNames, confusion);
    this.drawPerClass(classNames, perClass, macro);
    const top = topConfusions(confusion, 6);
    replaceChildren(this.confusionsHost, ...(top.length === 0 ? [] : [
      el('h3', {}, 'Most confused'),
      el('ol', {}, ...top.map((c) => el('li', {}, el('button', {
        class: 'link-button', 'data-true': c.trueClass, 'data-pred': c.predictedClass,
        title: `Show the ${c.count} ${classNames[c.trueClass]} images predicted as ${classNames[c.predictedClass]}`,
      }, `${classNames[c.trueClass]} → ${classNames[c.predictedClass]}`, el('span', { class: 'count' }, String(c.count)))))),
    ]));
  }

  private drawMatrix(classNames: string[], confusion: number[][]): void {
    const n = classNames.length;
    const headerRow = el('tr', {}, el('th', { class: 'corner', scope: 'col' }, el('span', { class: 'axis-note' }, 'true ↓  predicted →')),
      ...classNames.map((name) => el('th', { scope: 'col', class: 'column-label', title: `predicted ${name}` }, el('span', {}, name))));
    const rows = confusion.map((row, t) => {
      const support = row.reduce((a, b) => a + b, 0);
      return el('tr', {}, el('th', { scope: 'row', class: 'row-label', title: `${support} ${classNames[t]} images` }, classNames[t]),
        ...row.map((count, p) => {
          const share = support === 0 ? 0 : count / support;
          const button = el('button', {
            type: 'button', class: t === p ? 'cell diagonal' : 'cell off-diagonal', 'data-true': t, 'data-pred': p,
            tabindex: t === 0 && p === 0 ? 0 : -1, 'aria-pressed': 'false',
            'aria-label': `true ${classNames[t]}, predicted ${classNames[p]}: ${count} of ${support} (${percent(share)})`,
            title: `true ${classNames[t]}, predicted ${classNames[p]}: ${count} of ${support} (${percent(share)}). Click to see them.`,
          }, String(count));
          button.style.setProperty('--intensity', String(Math.sqrt(share)));
          if (Math.sqrt(share) > 0.62) button.classList.add('strong');
          if (count === 0) button.classList.add('zero');
          return el('td', {}, button);
        }));
    });
    // Image-folder data sets may have dozens of classes: smaller cells, and past 24 the counts move to tooltips.
    const density = n <= 12 ? 'normal' : n <= 24 ? 'dense' : 'tiny';
    const table = el('table', { class: `matrix ${density}`, 'aria-label': `Confusion matrix, ${n} classes: rows are true classes, columns predicted classes` },
      el('thead', {}, headerRow), el('tbody', {}, ...rows));
    replaceChildren(this.matrixHost, table);
  }

  private drawPerClass(classNames: string[], perClass: EvaluationSummary['perClass'], macro: { precision: number; recall: number; f1: number }): void {
    const f1Cell = (value: number): HTMLElement => el('td', { class: 'f1', title: `F1 ${value.toFixed(4)}` }, value.toFixed(2));
    const worst = perClass.reduce((w, m, i) => (m.f1 < perClass[w].f1 ? i : w), 0);
    const table = el('table', { class: 'per-class' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'class'), el('th', { scope: 'col' }, 'prec.'),
        el('th', { scope: 'col' }, 'recall'), el('th', { scope: 'col' }, 'F1'), el('th', { scope: 'col', title: 'test images of the class' }, 'n'))),
      // Classes well below the average are the ones to look at: their F1 turns red.
      el('tbody', {}, ...perClass.map((m, i) => el('tr', { class: [i === worst ? 'worst' : '', m.f1 < macro.f1 - 0.1 ? 'weak' : ''].join(' ').trim() },
        el('th', { scope: 'row' }, classNames[i]),
        el('td', { title: `precision ${percent(m.precision, 2)}` }, percent(m.precision, 0)),
        el('td', { title: `recall ${percent(m.recall, 2)}` }, percent(m.recall, 0)),
        f1Cell(m.f1), el('td', {}, String(m.support))))),
      el('tfoot', {}, el('tr', {}, el('th', { scope: 'row' }, 'macro avg'), el('td', {}, percent(macro.precision, 0)),
        el('td', {}, percent(macro.recall, 0)), f1Cell(macro.f1),
        el('td', {}, String(perClass.reduce((a, m) => a + m.support, 0))))));
    replaceChildren(this.perClassHost, table);
  }

  /** Arrow keys move between cells (one tab stop for the whole matrix); Enter/Space click natively. */
  private moveFocus(event: KeyboardEvent): void {
    const current = (event.target as Element).closest<HTMLButtonElement>('button[data-true]');
    if (!current) return;
    const n = this.drawn?.classNames.length ?? 0;
    let t = Number(current.dataset.true);
    let p = Number(current.dataset.pred);
    switch (event.key) {
      case 'ArrowUp': t = Math.max(0, t - 1); break;
      case 'ArrowDown': t = Math.min(n - 1, t + 1); break;
      case 'ArrowLeft': p = Math.max(0, p - 1); break;
      case 'ArrowRight': p = Math.min(n - 1, p + 1); break;
      case 'Home': p = 0; break;
      case 'End': p = n - 1; break;
      default: return;
    }
    event.preventDefault();
    const next = this.matrixHost.querySelector<HTMLButtonElement>(`button[data-true="${t}"][data-pred="${p}"]`);
    if (next) this.focusCell(next);
  }

  private focusCell(button: HTMLButtonElement): void {
    for (const other of this.matrixHost.querySelectorAll<HTMLButtonElement>('button[data-true]')) other.tabIndex = -1;
    button.tabIndex = 0;
    button.focus();
  }
}
