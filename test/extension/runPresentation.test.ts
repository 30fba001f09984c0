import { strict as assert } from 'node:assert';
import type { RunRecord } from '../../src/node/runFolder';
import { isResumable, runItemFields, runPickFields, runSummary } from '../../src/extension/runPresentation';

function run(over: Partial<RunRecord> = {}): RunRecord {
  return {
    id: '20261129-101500-quickstart', dir: '/ws/.cnn-lab/runs/20261129-101500-quickstart', name: 'quickstart', modelFile: '/ws/quickstart.cnn.json',
    createdAt: '2026-11-29T10:15:00.000Z', updatedAt: '2026-11-29T10:17:00.000Z', status: 'completed', backend: 'wasm',
    epochsPlanned: 8, epochsDone: 8, bestValAccuracy: 0.5423, testAccuracy: 0.51, error: null, pid: null, resumedFrom: null, ...over,
  };
}

describe('run presentation', () => {
  it('summarises epochs and best validation accuracy', () => {
    assert.equal(runSummary(run()), 'epoch 8/8 · best val 54.2%');
    assert.equal(runSummary(run({ status: 'stopped', epochsDone: 3, bestValAccuracy: null })), 'epoch 3/8 · stopped');
  });

  it('gives each status its icon', () => {
    assert.equal(runItemFields(run({ status: 'running' })).icon.id, 'sync~spin');
    assert.deepEqual(runItemFields(run({ status: 'completed' })).icon, { id: 'pass', color: 'testing.iconPassed' });
    assert.deepEqual(runItemFields(run({ status: 'failed', epochsDone: 2 })).icon, { id: 'error', color: 'testing.iconFailed' });
    assert.equal(runItemFields(run({ status: 'interrupted' })).icon.id, 'warning');
    assert.equal(runItemFields(run({ status: 'stopped' })).icon.id, 'debug-stop');
  });

  it('offers resume only for runs that ended early with a checkpoint, and delete only when not running', () => {
    assert.equal(isResumable(run({ status: 'stopped', epochsDone: 3 })), true);
    assert.equal(isResumable(run({ status: 'interrupted', epochsDone: 1 })), true);
    assert.equal(isResumable(run({ status: 'stopped', epochsDone: 0 })), false, 'no checkpoint yet');
    assert.equal(isResumable(run({ status: 'completed' })), false);
    assert.equal(isResumable(run({ status: 'running', epochsDone: 3 })), false);
    assert.equal(runItemFields(run({ status: 'stopped', epochsDone: 3 })).contextValue, 'run stopped resumable deletable');
    assert.equal(runItemFields(run({ status: 'running', epochsDone: 3 })).contextValue, 'run running');
  });

  it('puts the error and the folder in the tooltip', () => {
    const tooltip = runItemFields(run({ status: 'failed', epochsDone: 0, error: 'out of memory' })).tooltip;
    assert.match(tooltip, /^quickstart — failed\n/);
    assert.match(tooltip, /Error: out of memory/);
    assert.match(tooltip, /\/ws\/\.cnn-lab\/runs\/20261129-101500-quickstart$/);
  });

  it('describes a run in a quick pick', () => {
    const fields = runPickFields(run());
    assert.equal(fields.label, 'quickstart');
    assert.match(fields.detail, /^\d{4}-\d\d-\d\d \d\d:\d\d · 20261129-101500-quickstart$/);
  });
});
