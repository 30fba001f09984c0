// Writes a run folder as training goes: the record (atomically), metrics line by line,
// the latest feature maps, the evaluation. Every write is complete on disk before the
// next step, so a killed worker leaves a readable run behind.
import { promises as fs, appendFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../node/atomicFiles';
import { makeRunId, runFile, type RunRecord } from '../node/runFolder';
import { readRun } from '../node/runStore';
import type { TrainingEvent } from '../shared/trainingEvents';

export class RunWriter {
  private constructor(readonly dir: string, private record: RunRecord) {}

  /** Creates a new run folder under `runsRoot` with a snapshot of the model file's text. */
  static async create(runsRoot: string, name: string, modelFile: string, modelText: string, epochsPlanned: number): Promise<RunWriter> {
    let id = makeRunId(name);
    let dir = path.join(runsRoot, id);
    for (let n = 2; await exists(dir); n++) dir = path.join(runsRoot, (id = `${makeRunId(name)}-${n}`));
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(runFile(dir, 'model'), modelText);
    const now = new Date().toISOString();
    const writer = new RunWriter(dir, {
      id, dir, name, modelFile, createdAt: now, updatedAt: now, status: 'running', backend: null, epochsPlanned,
      epochsDone: 0, bestValAccuracy: null, testAccuracy: null, error: null, pid: process.pid, resumedFrom: null,
    });
    await writer.update({});
    return writer;
  }

  /** Reopens an existing run to continue it; metrics of epochs after `keepEpochs` are dropped. */
  static async reopen(dir: string, keepEpochs: number, resumedFrom: string, epochsPlanned: number): Promise<RunWriter> {
    const record = await readRun(dir);
    const writer = new RunWriter(dir, { ...record, status: 'running', error: null, pid: process.pid, resumedFrom, epochsPlanned, epochsDone: keepEpochs });
    const metrics = await fs.readFile(runFile(dir, 'metrics'), 'utf8').catch(() => '');
    const kept = metrics.split('\n').filter((line) => {
      if (!line.trim()) return false;
      try {
        const e = JSON.parse(line) as { type?: string; epoch?: number };
        return e.type === 'trainBegin' ? false : !(typeof e.epoch === 'number' && e.epoch >= keepEpochs);
      } catch {
        return false; // a line cut short when the worker was killed
      }
    });
    await writeFileAtomic(runFile(dir, 'metrics'), kept.map((l) => `${l}\n`).join(''));
    await fs.rm(runFile(dir, 'evaluation'), { force: true });
    await writer.update({});
    return writer;
  }

  get current(): Readonly<RunRecord> {
    return this.record;
  }

  /** Merges fields into run.json and writes it atomically. */
  async update(fields: Partial<RunRecord>): Promise<void> {
    this.record = { ...this.record, ...fields, updatedAt: new Date().toISOString() };
    await writeFileAtomic(runFile(this.dir, 'record'), `${JSON.stringify(this.record, null, 2)}\n`);
  }

  /** Appends an event to metrics.jsonl synchronously, so it is on disk before training goes on. */
  appendMetric(event: TrainingEvent): void {
    appendFileSync(runFile(this.dir, 'metrics'), `${JSON.stringify(event)}\n`);
  }

  /** Keeps the latest feature maps and filters (one file, replaced each epoch). */
  async writeFeatureMaps(events: TrainingEvent[]): Promise<void> {
    await writeFileAtomic(runFile(this.dir, 'featureMaps'), JSON.stringify(events));
  }

  async writeEvaluation(event: TrainingEvent): Promise<void> {
    await writeFileAtomic(runFile(this.dir, 'evaluation'), JSON.stringify(event));
  }

  /** Stores the pixels the evaluation is made on, when they are not in the data-set cache. */
  async writeTestImages(images: Uint8Array): Promise<string> {
    const file = path.join(this.dir, 'test-images.u8');
    await writeFileAtomic(file, images);
    return file;
  }

  /** Appends a line to worker.log. */
  log(line: string): void {
    appendFileSync(runFile(this.dir, 'log'), `${new Date().toISOString()} ${line}\n`);
  }
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(() => true, () => false);
}
