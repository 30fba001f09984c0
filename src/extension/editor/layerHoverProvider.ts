// Hovering anywhere in a layer's { … } explains the layer in Keras terms.
import * as vscode from 'vscode';
import { layerHoverMarkdown } from '../../shared/editor/layerHover';
import { layerAtOffset } from '../../shared/editor/modelOutline';
import { analyzeModelDocument } from './modelDocuments';

/** The layer hover of model files. */
export class LayerHoverProvider implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const { outline } = analyzeModelDocument(document);
    const layer = layerAtOffset(outline, document.offsetAt(position));
    const markdown = layer && layerHoverMarkdown(outline, layer);
    if (!layer || !markdown) return undefined;
    const range = new vscode.Range(document.positionAt(layer.offset), document.positionAt(layer.offset + layer.length));
    return new vscode.Hover(new vscode.MarkdownString(markdown), range);
  }
}
