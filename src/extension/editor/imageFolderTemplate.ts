// New Model from My Image Folder: asks for a folder of class subfolders, writes a model file
// sized to its images next to it in the workspace (`<folder name>.cnn.json`) and opens it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { imageFolderTemplate, modelFileNameFor } from '../../shared/editor/imageFolderTemplate';
import { uniqueFileName } from '../modelTemplates';
import { scanImageFolderForTemplate } from './imageFolderScan';

export { scanImageFolderForTemplate, type ImageFolderScan } from './imageFolderScan';

/** Asks for an image folder, writes and opens a model file for it; the file's URI, or undefined if cancelled. */
export async function newModelFromImageFolder(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true, canSelectFiles: false, canSelectMany: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    openLabel: 'Use This Folder',
    title: 'Image folder: train/<class>/*.png|jpg (or one subfolder per class)',
  });
  const folder = picked?.[0];
  if (!folder) return undefined;
  if (folder.scheme !== 'file') {
    void vscode.window.showErrorMessage('CNN Lab: the image folder must be on this machine\'s disk.');
    return undefined;
  }
  const folderName = path.basename(folder.fsPath);
  const scan = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `CNN Lab: reading ${folderName}` },
    () => scanImageFolderForTemplate(folder.fsPath),
  );
  if (scan.classNames.length < 2) {
    void vscode.window.showErrorMessage(
      `CNN Lab: ${folderName} needs one subfolder of images per class, at least two (under train/ or directly); found ${scan.classNames.length === 0 ? 'none' : `only "${scan.classNames[0]}"`}.`);
    return undefined;
  }

  const targetDir = modelFolderFor(folder);
  const existing = new Set((await vscode.workspace.fs.readDirectory(targetDir)).map(([name]) => name.toLowerCase()));
  const fileName = uniqueFileName(modelFileNameFor(folderName), (name) => existing.has(name.toLowerCase()));
  const target = vscode.Uri.joinPath(targetDir, fileName);
  const folderPath = path.relative(targetDir.fsPath, folder.fsPath).split(path.sep).join('/') || '.';
  const text = imageFolderTemplate({ name: folderName, folderPath, classNames: scan.classNames, imageSize: scan.imageSize, grayscale: scan.grayscale });
  await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
  await vscode.window.showTextDocument(target);
  if (!scan.hasTrainFolder) {
    void vscode.window.showWarningMessage(
      `CNN Lab: training reads the classes from ${folderName}/train/<class>/. Move the ${scan.classNames.length} class folders into a train/ subfolder (a test/ subfolder with the same classes is optional).`);
  }
  return target;
}

/** The workspace folder that holds the image folder, else the first workspace folder, else the image folder's parent. */
function modelFolderFor(imageFolder: vscode.Uri): vscode.Uri {
  const folder = vscode.workspace.getWorkspaceFolder(imageFolder) ?? vscode.workspace.workspaceFolders?.[0];
  return folder?.uri ?? vscode.Uri.file(path.dirname(imageFolder.fsPath));
}
