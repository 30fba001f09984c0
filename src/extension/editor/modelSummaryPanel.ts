// The Model Summary panel ('cnnLab.modelSummary'): Keras's model.summary() table and a layer
// diagram of one model file, redrawn 200 ms after the file changes; while visible it follows
// the model file being edited. The HTML comes whole from
// shared/editor/modelSummaryHtml.ts; the page's one inline script swaps in new bodies.
import * as vscode from 'vscode';
import { summaryBodyHtml, summaryPageHtml, type RenderSummaryMessage } from '../../shared/editor/modelSummaryHtml';
import { createNonce } from '../webviewHtml';
import { analyzeModelDocument, isModelDocument } from './modelDocuments';

const DEBOUNCE_MS = 200;

/** What the page keeps with setState, so a window reload reopens the same file's summary. */
interface SummaryState { uri: string }

/** The single Model Summary panel. */
export class ModelSummaryPanel {
  static readonly viewType = 'cnnLab.modelSummary';
  private static current: ModelSummaryPanel | undefined;

  private document: vscode.TextDocument;
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  /** Shows the summary of `uri` (a model file), opening the panel beside the editor or reusing it. */
  static async show(uri: vscode.Uri): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    const existing = ModelSummaryPanel.current;
    if (existing) {
      existing.panel.reveal(undefined, true);
      existing.attach(document);
      return;
    }
    const panel = vscode.window.createWebviewPanel(ModelSummaryPanel.viewType, 'Model Summary',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions());
    ModelSummaryPanel.current = new ModelSummaryPanel(panel, document);
  }

  /** Brings the panel back after a window reload, on the file it showed. */
  static registerSerializer(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(ModelSummaryPanel.viewType, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        const uri = typeof (state as Partial<SummaryState> | undefined)?.uri === 'string' ? (state as SummaryState).uri : undefined;
        const document = uri ? await Promise.resolve(vscode.workspace.openTextDocument(vscode.Uri.parse(uri))).catch(() => undefined) : undefined;
        if (!document) {
          panel.dispose();
          return;
        }
        panel.webview.options = webviewOptions();
        ModelSummaryPanel.current?.panel.dispose();
        ModelSummaryPanel.current = new ModelSummaryPanel(panel, document);
      },
    });
  }

  private constructor(private readonly panel: vscode.WebviewPanel, document: vscode.TextDocument) {
    this.document = document;
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      // A hidden webview is torn down and reloads from `html` when shown: give it the current body.
      panel.onDidChangeViewState(() => { if (panel.visible) this.load(); }),
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if ((message as { type?: unknown } | null)?.type === 'ready') this.post();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => { if (this.isShown(e.document)) this.schedule(e.document); }),
      // Like Markdown's preview, the visible panel follows the model file being edited.
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && panel.visible && isModelDocument(editor.document) && !this.isShown(editor.document)) this.attach(editor.document);
      }),
      // The document object is replaced when a closed file is opened again.
      vscode.workspace.onDidOpenTextDocument((d) => { if (this.isShown(d)) this.schedule(d); }),
    );
    this.load();
  }

  private attach(document: vscode.TextDocument): void {
    this.document = document;
    this.load();
  }

  private isShown(document: vscode.TextDocument): boolean {
    return document.uri.toString() === this.document.uri.toString();
  }

  private schedule(document: vscode.TextDocument): void {
    this.document = document;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.post(), DEBOUNCE_MS);
  }

  private body(): string {
    const { parsed, outline } = analyzeModelDocument(this.document);
    return summaryBodyHtml(outline, parsed.diagnostics);
  }

  /** Sets the whole page (a reload); the page then says `ready` and gets the newest body. */
  private load(): void {
    const name = this.document.uri.path.split('/').pop() ?? 'model';
    this.panel.title = `Summary: ${name}`;
    const state: SummaryState = { uri: this.document.uri.toString() };
    this.panel.webview.html = summaryPageHtml({ nonce: createNonce(), title: this.panel.title, body: this.body(), state });
  }

  private post(): void {
    if (!isModelDocument(this.document)) return;
    const message: RenderSummaryMessage = { type: 'render', body: this.body() };
    void this.panel.webview.postMessage(message);
  }

  private dispose(): void {
    clearTimeout(this.timer);
    if (ModelSummaryPanel.current === this) ModelSummaryPanel.current = undefined;
    this.disposables.forEach((d) => d.dispose());
  }
}

function webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  // The page loads nothing: its style and script are inline under the nonce.
  return { enableScripts: true, localResourceRoots: [] };
}

/** `cnnLab.showModelSummary`: the file it was invoked on, else the active editor's model file. */
export async function showModelSummary(arg?: unknown): Promise<void> {
  const active = vscode.window.activeTextEditor?.document;
  const uri = arg instanceof vscode.Uri ? arg : active && isModelDocument(active) ? active.uri : undefined;
  if (!uri) {
    void vscode.window.showInformationMessage('CNN Lab: open a *.cnn.json model file to see its summary.');
    return;
  }
  await ModelSummaryPanel.show(uri);
}
