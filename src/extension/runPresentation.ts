// How a run reads in the Runs view and in quick picks: label, one-line summary, icon,
// tooltip and the context value that decides which menu items it gets. Pure and tested.
import type { RunRecord, RunStatus } from '../node/runFolder';
import { formatPercent } from './trainingStatusText';

/** A codicon id and the theme colour id to draw it in. */
export interface RunIcon {
  id: string;
  color: string | undefined;
}

/** The fields of a Runs-view item, independent of the vscode.TreeItem class. */
export interface RunItemFields {
  label: string;
  description: string;
  tooltip: string;
  icon: RunIcon;
  /** "run" plus flags the menus match on, e.g. "run resumable deletable". */
  contextValue: string;
}

const STATUS_ICONS: Record<RunStatus, RunIcon> = {
  running: { id: 'sync~spin', color: undefined },
  completed: { id: 'pass', color: 'testing.iconPassed' },
  stopped: { id: 'debug-stop', color: 'disabledForeground' },
  failed: { id: 'error', color: 'testing.iconFailed' },
  interrupted: { id: 'warning', color: 'list.warningForeground' },
};

/** A run can resume when it ended early and at least one epoch (so one checkpoint) was saved. */
export function isResumable(run: Pick<RunRecord, 'status' | 'epochsDone' | 'epochsPlanned'>): boolean {
  return (run.status === 'stopped' || run.status === 'interrupted' || run.status === 'failed')
    && run.epochsDone > 0 && run.epochsDone < run.epochsPlanned;
}

/** "epoch 3/10 · best val 54.2%": the summary shown beside a run's name. */
export function runSummary(run: RunRecord): string {
  const parts = [`epoch ${run.epochsDone}/${run.epochsPlanned}`];
  if (run.bestValAccuracy !== null) parts.push(`best val ${formatPercent(run.bestValAccuracy)}`);
  if (run.status !== 'completed' && run.status !== 'running') parts.push(run.status);
  return parts.join(' · ');
}

/** Everything the Runs view shows for one run. */
export function runItemFields(run: RunRecord): RunItemFields {
  const flags = ['run', run.status];
  if (isResumable(run)) flags.push('resumable');
  if (run.status !== 'running') flags.push('deletable');
  const tooltip = [
    `${run.name} — ${run.status}`,
    `Started ${formatTimestamp(run.createdAt)}`,
    `Epochs ${run.epochsDone}/${run.epochsPlanned}`,
    `Best validation accuracy ${formatPercent(run.bestValAccuracy)}`,
    `Test accuracy ${formatPercent(run.testAccuracy)}`,
    run.backend ? `Backend ${run.backend}` : null,
    run.resumedFrom ? `Resumed from ${run.resumedFrom}` : null,
    run.error ? `Error: ${run.error}` : null,
    run.dir,
  ].filter((l): l is string => l !== null).join('\n');
  return { label: run.name, description: runSummary(run), tooltip, icon: STATUS_ICONS[run.status], contextValue: flags.join(' ') };
}

/** "2026-11-29 05:15" from an ISO time, in local time; the input unchanged when it does not parse. */
export function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A quick-pick row for a run (label, description, detail). */
export function runPickFields(run: RunRecord): { label: string; description: string; detail: string } {
  return { label: run.name, description: runSummary(run), detail: `${formatTimestamp(run.createdAt)} · ${run.id}` };
}
