// Connects the two webviews (DashboardPanel, MisclassifiedView) to the rest of the
// extension: live events of the controller go to the dashboard, the dashboard's buttons
// come back as controller and command calls, a matrix cell fills the Misclassified view.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FeatureMapCache } from '../node/featureMapRequest';
import { readTestImage } from '../node/testImageFile';
import { COMMANDS, type Dashboards } from './commandContext';
import { DashboardPanel, type DashboardHost, type TestImageInspector } from './dashboardPanel';
import { MisclassifiedView } from './misclassifiedView';
import { settingsForFile } from './settings';
import type { TrainingController } from './trainingController';

/** Creates the dashboards service the commands use, and registers the webview providers. */
export function createDashboards(context: vscode.ExtensionContext, controller: TrainingController, output: vscode.LogOutputChannel): { api: Dashboards; disposables: vscode.Disposable[] } {
  const extensionUri = context.extensionUri;
  const report = (what: string) => (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    output.error(`${what}: ${message}`);
    void vscode.window.showErrorMessage(`CNN Lab: ${what}: ${message}`);
  };

  // Images that are not probes get their maps from a short-lived worker, never from TensorFlow.js in this process.
  const featureMapCache = new FeatureMapCache();
  const inspector: TestImageInspector = {
    image: readTestImage,
    featureMaps: async (runDir, testIndex) => {
      try {
        const backend = settingsForFile(runDir, context.globalStorageUri).backend;
        const { epoch, maps } = await featureMapCache.get({ runDir, testIndex, backend });
        return { epoch, layers: maps.layers };
      } catch (error) {
        // The dashboard shows the message; the output channel keeps it with the worker's log lines.
        output.error(`Feature maps of test image #${testIndex} of ${runDir}: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      }
    },
  };
  const misclassified = new MisclassifiedView(extensionUri, {
    executeCommand: (command) => vscode.commands.executeCommand(command),
    openImage: (runDir, testIndex) => void DashboardPanel.openImage(extensionUri, runDir, testIndex, host, inspector).catch(report('could not open the image')),
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
