import { strict as assert } from 'node:assert';
import { TrainingController, type RunOutcome, type TrainRequest } from '../../src/extension/trainingController';
import type { RunProgress } from '../../src/extension/runProgress';
import { FakeTrainingSession } from './fakeTrainingSession';
import { epoch, trainBegin } from './trainingEventFixtures';

const request: TrainRequest = { modelFile: '/ws/quickstart.cnn.json', runsRoot: '/ws/.cnn-lab/runs', cacheDir: '/cache', backend: 'auto' };

function setup(trusted = true) {
  const sessions: FakeTrainingSession[] = [];
  const requests: TrainRequest[] = [];
  const controller = new TrainingController({
    startTraining: (r) => {
      requests.push(r);
      const s = new FakeTrainingSession();
      sessions.push(s);
      return s;
    },
    isWorkspaceTrusted: () => trusted,
  });
  const progress: (RunProgress | null)[] = [];
  const outcomes: RunOutcome[] = [];
  const logs: string[] = [];
  controller.onDidChangeProgress((p) => progress.push(p));
  controller.onDidFinish((o) => outcomes.push(o));
  controller.onLog((l) => logs.push(l));
  return { controller, sessions, requests, progress, outcomes, logs };
}

describe('TrainingController', () => {
  it('starts a session with the request and follows its events to the end', async () => {
    const { controller, sessions, requests, progress, outcomes } = setup();
    const result = controller.start(request);
    assert.equal(result.started, true);
    assert.deepEqual(requests, [request]);
    const session = sessions[0];
    session.emit(trainBegin({ epochs: 2 }));
    session.emit(epoch(0, { val_accuracy: 0.5 }));
    assert.equal(controller.progress?.epochsDone, 1);
    assert.equal(controller.progress?.accuracy, 0.5);
    await session.end({ type: 'done', status: 'completed', runDir: '/ws/.cnn-lab/runs/r' });
    assert.equal(controller.progress, null);
    assert.equal(progress.at(-1), null);
    assert.equal(outcomes.length, 1);
    assert.equal(outcomes[0].done.status, 'completed');
    assert.equal(outcomes[0].failure, null);
    assert.equal(outcomes[0].progress.runDir, '/ws/.cnn-lab/runs/r');
  });

  it('refuses a second run while one is going, naming it, and starts nothing', () => {
    const { controller, sessions } = setup();
    controller.start(request);
    sessions[0].emit(trainBegin({ modelName: 'quickstart' }));
    const second = controller.start({ ...request, modelFile: '/ws/other.cnn.json' });
    assert.deepEqual(second, { started: false, refusal: { kind: 'busy', runningModel: 'quickstart', runningFile: '/ws/quickstart.cnn.json' } });
    assert.equal(sessions.length, 1);
  });

  it('allows a new run once the previous one has ended', async () => {
    const { controller, sessions } = setup();
    controller.start(request);
    await sessions[0].end({ type: 'done', status: 'stopped', runDir: null });
    assert.equal(controller.start(request).started, true);
    assert.equal(sessions.length, 2);
  });

  it('refuses in an untrusted workspace without starting a worker', () => {
    const { controller, sessions } = setup(false);
    assert.deepEqual(controller.start(request), { started: false, refusal: { kind: 'untrusted' } });
    assert.equal(sessions.length, 0);
  });

  it('stops after the batch on the first Stop and kills on the second', () => {
    const { controller, sessions } = setup();
    assert.equal(controller.stop(), false, 'nothing to stop yet');
    controller.start(request);
    assert.equal(controller.stop(), true);
    assert.equal(sessions[0].stopCalls, 1);
    assert.equal(controller.progress?.phase, 'stopping');
    controller.stop();
    assert.equal(sessions[0].killCalls, 1);
  });

  it('reports a crashed worker as a failure with its error and the tail of its log', async () => {
    const { controller, sessions, outcomes, logs } = setup();
    controller.start(request);
    const session = sessions[0];
    session.emit(trainBegin());
    for (let i = 0; i < 50; i++) session.log(`line ${i}`);
    await session.end({ type: 'done', status: 'interrupted', error: 'The training process was killed (SIGSEGV).', runDir: '/ws/.cnn-lab/runs/r' });
    assert.equal(logs.length, 50);
    const failure = outcomes[0].failure;
    assert.ok(failure, 'a crash is reported');
    assert.match(failure.message, /Training "quickstart" failed: The training process was killed \(SIGSEGV\)\. — last log lines: line 47 \| line 48 \| line 49$/);
    assert.match(failure.details, /Last 40 lines/);
    assert.doesNotMatch(failure.details, /line 9\n/);
  });

  it('does not report a run the user killed as a failure', async () => {
    const { controller, sessions, outcomes } = setup();
    controller.start(request);
    controller.stop();
    controller.stop();
    await sessions[0].end({ type: 'done', status: 'interrupted', error: 'killed (SIGKILL)', runDir: null });
    assert.equal(outcomes[0].failure, null);
  });

  it('treats a session whose done promise rejects as failed', async () => {
    const { controller, outcomes } = setup();
    const broken = new FakeTrainingSession();
    Object.defineProperty(broken, 'done', { value: Promise.reject(new Error('fork ENOENT')) });
    const c = new TrainingController({ startTraining: () => broken, isWorkspaceTrusted: () => true });
    const own: RunOutcome[] = [];
    c.onDidFinish((o) => own.push(o));
    c.start(request);
    await new Promise((r) => setImmediate(r));
    assert.equal(own[0].done.status, 'failed');
    assert.match(own[0].failure!.message, /fork ENOENT/);
    assert.equal(controller.progress, null);
    assert.equal(outcomes.length, 0);
  });

  it('kills a running worker when disposed', () => {
    const { controller, sessions } = setup();
    controller.start(request);
    controller.dispose();
    assert.equal(sessions[0].killCalls, 1);
  });
});
