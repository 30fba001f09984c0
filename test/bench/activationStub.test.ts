// Keeps the activation benchmark (bench/activation) honest: one round of the real bundle
// against the stub vscode API must activate fully without TensorFlow.js or sharp, and the
// runner must notice a bundle that loads them or whose activate() throws.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runActivationRound } from '../../bench/activation/runRound';
import { ensureWorkerBuilt } from '../support/buildOnce';

const BUNDLE = path.join(__dirname, '..', '..', 'dist', 'extension.js');

describe('activation benchmark runner', () => {
  let fixture: string;

  before(async () => {
    // The bundle of the current sources, so an import that drags tfjs in shows up here.
    await ensureWorkerBuilt();
    // A stand-in extension folder: package.json and two tiny "bundles" in dist/.
    fixture = mkdtempSync(path.join(os.tmpdir(), 'cnn-lab-activation-test-'));
    mkdirSync(path.join(fixture, 'dist'));
    mkdirSync(path.join(fixture, 'node_modules', '@tensorflow', 'tfjs'), { recursive: true });
    writeFileSync(path.join(fixture, 'package.json'), JSON.stringify({ name: 'fixture', publisher: 'test' }));
    writeFileSync(path.join(fixture, 'node_modules', '@tensorflow', 'tfjs', 'index.js'), 'module.exports = {};\n');
    writeFileSync(path.join(fixture, 'dist', 'loadsTfjs.js'), "exports.activate = () => { require('@tensorflow/tfjs'); };\n");
    writeFileSync(path.join(fixture, 'dist', 'throws.js'), "exports.activate = () => { require('vscode').window.createTreeView('x'); throw new Error('boom in activate'); };\n");
  });

  after(() => rmSync(fixture, { recursive: true, force: true }));

  it('activates the real bundle against the stub, without TensorFlow.js or sharp', async () => {
    const record = await runActivationRound(BUNDLE);
    assert.equal(record.error, null);
    assert.ok(record.loadMs > 0, `load ${record.loadMs} ms`);
    assert.ok(record.activateMs > 0, `activate ${record.activateMs} ms`);
    assert.ok(record.modules > 0 && record.modulePaths.includes(BUNDLE), record.modulePaths.join(', '));
    assert.ok(record.moduleBytes > 0);
    // activate() ran to its end: it registers dozens of disposables (views, commands, providers).
    assert.ok(record.subscriptions >= 10, `${record.subscriptions} subscriptions`);
    assert.deepEqual(record.forbidden, []);
  });

  it('flags a bundle that loads TensorFlow.js', async () => {
    const record = await runActivationRound(path.join(fixture, 'dist', 'loadsTfjs.js'));
    assert.equal(record.error, null);
    assert.ok(record.forbidden.includes('@tensorflow/tfjs'), record.forbidden.join(', '));
    assert.ok(record.forbidden.some((p) => p.endsWith(path.join('@tensorflow', 'tfjs', 'index.js'))), record.forbidden.join(', '));
  });

  it('reports what activate() throws', async () => {
    const record = await runActivationRound(path.join(fixture, 'dist', 'throws.js'));
    assert.match(record.error ?? '', /boom in activate/);
  });
});
