// Entry of the extension host side. Activation only wires things together: training runs
// in a child process (src/node/trainingProcess.ts), so TensorFlow.js is never loaded here.
import * as vscode from 'vscode';
import { startTraining } from '../node/trainingProcess';
import { COMMANDS, type CommandContext } from './commandContext';
import { createDashboards } from './dashboardBridge';
import { registerModelEditorFeatures } from './editor';
import { createOutputChannel } from './outputChannel';
import { registerRunCommands } from './runCommands';
import { RunsTreeProvider } from './runsTreeProvider';
import { affectsCnnLab, runsLocations } from './settings';
import { createTrainingStatusBar } from './statusBar';
import { registerTemplateCommand } from './templateCommand';
import { registerTrainCommands } from './trainCommands';
import { TrainingController } from './trainingController';

/** Called by VS Code when a `*.cnn.json` workspace opens, a CNN Lab view shows or a command runs. */
export function activate(context: vscode.ExtensionContext): void {
  const globalStorage = context.globalStorageUri;
  const controller = new TrainingController({
    startTraining: (request) => startTraining(request),
    isWorkspaceTrusted: () => vscode.workspace.isTrusted,
  });
  const { channel, disposables: outputDisposables } = createOutputChannel(controller);
  const locations = () => runsLocations(globalStorage);
  const runsTree = new RunsTreeProvider(locations, COMMANDS.openDashboard);
  const dashboards = createDashboards(context, controller, channel);
  const ctx: CommandContext = { extensionUri: context.extensionUri, globalStorage, controller, runsTree, dashboards: dashboards.api, output: channel, locations };

  context.subscriptions.push(
    controller,
    ...outputDisposables,
    runsTree,
    vscode.window.createTreeView(RunsTreeProvider.viewId, { treeDataProvider: runsTree, showCollapseAll: false, canSelectMany: true }),
    ...dashboards.disposables,
    createTrainingStatusBar(controller, COMMANDS.openDashboard),
    ...registerTrainCommands(ctx),
    ...registerRunCommands(ctx),
    registerTemplateCommand(ctx),
    // Menus switch between Train and Stop on this key.
    controller.onDidChangeProgress((progress) => {
      void vscode.commands.executeCommand('setContext', 'cnnLab.training', progress !== null);
    }),
    // The run in progress rewrites run.json each epoch; the watcher sees it too, but a
    // runs folder outside the workspace may not be watched.
    controller.onEvent(({ event }) => {
      if (event.type === 'trainBegin' || event.type === 'epoch') runsTree.refresh();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => runsTree.rewatch()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsCnnLab(e)) runsTree.rewatch();
    }),
  );
  // Diagnostics, quick fixes, shape hints, lenses, hover and the Model Summary of *.cnn.json files.
  registerModelEditorFeatures(context);
  void vscode.commands.executeCommand('setContext', 'cnnLab.training', false);
}

/** Nothing to do: every resource is in context.subscriptions, which VS Code disposes (the controller kills a running worker). */
export function deactivate(): void {}
