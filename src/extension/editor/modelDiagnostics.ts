// Problems of `*.cnn.json` files as the user types: parseModelFile's diagnostics, placed at
// their exact ranges, refreshed 200 ms after the last keystroke and cleared on close.
import * as vscode from 'vscode';
import type { Diagnostic } from '../../shared/parseModelFile';
import { analyzeModelDocument, forgetModelDocument, isModelDocument } from './modelDocuments';

export const DIAGNOSTIC_SOURCE = 'CNN Lab';
const DEBOUNCE_MS = 200;

/** Keeps the 'cnnLab' diagnostic collection in step with open model files. */
export function registerModelDiagnostics(): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('cnnLab');
  const timers = new Map<string, NodeJS.Timeout>();
  const cancel = (uri: vscode.Uri) => {
    const key = uri.toString();
    clearTimeout(timers.get(key));
    timers.delete(key);
  };
  const update = (document: vscode.TextDocument) => {
    cancel(document.uri);
    if (document.isClosed || !hasProblemsToShow(document)) return;
    const { parsed } = analyzeModelDocument(document);
    collection.set(document.uri, parsed.diagnostics.map((d) => toVsDiagnostic(document, d)));
  };
  const schedule = (document: vscode.TextDocument) => {
    if (!hasProblemsToShow(document)) return;
    cancel(document.uri);
    timers.set(document.uri.toString(), setTimeout(() => update(document), DEBOUNCE_MS));
  };

  vscode.workspace.textDocuments.forEach(update);
  return vscode.Disposable.from(
    collection,
    vscode.workspace.onDidOpenTextDocument(update),
    vscode.workspace.onDidChangeTextDocument((e) => schedule(e.document)),
    // A rename to or from *.cnn.json arrives as a close and an open.
    vscode.workspace.onDidCloseTextDocument((document) => {
      cancel(document.uri);
      collection.delete(document.uri);
      forgetModelDocument(document.uri);
    }),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
}

/** Model files on disk: a diff's `git:` copy of one would list every problem twice. */
function hasProblemsToShow(document: vscode.TextDocument): boolean {
  return isModelDocument(document) && (document.uri.scheme === 'file' || document.uri.scheme === 'untitled');
}

/** One of parseModelFile's diagnostics as VS Code shows it. */
export function toVsDiagnostic(document: vscode.TextDocument, d: Diagnostic): vscode.Diagnostic {
  const range = new vscode.Range(document.positionAt(d.start.offset), document.positionAt(d.end.offset));
  const diagnostic = new vscode.Diagnostic(range, d.message, severityOf(d));
  diagnostic.code = d.code;
  diagnostic.source = DIAGNOSTIC_SOURCE;
  return diagnostic;
}

/** Keras spellings are accepted as they are, so they get the quiet Hint dots rather than a squiggle. */
function severityOf(d: Diagnostic): vscode.DiagnosticSeverity {
  switch (d.severity) {
    case 'error': return vscode.DiagnosticSeverity.Error;
    case 'warning': return vscode.DiagnosticSeverity.Warning;
    case 'info': return d.code.startsWith('snake-case-') ? vscode.DiagnosticSeverity.Hint : vscode.DiagnosticSeverity.Information;
    default: {
      const unknown: never = d.severity;
      return unknown;
    }
  }
}
