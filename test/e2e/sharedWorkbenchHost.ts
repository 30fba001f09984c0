// One packaged extension, one code-server and one Chromium for every real-VS-Code suite:
// packaging, installing and starting them takes a minute or more each time. The first suite
// to ask starts them; each suite opens its own workspace folder in a page of its own. They
// stop after the last suite that registered (every suite registers while mocha loads the
// files, before any runs) or, if a filter skipped some suite's hooks, in mocha's root
// afterAll (test/support/rootHooks.ts). Nothing stays behind when the process exits.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { installExtension, prepareCodeServerDirs, startCodeServer, type CodeServer } from './codeServer';
import { e2eTools } from './e2eTools';
import { buildAndPackage } from './extensionPackage';
import { openWorkbench, Screenshots } from './workbench';

/** What the suites share. */
interface Host {
  tmp: string;
  server: CodeServer;
  browser: Browser;
  /** Size of the packaged .vsix. */
  vsixBytes: number;
}

/** One suite's window: its workspace folder, its page and the page's script errors. */
export interface SuiteWindow {
  /** Temp folder of the suite (the workspace is inside it), removed after the run. */
  dir: string;
  workspace: string;
  page: Page;
  shots: Screenshots;
  pageErrors: string[];
  vsixBytes: number;
}

let starting: Promise<Host> | undefined;
let registered = 0;
let finished = 0;
const killOnExit = () => {
  void starting?.then((h) => { try { process.kill(-h.server.pid, 'SIGKILL'); } catch { /* gone */ } });
};

async function startHost(): Promise<Host> {
  const tools = e2eTools();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'cnn-lab-e2e-'));
  const vsix = path.join(tmp, 'cnn-lab.vsix');
  const vsixBytes = buildAndPackage(vsix);
  const dirs = prepareCodeServerDirs(path.join(tmp, 'code-server'));
  installExtension(tools, dirs, vsix);
  // code-server opens this empty folder by default; each suite asks for its own.
  const home = path.join(tmp, 'home');
  mkdirSync(home);
  process.once('exit', killOnExit);
  const server = await startCodeServer(tools, dirs, home);
  // Loaded here: every mocha run loads this module through the root hooks.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: tools.chromium,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  }).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  return { tmp, server, browser, vsixBytes };
}

/** Stops code-server and Chromium if they run; safe to call more than once. */
export async function stopSharedWorkbenchHost(): Promise<void> {
  const host = starting;
  starting = undefined;
  if (!host) return;
  const h = await host.catch(() => undefined);
  if (!h) return;
  await h.browser.close().catch(() => undefined);
  await h.server.stop();
  process.removeListener('exit', killOnExit);
  if (!process.env.CNN_LAB_E2E_KEEP) rmSync(h.tmp, { recursive: true, force: true });
}

/**
 * Call in a describe body: registers the suite and returns its before/after steps. `prepare`
 * fills the suite's workspace folder before the window opens on it.
 */
export function useSharedWorkbench(name: string, artifacts: string): {
  open(prepare: (workspace: string, dir: string) => Promise<void> | void): Promise<SuiteWindow>;
  close(): Promise<void>;
} {
  registered++;
  let window: SuiteWindow | undefined;
  return {
    async open(prepare) {
      const host = await (starting ??= startHost());
      const dir = path.join(host.tmp, name);
      const workspace = path.join(dir, 'workspace');
      mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
      await prepare(workspace, dir);
      rmSync(artifacts, { recursive: true, force: true });
      const page = await host.browser.newPage({ viewport: { width: 1600, height: 1000 } });
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      window = { dir, workspace, page, shots: new Screenshots(page, artifacts), pageErrors, vsixBytes: host.vsixBytes };
      await openWorkbench(page, host.server.url, workspace);
      return window;
    },
    async close() {
      // Everything is torn down even when a step failed; the screenshots stay.
      if (window) {
        await window.shots.take('final').catch(() => undefined);
        await window.page.close().catch(() => undefined);
      }
      finished++;
      assert.ok(finished <= registered);
      if (finished === registered) await stopSharedWorkbenchHost();
    },
  };
}
