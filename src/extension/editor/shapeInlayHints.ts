// Each layer's output shape and parameter count at the end of its line, as inlay hints.
import * as vscode from 'vscode';
import { layerShapeHints } from '../../shared/editor/shapeHints';
import { analyzeModelDocument } from './modelDocuments';

/** Inlay hints `→ 16×16×32 · 896 params` after the layers of a model file. */
export class ShapeInlayHintsProvider implements vscode.InlayHintsProvider {
  provideInlayHints(document: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    const { outline } = analyzeModelDocument(document);
    return layerShapeHints(document.getText(), outline)
      .map((hint) => ({ hint, position: document.positionAt(hint.offset) }))
      .filter(({ position }) => range.contains(position))
      .map(({ hint, position }) => {
        const inlay = new vscode.InlayHint(position, hint.label);
        inlay.tooltip = hint.tooltip;
        inlay.paddingLeft = true;
        return inlay;
      });
  }
}
