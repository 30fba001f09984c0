// `cnn-lab train`: runs the same worker the extension runs, shows a progress bar per epoch,
// then the test accuracy, the per-class table and the confusion matrix. Ctrl+C stops the
// run cleanly (everything written is kept); a second Ctrl+C kills it.
import { SingleBar, Presets } from 'cli-progress';
import type { BackendPreference } from '../shared/workerProtocol';
import type { EvaluationEvent, TrainBeginEvent, TrainingEvent } from '../shared/trainingEvents';
import { startTraining } from '../node/trainingProcess';
import { formatConfusion, formatPerClass } from './formatTables';

export interface TrainCommandOptions {
  modelFile: string;
  runsRoot: string;
  cacheDir: string;
  epochs?: number;
  backend: BackendPreference;
  threads?: number;
  resumeRunDir?: string;
}

const pct = (x: number | null) => (x === null ? '  –   ' : `${(x * 100).toFixed(2)}%`);

/** Trains and prints; resolves to the process exit code. */
export async function trainCommand(options: TrainCommandOptions, out: (line: string) => void): Promise<number> {
  const session = startTraining(options);
  const interactive = Boolean(process.stdout.isTTY);
  let begin: TrainBeginEvent | null = null;
  let bar: SingleBar | null = null;
  let evaluation: EvaluationEvent | null = null;
  let interrupts = 0;
  let errorShown = false;
  const onSigint = () => {
    interrupts++;
    if (interrupts === 1) {
      bar?.stop();
      out('Stopping after the current batch (Ctrl+C again to kill)…');
      session.stop();
    } else session.kill();
  };
  process.on('SIGINT', onSigint);

  session.onEvent((e: TrainingEvent) => {
    switch (e.type) {
      case 'backend':
        out(`Backend: ${e.name} (${e.threads} thread${e.threads === 1 ? '' : 's'})${e.note ? ` — ${e.note}` : ''}`);
        if (e.warning) out(`Warning: ${e.warning}`);
        break;
      case 'datasetProgress':
        if (interactive) process.stdout.write(`\r${e.message}`.padEnd(80));
        break;
      case 'trainBegin':
        begin = e;
        if (interactive) process.stdout.write('\r'.padEnd(81) + '\r');
        out(`Training "${e.modelName}": ${e.trainCount} training, ${e.validationCount} validation, ${e.testCount} test images of ${e.imageShape.join('×')}; ${e.totalParams.toLocaleString('en-US')} parameters`);
        out(`Run folder: ${e.runDir}`);
        break;
      case 'batch':
        if (!begin || !interactive) break;
        if (!bar) {
          bar = new SingleBar({ format: `Epoch ${e.epoch + 1}/${begin.epochs} [{bar}] {value}/{total} loss {loss} acc {acc} {ips} img/s`, hideCursor: true }, Presets.shades_classic);
          bar.start(begin.stepsPerEpoch, 0, { loss: '-', acc: '-', ips: '-' });
        }
        bar.update(e.batch + 1, { loss: e.loss.toFixed(4), acc: e.accuracy.toFixed(4), ips: e.imagesPerSec.toFixed(0) });
        break;
      case 'epoch':
        bar?.stop();
        bar = null;
        out(`Epoch ${e.epoch + 1}/${begin?.epochs ?? '?'}: loss ${e.loss.toFixed(4)}  accuracy ${pct(e.accuracy)}  val_loss ${e.val_loss?.toFixed(4) ?? '–'}  val_accuracy ${pct(e.val_accuracy)}  lr ${e.learningRate.toPrecision(3)}  ${e.imagesPerSec.toFixed(0)} img/s  ${e.epochSeconds.toFixed(1)} s`);
        break;
      case 'evaluation':
        evaluation = e;
        break;
      case 'log':
        if (e.level === 'error') errorShown = true;
        if (e.level !== 'info') out(`${e.level === 'error' ? 'Error' : 'Warning'}: ${e.message}`);
        break;
      default:
        break;
    }
  });

  const done = await session.done;
  process.off('SIGINT', onSigint);
  (bar as SingleBar | null)?.stop();
  if (evaluation) {
    const ev = evaluation as EvaluationEvent;
    out('');
    out(`Test accuracy: ${pct(ev.accuracy)} (${ev.labels.length} images), test loss ${ev.loss.toFixed(4)}`);
    out('');
    out(formatPerClass(ev));
    out('');
    out(formatConfusion(ev));
  }
  out('');
  switch (done.status) {
    case 'completed':
      out(`Completed. Run folder: ${done.runDir}`);
      return 0;
    case 'stopped':
      out(`Stopped; everything so far is kept in ${done.runDir}. Resume with: cnn-lab train --resume ${done.runDir}`);
      return 130;
    case 'interrupted':
      out(`Interrupted: ${done.error}\nEverything written so far is kept in ${done.runDir}. Resume with: cnn-lab train --resume ${done.runDir}`);
      return 1;
    case 'failed':
      if (!errorShown) out(`Failed: ${done.error}`);
      return 1;
  }
}
