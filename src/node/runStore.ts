// Reading run folders: the list in the Runs view, a finished run's dashboard, `--resume`.
// A run whose record says "running" but whose worker is gone was killed: it reads as
// "interrupted", with everything it wrote before intact.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { trainingEvent, type TrainingEvent } from '../shared/trainingEvents';
import { RUN_FILES, runFile, type RunRecord } from './runFolder';

export type { RunRecord, RunStatus } from './runFolder';

/** Every run under `runsRoot`, newest first; folders that are not runs are skipped. */
export async function listRuns(runsRoot: string): Promise<RunRecord[]> {
  let entries: string[];
  try {
    entries = await fs.readdir(runsRoot);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const runs = await Promise.all(entries.map((e) => readRun(path.join(runsRoot, e)).catch(() => null)));
  return runs.filter((r): r is RunRecord => r !== null).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The record of one run, with a dead "running" worker reported as "interrupted". */
export async function readRun(runDir: string): Promise<RunRecord> {
  const raw = JSON.parse(await fs.readFile(runFile(runDir, 'record'), 'utf8')) as RunRecord;
  const record = { ...raw, dir: runDir };
  if (record.status === 'running' && !isAlive(record.pid)) {
    return { ...record, status: 'interrupted', error: record.error ?? 'The training process ended without finishing the run (killed or crashed).' };
  }
  return record;
}

/** Everything recorded for a run, in order, to replay it as if live. */
export async function readRunEvents(runDir: string): Promise<TrainingEvent[]> {
  const events: TrainingEvent[] = [];
  const metrics = await readOptional(runFile(runDir, 'metrics'));
  for (const line of (metrics ?? '').split('\n')) {
    if (!line.trim()) continue;
    const parsed = safeJson(line);
    const event = trainingEvent.safeParse(parsed);
    if (event.success) events.push(event.data); // a line cut short by a kill is skipped, not fatal
  }
  const maps = safeJson(await readOptional(runFile(runDir, 'featureMaps')));
  if (Array.isArray(maps)) {
    for (const m of maps) {
      const event = trainingEvent.safeParse(m);
      if (event.success) events.push(event.data);
    }
  }
  const evaluation = trainingEvent.safeParse(safeJson(await readOptional(runFile(runDir, 'evaluation'))));
  if (evaluation.success) events.push(evaluation.data);
  const record = await readRun(runDir);
  if (record.status !== 'running') {
    events.push({ type: 'done', status: record.status === 'completed' ? 'completed' : record.status, error: record.error ?? undefined, runDir });
  }
  return events;
}

/** Removes a run folder and everything in it. */
export async function deleteRun(runDir: string): Promise<void> {
  await fs.access(path.join(runDir, RUN_FILES.record));
  await fs.rm(runDir, { recursive: true, force: true });
}

/** Checkpoint folders of a run, oldest first. */
export async function listCheckpoints(runDir: string): Promise<string[]> {
  const dir = path.join(runDir, RUN_FILES.checkpoints);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const complete: string[] = [];
  for (const name of names.filter((n) => /^epoch-\d+$/.test(n)).sort()) {
    // a checkpoint is complete once its model.json exists (written last)
    if (await fs.access(path.join(dir, name, 'model.json')).then(() => true, () => false)) complete.push(path.join(dir, name));
  }
  return complete;
}

function isAlive(pid: number | null): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOptional(file: string): Promise<string | null> {
  return fs.readFile(file, 'utf8').catch(() => null);
}

function safeJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
