// @ts-check
// A stand-in for the `vscode` module, so that the real extension bundle can be loaded and
// activated in a plain Node process. Every API answers instantly and does nothing: what the
// benchmark then measures is the extension's own code loading and activate() work.
//
// Plain CommonJS rather than TypeScript: the runner that loads it must not go through tsx,
// whose require hook also transforms (and source-maps) the 1 MB bundle being timed.
'use strict';

const path = require('node:path');

/**
 * A callable, constructible object that has every property. Property reads return further
 * stubs (cached, so `vscode.DiagnosticSeverity.Error === vscode.DiagnosticSeverity.Error`),
 * calls and `new` return fresh ones, and assignments are kept (`item.text = 'x'` reads back).
 * @param {string} name dotted path, shown by toString() and in error messages
 * @returns {any}
 */
function anything(name) {
  /** @type {Map<PropertyKey, unknown>} */
  const props = new Map();
  // A function target, so that the proxy may be called and constructed.
  const target = function stub() {};
  return new Proxy(target, {
    get(_target, key) {
      if (props.has(key)) return props.get(key);
      const special = specialProperty(name, key);
      if (special.found) return special.value;
      // Symbols other than the special ones (util.inspect.custom, Symbol.hasInstance, ...)
      // fall back to the defaults of a plain function.
      if (typeof key === 'symbol') return undefined;
      const child = anything(`${name}.${key}`);
      props.set(key, child);
      return child;
    },
    set(_target, key, value) {
      props.set(key, value);
      return true;
    },
    apply: () => anything(`${name}()`),
    construct: () => anything(`new ${name}`),
  });
}

/**
 * The properties a stub must not invent: each of these would hang or crash the caller.
 * @param {string} name
 * @param {PropertyKey} key
 * @returns {{ found: true, value: unknown } | { found: false }}
 */
function specialProperty(name, key) {
  switch (key) {
    // `await stub` must resolve to the stub, not wait for a `then` that never calls back.
    case 'then': return { found: true, value: undefined };
    // The real vscode module is CommonJS; esbuild's interop must treat it as such.
    case '__esModule': return { found: true, value: undefined };
    case 'dispose': return { found: true, value: () => {} };
    case 'toString':
    case 'toJSON': return { found: true, value: () => name };
    case Symbol.toPrimitive: return { found: true, value: () => name };
    case Symbol.iterator: return { found: true, value: function* none() {} };
    default: return { found: false };
  }
}

/**
 * An object with the given own properties whose every other property is a stub. The stub
 * sits in the prototype: esbuild's `__toESM(require('vscode'))` copies own properties and
 * keeps the prototype, so both kinds stay reachable through the bundle's namespace object.
 * @param {string} name
 * @param {Record<string, unknown>} own
 * @returns {any}
 */
function partial(name, own) {
  // defineProperties, not Object.assign: assignment would reach the stub's set trap through
  // the prototype and the properties would not be own.
  return Object.defineProperties(Object.create(anything(name)), Object.getOwnPropertyDescriptors(own));
}

/**
 * A file Uri with the fields the extension reads.
 * @param {string} fsPath
 * @returns {any}
 */
function fileUri(fsPath) {
  const absolute = path.resolve(fsPath);
  const uriPath = absolute.split(path.sep).join('/');
  return partial('vscode.Uri', {
    scheme: 'file',
    authority: '',
    path: uriPath,
    fsPath: absolute,
    query: '',
    fragment: '',
    toString: () => `file://${uriPath}`,
    toJSON: () => ({ scheme: 'file', path: uriPath, fsPath: absolute }),
    with: (/** @type {{ path?: string }} */ change) => fileUri(change.path ?? absolute),
  });
}

const Uri = partial('vscode.Uri', {
  file: fileUri,
  joinPath: (/** @type {{ fsPath: string }} */ base, /** @type {string[]} */ ...segments) => fileUri(path.join(base.fsPath, ...segments)),
  parse: (/** @type {string} */ text) => fileUri(text.replace(/^file:\/\//, '')),
});

/** A WorkspaceConfiguration with nothing set: every setting takes its default. */
function emptyConfiguration() {
  return partial('vscode.WorkspaceConfiguration', {
    get: (/** @type {string} */ _key, /** @type {unknown} */ defaultValue) => defaultValue,
    has: () => false,
    inspect: () => undefined,
    update: () => Promise.resolve(),
  });
}

/**
 * The stub `vscode` module: a window without folders or open documents, in a trusted workspace.
 * @returns {any}
 */
function createVscodeStub() {
  return partial('vscode', {
    Uri,
    workspace: partial('vscode.workspace', {
      workspaceFolders: [],
      textDocuments: [],
      isTrusted: true,
      getConfiguration: emptyConfiguration,
      getWorkspaceFolder: () => undefined,
    }),
    window: partial('vscode.window', {
      visibleTextEditors: [],
      activeTextEditor: undefined,
    }),
  });
}

/**
 * A Memento backed by a Map, as `workspaceState` and `globalState` are.
 * @returns {any}
 */
function memento() {
  /** @type {Map<string, unknown>} */
  const values = new Map();
  return {
    keys: () => [...values.keys()],
    get: (/** @type {string} */ key, /** @type {unknown} */ defaultValue) => (values.has(key) ? values.get(key) : defaultValue),
    update: (/** @type {string} */ key, /** @type {unknown} */ value) => {
      if (value === undefined) values.delete(key);
      else values.set(key, value);
      return Promise.resolve();
    },
    setKeysForSync: () => {},
  };
}

/**
 * The ExtensionContext VS Code passes to activate(), as a plain object.
 * @param {string} extensionRoot folder that holds package.json
 * @param {string} storageDir empty folder for the storage Uris
 * @returns {{ subscriptions: { dispose(): unknown }[], [key: string]: unknown }}
 */
function createExtensionContext(extensionRoot, storageDir) {
  const packageJSON = JSON.parse(require('node:fs').readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));
  const extensionUri = fileUri(extensionRoot);
  return {
    subscriptions: [],
    extensionUri,
    extensionPath: extensionRoot,
    globalStorageUri: fileUri(path.join(storageDir, 'global')),
    globalStoragePath: path.join(storageDir, 'global'),
    storageUri: fileUri(path.join(storageDir, 'workspace')),
    storagePath: path.join(storageDir, 'workspace'),
    logUri: fileUri(path.join(storageDir, 'log')),
    logPath: path.join(storageDir, 'log'),
    workspaceState: memento(),
    globalState: memento(),
    secrets: anything('context.secrets'),
    environmentVariableCollection: anything('context.environmentVariableCollection'),
    // ExtensionMode.Production.
    extensionMode: 1,
    asAbsolutePath: (/** @type {string} */ relative) => path.join(extensionRoot, relative),
    extension: {
      id: `${packageJSON.publisher}.${packageJSON.name}`,
      extensionUri,
      extensionPath: extensionRoot,
      isActive: true,
      packageJSON,
      extensionKind: 2,
      exports: undefined,
      activate: () => Promise.resolve(undefined),
    },
  };
}

module.exports = { createVscodeStub, createExtensionContext, anything };
