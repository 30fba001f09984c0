// Runs exported Python scripts for the tests: py_compile for syntax, and a full run against the
// recording stand-in for TensorFlow in test/fixtures/keras/fake-tensorflow (TensorFlow itself
// does not install on the test machines).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const FAKE_TENSORFLOW = resolve(__dirname, '../../fixtures/keras/fake-tensorflow');

/** Whether python3 with NumPy (which the stand-in needs) is on this machine. */
export function pythonAvailable(): { compile: boolean; run: boolean } {
  const compile = spawnSync('python3', ['--version']).status === 0;
  const run = compile && spawnSync('python3', ['-c', 'import numpy']).status === 0;
  return { compile, run };
}

/** Checks a script with `python3 -m py_compile`; returns its error output ('' when it compiles). */
export function pyCompile(script: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cnn-lab-keras-'));
  try {
    const file = join(dir, 'exported.py');
    writeFileSync(file, script);
    const result = spawnSync('python3', ['-m', 'py_compile', file], { encoding: 'utf8' });
    return result.status === 0 ? '' : `${result.stderr}${result.stdout}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One thing the script asked of Keras, as the stand-in recorded it. */
export type KerasEvent = { event: string } & Record<string, unknown>;

/** What a run against the stand-in gave. */
export interface ScriptRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly events: KerasEvent[];
  /** The folder the script ran in (deleted after the run). */
  readonly dir: string;
}

/** Runs a script beside the given files (paths relative to the script, '' contents) with the stand-in TensorFlow. */
export function runWithFakeTensorflow(script: string, files: readonly string[] = []): ScriptRun {
  const dir = mkdtempSync(join(tmpdir(), 'cnn-lab-keras-'));
  try {
    for (const file of files) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), '');
    }
    writeFileSync(join(dir, 'exported.py'), script);
    const record = join(dir, 'record.json');
    const result = spawnSync('python3', ['exported.py'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, PYTHONPATH: FAKE_TENSORFLOW, FAKE_KERAS_RECORD: record, PYTHONDONTWRITEBYTECODE: '1' },
      timeout: 30_000,
    });
    let events: KerasEvent[] = [];
    try {
      events = (JSON.parse(readFileSync(record, 'utf8')) as { events: KerasEvent[] }).events;
    } catch {
      // No record: the script failed before Python exited normally; stderr says why.
    }
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, events, dir };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The one event of a kind; fails loudly when there is not exactly one. */
export function onlyEvent(run: ScriptRun, kind: string): KerasEvent {
  const found = run.events.filter((e) => e.event === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind} event, got ${found.length}: ${run.stderr}`);
  return found[0];
}
