// Quick picks over the runs of every workspace folder, for commands run from the palette
// (the Runs view passes the run it was invoked on instead).
import * as vscode from 'vscode';
import { listRuns, type RunRecord } from '../node/runStore';
import { runPickFields } from './runPresentation';
import type { RunsLocation } from './settings';

/** Every run of every workspace folder, newest first. */
export async function allRuns(locations: readonly RunsLocation[]): Promise<RunRecord[]> {
  const lists = await Promise.all(locations.map((l) => listRuns(l.runsRoot).catch(() => [] as RunRecord[])));
  return lists.flat().sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Lets the user pick one run among those `filter` keeps; undefined when cancelled or there is none. */
export async function pickRun(runs: readonly RunRecord[], placeHolder: string, emptyMessage: string): Promise<RunRecord | undefined> {
  if (runs.length === 0) {
    void vscode.window.showInformationMessage(emptyMessage);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(runs.map((run) => ({ ...runPickFields(run), run })), { placeHolder, matchOnDescription: true });
  return picked?.run;
}

/** Lets the user pick several runs; undefined when cancelled. */
export async function pickRuns(runs: readonly RunRecord[], placeHolder: string, preselected: ReadonlySet<string> = new Set()): Promise<RunRecord[] | undefined> {
  const items = runs.map((run) => ({ ...runPickFields(run), run, picked: preselected.has(run.dir) }));
  const picked = await vscode.window.showQuickPick(items, { placeHolder, canPickMany: true, matchOnDescription: true });
  return picked?.map((p) => p.run);
}
