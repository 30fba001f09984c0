// The header: which run this is, how far it has got, how fast it goes, and the Stop button.
// Built once; each update only rewrites text and a few attributes, so it can run per event.
import { FINISHED_PHASES, currentEpochNumber, estimateEtaSeconds, runNameOf, type DashboardState, type RunPhase } from '../../src/shared/dashboardState';
import { byId, el, replaceChildren } from '../common/dom';
import { count, duration, learningRate, metric, percent, rate } from '../common/format';

const PHASE_LABELS: Record<RunPhase, string> = {
  waiting: 'Waiting', preparing: 'Preparing', training: 'Training', completed: 'Completed', stopped: 'Stopped', failed: 'Failed', interrupted: 'Interrupted',
};

/** What the header asks of the page. */
export interface HeaderActions { stop(): void; compare(): void }

/** The dashboard's header and its status banner. */
export class Header {
  private readonly phase = byId('run-phase');
  private readonly name = byId('run-name');
  private readonly subtitle = byId('run-subtitle');
  private readonly stopButton = byId<HTMLElement & { disabled: boolean }>('stop-button');
  private readonly banner = byId('run-banner');
  private readonly stats = {
    epoch: byId('stat-epoch'), progress: byId('stat-progress'), valAccuracy: byId('stat-val-accuracy'),
    valLoss: byId('stat-val-loss'), learningRate: byId('stat-lr'), speed: byId('stat-speed'), eta: byId('stat-eta'),
  };
  private stopRequested = false;

  constructor(actions: HeaderActions) {
    this.stopButton.addEventListener('click', () => {
      if (this.stopButton.disabled) return;
      this.stopRequested = true;
      this.stopButton.disabled = true;
      this.stopButton.textContent = 'Stopping…';
      actions.stop();
    });
    byId('compare-button').addEventListener('click', () => actions.compare());
  }

  /** Rewrites the header from the state. */
  update(state: DashboardState): void {
    const begin = state.begin;
    this.phase.textContent = PHASE_LABELS[state.phase];
    this.phase.dataset.phase = state.phase;
    this.name.textContent = runNameOf(state.runDir) || (state.phase === 'waiting' ? 'Waiting for a training run' : 'New run');
    this.name.title = state.runDir ?? '';
    const backend = state.backend ? `${state.backend.name}${state.backend.threads > 1 ? ` × ${state.backend.threads} threads` : ''}` : null;
    this.subtitle.textContent = [
      begin?.modelName,
      backend && `backend ${backend}`,
      begin && `${count(begin.totalParams)} parameters`,
      begin && `batch ${begin.batchSize}`,
      begin && `${count(begin.trainCount)} train · ${count(begin.validationCount)} val · ${count(begin.testCount)} test images`,
    ].filter(Boolean).join('  ·  ');
    this.subtitle.title = this.subtitle.textContent;

    const epochs = begin?.epochs ?? 0;
    this.stats.epoch.textContent = begin ? `${currentEpochNumber(state)} / ${epochs}` : '–';
    this.stats.progress.style.setProperty('--fraction', String(progressFraction(state)));
    const last = state.epochs.at(-1);
    const best = state.epochs.reduce<number | null>((m, e) => (e.val_accuracy !== null && (m === null || e.val_accuracy > m) ? e.val_accuracy : m), null);
    this.stats.valAccuracy.textContent = percent(last?.val_accuracy);
    this.stats.valAccuracy.title = best === null ? '' : `best ${percent(best)}`;
    this.stats.valLoss.textContent = metric(last?.val_loss);
    // The latest batch's rate follows a schedule within the epoch; epochs report their last.
    const latestBatch = state.lastBatch && (!last || state.lastBatch.epoch > last.epoch) ? state.lastBatch : null;
    this.stats.learningRate.textContent = learningRate(latestBatch?.learningRate ?? last?.learningRate);
    this.stats.speed.textContent = rate(state.phase === 'training' ? state.lastBatch?.imagesPerSec ?? last?.imagesPerSec : last?.imagesPerSec);
    this.stats.eta.textContent = state.phase === 'training' ? duration(estimateEtaSeconds(state))
      : last ? `took ${duration(last.elapsedSeconds)}` : '–';
    byId('stat-eta-label').textContent = state.phase === 'training' ? 'ETA' : 'Time';

    if (FINISHED_PHASES.includes(state.phase)) this.stopRequested = false;
    this.stopButton.hidden = state.phase !== 'training' && state.phase !== 'preparing';
    this.stopButton.disabled = this.stopRequested;
    this.stopButton.textContent = this.stopRequested ? 'Stopping…' : 'Stop';
    this.updateBanner(state);
  }

  private updateBanner(state: DashboardState): void {
    const lines: HTMLElement[] = [];
    if (state.phase === 'failed' || state.phase === 'interrupted') {
      const what = state.phase === 'failed' ? 'Training failed' : 'Training was interrupted';
      lines.push(el('div', { class: 'banner error', role: 'alert' }, `${what}: ${state.error ?? 'see the worker log'}`));
    }
    if (state.phase === 'preparing' && state.datasetProgress) {
      const { phase, done, total, message } = state.datasetProgress;
      const bar = el('div', { class: 'progress' }, el('span'));
      bar.style.setProperty('--fraction', String(total ? Math.min(1, done / total) : 0));
      lines.push(el('div', { class: 'banner info' }, el('strong', {}, `Data: ${phase}`), ` ${message}`, total ? ` (${percent(done / total, 0)})` : '', bar));
    }
    if (state.backend?.warning) lines.push(el('div', { class: 'banner warning' }, state.backend.warning));
    for (const m of state.messages.slice(-3)) lines.push(el('div', { class: `banner ${m.level}` }, m.message));
    replaceChildren(this.banner, ...lines);
    this.banner.hidden = lines.length === 0;
  }
}

/** Share of the planned steps done, from the latest batch or epoch. */
function progressFraction(state: DashboardState): number {
  const begin = state.begin;
  if (!begin) return 0;
  if (state.phase === 'completed') return 1;
  const total = (begin.epochs - begin.initialEpoch) * begin.stepsPerEpoch;
  const lastEpoch = state.epochs.at(-1);
  const fromEpoch = lastEpoch ? (lastEpoch.epoch + 1 - begin.initialEpoch) * begin.stepsPerEpoch : 0;
  const batch = state.lastBatch;
  const fromBatch = batch ? (batch.epoch - begin.initialEpoch) * begin.stepsPerEpoch + batch.batch + 1 : 0;
  return total > 0 ? Math.min(1, Math.max(fromEpoch, fromBatch) / total) : 0;
}
