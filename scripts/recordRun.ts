// Records a real training run as the event stream the webview tests replay
// (test/fixtures/recorded-run.jsonl): the quick-start model on the embedded CIFAR-10
// sample, trained by the real worker, read back from its run folder as the dashboard
// reads a finished run. Paths are made machine-independent.
//   npx tsx scripts/recordRun.ts [--epochs 3]
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runTraining } from '../src/worker/runTraining';
import { readRunEvents } from '../src/node/runStore';
import type { TrainingEvent } from '../src/shared/trainingEvents';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { epochs: { type: 'string', default: '3' } } });
  const root = path.join(__dirname, '..');
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'cnn-lab-record-'));
  try {
    const done = await runTraining(
      { type: 'start', modelFile: path.join(root, 'examples', 'quickstart.cnn.json'), runsRoot: work, cacheDir: path.join(work, 'cache'), epochs: Number(values.epochs), backend: 'wasm' },
      { emit: (e) => e.type === 'epoch' && console.log(`epoch ${e.epoch + 1}: val_accuracy ${e.val_accuracy}`), stopRequested: () => false },
    );
    if (done.status !== 'completed' || !done.runDir) throw new Error(`the run ended ${done.status}: ${done.error}`);
    const portableDir = `/workspace/.cnn-lab/runs/${path.basename(done.runDir)}`;
    const events = (await readRunEvents(done.runDir)).map((e): TrainingEvent => {
      if (e.type === 'trainBegin') return { ...e, runDir: portableDir };
      if (e.type === 'epoch') return { ...e, checkpoint: e.checkpoint && e.checkpoint.replace(done.runDir!, portableDir) };
      if (e.type === 'evaluation') return { ...e, testImages: { ...e.testImages, file: 'test-images.u8' } };
      if (e.type === 'done') return { ...e, runDir: portableDir };
      return e;
    });
    const target = path.join(root, 'test', 'fixtures', 'recorded-run.jsonl');
    await fs.writeFile(target, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    console.log(`wrote ${events.length} events to ${target}`);
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
