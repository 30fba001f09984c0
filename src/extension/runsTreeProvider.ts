// The Runs view: every run folder of every workspace folder, newest first, with its status
// icon, epochs and best validation accuracy. It refreshes when run folders change on disk
// (FileSystemWatcher on run.json files) and at each epoch of the run in progress.
import * as vscode from 'vscode';
import { listRuns, type RunRecord } from '../node/runStore';
import { runItemFields } from './runPresentation';
import type { RunsLocation } from './settings';

/** A run as the view holds it, with the workspace folder it belongs to. */
export interface RunNode {
  run: RunRecord;
  folder: vscode.WorkspaceFolder;
}

export class RunsTreeProvider implements vscode.TreeDataProvider<RunNode>, vscode.Disposable {
  static readonly viewId = 'cnnLab.runs';

  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private watchers: vscode.Disposable[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(private readonly locations: () => RunsLocation[], private readonly openCommand: string) {
    this.watch();
  }

  /** Re-reads the run folders soon; bursts of changes (a run writes several files) become one refresh. */
  refresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.changed.fire(), 250);
  }

  /** Watches the runs folders again, after the workspace folders or the settings changed. */
  rewatch(): void {
    this.watch();
    this.refresh();
  }

  getTreeItem(node: RunNode): vscode.TreeItem {
    const fields = runItemFields(node.run);
    const item = new vscode.TreeItem(fields.label, vscode.TreeItemCollapsibleState.None);
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    item.id = node.run.dir;
    item.description = multiRoot ? `${fields.description} · ${node.folder.name}` : fields.description;
    item.tooltip = fields.tooltip;
    item.iconPath = new vscode.ThemeIcon(fields.icon.id, fields.icon.color ? new vscode.ThemeColor(fields.icon.color) : undefined);
    item.contextValue = fields.contextValue;
    item.resourceUri = vscode.Uri.file(node.run.dir);
    item.command = { title: 'Open Dashboard', command: this.openCommand, arguments: [node] };
    return item;
  }

  async getChildren(node?: RunNode): Promise<RunNode[]> {
    if (node) return [];
    const perFolder = await Promise.all(this.locations().map(async ({ folder, runsRoot }) => {
      const runs = await listRuns(runsRoot).catch(() => [] as RunRecord[]);
      return runs.map((run) => ({ run, folder }));
    }));
    return perFolder.flat().sort((a, b) => b.run.createdAt.localeCompare(a.run.createdAt));
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    for (const w of this.watchers) w.dispose();
    this.changed.dispose();
  }

  private watch(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = this.locations().map(({ runsRoot }) => {
      // Only run folders and their run.json matter for the list; metrics.jsonl, which changes
      // every few batches, is left out. A folder deleted as a whole reports only the folder.
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(runsRoot), '{*,*/run.json}'));
      const onChange = () => this.refresh();
      return vscode.Disposable.from(watcher, watcher.onDidCreate(onChange), watcher.onDidChange(onChange), watcher.onDidDelete(onChange));
    });
  }
}
