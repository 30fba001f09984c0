// What the user sees when a worker crashes or a run fails: the error and the last lines of
// the worker's log, because the error alone ("exit code 134") rarely says why.

/** Keeps the last `capacity` log lines of a run, for the failure report. */
export class LogTail {
  private readonly lines: string[] = [];

  constructor(private readonly capacity = 40) {}

  /** Adds a line (or several, split on newlines), dropping the oldest beyond capacity. */
  push(text: string): void {
    for (const line of text.split(/\r?\n/)) {
      if (line.trim() === '') continue;
      this.lines.push(line);
      if (this.lines.length > this.capacity) this.lines.shift();
    }
  }

  /** The last `count` lines kept, oldest first. */
  last(count = this.capacity): string[] {
    return this.lines.slice(-count);
  }
}

/** The notification's text and the longer block for the output channel. */
export interface FailureReport {
  message: string;
  details: string;
}

/** Describes a failed run: one sentence for the notification, the error plus log tail for the log. */
export function describeFailure(modelName: string, error: string | undefined, logTail: readonly string[]): FailureReport {
  const reason = (error ?? '').trim() || 'the training process ended without saying why';
  const firstLine = reason.split('\n')[0];
  const lastLines = logTail.slice(-3).map((l) => truncate(l.trim(), 160));
  const message = `Training "${modelName}" failed: ${truncate(firstLine, 300)}`
    + (lastLines.length > 0 ? ` — last log lines: ${lastLines.join(' | ')}` : '');
  // The session may already have put the last lines into the error; print each line once.
  const unseen = logTail.filter((l) => !reason.includes(l));
  const details = [
    `── Training "${modelName}" failed ──`,
    reason,
    ...(unseen.length > 0 ? ['', `Last ${unseen.length} lines of the worker's log:`, ...unseen.map((l) => `  ${l}`)] : []),
  ].join('\n');
  return { message, details };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
