// The `cnn-lab` command line: train, check and summarise model files, and convert
// to and from Keras. Errors are one clear line each, never a stack trace.
import { parseArgs } from 'node:util';
import * as path from 'node:path';
import { BACKEND_PREFERENCES, type BackendPreference } from '../shared/workerProtocol';
import { checkCommand } from './checkCommand';
import { summaryCommand } from './summaryCommand';
import { trainCommand } from './trainCommand';
import { exportKerasCommand, importKerasCommand } from './kerasCommands';
import { defaultCacheDir, defaultRunsRoot } from './defaults';

const USAGE = `Usage:
  cnn-lab train <file.cnn.json> [--epochs N] [--out DIR] [--backend auto|tensorflow|wasm|cpu] [--threads N] [--cache DIR]
  cnn-lab train --resume <run folder> [--epochs N] [--backend …]
  cnn-lab check <file.cnn.json>
  cnn-lab summary <file.cnn.json>
  cnn-lab export-keras <file.cnn.json> [-o model.py]
  cnn-lab import-keras <model.json> [-o file.cnn.json]`;

class UsageError extends Error {}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'train':
        return await train(rest, out);
      case 'check':
        return await checkCommand(singleFile(rest, 'check'), out);
      case 'summary':
        return await summaryCommand(singleFile(rest, 'summary'), out);
      case 'export-keras': {
        const { file, output } = fileWithOutput(rest, command);
        return await exportKerasCommand(file, output, out);
      }
      case 'import-keras': {
        const { file, output } = fileWithOutput(rest, command);
        return await importKerasCommand(file, output, out);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out(USAGE);
        return command ? 0 : 2;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      out(`cnn-lab: ${(e as Error).message}\n${USAGE}`);
      return 2;
    }
    out(`cnn-lab: error: ${(e as Error).message}`);
    return 1;
  }
}

function singleFile(args: string[], command: string): string {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError(`${command} takes one model file`);
  return positionals[0];
}

function fileWithOutput(args: string[], command: string): { file: string; output?: string } {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { output: { type: 'string', short: 'o' } } });
  if (positionals.length !== 1) throw new UsageError(`${command} takes one input file`);
  return { file: positionals[0], output: values.output };
}

async function train(args: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { epochs: { type: 'string' }, out: { type: 'string' }, backend: { type: 'string' }, resume: { type: 'string' }, cache: { type: 'string' }, threads: { type: 'string' } },
  });
  const backend = (values.backend ?? 'auto') as BackendPreference;
  if (!BACKEND_PREFERENCES.includes(backend)) throw new UsageError(`--backend must be one of ${BACKEND_PREFERENCES.join(', ')}`);
  const epochs = values.epochs === undefined ? undefined : Number(values.epochs);
  if (epochs !== undefined && (!Number.isInteger(epochs) || epochs < 1)) throw new UsageError('--epochs takes a whole number ≥ 1');
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 64)) throw new UsageError('--threads takes a whole number from 1 to 64');
  if (!values.resume && positionals.length !== 1) throw new UsageError('train takes one model file (or --resume <run folder>)');
  const resumeRunDir = values.resume ? path.resolve(values.resume) : undefined;
  return trainCommand({
    modelFile: positionals[0] ?? '',
    runsRoot: values.out ? path.resolve(values.out) : resumeRunDir ? path.dirname(resumeRunDir) : defaultRunsRoot(),
    cacheDir: values.cache ? path.resolve(values.cache) : defaultCacheDir(),
    epochs, backend, threads, resumeRunDir,
  }, out);
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
