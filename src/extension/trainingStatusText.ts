// The words and numbers of a run in progress, as the status bar and the progress
// notification print them. Pure, so the formats are pinned by tests.
import type { RunProgress } from './runProgress';

/** "1h 02m", "3m 20s", "45s": an ETA short enough for the status bar. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** "54.2%" for 0.5423; "–" when there is no value yet. */
export function formatPercent(fraction: number | null): string {
  return fraction === null ? '–' : `${(fraction * 100).toFixed(1)}%`;
}

/** One line about the run, without the model's name: "epoch 3/10 · acc 54.2% · ETA 3m 20s". */
export function describeProgress(p: RunProgress): string {
  switch (p.phase) {
    case 'starting':
      return 'starting…';
    case 'loading data':
      return p.detail ?? 'loading data…';
    case 'stopping':
      return 'stopping after this batch…';
    case 'finished':
      return 'finished';
    case 'evaluating':
      return `evaluating on the test set · acc ${formatPercent(p.accuracy)}`;
    case 'training': {
      const parts = [`epoch ${Math.min(p.epochsDone + 1, p.epochsPlanned ?? Infinity)}/${p.epochsPlanned ?? '?'}`];
      if (p.accuracy !== null) parts.push(`acc ${formatPercent(p.accuracy)}`);
      if (p.etaSeconds !== null) parts.push(`ETA ${formatDuration(p.etaSeconds)}`);
      return parts.join(' · ');
    }
    default: {
      const unknownPhase: never = p.phase;
      return unknownPhase;
    }
  }
}

/** The status bar's text; the codicon spins while the run is alive. */
export function statusBarText(p: RunProgress): string {
  return `$(sync~spin) ${p.modelName}: ${describeProgress(p)}`;
}

/** How far along the run is, 0–100, for the progress notification (null until the epochs are known). */
export function percentDone(p: RunProgress): number | null {
  if (!p.epochsPlanned) return null;
  return Math.min(100, (100 * p.epochsDone) / p.epochsPlanned);
}

/** The notification at the end of a run that did not fail (failures have their own report). */
export function finishedMessage(p: RunProgress, status: 'completed' | 'stopped'): string {
  if (status === 'completed') {
    const accuracy = p.testAccuracy === null ? '' : `: test accuracy ${formatPercent(p.testAccuracy)}`;
    return `Training "${p.modelName}" completed${accuracy}.`;
  }
  const epochs = p.epochsPlanned === null ? '' : ` after ${p.epochsDone} of ${p.epochsPlanned} epochs`;
  const hint = p.epochsDone > 0 ? ' "CNN Lab: Resume Run" continues it from its last checkpoint.' : '';
  return `Training "${p.modelName}" stopped${epochs}.${hint}`;
}
