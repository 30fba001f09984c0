// One esbuild run, one bundle per runtime: the extension host, the training worker, the CLI
// and each webview. tfjs, sharp and other packages with native or wasm files stay external
// to the Node bundles so that they find their files in node_modules at run time.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const nodeExternals = ['vscode', '@tensorflow/*', 'sharp', 'seedrandom'];

const node = (entry, outfile) => ({
  entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
  sourcemap: true, external: nodeExternals, logLevel: 'warning',
  // jsonc-parser's UMD build hides its requires from esbuild; its ES module build bundles cleanly.
  mainFields: ['module', 'main'],
});
const browser = (entry, outfile) => ({
  entryPoints: [entry], outfile, bundle: true, platform: 'browser', target: 'es2022', format: 'iife',
  sourcemap: true, logLevel: 'warning', loader: { '.css': 'text' },
});

const builds = [
  node('src/extension/extension.ts', 'dist/extension.js'),
  node('src/worker/workerMain.ts', 'dist/worker.js'),
  // The data-parallel trainer's worker threads (src/worker/parallel), loaded beside worker.js.
  node('src/worker/parallel/replicaThread.ts', 'dist/replicaThread.js'),
  node('src/cli/main.ts', 'dist/cli.js'),
  browser('webview/dashboard/main.ts', 'dist/webview/dashboard.js'),
  browser('webview/misclassified/main.ts', 'dist/webview/misclassified.js'),
].filter((b) => existsSync(b.entryPoints[0]));

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
