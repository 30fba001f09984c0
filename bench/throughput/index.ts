// Training throughput of the classic Keras CIFAR-10 CNN (examples/cifar10-baseline.cnn.json,
// batch 64, adam, float32, random data) on every engine that loads here, against PyTorch
// on the same model: one child process per engine, one after another.
//   npm run bench:throughput [-- --repeat 3] [-- --quick]
// Prints a table (medians over rounds, with the spread), a per-kernel profile of one wasm
// step, the two-replica trainer's step breakdown, the data pipeline's idle share, and last
// `ratio_vs_pytorch=<x>`: the best pure-npm engine / PyTorch, taken within each round (so
// both saw the same load on a shared machine), median over rounds; NaN without PyTorch.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { EngineResult } from './engineResult';
import { median } from './stepTiming';
import { formatArithmeticRate, trainingFlopPerImage } from './arithmeticRate';
import { formatParallelTiming, formatPipeline, formatProfile, formatTable, type Row } from './report';

const PYTHON = '/usr/bin/python3';
const HERE = __dirname;

interface Job {
  label: string;
  command: string;
  args: string[];
  pureNpm: boolean;
}

function nodeJob(label: string, engine: string, extra: string[], pureNpm = true): Job {
  return {
    label, pureNpm, command: process.execPath,
    args: ['--import', 'tsx', path.join(HERE, 'engineRun.ts'), '--engine', engine, ...extra],
  };
}

function jobs(quick: boolean): Job[] {
  const seconds = quick ? '8' : '20';
  return [
    nodeJob('wasm, 1 thread', 'wasm', ['--seconds', seconds, '--profile', '--pipeline']),
    nodeJob('wasm, 2 replicas (DataParallelTrainer)', 'parallel', ['--seconds', seconds, '--pipeline']),
    // Not an engine: two replicas that exchange nothing, the trainer's ceiling here.
    nodeJob('ceiling: 2 independent wasm threads', 'pair', ['--seconds', seconds], false),
    // ~0.3 images/s: one warm-up and one timed step of 4 images take ~40 s already.
    nodeJob('cpu (pure JS), batch 4', 'cpu', ['--batch', '4', '--warmup', '1', '--steps', '1']),
    // tfjs-node is an npm package too, but needs libtensorflow downloaded at install time.
    nodeJob('tensorflow (tfjs-node)', 'tensorflow', ['--seconds', seconds], false),
    {
      label: 'PyTorch (python3-torch), 2 threads', pureNpm: false, command: PYTHON,
      args: [path.join(HERE, 'pytorch_reference.py'), '--seconds', seconds],
    },
  ];
}

/** The convolution of convRate.ts on wasm and in PyTorch with 1 and 2 threads (~6 s each). */
function rateJobs(seconds: string): Job[] {
  return [
    { label: 'wasm, 1 thread', pureNpm: true, command: process.execPath, args: ['--import', 'tsx', path.join(HERE, 'convRate.ts'), '--seconds', seconds] },
    ...['1', '2'].map((threads) => ({
      label: `PyTorch, ${threads} thread${threads === '1' ? '' : 's'}`, pureNpm: false, command: PYTHON,
      args: [path.join(HERE, 'pytorch_reference.py'), '--conv-rate', '--threads', threads, '--seconds', seconds],
    })),
  ];
}

/** Runs one job to completion and parses its RESULT line. */
function runJob<T = EngineResult>(job: Job): Promise<T & { error?: string }> {
  return new Promise((resolve) => {
    if (job.command === PYTHON && !existsSync(PYTHON)) {
      resolve({ error: `${PYTHON} not found` } as T & { error: string });
      return;
    }
    const child = spawn(job.command, job.args, { cwd: path.join(HERE, '../..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (line) {
        resolve(JSON.parse(line.slice('RESULT '.length)) as T & { error?: string });
        return;
      }
      const why = /No module named '?torch'?/.test(stderr)
        ? 'python3-torch is not installed (apt-get install -y python3-torch)'
        : `exited with code ${code}: ${(stderr.trim().split('\n').pop() ?? '').slice(0, 200)}`;
      resolve({ error: why } as T & { error: string });
    });
  });
}

/** Runs every job once per round; slow or missing engines only in the first round. */
async function runRounds(list: Job[], repeat: number): Promise<Map<Job, EngineResult>[]> {
  const rounds: Map<Job, EngineResult>[] = [];
  for (let r = 0; r < repeat; r++) {
    const round = new Map<Job, EngineResult>();
    for (const job of list) {
      if (r > 0 && (job.args.includes('cpu') || rounds[0].get(job)?.error)) continue;
      process.stdout.write(`  running ${job.label}${repeat > 1 ? ` (round ${r + 1}/${repeat})` : ''}… `);
      const result = await runJob(job);
      round.set(job, result);
      console.log(result.error ? `unavailable: ${result.error}` : `${result.imagesPerSec!.toFixed(1)} images/s`);
    }
    rounds.push(round);
  }
  return rounds;
}

/** One table row per job: medians over the rounds it ran in. */
function summarize(list: Job[], rounds: Map<Job, EngineResult>[]): Row[] {
  return list.map((job) => {
    const results = rounds.flatMap((round) => (round.has(job) ? [round.get(job)!] : []));
    const ok = results.filter((r) => !r.error);
    const speeds = ok.map((r) => r.imagesPerSec!);
    return {
      label: job.label, pureNpm: job.pureNpm, error: ok.length ? undefined : results[0]?.error,
      imagesPerSec: speeds.length ? median(speeds) : NaN,
      spread: speeds.length > 1 ? [Math.min(...speeds), Math.max(...speeds)] : undefined,
      msPerStep: ok.length ? median(ok.map((r) => r.msPerStep!)) : NaN,
      imagesPerCpuSec: ok.some((r) => r.imagesPerCpuSec !== undefined) ? median(ok.map((r) => r.imagesPerCpuSec ?? NaN)) : NaN,
      first: ok[0],
    };
  });
}

/**
 * Best pure-npm engine / PyTorch within each round (both measured minutes apart under the
 * same load), NaN for a round without PyTorch.
 */
function roundRatios(list: Job[], rounds: Map<Job, EngineResult>[], pytorch: Job): number[] {
  return rounds.map((round) => {
    const reference = round.get(pytorch);
    const npm = list.filter((j) => j.pureNpm).map((j) => round.get(j)).filter((r): r is EngineResult => !!r && !r.error);
    if (!reference || reference.error || npm.length === 0) return NaN;
    return Math.max(...npm.map((r) => r.imagesPerSec!)) / reference.imagesPerSec!;
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { repeat: { type: 'string', default: '1' }, quick: { type: 'boolean', default: false } } });
  const repeat = Math.max(1, Number(values.repeat));
  const started = Date.now();
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`Throughput: ${path.relative(process.cwd(), path.join(HERE, '../../examples/cifar10-baseline.cnn.json'))}, batch 64, adam, random data`);
  console.log(`${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ${new Date().toISOString()}, load average ${load()}`);

  const list = jobs(values.quick);
  const rounds = await runRounds(list, repeat);
  const rows = summarize(list, rounds);
  const pytorch = rows[rows.length - 1];
  console.log('');
  console.log(formatTable(rows, pytorch.imagesPerSec));
  const wasm = rows[0].first;
  if (wasm?.profile) console.log(`\n${formatProfile(wasm.profile, wasm.batch ?? 64)}`);
  const parallel = rows[1].first;
  if (parallel?.parallelTiming) console.log(`\n${formatParallelTiming(parallel.parallelTiming)}`);
  console.log(`\n${formatPipeline([[rows[0].label, wasm?.pipeline], [rows[1].label, parallel?.pipeline]])}`);
  console.log('');
  const rates: (number | string)[] = [];
  for (const job of rateJobs(values.quick ? '3' : '6')) {
    process.stdout.write(`  timing the convolution: ${job.label}… `);
    const r = await runJob<{ gflops: number }>(job);
    console.log(r.error ? `unavailable: ${r.error}` : `${r.gflops.toFixed(1)} GFLOP/s`);
    rates.push(r.error ?? r.gflops);
  }
  console.log(`\n${formatArithmeticRate([
    { label: rows[0].label, convGflops: rates[0], imagesPerSec: rows[0].imagesPerSec },
    { label: rows[1].label, imagesPerSec: rows[1].imagesPerSec },
    { label: 'PyTorch, 1 thread', convGflops: rates[1] },
    { label: pytorch.label, convGflops: rates[2], imagesPerSec: pytorch.imagesPerSec },
  ], trainingFlopPerImage())}`);
  if (pytorch.error) console.log(`\nPyTorch reference unavailable: ${pytorch.error}. Install it with: apt-get install -y python3-torch`);

  const ratios = roundRatios(list, rounds, list[list.length - 1]).filter((r) => !Number.isNaN(r));
  const ratio = ratios.length ? median(ratios) : NaN;
  if (ratios.length > 1) console.log(`\nbest pure-npm engine / PyTorch per round: ${ratios.map((r) => r.toFixed(2)).join(', ')} (median ${ratio.toFixed(2)})`);
  console.log(`\nload average at the end ${load()}; whole run ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`ratio_vs_pytorch=${Number.isNaN(ratio) ? 'NaN' : ratio.toFixed(2)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  console.log('ratio_vs_pytorch=NaN');
  process.exitCode = 1;
});
