// The line above a model file: "▶ Train · 1,250,858 params · 20.7 M mult-adds/image" and "Summary".
import * as vscode from 'vscode';
import { trainLensTitle } from '../../shared/editor/shapeHints';
import { COMMANDS } from '../commandContext';
import { EDITOR_COMMANDS } from './editorCommands';
import { analyzeModelDocument } from './modelDocuments';

/** The Train and Summary lenses at the top of a model file. */
export class ModelCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const { parsed, outline } = analyzeModelDocument(document);
    const errors = parsed.diagnostics.filter((d) => d.severity === 'error').length;
    const top = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(top, { title: trainLensTitle(outline, errors), command: COMMANDS.train, arguments: [document.uri], tooltip: 'Train this model (CNN Lab: Train Model)' }),
      new vscode.CodeLens(top, { title: 'Summary', command: EDITOR_COMMANDS.showModelSummary, arguments: [document.uri], tooltip: 'Keras model.summary() and a diagram of the layers' }),
    ];
  }
}
