// When "Train Model" must say no, and the words it says it with. Pure, so each refusal
// and its message are tested without VS Code.

/** Why a training run cannot start now. */
export type StartRefusal =
  | { kind: 'untrusted' }
  | { kind: 'busy'; runningModel: string; runningFile: string };

/** What the guard needs to know about the editor and the controller. */
export interface GuardState {
  workspaceTrusted: boolean;
  running: { modelName: string; modelFile: string } | null;
}

/** Null when a run may start; otherwise the reason it may not. */
export function checkCanStart(state: GuardState): StartRefusal | null {
  // Trust comes first: in an untrusted workspace even stopping another run is not on offer.
  if (!state.workspaceTrusted) return { kind: 'untrusted' };
  if (state.running) return { kind: 'busy', runningModel: state.running.modelName, runningFile: state.running.modelFile };
  return null;
}

/** The message shown for a refusal. */
export function refusalMessage(refusal: StartRefusal): string {
  switch (refusal.kind) {
    case 'untrusted':
      return 'CNN Lab does not train in an untrusted workspace: a model file names data folders to read and '
        + 'training writes run folders and checkpoints into the workspace. Trust this workspace to train; '
        + 'viewing runs and editing model files work either way.';
    case 'busy':
      return `CNN Lab is already training "${refusal.runningModel}" (${refusal.runningFile}). `
        + 'One run at a time keeps both cores for it: stop it first, or wait until it finishes.';
    default: {
      const unknownRefusal: never = refusal;
      return unknownRefusal;
    }
  }
}
