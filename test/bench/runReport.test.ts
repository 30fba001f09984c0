// bench/accuracy's --report reads a run's figures over all its sittings: the epochs' wall
// times summed (not the time the run lay interrupted), the validation curve, and the test
// accuracy once evaluated. Checked on a run folder made from the recorded quick-start run.
import { strict as assert } from 'node:assert';
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { reportRun } from '../../bench/accuracy/runReport';
import { trainingEvent, type TrainingEvent } from '../../src/shared/trainingEvents';

const RECORDED = path.join(__dirname, '..', 'fixtures', 'recorded-run.jsonl');

async function runFolder(events: TrainingEvent[], status: string): Promise<string> {
  const dir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'cnn-lab-report-')), '20261129-120000-cifar10-baseline');
  await fs.mkdir(dir);
  const lines = events.filter((e) => e.type !== 'evaluation' && e.type !== 'featureMaps' && e.type !== 'filters');
  await fs.writeFile(path.join(dir, 'metrics.jsonl'), lines.map((e) => JSON.stringify(e)).join('\n'));
  const evaluation = events.find((e) => e.type === 'evaluation');
  if (evaluation) await fs.writeFile(path.join(dir, 'evaluation.json'), JSON.stringify(evaluation));
  const now = new Date().toISOString();
  await fs.writeFile(path.join(dir, 'run.json'), JSON.stringify({
    id: path.basename(dir), name: 'cifar10-baseline', modelFile: 'm.cnn.json', createdAt: now, updatedAt: now, status, backend: 'wasm',
    epochsPlanned: 25, epochsDone: 3, bestValAccuracy: null, testAccuracy: null, error: null, pid: null, resumedFrom: null,
  }));
  return dir;
}

describe('bench/accuracy run report', () => {
  const events = readFileSync(RECORDED, 'utf8').split('\n').filter(Boolean)
    .map((l) => trainingEvent.parse(JSON.parse(l)));
  const epochs = events.flatMap((e) => (e.type === 'epoch' ? [e] : []));

  it('sums the epochs\' wall times, lists the validation curve and reads the test accuracy', async () => {
    const dir = await runFolder(events, 'completed');
    try {
      const report = await reportRun(dir);
      assert.equal(report.model, 'baseline');
      assert.equal(report.status, 'completed');
      assert.equal(report.epochs, epochs.length);
      const total = epochs.reduce((s, e) => s + e.epochSeconds, 0) / 60;
      assert.ok(Math.abs(report.trainingMinutes - total) < 0.06, `${report.trainingMinutes} vs ${total}`);
      assert.deepEqual(report.curve.map((c) => [c.epoch, c.valAccuracy]), epochs.map((e) => [e.epoch + 1, e.val_accuracy]));
      const evaluation = events.find((e) => e.type === 'evaluation');
      assert.equal(report.testAccuracy, evaluation?.type === 'evaluation' ? evaluation.accuracy : NaN);
    } finally {
      await fs.rm(path.dirname(dir), { recursive: true, force: true });
    }
  });

  it('reports a run cut short without a test accuracy', async () => {
    const cut = events.slice(0, events.findIndex((e) => e.type === 'epoch') + 1);
    const dir = await runFolder(cut, 'interrupted');
    try {
      const report = await reportRun(dir);
      assert.deepEqual([report.status, report.epochs, report.testAccuracy], ['interrupted', 1, null]);
    } finally {
      await fs.rm(path.dirname(dir), { recursive: true, force: true });
    }
  });
});
