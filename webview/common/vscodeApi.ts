// The handle VS Code gives a webview: the only way out to the extension host, plus a small
// per-webview store that survives the webview being hidden or reloaded.

/** What acquireVsCodeApi() returns, typed by the messages this webview may send and the state it keeps. */
export interface VsCodeApi<Outgoing, State> {
  postMessage(message: Outgoing): void;
  getState(): State | undefined;
  setState(state: State): State;
}

declare function acquireVsCodeApi<Outgoing, State>(): VsCodeApi<Outgoing, State>;

/** Acquires the API; VS Code allows this once per webview, so call it once at start-up. */
export function vscodeApi<Outgoing, State>(): VsCodeApi<Outgoing, State> {
  return acquireVsCodeApi<Outgoing, State>();
}
