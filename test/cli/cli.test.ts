// The CLI's check and summary commands: the exact line format editors and CI read,
// exit codes, and no stack trace for any input.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { main } from '../../src/cli/main';

async function run(args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await main(args, (l) => lines.push(...l.split('\n')));
  return { code, lines };
}

describe('cnn-lab CLI', () => {
  let dir: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cnn-lab-cli-'));
  });
  after(() => fs.rm(dir, { recursive: true, force: true }));

  it('check: a valid example exits 0', async () => {
    const { code, lines } = await run(['check', 'examples/cifar10-baseline.cnn.json']);
    assert.equal(code, 0);
    assert.deepEqual(lines, ['examples/cifar10-baseline.cnn.json: ok']);
  });

  it('check: one file:line:col line per problem and exit 1', async () => {
    const file = path.join(dir, 'bad.cnn.json');
    await fs.writeFile(file, '{\n  "dataset": { "name": "cifar10" },\n  "layers": [\n    { "type": "Conv2d", "filters": 8 },\n    { "type": "Dense", "units": 10, "activaton": "softmax" }\n  ]\n}\n');
    const { code, lines } = await run(['check', file]);
    assert.equal(code, 1);
    assert.deepEqual(lines, [
      `${file}:4:15: error: Unknown layer type "Conv2d". Did you mean "Conv2D"? Known: Conv2D, MaxPooling2D, AveragePooling2D, Flatten, Dense, Dropout, BatchNormalization, GlobalAveragePooling2D, Activation`,
      `${file}:5:37: error: Dense (layer 2) has no argument "activaton". Did you mean "activation"? Known: type, name, units, activation, useBias, kernelInitializer, kernelRegularizer`,
    ]);
  });

  it('check: a file that is not JSON at all gets a clear line, not a stack trace', async () => {
    const file = path.join(dir, 'notjson.cnn.json');
    await fs.writeFile(file, 'model = Sequential()\n');
    const { code, lines } = await run(['check', file]);
    assert.equal(code, 1);
    assert.match(lines[0], new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:1: error: Not valid JSON`));
    assert.ok(lines.every((l) => !/\bat .*\(.*:\d+:\d+\)/.test(l)), lines.join('\n'));
  });

  it('check: a missing file says so and exits 1', async () => {
    const { code, lines } = await run(['check', path.join(dir, 'nope.cnn.json')]);
    assert.equal(code, 1);
    assert.match(lines[0], /nope\.cnn\.json: error: cannot read the file \(ENOENT\)/);
  });

  it('summary: a Keras-style table with totals equal to Keras', async () => {
    const { code, lines } = await run(['summary', 'examples/cifar10-baseline.cnn.json']);
    assert.equal(code, 0);
    const text = lines.join('\n');
    assert.match(text, /Model: "cifar10-baseline"/);
    assert.match(text, /conv2d \(Conv2D\)\s+\(None, 32, 32, 32\)\s+896/);
    assert.match(text, /conv2d_1 \(Conv2D\)\s+\(None, 30, 30, 32\)\s+9,248/);
    assert.match(text, /flatten \(Flatten\)\s+\(None, 2304\)\s+0/);
    assert.match(text, /dense \(Dense\)\s+\(None, 512\)\s+1,180,160/);
    assert.match(text, /Total params: 1,250,858/);
    assert.match(text, /Multiply-adds per image: 20\.7 M \(20,741,120\)/);
  });

  it('usage errors exit 2 with the usage text', async () => {
    const { code, lines } = await run(['train', '--epochs', 'many', 'x.cnn.json']);
    assert.equal(code, 2);
    assert.match(lines[0], /--epochs takes a whole number/);
    const threads = await run(['train', '--threads', '0', 'x.cnn.json']);
    assert.equal(threads.code, 2);
    assert.match(threads.lines[0], /--threads takes a whole number from 1 to 64/);
    assert.equal((await run(['frobnicate'])).code, 2);
  });

  it('export-keras writes a Python script that compiles; import-keras turns a Keras to_json() file into a valid model file', async () => {
    const script = path.join(dir, 'baseline.py');
    const exported = await run(['export-keras', 'examples/cifar10-baseline.cnn.json', '-o', script]);
    assert.equal(exported.code, 0, exported.lines.join('\n'));
    const text = await fs.readFile(script, 'utf8');
    assert.match(text, /layers\.Conv2D\(filters=32, kernel_size=\(3, 3\), padding='same', activation='relu'\)/);
    execFileSync('python3', ['-m', 'py_compile', script]);

    const target = path.join(dir, 'tutorial.cnn.json');
    const imported = await run(['import-keras', 'test/fixtures/keras/tf-keras-2.4-cnn-tutorial.json', '-o', target]);
    assert.equal(imported.code, 0, imported.lines.join('\n'));
    const checked = await run(['summary', target]);
    assert.equal(checked.code, 0, checked.lines.join('\n'));
    assert.match(checked.lines.join('\n'), /Total params: 122,570/);
  });

  it('import-keras refuses an unsupported layer with a clear one-line error', async () => {
    const file = path.join(dir, 'lstm.json');
    await fs.writeFile(file, JSON.stringify({ class_name: 'Sequential', config: { name: 's', layers: [
      { class_name: 'InputLayer', config: { batch_input_shape: [null, 10, 8], name: 'in' } },
      { class_name: 'LSTM', config: { name: 'lstm', units: 4 } }] }, keras_version: '2.4.0', backend: 'tensorflow' }));
    const { code, lines } = await run(['import-keras', file]);
    assert.equal(code, 1);
    assert.match(lines[0], /^cnn-lab: error: Cannot import this Keras model/);
    assert.match(lines.join('\n'), /LSTM/);
  });
});
