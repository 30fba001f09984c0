// The "CNN Lab" output channel: the worker's log, a line per run start and end, and the
// full failure report (error plus log tail) when a run fails.
import * as vscode from 'vscode';
import type { TrainingController } from './trainingController';

/** Creates the channel and writes the controller's runs into it. */
export function createOutputChannel(controller: TrainingController): { channel: vscode.LogOutputChannel; disposables: vscode.Disposable[] } {
  const channel = vscode.window.createOutputChannel('CNN Lab', { log: true });
  const disposables: vscode.Disposable[] = [
    channel,
    controller.onLog((line) => channel.appendLine(line)),
    controller.onEvent(({ progress, event }) => {
      if (event.type === 'backend') channel.info(`Backend: ${event.name} (${event.threads} thread${event.threads === 1 ? '' : 's'})${event.note ? ` — ${event.note}` : ''}`);
      if (event.type === 'backend' && event.warning) channel.warn(event.warning);
      if (event.type === 'trainBegin') channel.info(`Run ${progress.runId} → ${progress.runDir}`);
    }),
    controller.onDidFinish(({ progress, done, failure }) => {
      if (failure) {
        channel.error(failure.details);
      } else {
        channel.info(`Training "${progress.modelName}" ${done.status}${done.runDir ? ` (${done.runDir})` : ''}`);
      }
    }),
  ];
  return { channel, disposables };
}
