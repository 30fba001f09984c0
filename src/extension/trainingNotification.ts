// The progress notification of a run: epochs as a progress bar, and a Cancel button that
// stops the run after its current batch (the same as "CNN Lab: Stop Training").
import * as vscode from 'vscode';
import { describeProgress, percentDone } from './trainingStatusText';
import type { RunProgress } from './runProgress';
import type { TrainingController } from './trainingController';

/** Shows the notification until the run that is active now finishes. */
export function showTrainingNotification(controller: TrainingController, first: RunProgress): void {
  void vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `CNN Lab: training ${first.modelName}`, cancellable: true },
    (progress, token) => new Promise<void>((resolve) => {
      let reported = 0;
      const report = (p: RunProgress) => {
        const percent = percentDone(p);
        const increment = percent === null ? undefined : Math.max(0, percent - reported);
        if (percent !== null) reported = Math.max(reported, percent);
        progress.report({ message: describeProgress(p), increment });
      };
      report(first);
      const subscriptions = [
        token.onCancellationRequested(() => controller.stop()),
        controller.onDidChangeProgress((p) => {
          if (p) {
            report(p);
            return;
          }
          for (const s of subscriptions) s.dispose();
          resolve();
        }),
      ];
    }),
  );
}
