import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { runDirOf, runDirsOf } from '../../src/extension/commandArguments';

describe('command arguments', () => {
  const dir = path.resolve('/ws/.cnn-lab/runs/20261129-101500-quickstart');

  it('reads a run folder from a Runs-view node, a run record, a file Uri or a path', () => {
    assert.equal(runDirOf({ run: { dir }, folder: {} }), dir);
    assert.equal(runDirOf({ id: 'x', dir }), dir);
    assert.equal(runDirOf({ scheme: 'file', fsPath: dir, path: dir }), dir);
    assert.equal(runDirOf(dir), dir);
  });

  it('names no run for nothing, blanks, numbers or non-file Uris', () => {
    assert.equal(runDirOf(undefined), undefined);
    assert.equal(runDirOf('  '), undefined);
    assert.equal(runDirOf(3), undefined);
    assert.equal(runDirOf({ scheme: 'untitled', fsPath: '/x' }), undefined);
  });

  it('prefers the multi-selection over the clicked item, and reads arrays of paths', () => {
    const other = path.resolve('/ws/.cnn-lab/runs/other');
    assert.deepEqual(runDirsOf({ run: { dir } }, [{ run: { dir } }, { run: { dir: other } }]), [dir, other]);
    assert.deepEqual(runDirsOf({ run: { dir } }, undefined), [dir]);
    assert.deepEqual(runDirsOf([dir, other, 7], undefined), [dir, other]);
    assert.deepEqual(runDirsOf(undefined, []), []);
  });
});
