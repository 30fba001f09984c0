import { strict as assert } from 'node:assert';
import { checkCanStart, refusalMessage } from '../../src/extension/trainingGuard';

describe('training guard', () => {
  const running = { modelName: 'quickstart', modelFile: '/ws/quickstart.cnn.json' };

  it('lets a run start in a trusted workspace with nothing running', () => {
    assert.equal(checkCanStart({ workspaceTrusted: true, running: null }), null);
  });

  it('refuses in an untrusted workspace and says why', () => {
    const refusal = checkCanStart({ workspaceTrusted: false, running: null });
    assert.deepEqual(refusal, { kind: 'untrusted' });
    assert.match(refusalMessage(refusal!), /untrusted workspace/);
    assert.match(refusalMessage(refusal!), /Trust this workspace to train/);
  });

  it('refuses a second run and names the one running', () => {
    const refusal = checkCanStart({ workspaceTrusted: true, running });
    assert.equal(refusal?.kind, 'busy');
    assert.match(refusalMessage(refusal!), /already training "quickstart" \(\/ws\/quickstart\.cnn\.json\)/);
  });

  it('puts trust first when both apply', () => {
    assert.equal(checkCanStart({ workspaceTrusted: false, running })?.kind, 'untrusted');
  });
});
