// Backend selection on this machine: tfjs-node is not installed, wasm works. Other
// situations (tfjs-node present, present but broken, wasm broken) use stand-in modules,
// since a real failed wasm start would leave the process's one tfjs engine unusable.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as esbuild from 'esbuild';
import * as tf from '@tensorflow/tfjs';
import { type BackendModules, nodeModules, selectBackend } from '../../../src/worker/backend/selectBackend';

const repoRoot = path.join(__dirname, '..', '..', '..');

describe('selectBackend', function () {
  this.timeout(30_000);
  let previous: string | undefined;
  before(() => {
    previous = tf.getBackend(); // undefined until some backend has started
  });
  after(async () => {
    if (previous) await tf.setBackend(previous);
  });

  it("'auto' picks wasm here, with the training kernels, and says why not tfjs-node", async () => {
    const logged: string[] = [];
    const handlers = () => [process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')];
    const handlersBefore = handlers();
    const selected = await selectBackend('auto', (msg) => logged.push(msg));
    // The wasm module's Emscripten glue adds rethrowing handlers; selectBackend removes them.
    assert.deepStrictEqual(handlers(), handlersBefore);
    assert.strictEqual(selected.name, 'wasm');
    assert.strictEqual(selected.tf.getBackend(), 'wasm');
    assert.strictEqual(selected.threads, 1);
    assert.match(selected.note ?? '', /tfjs-node not installed; using wasm \(SIMD, 1 thread\)/);
    assert.strictEqual(selected.warning, undefined);
    assert.ok(logged.some((msg) => msg.includes('tfjs-node not installed')));
    assert.ok(tf.getKernel('Conv2DBackpropFilter', 'wasm'), 'training kernels registered');
  });

  it("forcing 'tensorflow' throws an error that names tfjs-node and the alternatives", async () => {
    await assert.rejects(selectBackend('tensorflow'), (error: Error) => {
      assert.match(error.message, /'tensorflow' backend is unavailable: @tensorflow\/tfjs-node not installed/);
      assert.match(error.message, /'auto', 'wasm' or 'cpu'/);
      return true;
    });
  });

  it("forcing 'cpu' works but warns that it is far too slow", async () => {
    const selected = await selectBackend('cpu');
    assert.strictEqual(selected.name, 'cpu');
    assert.strictEqual(tf.getBackend(), 'cpu');
    assert.match(selected.warning ?? '', /far too slow/);
  });

  it("'auto' prefers tfjs-node when it loads", async () => {
    const withTfjsNode: BackendModules = {
      ...nodeModules,
      // A stand-in 'tensorflow' backend: the real one needs the native addon.
      tfjsNode: () => {
        tf.registerBackend('tensorflow', () => new tf.MathBackendCPU());
        return tf;
      },
    };
    try {
      const selected = await selectBackend('auto', undefined, withTfjsNode);
      assert.strictEqual(selected.name, 'tensorflow');
      assert.strictEqual(tf.getBackend(), 'tensorflow');
      assert.ok(selected.threads >= 1);
    } finally {
      await tf.setBackend('wasm');
      tf.removeBackend('tensorflow');
    }
  });

  it("'auto' reports an installed but broken tfjs-node", async () => {
    const broken: BackendModules = {
      ...nodeModules,
      tfjsNode: () => {
        throw new Error('The Node.js native addon module (tfjs_binding.node) can not be found at path: x\nmore');
      },
    };
    const selected = await selectBackend('auto', undefined, broken);
    assert.strictEqual(selected.name, 'wasm');
    assert.match(selected.note ?? '', /^tfjs-node failed to load \(The Node\.js native addon module \(tfjs_binding\.node\) can not be found at path: x\); using wasm/);
  });

  it("falls back to cpu, with a warning, when wasm cannot start; forcing 'wasm' then throws", async () => {
    const noWasm: BackendModules = {
      ...nodeModules,
      wasm: () => {
        throw new Error("Cannot find module '@tensorflow/tfjs-backend-wasm'");
      },
    };
    const selected = await selectBackend('auto', undefined, noWasm);
    assert.strictEqual(selected.name, 'cpu');
    assert.match(selected.note ?? '', /tfjs-node not installed; wasm failed to start \(Cannot find module/);
    assert.match(selected.warning ?? '', /far too slow/);
    await assert.rejects(selectBackend('wasm', undefined, noWasm), /'wasm' backend failed to start: Cannot find module/);
  });

  it('finds the .wasm files from node_modules when bundled by esbuild with @tensorflow/* external', async function () {
    this.timeout(60_000);
    // Inside node_modules, so the bundle resolves packages as dist/worker.js does.
    const outDir = fs.mkdtempSync(path.join(repoRoot, 'node_modules', '.cache-cnn-lab-bundle-'));
    try {
      const outfile = path.join(outDir, 'worker.js');
      await esbuild.build({
        entryPoints: [path.join(repoRoot, 'src', 'worker', 'backend', 'selectBackend.ts')],
        outfile, bundle: true, platform: 'node', format: 'cjs', external: ['@tensorflow/*'], logLevel: 'error',
      });
      const script = `require(${JSON.stringify(outfile)}).selectBackend('auto')` +
        '.then((s) => console.log(JSON.stringify({ name: s.name, note: s.note })))';
      const output = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      assert.deepStrictEqual(JSON.parse(output.trim().split('\n').pop() ?? ''), {
        name: 'wasm', note: 'tfjs-node not installed; using wasm (SIMD, 1 thread)',
      });
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });
});

