// Reads the `cnnLab.*` settings for the workspace folder a model file or run belongs to.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { resolveSettings, type CnnLabSettings } from './settingsResolution';

/** Where runs of one workspace folder live. */
export interface RunsLocation {
  folder: vscode.WorkspaceFolder;
  runsRoot: string;
}

/** The resolved settings for a file: relative folders count from its workspace folder, else from its own folder. */
export function settingsForFile(file: string, globalStorage: vscode.Uri): CnnLabSettings {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
  return settingsFor(folder, folder?.uri.fsPath ?? path.dirname(file), globalStorage);
}

/** The runs folder of every workspace folder, in workspace order. */
export function runsLocations(globalStorage: vscode.Uri): RunsLocation[] {
  return (vscode.workspace.workspaceFolders ?? []).map((folder) => ({
    folder,
    runsRoot: settingsFor(folder, folder.uri.fsPath, globalStorage).runsRoot,
  }));
}

/** True when a configuration change touches a setting that moves runs or the cache. */
export function affectsCnnLab(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('cnnLab');
}

function settingsFor(folder: vscode.WorkspaceFolder | undefined, base: string, globalStorage: vscode.Uri): CnnLabSettings {
  const config = vscode.workspace.getConfiguration('cnnLab', folder);
  return resolveSettings(
    { backend: config.get('backend'), trainingThreads: config.get('trainingThreads'), runsFolder: config.get('runsFolder'), datasetCacheFolder: config.get('datasetCacheFolder') },
    base,
    globalStorage.fsPath,
  );
}
