// Trains the CIFAR-10 examples on the full data set and compares their test accuracy with
// the Keras results they reproduce. The data is the shared JPEG release of CIFAR-10
// (../shared/datasets/cifar10-jpg.tar.gz), unpacked once into the image-folder form.
//
//   npx tsx bench/accuracy/index.ts [--models baseline,augmented,deeper,fast] [--epochs N] [--threads N] [--archive PATH] [--out DIR]
//   npx tsx bench/accuracy/index.ts --resume <run folder> [--epochs N]   (continue a run cut short)
//   npx tsx bench/accuracy/index.ts --report <run folder>   (a run's figures over all its sittings)
//
// Each model trains through the real CLI path (a worker child process), so the figures are
// those a user gets. Results are appended to bench/accuracy/results.jsonl, each with its
// curve: validation accuracy and wall time after every epoch (time to accuracy).
import { promises as fs, createReadStream } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as tar from 'tar';
import { startTraining } from '../../src/node/trainingProcess';
import type { EvaluationEvent, TrainingEvent } from '../../src/shared/trainingEvents';
import { defaultCacheDir } from '../../src/cli/defaults';
import { reportRun } from './runReport';

const KERAS_REFERENCE: Record<string, number | null> = { baseline: 0.761, augmented: 0.7945, deeper: null, fast: 0.7945 };

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    models: { type: 'string', default: 'baseline,augmented,deeper' },
    epochs: { type: 'string' },
    threads: { type: 'string' },
    resume: { type: 'string' },
    archive: { type: 'string', default: path.join(__dirname, '..', '..', '..', 'shared', 'datasets', 'cifar10-jpg.tar.gz') },
    // Beside the decoded data set rather than in /tmp: these runs take hours, may span
    // sessions (--resume), and /tmp does not outlive a reboot.
    out: { type: 'string', default: path.join(defaultCacheDir(), 'accuracy-runs') },
    report: { type: 'string' },
  } });
  if (values.report) {
    const report = await reportRun(path.resolve(values.report));
    const curve = report.curve.map((c) => `${c.epoch}: ${c.valAccuracy === null ? '–' : `${(c.valAccuracy * 100).toFixed(1)}%`} @ ${c.minutes.toFixed(0)} min`).join(', ');
    console.log(`${report.model}: ${report.status}, ${report.epochs} epochs, ${report.trainingMinutes} min of training, test accuracy ${report.testAccuracy === null ? '– (not evaluated yet)' : `${(report.testAccuracy * 100).toFixed(2)}%`}`);
    console.log(`validation accuracy by epoch: ${curve}`);
    return;
  }
  const dataRoot = await unpackOnce(values.archive!, path.join(defaultCacheDir(), 'cifar10-jpg'));
  const results: string[] = [];
  // A resumed run continues its own copy of the model (the run folder keeps it).
  const runs = values.resume
    ? [{ name: /cifar10-([a-z]+)$/.exec(path.basename(values.resume))?.[1] ?? path.basename(values.resume), resumeRunDir: path.resolve(values.resume) }]
    : values.models!.split(',').map((name) => ({ name, resumeRunDir: undefined }));
  for (const { name, resumeRunDir } of runs) {
    const source = path.join(__dirname, '..', '..', 'examples', `cifar10-${name}.cnn.json`);
    const model = JSON.parse(await fs.readFile(source, 'utf8'));
    model.dataset = { name: 'imageFolder', path: dataRoot, imageSize: [32, 32] };
    delete model.$schema;
    const modelFile = path.join(values.out!, `cifar10-${name}-jpg.cnn.json`);
    await fs.mkdir(values.out!, { recursive: true });
    await fs.writeFile(modelFile, JSON.stringify(model, null, 2));

    const started = Date.now();
    const session = startTraining({ modelFile, resumeRunDir, runsRoot: values.out!, cacheDir: defaultCacheDir(), epochs: values.epochs ? Number(values.epochs) : undefined, threads: values.threads ? Number(values.threads) : undefined });
    let evaluation: EvaluationEvent | null = null;
    let epochs = 0;
    let threads = 1;
    const curve: { epoch: number; minutes: number; valAccuracy: number | null; imagesPerSec: number }[] = [];
    session.onEvent((e: TrainingEvent) => {
      if (e.type === 'epoch') {
        epochs = e.epoch + 1;
        curve.push({ epoch: epochs, minutes: Number(((Date.now() - started) / 60000).toFixed(2)), valAccuracy: e.val_accuracy, imagesPerSec: Math.round(e.imagesPerSec) });
        console.log(`${name} epoch ${epochs}: loss ${e.loss.toFixed(4)} acc ${e.accuracy.toFixed(4)} val_acc ${e.val_accuracy?.toFixed(4)} ${e.imagesPerSec.toFixed(0)} img/s ${e.epochSeconds.toFixed(0)} s`);
      }
      if (e.type === 'evaluation') evaluation = e;
      if (e.type === 'backend') threads = e.threads;
      if (e.type === 'backend') console.log(`${name}: backend ${e.name} (${e.threads} thread(s))`);
    });
    const done = await session.done;
    const minutes = (Date.now() - started) / 60000;
    const accuracy = (evaluation as EvaluationEvent | null)?.accuracy ?? null;
    const reference = KERAS_REFERENCE[name] ?? null;
    const row = { date: new Date().toISOString(), model: name, resumed: resumeRunDir !== undefined, status: done.status, epochs, minutes: Number(minutes.toFixed(1)), testAccuracy: accuracy, kerasReference: reference, runDir: done.runDir, threads, curve, cpus: os.cpus().length, cpu: os.cpus()[0]?.model };
    await fs.appendFile(path.join(__dirname, 'results.jsonl'), `${JSON.stringify(row)}\n`);
    results.push(`${name.padEnd(10)} ${String(epochs).padStart(6)} ${minutes.toFixed(1).padStart(9)} ${accuracy === null ? '     –' : `${(accuracy * 100).toFixed(2)}%`.padStart(8)} ${reference === null ? '       –' : `${(reference * 100).toFixed(2)}%`.padStart(8)}  ${done.status}`);
  }
  console.log('\nmodel      epochs   minutes  test acc   Keras   status');
  results.forEach((r) => console.log(r));
}

/** Unpacks the JPEG archive into `target` once (cifar10-jpg/{train,test}/<class>/…). */
async function unpackOnce(archive: string, target: string): Promise<string> {
  const root = path.join(target, 'cifar10-jpg');
  const done = path.join(target, '.complete');
  if (await fs.access(done).then(() => true, () => false)) return root;
  await fs.mkdir(target, { recursive: true });
  console.log(`Unpacking ${archive} into ${target} …`);
  await new Promise<void>((resolve, reject) => {
    createReadStream(archive).pipe(tar.x({ cwd: target })).on('finish', () => resolve()).on('error', reject);
  });
  await fs.writeFile(done, '');
  return root;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
