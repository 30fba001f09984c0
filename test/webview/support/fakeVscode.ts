// Just enough of the `vscode` module for DashboardPanel to run under mocha: webview panels
// that record what they are sent and let a test play the webview's side. Installed by
// hooking Node's module loader, since the extension code imports 'vscode' at run time.
import Module from 'node:module';

type Listener<T> = (value: T) => void;

/** A minimal vscode.EventEmitter. */
class Emitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => { this.listeners = this.listeners.filter((l) => l !== listener); } };
  };
  fire(value: T): void { for (const l of [...this.listeners]) l(value); }
}

/** A URI that only knows its path, which is all webviewHtml and the panel use. */
export class FakeUri {
  constructor(readonly path: string) {}
  static file(path: string): FakeUri { return new FakeUri(path); }
  static joinPath(base: FakeUri, ...segments: string[]): FakeUri { return new FakeUri([base.path, ...segments].join('/')); }
  with(change: { path?: string }): FakeUri { return new FakeUri(change.path ?? this.path); }
  toString(): string { return `fake-resource:${this.path}`; }
}

/** A webview panel whose webview side the test drives. */
export class FakePanel {
  readonly sent: Array<{ type: string; [key: string]: unknown }> = [];
  title = '';
  iconPath: unknown;
  visible = true;
  revealed = 0;
  disposed = false;
  private readonly received = new Emitter<unknown>();
  private readonly disposeEmitter = new Emitter<void>();
  private readonly viewState = new Emitter<void>();
  readonly webview = {
    html: '',
    options: {} as unknown,
    cspSource: 'fake-csp-source',
    asWebviewUri: (uri: FakeUri) => uri,
    postMessage: async (message: { type: string }) => { this.sent.push(JSON.parse(JSON.stringify(message))); return true; },
    onDidReceiveMessage: this.received.event,
  };
  readonly onDidDispose = this.disposeEmitter.event;
  readonly onDidChangeViewState = this.viewState.event;

  constructor(readonly viewType: string, readonly options: unknown) {}

  /** The webview posts a message to the host. */
  fromWebview(message: unknown): void { this.received.fire(message); }
  /** The user hides the panel (VS Code tears the webview down). */
  hide(): void { this.visible = false; this.viewState.fire(); }
  reveal(): void { this.revealed++; this.visible = true; }
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeEmitter.fire();
  }
}

/** The fake module and what it created. */
export const fakeVscode = {
  panels: [] as FakePanel[],
  serializers: new Map<string, { deserializeWebviewPanel(panel: FakePanel, state: unknown): Promise<void> }>(),
  Uri: FakeUri,
  ViewColumn: { Active: -1, Beside: -2, One: 1 },
  window: {
    createWebviewPanel(viewType: string, _title: string, _column: unknown, options: unknown): FakePanel {
      const panel = new FakePanel(viewType, options);
      fakeVscode.panels.push(panel);
      return panel;
    },
    registerWebviewPanelSerializer(viewType: string, serializer: { deserializeWebviewPanel(panel: FakePanel, state: unknown): Promise<void> }) {
      fakeVscode.serializers.set(viewType, serializer);
      return { dispose: () => fakeVscode.serializers.delete(viewType) };
    },
  },
};

let installed = false;

/** Makes `require('vscode')` return the fake from now on. */
export function installFakeVscode(): void {
  if (installed) return;
  installed = true;
  const loader = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
  const original = loader._load;
  loader._load = function load(request: string, parent: unknown, isMain: boolean) {
    return request === 'vscode' ? fakeVscode : original.call(this, request, parent, isMain);
  };
}
