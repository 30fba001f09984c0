// The misclassified-examples view (a WebviewViewProvider): shows the test images of one
// confusion-matrix cell, read from the run folder's evaluation.json and its raw test-image
// file. Only `import type` from vscode, so the loading logic runs under plain mocha.
import { open, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { evaluationEvent } from '../shared/trainingEvents';
import { parseFromMisclassifiedMessage, type ShowCellMessage } from '../shared/webviewProtocol';
import { pageFor, webviewResourceRoots } from './webviewHtml';

/** Most images sent for one cell; a cell of a 10,000-image test set can hold thousands. */
export const MAX_CELL_EXAMPLES = 200;

/** What the view needs from the rest of the extension. */
export interface MisclassifiedViewHost {
  /** Runs a command (vscode.commands.executeCommand), used to reveal the view before it exists. */
  executeCommand(command: string): Thenable<unknown>;
  /** The user opened a test image; show its feature maps (e.g. DashboardPanel.current?.showFeatureMaps). */
  openImage(runDir: string, testIndex: number): void;
}

/** Provider of the 'cnnLab.misclassified' view; register it with window.registerWebviewViewProvider. */
export class MisclassifiedView implements vscode.WebviewViewProvider {
  static readonly viewType = 'cnnLab.misclassified';

  private view: vscode.WebviewView | undefined;
  private ready = false;
  private lastCell: ShowCellMessage | undefined;
  private viewDisposables: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly host: MisclassifiedViewHost) {}

  /** Called by VS Code when the view first becomes visible. */
  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    view.webview.options = { enableScripts: true, localResourceRoots: webviewResourceRoots(this.extensionUri) };
    view.webview.html = pageFor(view.webview, this.extensionUri, 'misclassified', 'Misclassified examples');
    this.viewDisposables.push(
      view.webview.onDidReceiveMessage((data: unknown) => this.receive(data)),
      // VS Code disposes a hidden view and resolves a new one when it is shown again.
      view.onDidDispose(() => this.dispose()),
    );
  }

  /** Shows a cell's test images (most confident first, at most MAX_CELL_EXAMPLES) and reveals the view. */
  async showCell(runDir: string, trueClass: number, predictedClass: number): Promise<void> {
    this.lastCell = await loadCellExamples(runDir, trueClass, predictedClass);
    if (this.view) {
      this.view.show(true);
      if (this.ready) void this.view.webview.postMessage(this.lastCell);
    } else {
      // The view resolves once focused, says `ready`, and then receives lastCell.
      await this.host.executeCommand(`${MisclassifiedView.viewType}.focus`);
    }
  }

  /** Forgets the current view and its listeners (the provider itself stays registered). */
  dispose(): void {
    this.view = undefined;
    this.ready = false;
    for (const d of this.viewDisposables.splice(0)) d.dispose();
  }

  private receive(data: unknown): void {
    const parsed = parseFromMisclassifiedMessage(data);
    if (!parsed.ok) {
      console.warn(`[cnn-lab] ${parsed.error}`);
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.lastCell && this.view) void this.view.webview.postMessage(this.lastCell);
        break;
      case 'openImage':
        this.host.openImage(message.runDir, message.testIndex);
        break;
      default: {
        const unreachable: never = message;
        throw new Error(`unhandled message ${JSON.stringify(unreachable)}`);
      }
    }
  }
}

/** Reads one cell's examples from a run folder: evaluation.json plus the raw uint8 HWC test images. */
export async function loadCellExamples(runDir: string, trueClass: number, predictedClass: number, limit = MAX_CELL_EXAMPLES): Promise<ShowCellMessage> {
  const evaluation = evaluationEvent.parse(JSON.parse(await readFile(path.join(runDir, 'evaluation.json'), 'utf8')));
  const { labels, predicted, probabilities, classNames } = evaluation;
  const inCell: number[] = [];
  labels.forEach((label, i) => { if (label === trueClass && predicted[i] === predictedClass) inCell.push(i); });
  const confidence = (i: number): number => probabilities[i]?.[predictedClass] ?? 0;
  inCell.sort((a, b) => confidence(b) - confidence(a) || a - b);
  const chosen = inCell.slice(0, limit);

  const shape = evaluation.testImages.shape;
  const imageBytes = shape[0] * shape[1] * shape[2];
  // The file is relative to the run folder (an absolute path also works); only the chosen images are read.
  const file = await open(path.resolve(runDir, evaluation.testImages.file), 'r');
  try {
    const examples = [];
    for (const testIndex of chosen) {
      const buffer = Buffer.alloc(imageBytes);
      const { bytesRead } = await file.read(buffer, 0, imageBytes, testIndex * imageBytes);
      if (bytesRead !== imageBytes) throw new Error(`${evaluation.testImages.file} ends before test image ${testIndex}`);
      const ranked = (probabilities[testIndex] ?? []).map((probability, classIndex) => ({ classIndex, probability }))
        .sort((a, b) => b.probability - a.probability).slice(0, 3);
      examples.push({ testIndex, confidence: confidence(testIndex), top3: ranked, pixels: buffer.toString('base64') });
    }
    return { type: 'showCell', runDir, classNames, trueClass, predictedClass, imageShape: shape, total: inCell.length, examples };
  } finally {
    await file.close();
  }
}
