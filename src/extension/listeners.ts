// A typed event source for the extension's pure modules. vscode.EventEmitter would do the
// same, but these modules must load under plain mocha, where `vscode` does not exist.

/** Something that can be undone, shaped like vscode.Disposable so both mix freely. */
export interface Disposable {
  dispose(): void;
}

/** Subscribes a listener; the returned Disposable unsubscribes it. */
export type Event<T> = (listener: (value: T) => void) => Disposable;

/** Listeners of one kind of event; `event` is what subscribers see, `fire` is kept private. */
export class Listeners<T> {
  private readonly listeners = new Set<(value: T) => void>();

  /** Subscribe to this event. */
  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  /** Calls every listener; one that throws does not keep the others from hearing the event. */
  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        console.error('CNN Lab: an event listener failed', error);
      }
    }
  }

  /** Drops every listener. */
  dispose(): void {
    this.listeners.clear();
  }
}
