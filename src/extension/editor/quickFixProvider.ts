// The light bulb on a model file's problems: the edits come from shared/editor/quickFixes.ts;
// this only finds the problem behind each VS Code diagnostic and converts offsets to ranges.
import * as vscode from 'vscode';
import { fixAllSnakeCase, quickFixesFor, type QuickFix } from '../../shared/editor/quickFixes';
import type { Diagnostic } from '../../shared/parseModelFile';
import { DIAGNOSTIC_SOURCE } from './modelDiagnostics';
import { analyzeModelDocument } from './modelDocuments';

/** Offers the quick fixes of the CNN Lab diagnostics in the requested range. */
export class ModelQuickFixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !context.only.intersects(vscode.CodeActionKind.QuickFix)) return [];
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) return [];
    const { parsed } = analyzeModelDocument(document);
    const text = document.getText();
    const actions: vscode.CodeAction[] = [];
    for (const vsDiagnostic of ours) {
      const problem = findProblem(document, parsed.diagnostics, vsDiagnostic);
      if (!problem) continue;
      for (const fix of quickFixesFor(text, problem)) actions.push(toCodeAction(document, fix, [vsDiagnostic]));
      if (problem.code.startsWith('snake-case-')) {
        const all = fixAllSnakeCase(parsed.diagnostics);
        if (all && !actions.some((a) => a.title === all.title)) actions.push(toCodeAction(document, all, []));
      }
    }
    return actions;
  }
}

/** The parseModelFile diagnostic a VS Code diagnostic was made from (same code, same range). */
function findProblem(document: vscode.TextDocument, problems: readonly Diagnostic[], d: vscode.Diagnostic): Diagnostic | undefined {
  const start = document.offsetAt(d.range.start);
  const end = document.offsetAt(d.range.end);
  return problems.find((p) => p.code === d.code && p.start.offset === start && p.end.offset === end);
}

function toCodeAction(document: vscode.TextDocument, fix: QuickFix, diagnostics: vscode.Diagnostic[]): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) {
    action.edit.replace(document.uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.newText);
  }
  action.diagnostics = diagnostics;
  action.isPreferred = fix.isPreferred;
  return action;
}
