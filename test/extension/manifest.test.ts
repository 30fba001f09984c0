// The package.json contributions against the code: every command the code registers is
// declared (with the "CNN Lab" category), every menu item names a declared command, every
// file the manifest points at exists, and activating the extension cannot load TensorFlow.js.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { COMMANDS } from '../../src/extension/commandContext';
import { EDITOR_COMMANDS } from '../../src/extension/editor/editorCommands';
import { DEFAULT_RUNS_FOLDER } from '../../src/extension/settingsResolution';
import { BACKEND_PREFERENCES } from '../../src/shared/workerProtocol';

const root = path.resolve(__dirname, '../..');

interface Manifest {
  main: string;
  icon: string;
  extensionKind: string[];
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string | boolean; description: string } };
  contributes: {
    commands: { command: string; title: string; category: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    viewsContainers: { activitybar: { id: string; icon: string }[] };
    views: Record<string, { id: string; type?: string; icon?: string }[]>;
    jsonValidation: { fileMatch: string; url: string }[];
    configuration: { properties: Record<string, { default: unknown; enum?: string[] }> };
  };
}

const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;

describe('package.json contributions', () => {
  const declared = new Map(manifest.contributes.commands.map((c) => [c.command, c]));

  it('declares exactly the commands the extension registers, all in the "CNN Lab" category', () => {
    const registered = new Set<string>([...Object.values(COMMANDS), ...Object.values(EDITOR_COMMANDS)]);
    assert.deepEqual([...declared.keys()].sort(), [...registered].sort());
    for (const c of declared.values()) {
      assert.equal(c.category, 'CNN Lab', c.command);
      assert.ok(c.title.length > 0, c.command);
    }
  });

  it('names only declared commands in menus, and has a run button on *.cnn.json editors', () => {
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items) assert.ok(declared.has(item.command), `${menu}: ${item.command}`);
    }
    const run = manifest.contributes.menus['editor/title'].find((i) => i.command === COMMANDS.train);
    assert.ok(run?.when?.includes('resourceFilename =~ /\\.cnn\\.json$/'), 'Train on editor/title for model files');
  });

  it('has the CNN Lab activity-bar container with the Runs tree and the Misclassified webview view', () => {
    const container = manifest.contributes.viewsContainers.activitybar.find((c) => c.id === 'cnnLab');
    assert.ok(container);
    const views = manifest.contributes.views.cnnLab;
    assert.deepEqual(views.map((v) => [v.id, v.type ?? 'tree']), [['cnnLab.runs', 'tree'], ['cnnLab.misclassified', 'webview']]);
  });

  it('points only at files that exist', () => {
    const files = [
      manifest.icon,
      ...manifest.contributes.viewsContainers.activitybar.map((c) => c.icon),
      ...Object.values(manifest.contributes.views).flat().map((v) => v.icon).filter((i): i is string => !!i),
      ...manifest.contributes.jsonValidation.map((j) => j.url),
    ];
    for (const file of files) assert.ok(existsSync(path.join(root, file)), file);
    assert.match(manifest.icon, /\.png$/, 'the Marketplace takes only a PNG icon');
  });

  it('validates *.cnn.json with the generated schema', () => {
    assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: '*.cnn.json', url: './schemas/cnn.schema.json' }]);
  });

  it('runs in the workspace and is limited in untrusted workspaces', () => {
    assert.deepEqual(manifest.extensionKind, ['workspace']);
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.match(manifest.capabilities.untrustedWorkspaces.description, /[Tt]raining/);
    assert.ok(manifest.activationEvents.includes('workspaceContains:**/*.cnn.json'));
  });

  it('activates for every webview panel a reload restores', () => {
    const sources = ['dashboardPanel.ts', 'editor/modelSummaryPanel.ts'].map((f) => readFileSync(path.join(root, 'src/extension', f), 'utf8'));
    for (const source of sources) {
      const viewType = /static readonly viewType = '([^']+)'/.exec(source)?.[1];
      assert.ok(viewType && manifest.activationEvents.includes(`onWebviewPanel:${viewType}`), `onWebviewPanel:${viewType}`);
    }
  });

  it('has settings whose defaults match the code', () => {
    const props = manifest.contributes.configuration.properties;
    assert.deepEqual(props['cnnLab.backend'].enum, [...BACKEND_PREFERENCES]);
    assert.equal(props['cnnLab.backend'].default, 'auto');
    assert.equal(props['cnnLab.runsFolder'].default, DEFAULT_RUNS_FOLDER);
    assert.equal(props['cnnLab.datasetCacheFolder'].default, '');
  });

  it('bundles an extension host that never reaches TensorFlow.js or the worker, and loads no native module on activation', async () => {
    const result = await esbuild.build({
      entryPoints: [path.join(root, 'src/extension/extension.ts')], bundle: true, platform: 'node', format: 'cjs',
      write: false, metafile: true, logLevel: 'silent', external: ['vscode'],
    });
    const inputs = result.metafile.inputs;
    const entry = Object.keys(inputs).find((i) => i.endsWith('src/extension/extension.ts'));
    assert.ok(entry);
    // Training happens in the worker process only: no path at all may lead to tfjs.
    assert.deepEqual(Object.keys(inputs).filter((i) => /node_modules\/@tensorflow\/|src\/worker\//.test(i)), []);
    // What activation loads: modules reachable through static imports (a feature may load sharp on first use).
    const loaded = new Set<string>([entry]);
    const queue = [entry];
    for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
      for (const imported of inputs[file]?.imports ?? []) {
        if (imported.kind === 'dynamic-import' || imported.external || loaded.has(imported.path)) continue;
        loaded.add(imported.path);
        queue.push(imported.path);
      }
    }
    assert.ok(loaded.has('src/node/trainingProcess.ts'), 'the walk follows static imports');
    assert.deepEqual([...loaded].filter((i) => /node_modules\/(sharp|@img)\//.test(i)), []);
  });
});
