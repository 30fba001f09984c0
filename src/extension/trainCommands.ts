// Train Model, Stop Training and Resume Run, and what the user hears when a run ends.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readRun } from '../node/runStore';
import { runFile } from '../node/runFolder';
import { parseModelFile } from '../shared/parseModelFile';
import { runDirOf } from './commandArguments';
import { COMMANDS, type CommandContext } from './commandContext';
import { chooseModelFile, modelFilePickFields } from './modelFileChoice';
import { allRuns, pickRun } from './runPicker';
import { isResumable } from './runPresentation';
import { settingsForFile } from './settings';
import { showTrainingNotification } from './trainingNotification';
import { checkCanStart, refusalMessage, type StartRefusal } from './trainingGuard';
import { finishedMessage } from './trainingStatusText';

/** Registers the training commands and the end-of-run notifications. */
export function registerTrainCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.train, (arg?: unknown) => train(ctx, arg)),
    vscode.commands.registerCommand(COMMANDS.stop, () => {
      if (!ctx.controller.stop()) void vscode.window.showInformationMessage('CNN Lab: no training is running.');
    }),
    vscode.commands.registerCommand(COMMANDS.resumeRun, (arg?: unknown) => resume(ctx, arg)),
    ctx.controller.onDidFinish(({ progress, done, failure }) => {
      ctx.runsTree.refresh();
      if (failure) {
        void vscode.window.showErrorMessage(failure.message, 'Show Log', 'Open Dashboard').then((choice) => {
          if (choice === 'Show Log') ctx.output.show(true);
          if (choice === 'Open Dashboard' && progress.runDir) void ctx.dashboards.showRun(progress.runDir);
        });
        return;
      }
      if (done.status === 'completed' || done.status === 'stopped') {
        void vscode.window.showInformationMessage(finishedMessage(progress, done.status), 'Open Dashboard').then((choice) => {
          if (choice && progress.runDir) void ctx.dashboards.showRun(progress.runDir);
        });
      }
    }),
  ];
}

async function train(ctx: CommandContext, arg: unknown): Promise<void> {
  // Refuse before asking for a file: a question whose answer is "no" anyway wastes the user's time.
  if (!showRefusal(ctx, preflight(ctx))) return;
  const modelFile = await resolveModelFile(arg);
  if (!modelFile) return;
  if (!(await saveAndCheck(modelFile))) return;
  start(ctx, modelFile, undefined);
}

async function resume(ctx: CommandContext, arg: unknown): Promise<void> {
  if (!showRefusal(ctx, preflight(ctx))) return;
  let runDir = runDirOf(arg);
  if (!runDir) {
    const runs = (await allRuns(ctx.locations())).filter(isResumable);
    runDir = (await pickRun(runs, 'Resume which run?', 'CNN Lab: no run can be resumed (a run resumes when it was stopped, interrupted or failed after at least one epoch).'))?.dir;
    if (!runDir) return;
  }
  const run = await readRun(runDir).catch(() => null);
  if (!run) {
    void vscode.window.showErrorMessage(`CNN Lab: ${runDir} is not a run folder (it has no readable run.json).`);
    return;
  }
  if (!isResumable(run)) {
    void vscode.window.showWarningMessage(`CNN Lab: run "${run.name}" is ${run.status} after ${run.epochsDone}/${run.epochsPlanned} epochs; only a run stopped, interrupted or failed after at least one epoch can resume.`);
    return;
  }
  // The run's own snapshot of the model: the file in the workspace may have changed since,
  // and the checkpoint's weights only fit the model they were trained with.
  start(ctx, runFile(run.dir, 'model'), run.dir);
}

function start(ctx: CommandContext, modelFile: string, resumeRunDir: string | undefined): void {
  const settings = settingsForFile(resumeRunDir ?? modelFile, ctx.globalStorage);
  const runsRoot = resumeRunDir ? path.dirname(resumeRunDir) : settings.runsRoot;
  let result: ReturnType<typeof ctx.controller.start>;
  try {
    result = ctx.controller.start({ modelFile, runsRoot, cacheDir: settings.cacheDir, backend: settings.backend, threads: settings.threads, resumeRunDir });
  } catch (error) {
    // fork() itself failed (no worker script, no Node binary): nothing runs, say why.
    const message = error instanceof Error ? error.message : String(error);
    ctx.output.error(`Could not start the training worker: ${message}`);
    void vscode.window.showErrorMessage(`CNN Lab: could not start the training worker: ${message}`, 'Show Log').then((choice) => {
      if (choice) ctx.output.show(true);
    });
    return;
  }
  if (!result.started) {
    showRefusal(ctx, result.refusal);
    return;
  }
  ctx.output.info(`Training ${modelFile}${resumeRunDir ? ` (resuming ${resumeRunDir})` : ''} with backend "${settings.backend}"; runs in ${runsRoot}`);
  showTrainingNotification(ctx.controller, result.progress);
  void ctx.dashboards.showActive();
  ctx.runsTree.refresh();
}

function preflight(ctx: CommandContext): StartRefusal | null {
  return checkCanStart({ workspaceTrusted: vscode.workspace.isTrusted, running: ctx.controller.progress });
}

/** Shows a refusal with the action that resolves it; true when there was none. */
function showRefusal(ctx: CommandContext, refusal: StartRefusal | null): boolean {
  if (!refusal) return true;
  const message = refusalMessage(refusal);
  if (refusal.kind === 'untrusted') {
    void vscode.window.showWarningMessage(message, 'Manage Workspace Trust').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  } else {
    void vscode.window.showWarningMessage(message, 'Stop It', 'Open Dashboard').then((choice) => {
      if (choice === 'Stop It') ctx.controller.stop();
      if (choice === 'Open Dashboard') void ctx.dashboards.showActive();
    });
  }
  return false;
}

async function resolveModelFile(arg: unknown): Promise<string | undefined> {
  const invokedOn = arg instanceof vscode.Uri ? arg.fsPath : undefined;
  const active = vscode.window.activeTextEditor?.document;
  const activeFile = active && active.uri.scheme === 'file' ? active.uri.fsPath : undefined;
  const needSearch = !invokedOn && !(activeFile && /\.cnn\.json$/i.test(activeFile));
  const found = needSearch ? await vscode.workspace.findFiles('**/*.cnn.json', '{**/node_modules/**,**/.cnn-lab/**}') : [];
  const choice = chooseModelFile(invokedOn, activeFile, found.map((u) => u.fsPath));
  switch (choice.kind) {
    case 'use':
      return choice.file;
    case 'none': {
      const action = await vscode.window.showInformationMessage('CNN Lab: there is no *.cnn.json model file in this workspace.', 'New Model from Template');
      if (action) void vscode.commands.executeCommand(COMMANDS.newModelFromTemplate);
      return undefined;
    }
    case 'ask': {
      const items = choice.files.map((file) => ({ ...modelFilePickFields(file, vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file))?.uri.fsPath), file }));
      return (await vscode.window.showQuickPick(items, { placeHolder: 'Train which model?', matchOnDescription: true }))?.file;
    }
    default: {
      const unknownChoice: never = choice;
      return unknownChoice;
    }
  }
}

/** Saves an open, modified model file (the worker reads the disk) and refuses one with errors. */
async function saveAndCheck(modelFile: string): Promise<boolean> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === modelFile);
  if (open?.isDirty) await open.save();
  const text = open ? open.getText() : Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(modelFile))).toString('utf8');
  const errors = parseModelFile(text).diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return true;
  const first = errors[0];
  const choice = await vscode.window.showErrorMessage(
    `CNN Lab: ${path.basename(modelFile)} has ${errors.length} error${errors.length === 1 ? '' : 's'}; fix ${errors.length === 1 ? 'it' : 'them'} to train. Line ${first.start.line}: ${first.message}`,
    'Go to Error',
  );
  if (choice) {
    const position = new vscode.Position(first.start.line - 1, first.start.column - 1);
    await vscode.window.showTextDocument(vscode.Uri.file(modelFile), { selection: new vscode.Range(position, position) });
  }
  return false;
}
