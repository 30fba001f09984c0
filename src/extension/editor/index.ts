// Editing `*.cnn.json` files: diagnostics as you type, quick fixes, shapes in place (inlay
// hints, the Train/Summary lens), the layer hover, the Model Summary panel and the
// "My image folder" template. Everything here is registered by one call from activate().
import * as vscode from 'vscode';
import { EDITOR_COMMANDS } from './editorCommands';
import { newModelFromImageFolder } from './imageFolderTemplate';
import { LayerHoverProvider } from './layerHoverProvider';
import { ModelCodeLensProvider } from './modelCodeLens';
import { registerModelDiagnostics } from './modelDiagnostics';
import { MODEL_FILE_SELECTOR } from './modelDocuments';
import { ModelSummaryPanel, showModelSummary } from './modelSummaryPanel';
import { ModelQuickFixProvider } from './quickFixProvider';
import { ShapeInlayHintsProvider } from './shapeInlayHints';

export { newModelFromImageFolder, scanImageFolderForTemplate } from './imageFolderTemplate';
export { EDITOR_COMMANDS } from './editorCommands';

/** Registers the model-file editor features; everything is disposed with the extension. */
export function registerModelEditorFeatures(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    registerModelDiagnostics(),
    vscode.languages.registerCodeActionsProvider(MODEL_FILE_SELECTOR, new ModelQuickFixProvider(), ModelQuickFixProvider.metadata),
    vscode.languages.registerInlayHintsProvider(MODEL_FILE_SELECTOR, new ShapeInlayHintsProvider()),
    vscode.languages.registerCodeLensProvider(MODEL_FILE_SELECTOR, new ModelCodeLensProvider()),
    vscode.languages.registerHoverProvider(MODEL_FILE_SELECTOR, new LayerHoverProvider()),
    vscode.commands.registerCommand(EDITOR_COMMANDS.showModelSummary, (arg?: unknown) => showModelSummary(arg)),
    vscode.commands.registerCommand(EDITOR_COMMANDS.newModelFromImageFolder, () => newModelFromImageFolder()),
    ModelSummaryPanel.registerSerializer(),
  );
}
