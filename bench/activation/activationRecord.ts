// What one activation round reports (the RESULT line of activateOnce.cjs), validated when it
// arrives in the parent: the runner is plain JavaScript, so the types stop at the process edge.
import { z } from 'zod';

/** One load-and-activate of the extension bundle in a fresh process. */
export const activationRecord = z.object({
  /** require(dist/extension.js), ms. */
  loadMs: z.number().min(0),
  /** activate(context) until its promise (if any) settled, ms. */
  activateMs: z.number().min(0),
  /** Modules that entered require.cache during load and activation. */
  modules: z.number().int().min(0),
  /** Their total size on disk, bytes. */
  moduleBytes: z.number().int().min(0),
  modulePaths: z.array(z.string()),
  /** heapUsed after activation minus before loading, bytes (after a full GC each when gcExposed). */
  heapDeltaBytes: z.number().int(),
  gcExposed: z.boolean(),
  /** TensorFlow.js or sharp modules requested or loaded; must stay empty. */
  forbidden: z.array(z.string()),
  /** Disposables activate() pushed to context.subscriptions. */
  subscriptions: z.number().int().min(0),
  /** What loading, activate() or deactivate() threw, with its stack. */
  error: z.string().nullable(),
  nodeVersion: z.string(),
});

export type ActivationRecord = z.infer<typeof activationRecord>;

const PREFIX = 'RESULT ';

/** The record in a runner's stdout, or an Error saying why there is none. */
export function parseRunnerOutput(stdout: string): ActivationRecord | Error {
  const line = stdout.split('\n').find((l) => l.startsWith(PREFIX));
  if (!line) return new Error('the runner printed no RESULT line');
  const parsed = activationRecord.safeParse(JSON.parse(line.slice(PREFIX.length)));
  return parsed.success ? parsed.data : new Error(`malformed RESULT line: ${parsed.error.message}`);
}
