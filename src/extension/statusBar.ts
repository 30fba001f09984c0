// The status bar item shown while a run trains: epoch, accuracy, ETA; a click opens the
// run's dashboard. It disappears when the run ends.
import * as vscode from 'vscode';
import { statusBarText } from './trainingStatusText';
import type { TrainingController } from './trainingController';

/** Creates the item and keeps it in step with the controller. */
export function createTrainingStatusBar(controller: TrainingController, openDashboardCommand: string): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('cnnLab.training', vscode.StatusBarAlignment.Left, 50);
  item.name = 'CNN Lab Training';
  item.command = { title: 'Open Dashboard', command: openDashboardCommand };
  const subscription = controller.onDidChangeProgress((progress) => {
    if (!progress) {
      item.hide();
      return;
    }
    item.text = statusBarText(progress);
    item.tooltip = new vscode.MarkdownString(`**CNN Lab** — training \`${progress.modelFile}\`\n\nClick to open the dashboard.`);
    item.show();
  });
  return vscode.Disposable.from(item, subscription);
}
