// Commands on recorded runs: Open Dashboard, Compare Runs, Delete Run, Reveal Run Folder,
// and the Runs view's refresh. Each takes the run it was invoked on or asks for one.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { deleteRun, readRun } from '../node/runStore';
import { runDirOf, runDirsOf } from './commandArguments';
import { COMMANDS, type CommandContext } from './commandContext';
import { allRuns, pickRun, pickRuns } from './runPicker';

/** Registers the run commands. */
export function registerRunCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.openDashboard, (arg?: unknown) => openDashboard(ctx, arg)),
    vscode.commands.registerCommand(COMMANDS.compareRuns, (arg?: unknown) => compare(ctx, arg)),
    vscode.commands.registerCommand(COMMANDS.deleteRun, (arg?: unknown, selected?: unknown) => remove(ctx, arg, selected)),
    vscode.commands.registerCommand(COMMANDS.revealRun, (arg?: unknown) => reveal(ctx, arg)),
    vscode.commands.registerCommand(COMMANDS.refreshRuns, () => ctx.runsTree.refresh()),
  ];
}

async function openDashboard(ctx: CommandContext, arg: unknown): Promise<void> {
  const runDir = runDirOf(arg);
  if (runDir) return ctx.dashboards.showRun(runDir);
  if (ctx.controller.progress) return ctx.dashboards.showActive();
  const run = await pickRun(await allRuns(ctx.locations()), 'Open the dashboard of which run?', 'CNN Lab: there are no runs yet; "CNN Lab: Train Model" starts one.');
  if (run) await ctx.dashboards.showRun(run.dir);
}

async function compare(ctx: CommandContext, arg: unknown): Promise<void> {
  // The dashboard's "compare" button may name the runs; the palette asks.
  const given = arg === undefined ? [] : runDirsOf(arg, undefined);
  let runDirs = given;
  if (runDirs.length < 2) {
    const runs = await allRuns(ctx.locations());
    if (runs.length < 2) {
      void vscode.window.showInformationMessage(`CNN Lab: comparing needs at least two runs; there ${runs.length === 1 ? 'is one' : 'are none'}.`);
      return;
    }
    const picked = await pickRuns(runs, 'Compare which runs? (pick two or more)', new Set(given));
    if (!picked) return;
    if (picked.length < 2) {
      void vscode.window.showInformationMessage('CNN Lab: pick at least two runs to compare.');
      return;
    }
    runDirs = picked.map((r) => r.dir);
  }
  await ctx.dashboards.compare(runDirs);
}

async function remove(ctx: CommandContext, arg: unknown, selected: unknown): Promise<void> {
  // A multi-selection in the tree arrives as the second argument.
  let runDirs = runDirsOf(arg, selected);
  if (runDirs.length === 0) {
    const runs = (await allRuns(ctx.locations())).filter((r) => r.status !== 'running');
    const run = await pickRun(runs, 'Delete which run?', 'CNN Lab: there is no finished run to delete.');
    if (!run) return;
    runDirs = [run.dir];
  }
  const activeDir = ctx.controller.progress?.runDir;
  if (activeDir && runDirs.some((d) => path.resolve(d) === path.resolve(activeDir))) {
    void vscode.window.showWarningMessage('CNN Lab: that run is training now; stop it before deleting it.');
    return;
  }
  const names = await Promise.all(runDirs.map((d) => readRun(d).then((r) => r.name, () => path.basename(d))));
  const what = names.length === 1 ? `run "${names[0]}"` : `${names.length} runs (${names.join(', ')})`;
  const answer = await vscode.window.showWarningMessage(
    `Delete ${what}? Its metrics, checkpoints and log are removed from disk.`, { modal: true }, 'Delete',
  );
  if (answer !== 'Delete') return;
  for (const dir of runDirs) {
    ctx.dashboards.forget(dir);
    try {
      await deleteRun(dir);
    } catch (error) {
      void vscode.window.showErrorMessage(`CNN Lab: could not delete ${dir}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  ctx.runsTree.refresh();
}

async function reveal(ctx: CommandContext, arg: unknown): Promise<void> {
  let runDir = runDirOf(arg);
  if (!runDir) runDir = (await pickRun(await allRuns(ctx.locations()), 'Reveal which run folder?', 'CNN Lab: there are no runs yet.'))?.dir;
  if (!runDir) return;
  const uri = vscode.Uri.file(runDir);
  // In the workspace the Explorer can show it, also in a remote window; outside, only the OS file manager can.
  if (vscode.workspace.getWorkspaceFolder(uri)) {
    await vscode.commands.executeCommand('revealInExplorer', uri);
  } else if (vscode.env.remoteName === undefined) {
    await vscode.commands.executeCommand('revealFileInOS', uri);
  } else {
    void vscode.window.showInformationMessage(`CNN Lab: the run folder is ${runDir}`);
  }
}
