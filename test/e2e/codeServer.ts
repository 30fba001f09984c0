// Runs code-server (VS Code in the browser) for the test: its own process group, state
// folders inside the test's temp folder, a free port on 127.0.0.1 (webviews need a secure
// context), and a stop that kills the whole group, extension host and workers included.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import type { E2eTools } from './e2eTools';

/** A running code-server. */
export interface CodeServer {
  url: string;
  pid: number;
  /** Kills the process group; safe to call twice. */
  stop(): Promise<void>;
}

/** The folders one code-server run keeps its state in. */
export interface CodeServerDirs {
  userData: string;
  extensions: string;
  xdg: string;
  log: string;
}

/** Creates the state folders under `root` and the settings that keep the workbench quiet. */
export function prepareCodeServerDirs(root: string): CodeServerDirs {
  const dirs = {
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    xdg: path.join(root, 'xdg'),
    log: path.join(root, 'code-server.log'),
  };
  for (const d of [path.join(dirs.userData, 'User'), dirs.extensions, ...['config', 'data', 'cache', 'tmp'].map((x) => path.join(dirs.xdg, x))]) {
    mkdirSync(d, { recursive: true });
  }
  const settings = {
    'telemetry.telemetryLevel': 'off',
    'workbench.startupEditor': 'none',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.tips.enabled': false,
    'security.workspace.trust.enabled': false,
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'workbench.enableExperiments': false,
    'chat.disableAIFeatures': true,
    'window.restoreWindows': 'none',
    // The test clicks and reads; no hover popups or suggestions over what it clicks.
    'editor.hover.enabled': false,
    'editor.quickSuggestions': { other: false, comments: false, strings: false },
    'workbench.editor.enablePreview': false,
  };
  writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  return dirs;
}

function environment(dirs: CodeServerDirs): NodeJS.ProcessEnv {
  return {
    ...process.env,
    XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'),
    XDG_DATA_HOME: path.join(dirs.xdg, 'data'),
    XDG_CACHE_HOME: path.join(dirs.xdg, 'cache'),
    TMPDIR: path.join(dirs.xdg, 'tmp'),
    // The project's Node options (tsx's loader under mocha) must not reach code-server.
    NODE_OPTIONS: '',
  };
}

/** Installs a .vsix into the extensions folder, the way a user's `--install-extension` does. */
export function installExtension(tools: E2eTools, dirs: CodeServerDirs, vsix: string): void {
  const result = spawnSync(tools.node, [tools.codeServerEntry, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix], {
    env: environment(dirs), encoding: 'utf8', timeout: 180_000,
  });
  if (result.status !== 0 || !/successfully installed/i.test(result.stdout + result.stderr)) {
    throw new Error(`code-server --install-extension failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts code-server on `folder` and waits until it answers /healthz. */
export async function startCodeServer(tools: E2eTools, dirs: CodeServerDirs, folder: string): Promise<CodeServer> {
  const port = await freePort();
  const log = createWriteStream(dirs.log, { flags: 'a' });
  const child: ChildProcess = spawn(tools.node, [
    tools.codeServerEntry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--ignore-last-opened', '--reconnection-grace-time', '5', folder,
  ], { env: environment(dirs), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  if (child.pid === undefined) throw new Error('code-server did not start');
  const pid = child.pid;
  let exited = false;
  child.once('exit', () => { exited = true; });

  const stop = async () => {
    killGroup(pid, 'SIGTERM');
    const deadline = Date.now() + 5000;
    while (groupAlive(pid) && Date.now() < deadline) await sleep(100);
    killGroup(pid, 'SIGKILL');
    log.end();
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited during start-up; see ${dirs.log}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer /healthz within 60 s; see ${dirs.log}`);
    }
    await sleep(250);
  }
  return { url, pid, stop };
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
