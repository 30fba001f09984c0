// Connects the two webviews (DashboardPanel, MisclassifiedView) to the rest of the
// extension: live events of the controller go to the dashboard, the dashboard's buttons
// come back as controller and command calls, a matrix cell fills the Misclassified view.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS, type Dashboards } from './commandContext';
import { DashboardPanel, type DashboardHost } from './dashboardPanel';
import { MisclassifiedView } from './misclassifiedView';
import type { TrainingController } from './trainingController';

/** Creates the dashboards service the commands use, and registers the webview providers. */
export function createDashboards(context: vscode.ExtensionContext, controller: TrainingController, output: vscode.LogOutputChannel): { api: Dashboards; disposables: vscode.Disposable[] } {
  const extensionUri = context.extensionUri;
  const report = (what: string) => (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    output.error(`${what}: ${message}`);
    void vscode.window.showErrorMessage(`CNN Lab: ${what}: ${message}`);
  };

  const misclassified = new MisclassifiedView(extensionUri, {
    executeCommand: (command) => vscode.commands.executeCommand(command),
    openImage: (runDir, testIndex) => void DashboardPanel.openImage(extensionUri, runDir, testIndex, host).catch(report('could not open the image')),
  });
  const host: DashboardHost = {
    stopTraining: () => {
      if (!controller.stop()) void vscode.window.showInformationMessage('CNN Lab: no training is running.');
    },
    showCell: (runDir, trueClass, predictedClass) => void misclassified.showCell(runDir, trueClass, predictedClass).catch(report('could not show the images of that cell')),
    compareRuns: (runDirs) => void vscode.commands.executeCommand(COMMANDS.compareRuns, runDirs),
  };

  const api: Dashboards = {
    showRun: async (runDir) => {
      await DashboardPanel.createOrShow(extensionUri, runDir, host).catch(report(`could not open the dashboard of ${runDir}`));
    },
    showActive: async () => {
      // Once the run folder is known, show it by folder: the panel then also restores after a reload.
      const runDir = controller.progress?.runDir ?? null;
      await DashboardPanel.createOrShow(extensionUri, runDir, host).catch(report('could not open the dashboard'));
    },
    compare: async (runDirs) => {
      const panel = DashboardPanel.current ?? await DashboardPanel.createOrShow(extensionUri, runDirs[0], host);
      await panel.showCompare(runDirs).catch(report('could not compare those runs'));
    },
    forget: (runDir) => {
      const current = DashboardPanel.current;
      if (current?.runDir && path.resolve(current.runDir) === path.resolve(runDir)) current.dispose();
    },
  };

  const disposables = [
    vscode.window.registerWebviewViewProvider(MisclassifiedView.viewType, misclassified, { webviewOptions: { retainContextWhenHidden: false } }),
    misclassified,
    DashboardPanel.registerSerializer(extensionUri, host),
    // Every event, panel open or not: the panel needs the live run's folder when it opens later.
    controller.onEvent(({ event }) => DashboardPanel.postLive(event)),
    { dispose: () => DashboardPanel.current?.dispose() },
  ];
  return { api, disposables };
}
