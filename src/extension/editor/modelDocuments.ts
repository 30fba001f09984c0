// Which documents are model files, and one analysis of each version that the diagnostics,
// hints, lenses, hover and summary all share (each would otherwise parse on every request).
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { outlineModel, type ModelOutline } from '../../shared/editor/modelOutline';
import { parseModelFile, type ParsedModelFile } from '../../shared/parseModelFile';

/** Documents the editor features apply to: any language, any scheme, a name ending in .cnn.json. */
export const MODEL_FILE_SELECTOR: vscode.DocumentSelector = { pattern: '**/*.cnn.json' };

/** What the text of one document version says. */
export interface ModelAnalysis {
  version: number;
  parsed: ParsedModelFile;
  outline: ModelOutline;
}

type Document = Pick<vscode.TextDocument, 'uri' | 'version' | 'getText' | 'fileName'>;

/** True for a document whose file name ends in .cnn.json. */
export function isModelDocument(document: Pick<vscode.TextDocument, 'fileName'>): boolean {
  return /\.cnn\.json$/i.test(document.fileName);
}

/** The model's name when the file gives none: the file name without .cnn.json. */
export function fallbackModelName(fileName: string): string {
  return path.basename(fileName).replace(/\.cnn\.json$/i, '') || 'model';
}

const cache = new Map<string, ModelAnalysis>();

/** The analysis of the document's current version, computed once per version. */
export function analyzeModelDocument(document: Document): ModelAnalysis {
  const key = document.uri.toString();
  const cached = cache.get(key);
  if (cached && cached.version === document.version) return cached;
  const text = document.getText();
  const analysis = { version: document.version, parsed: parseModelFile(text), outline: outlineModel(text, fallbackModelName(document.fileName)) };
  cache.set(key, analysis);
  return analysis;
}

/** Drops a closed document's analysis. */
export function forgetModelDocument(uri: vscode.Uri): void {
  cache.delete(uri.toString());
}
