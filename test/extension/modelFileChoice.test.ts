import { strict as assert } from 'node:assert';
import { chooseModelFile, isModelFile, modelFilePickFields } from '../../src/extension/modelFileChoice';

describe('model file choice', () => {
  it('recognises *.cnn.json files only', () => {
    assert.equal(isModelFile('/a/quick.cnn.json'), true);
    assert.equal(isModelFile('/a/Quick.CNN.JSON'), true);
    assert.equal(isModelFile('/a/package.json'), false);
    assert.equal(isModelFile('/a/cnn.json.bak'), false);
  });

  it('prefers the file it was invoked on, then the active editor', () => {
    const ws = ['/ws/a.cnn.json', '/ws/b.cnn.json'];
    assert.deepEqual(chooseModelFile('/ws/x.cnn.json', '/ws/a.cnn.json', ws), { kind: 'use', file: '/ws/x.cnn.json' });
    assert.deepEqual(chooseModelFile(undefined, '/ws/b.cnn.json', ws), { kind: 'use', file: '/ws/b.cnn.json' });
  });

  it('ignores an active editor that is not a model file', () => {
    assert.deepEqual(chooseModelFile(undefined, '/ws/README.md', ['/ws/only.cnn.json']), { kind: 'use', file: '/ws/only.cnn.json' });
  });

  it('asks among several workspace files, sorted and without duplicates, and reports none', () => {
    assert.deepEqual(chooseModelFile(undefined, undefined, ['/ws/b.cnn.json', '/ws/a.cnn.json', '/ws/b.cnn.json']), { kind: 'ask', files: ['/ws/a.cnn.json', '/ws/b.cnn.json'] });
    assert.deepEqual(chooseModelFile(undefined, undefined, []), { kind: 'none' });
  });

  it('labels a pick with the file name and its folder relative to the workspace', () => {
    assert.deepEqual(modelFilePickFields('/ws/models/a.cnn.json', '/ws'), { label: 'a.cnn.json', description: 'models' });
    assert.deepEqual(modelFilePickFields('/ws/a.cnn.json', '/ws'), { label: 'a.cnn.json', description: '.' });
  });
});
