// What an import found wrong. Errors are things CNN Lab cannot represent without changing what
// the network computes (an LSTM, channels-first data, a dilated convolution); they are gathered
// so one message names all of them at once. Warnings are things that only affect training
// (a constraint, a bias initializer) and are dropped with a note.

/** The errors and warnings of one import. */
export class ImportIssues {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];

  /** Records something that makes a faithful import impossible. */
  error(where: string, message: string): void {
    this.errors.push(`${where}: ${message}`);
  }

  /** Records something the import leaves out or changes, which the user should know. */
  warn(where: string, message: string): void {
    this.warnings.push(`${where}: ${message}`);
  }

  /** Throws one Error that lists every recorded error, if there is any. */
  throwIfErrors(): void {
    if (this.errors.length === 0) return;
    throw new Error(`Cannot import this Keras model into CNN Lab:\n${this.errors.map((e) => `  - ${e}`).join('\n')}`);
  }
}

/** How a Keras layer is named in messages: `layers[3] "conv2d_1" (Conv2D)`. */
export function describeLayer(index: number, name: string | undefined, className: string): string {
  return name === undefined ? `layers[${index}] (${className})` : `layers[${index}] "${name}" (${className})`;
}
