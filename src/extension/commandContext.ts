// What every command handler may use, gathered once in activate().
import type * as vscode from 'vscode';
import type { RunsTreeProvider } from './runsTreeProvider';
import type { RunsLocation } from './settings';
import type { TrainingController } from './trainingController';

/** The dashboards, as the commands see them (implemented in dashboardBridge.ts). */
export interface Dashboards {
  /** Opens or reveals the dashboard of a run, restored from what the run folder recorded. */
  showRun(runDir: string): Promise<void>;
  /** Opens the dashboard of the run being trained, which then follows it live. */
  showActive(): Promise<void>;
  /** Opens the dashboard's Compare view on these runs. */
  compare(runDirs: string[]): Promise<void>;
  /** Closes what shows a run that is being deleted. */
  forget(runDir: string): void;
}

export interface CommandContext {
  extensionUri: vscode.Uri;
  globalStorage: vscode.Uri;
  controller: TrainingController;
  runsTree: RunsTreeProvider;
  dashboards: Dashboards;
  output: vscode.LogOutputChannel;
  locations(): RunsLocation[];
}

/** Ids of every contributed command, as package.json declares them. */
export const COMMANDS = {
  train: 'cnnLab.train',
  stop: 'cnnLab.stop',
  openDashboard: 'cnnLab.openDashboard',
  resumeRun: 'cnnLab.resumeRun',
  compareRuns: 'cnnLab.compareRuns',
  newModelFromTemplate: 'cnnLab.newModelFromTemplate',
  deleteRun: 'cnnLab.deleteRun',
  revealRun: 'cnnLab.revealRun',
  refreshRuns: 'cnnLab.refreshRuns',
} as const;
