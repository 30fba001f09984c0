// New Model from Template: copies one of the example model files that ship with the
// extension into the workspace and opens it.
import * as vscode from 'vscode';
import { COMMANDS, type CommandContext } from './commandContext';
import { IMAGE_FOLDER_TEMPLATE_LABEL, MODEL_TEMPLATES, textForWorkspace, uniqueFileName, type ModelTemplate } from './modelTemplates';
import { newModelFromImageFolder } from './editor';

/** Registers the command. */
export function registerTemplateCommand(ctx: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.newModelFromTemplate, () => newModelFromTemplate(ctx));
}

async function newModelFromTemplate(ctx: CommandContext): Promise<void> {
  const available = await availableTemplates(ctx.extensionUri);
  if (available.length === 0) {
    void vscode.window.showErrorMessage('CNN Lab: the extension\'s examples folder is missing; reinstall CNN Lab.');
    return;
  }
  const picked = await vscode.window.showQuickPick<vscode.QuickPickItem & { template?: ModelTemplate }>(
    [
      ...available.map((t) => ({ label: t.label, detail: t.description, description: t.file, template: t })),
      { label: IMAGE_FOLDER_TEMPLATE_LABEL, detail: 'Pick a folder of train/<class>/ images: the classes and image size are read from it' },
    ],
    { placeHolder: 'Start a new model from which template?' },
  );
  if (!picked) return;
  if (!picked.template) {
    await newModelFromImageFolder();
    return;
  }
  const target = await targetUri(picked.template);
  if (!target) return;
  const source = vscode.Uri.joinPath(ctx.extensionUri, 'examples', picked.template.file);
  const text = textForWorkspace(Buffer.from(await vscode.workspace.fs.readFile(source)).toString('utf8'));
  await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
  await vscode.window.showTextDocument(target);
}

async function availableTemplates(extensionUri: vscode.Uri): Promise<ModelTemplate[]> {
  const exists = await Promise.all(MODEL_TEMPLATES.map((t) =>
    vscode.workspace.fs.stat(vscode.Uri.joinPath(extensionUri, 'examples', t.file)).then(() => true, () => false)));
  return MODEL_TEMPLATES.filter((_, i) => exists[i]);
}

/** Where the copy goes: the root of the (chosen) workspace folder under a free name, or a save dialog without a workspace. */
async function targetUri(template: ModelTemplate): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    return vscode.window.showSaveDialog({ filters: { 'CNN Lab model': ['cnn.json'] }, saveLabel: 'Create Model', title: template.label });
  }
  const folder = folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Create the model in which folder?' });
  if (!folder) return undefined;
  const existing = new Set((await vscode.workspace.fs.readDirectory(folder.uri)).map(([name]) => name.toLowerCase()));
  return vscode.Uri.joinPath(folder.uri, uniqueFileName(template.file, (name) => existing.has(name.toLowerCase())));
}
