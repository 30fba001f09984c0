// What activating CNN Lab costs the extension host: the real bundle (dist/extension.js)
// loaded and activated against a stub `vscode` module, each round in a fresh Node process.
//   npx tsx bench/activation/index.ts [--rounds 20] [--bundle dist/extension.js]
// Prints median and min–max of load, activate and total time, modules loaded, their size
// and the heap they keep, then `activation_ms=<median total>`. Exits non-zero if a round
// failed, activate() threw, or TensorFlow.js or sharp was loaded (they belong in the
// training worker only).
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { ActivationRecord } from './activationRecord';
import { runActivationRound } from './runRound';
import { formatTable, spreadOf, totalMs } from './summary';

const REPO = path.resolve(__dirname, '..', '..');

/** Builds the bundles when the extension's is missing; a present one is measured as it is. */
function ensureBundle(bundle: string): void {
  if (existsSync(bundle)) return;
  console.log(`${path.relative(REPO, bundle)} is missing: building (node scripts/build.mjs)`);
  execFileSync(process.execPath, [path.join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, stdio: 'inherit' });
  if (!existsSync(bundle)) throw new Error(`the build did not produce ${bundle}`);
}

/** The first few items, and how many more there are. */
function listSome(items: readonly string[], separator: string, limit = 10): string {
  const more = items.length - limit;
  return [...items.slice(0, limit), ...(more > 0 ? [`… and ${more} more`] : [])].join(separator);
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '20' }, bundle: { type: 'string', default: path.join(REPO, 'dist', 'extension.js') } } });
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a positive integer, not ${values.rounds}`);
  const bundle = path.resolve(values.bundle);
  ensureBundle(bundle);

  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`Activation of ${path.relative(process.cwd(), bundle)} (${(statSync(bundle).size / 1024).toFixed(0)} KiB, built ${statSync(bundle).mtime.toISOString()}) against a stub vscode API`);
  console.log(`${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ${new Date().toISOString()}, load average ${load()}`);

  const records: ActivationRecord[] = [];
  process.stdout.write(`${rounds} rounds, each in a fresh process: `);
  for (let i = 0; i < rounds; i++) {
    const record = await runActivationRound(bundle);
    records.push(record);
    process.stdout.write(record.error ? 'E' : record.forbidden.length ? 'F' : '.');
    if (record.error) {
      // Every later round would throw the same.
      console.log(`\n\nactivate() failed in round ${i + 1}:\n${record.error}`);
      console.log('activation_ms=NaN');
      return 1;
    }
  }
  console.log(`\n\n${formatTable(records)}\n`);
  const first = records[0];
  console.log(`activate() registered ${first.subscriptions} disposables; heap readings ${first.gcExposed ? 'after a full GC' : 'without a GC (no --expose-gc)'}; load average at the end ${load()}`);
  console.log(`modules loaded: ${listSome(first.modulePaths.map((p) => path.relative(REPO, p)), ', ')}`);

  const forbidden = [...new Set(records.flatMap((r) => r.forbidden))];
  if (forbidden.length) console.log(`\nFAIL: the extension host loaded what only the training worker may load:\n  ${listSome(forbidden, '\n  ')}`);
  console.log(`activation_ms=${spreadOf(records.map(totalMs)).median.toFixed(1)}`);
  return forbidden.length ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    console.log('activation_ms=NaN');
    process.exitCode = 1;
  },
);
