// @ts-check
// One activation of the extension bundle, in the process that runs this file: the `vscode`
// stub is installed, the bundle is required and activated, and one line
// `RESULT {json}` (see activationRecord.ts) goes to stdout. Meant to run in a fresh process
// per measurement, so that the module cache and the JIT are cold as in a new extension host:
//   node --expose-gc bench/activation/activateOnce.cjs dist/extension.js
// Plain CommonJS run by plain node: under tsx the bundle would go through tsx's require hook.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Module = require('node:module');
const { performance } = require('node:perf_hooks');
const { createVscodeStub, createExtensionContext } = require('./vscodeStub.cjs');

/** Packages that belong in the training worker only: loading them here costs seconds and hundreds of MB. */
const FORBIDDEN_PATH = /[\\/](@tensorflow|sharp|@img[\\/]sharp[^\\/]*)[\\/]/;
const FORBIDDEN_REQUEST = /^(@tensorflow\/|sharp$|sharp\/|@img\/sharp)/;

/**
 * @typedef {object} ActivationRecord
 * @property {number} loadMs time of require(bundle)
 * @property {number} activateMs time of activate(context), until its promise (if any) settled
 * @property {number} modules modules that entered require.cache while loading and activating
 * @property {number} moduleBytes their total size on disk
 * @property {string[]} modulePaths those modules
 * @property {number} heapDeltaBytes heapUsed after activation minus before loading (after a GC each when exposed)
 * @property {boolean} gcExposed whether both heap readings followed a full GC (node --expose-gc)
 * @property {string[]} forbidden TensorFlow.js or sharp modules loaded or requested, if any
 * @property {number} subscriptions disposables activate() pushed to context.subscriptions
 * @property {string | null} error the error thrown by loading, activate() or deactivate()
 * @property {string} nodeVersion
 */

/**
 * Makes `require('vscode')` return the stub, and reports every request to `onRequest`.
 * @param {unknown} vscode
 * @param {(request: string) => void} onRequest
 * @returns {() => void} undoes the interception
 */
function interceptRequire(vscode, onRequest) {
  /** @type {any} */
  const loader = Module;
  const originalLoad = loader._load;
  const originalResolve = loader._resolveFilename;
  loader._load = function load(/** @type {string} */ request, /** @type {unknown[]} */ ...rest) {
    onRequest(request);
    return request === 'vscode' ? vscode : originalLoad.call(this, request, ...rest);
  };
  loader._resolveFilename = function resolve(/** @type {string} */ request, /** @type {unknown[]} */ ...rest) {
    return request === 'vscode' ? 'vscode' : originalResolve.call(this, request, ...rest);
  };
  return () => {
    loader._load = originalLoad;
    loader._resolveFilename = originalResolve;
  };
}

/** A full GC when node runs with --expose-gc, so that heap readings hold live objects only. */
function collectGarbage() {
  if (typeof global.gc === 'function') global.gc();
}

/**
 * @param {unknown} value
 * @returns {value is PromiseLike<unknown>}
 */
function isThenable(value) {
  return typeof value === 'object' && value !== null && typeof (/** @type {{ then?: unknown }} */ (value).then) === 'function';
}

/** @param {unknown} error */
function describe(error) {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * Loads and activates the bundle once, then deactivates it and disposes its subscriptions
 * as VS Code would. Errors are returned in the record rather than thrown.
 * @param {string} bundlePath the extension's main file, e.g. dist/extension.js
 * @param {string} [extensionRoot] the folder with package.json; by default the bundle's parent's parent
 * @returns {Promise<ActivationRecord>}
 */
async function activateOnce(bundlePath, extensionRoot = path.resolve(path.dirname(bundlePath), '..')) {
  const bundle = path.resolve(bundlePath);
  /** @type {Set<string>} */
  const forbidden = new Set();
  const restore = interceptRequire(createVscodeStub(), (request) => {
    if (FORBIDDEN_REQUEST.test(request)) forbidden.add(request);
  });
  const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-lab-activation-'));
  const context = createExtensionContext(extensionRoot, storageDir);
  const cachedBefore = new Set(Object.keys(require.cache));
  /** @type {string | null} */
  let error = null;
  let loadMs = 0;
  let activateMs = 0;
  /** @type {{ activate?: (context: unknown) => unknown, deactivate?: () => unknown } | undefined} */
  let extension;

  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const loadStart = performance.now();
  try {
    extension = require(bundle);
    loadMs = performance.now() - loadStart;
    if (typeof extension?.activate !== 'function') throw new Error(`${bundle} exports no activate()`);
    const activateStart = performance.now();
    const result = extension.activate(context);
    if (isThenable(result)) await result;
    activateMs = performance.now() - activateStart;
  } catch (thrown) {
    error = describe(thrown);
  }
  collectGarbage();
  const heapAfter = process.memoryUsage().heapUsed;

  const modulePaths = Object.keys(require.cache).filter((file) => !cachedBefore.has(file));
  for (const file of modulePaths) if (FORBIDDEN_PATH.test(file)) forbidden.add(file);
  const moduleBytes = modulePaths.reduce((sum, file) => sum + fs.statSync(file).size, 0);
  const subscriptions = context.subscriptions.length;

  try {
    if (typeof extension?.deactivate === 'function') await extension.deactivate();
    for (const disposable of context.subscriptions) disposable.dispose();
  } catch (thrown) {
    error ??= `deactivate: ${describe(thrown)}`;
  }
  restore();
  fs.rmSync(storageDir, { recursive: true, force: true });

  return {
    loadMs, activateMs, modules: modulePaths.length, moduleBytes, modulePaths,
    heapDeltaBytes: heapAfter - heapBefore, gcExposed: typeof global.gc === 'function',
    forbidden: [...forbidden], subscriptions, error, nodeVersion: process.version,
  };
}

if (require.main === module) {
  const bundlePath = process.argv[2];
  if (!bundlePath) {
    console.error('usage: node --expose-gc activateOnce.cjs <path/to/extension.js>');
    process.exit(2);
  }
  activateOnce(bundlePath).then((record) => {
    // Exit at once: a timer the extension left running must not keep the round alive.
    process.stdout.write(`RESULT ${JSON.stringify(record)}\n`, () => process.exit(0));
  });
}

module.exports = { activateOnce };
