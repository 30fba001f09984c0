import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { resolveSettings } from '../../src/extension/settingsResolution';

describe('resolveSettings', () => {
  const ws = path.resolve('/work/project');
  const storage = path.resolve('/home/u/.vscode/globalStorage/cnn-lab.cnn-lab');

  it('defaults: auto backend, .cnn-lab/runs in the workspace folder, data sets in global storage', () => {
    assert.deepEqual(resolveSettings({}, ws, storage), {
      backend: 'auto',
      threads: undefined,
      runsRoot: path.join(ws, '.cnn-lab', 'runs'),
      cacheDir: path.join(storage, 'datasets'),
    });
  });

  it('resolves relative folders against the workspace folder and keeps absolute ones', () => {
    const s = resolveSettings({ backend: 'wasm', runsFolder: 'out/runs', datasetCacheFolder: '/data/cache' }, ws, storage);
    assert.equal(s.backend, 'wasm');
    assert.equal(s.runsRoot, path.join(ws, 'out', 'runs'));
    assert.equal(s.cacheDir, path.resolve('/data/cache'));
  });

  it('falls back on an unknown backend and on blank or non-string folders', () => {
    const s = resolveSettings({ backend: 'gpu', runsFolder: '   ', datasetCacheFolder: 42 }, ws, storage);
    assert.equal(s.backend, 'auto');
    assert.equal(s.runsRoot, path.join(ws, '.cnn-lab', 'runs'));
    assert.equal(s.cacheDir, path.join(storage, 'datasets'));
  });

  it('passes a whole number of training threads and reads 0, fractions or junk as automatic', () => {
    assert.equal(resolveSettings({ trainingThreads: 2 }, ws, storage).threads, 2);
    for (const junk of [0, 1.5, -1, '2', null, 65]) {
      assert.equal(resolveSettings({ trainingThreads: junk }, ws, storage).threads, undefined, String(junk));
    }
  });

  it('expands ~ to the home folder', () => {
    const home = process.env.HOME;
    process.env.HOME = path.resolve('/home/someone');
    try {
      assert.equal(resolveSettings({ datasetCacheFolder: '~/cnn-cache' }, ws, storage).cacheDir, path.resolve('/home/someone/cnn-cache'));
    } finally {
      process.env.HOME = home;
    }
  });
});
