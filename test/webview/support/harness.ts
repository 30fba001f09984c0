// A stand-in for the VS Code webview host, for tests in headless Chromium: the webview
// bundles are built with esbuild, served from 127.0.0.1 inside the very page the extension
// builds (webviewHtml, same CSP), with a theme's CSS variables, and acquireVsCodeApi stubbed
// to record what the webview posts and saves.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { webviewHtml } from '../../../src/extension/webviewHtml';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = path.join(REPO, 'test-artifacts');
export type Theme = 'dark' | 'light' | 'high-contrast';
export type WebviewName = 'dashboard' | 'misclassified';

/** The running harness: a server with the bundles and a browser. */
export interface Harness {
  origin: string;
  browser: Browser;
  /** Opens a webview page with the theme and an optional saved state; resolves once it has posted `ready`. */
  open(name: WebviewName, options?: { theme?: Theme; savedState?: unknown; width?: number; height?: number }): Promise<Page>;
  close(): Promise<void>;
}

/** Builds the bundles, serves them and launches Chromium; returns null (with the reason) when Chromium cannot start. */
export async function startHarness(): Promise<Harness> {
  // No skipping: npm test installs Chromium (scripts/e2e-setup.sh), so a missing one is a failure to see.
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/e2e-setup.sh (or apt-get install -y chromium)`);
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'cnn-lab-webview-'));
  await Promise.all((['dashboard', 'misclassified'] as const).map((name) => esbuild.build({
    entryPoints: [path.join(REPO, 'webview', name, 'main.ts')], outfile: path.join(outDir, `${name}.js`),
    bundle: true, platform: 'browser', target: 'es2022', format: 'iife', loader: { '.css': 'text' }, logLevel: 'warning',
  })));
  const server = http.createServer((request, response) => void serve(outDir, request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  } catch (error) {
    server.close();
    await rm(outDir, { recursive: true, force: true });
    throw new Error(`Chromium did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    origin,
    browser,
    async open(name, { theme = 'dark', savedState, width = 1280, height = 800 } = {}) {
      const page = await browser.newPage({ viewport: { width, height } });
      const problems: string[] = [];
      page.on('console', (message) => {
        // The tests' own repeated getImageData calls draw this hint; it says nothing about the webview.
        if (message.text().includes('willReadFrequently')) return;
        if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      (page as PageWithProblems).problems = problems;
      // tsx compiles this file with esbuild's keepNames, whose __name helper then appears in
      // the functions handed to the page: give the page a no-op one.
      await page.addInitScript({ content: 'window.__name = (f) => f;' });
      await page.addInitScript((saved) => {
        const w = window as unknown as { posted: unknown[]; saved: unknown; cspViolations: string[]; acquireVsCodeApi: () => unknown };
        w.posted = [];
        w.saved = saved ?? undefined;
        w.cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
        let acquired = false;
        w.acquireVsCodeApi = () => {
          if (acquired) throw new Error('acquireVsCodeApi called twice');
          acquired = true;
          return {
            postMessage: (message: unknown) => { w.posted.push(JSON.parse(JSON.stringify(message))); },
            getState: () => w.saved,
            setState: (state: unknown) => { w.saved = JSON.parse(JSON.stringify(state)); return state; },
          };
        };
      }, savedState ?? null);
      await page.goto(`${origin}/${name}.html?theme=${theme}`);
      await page.waitForFunction(() => (window as unknown as { posted: Array<{ type: string }> }).posted.some((m) => m.type === 'ready'));
      return page;
    },
    async close() {
      await browser.close();
      server.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

type PageWithProblems = Page & { problems?: string[] };

/** Console errors/warnings and uncaught exceptions the page produced so far. */
export function pageProblems(page: Page): string[] {
  return (page as PageWithProblems).problems ?? [];
}

/** Messages the webview has posted to the "host". */
export async function posted<T = { type: string }>(page: Page): Promise<T[]> {
  return page.evaluate(() => (window as unknown as { posted: unknown[] }).posted) as Promise<T[]>;
}

/** Sends host→webview messages, as webview.postMessage does. */
export async function send(page: Page, messages: unknown[]): Promise<void> {
  await page.evaluate((all) => { for (const m of all) window.postMessage(m, '*'); }, messages);
}

/** Waits until `count` messages of `type` have been posted, returning them. */
export async function waitForPosted<T extends { type: string }>(page: Page, type: string, count = 1): Promise<T[]> {
  await page.waitForFunction(([t, n]) => (window as unknown as { posted: Array<{ type: string }> }).posted.filter((m) => m.type === t).length >= (n as number), [type, count] as const);
  return (await posted<T>(page)).filter((m) => m.type === type);
}

async function serve(outDir: string, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const origin = `http://${request.headers.host}`;
  if (url.pathname === '/favicon.ico') {
    response.writeHead(204).end();
    return;
  }
  try {
    const page = /^\/(dashboard|misclassified)\.html$/.exec(url.pathname);
    if (page) {
      const asked = url.searchParams.get('theme');
      const theme = asked === 'light' || asked === 'high-contrast' ? asked : 'dark';
      const html = webviewHtml({
        title: page[1], cspSource: origin, nonce: 'harness-nonce',
        scriptUri: `${origin}/dist/${page[1]}.js`,
        styleUris: [`${origin}/theme/${theme}.css`, `${origin}/media/base.css`, `${origin}/media/${page[1]}.css`],
      }).replace('<body>', `<body class="vscode-${theme}" data-vscode-theme-kind="vscode-${theme}">`);
      return reply(response, 'text/html', html);
    }
    const file = url.pathname.startsWith('/dist/') ? path.join(outDir, path.basename(url.pathname))
      : url.pathname.startsWith('/media/') ? path.join(REPO, 'media', path.basename(url.pathname))
        : url.pathname.startsWith('/theme/') ? path.join(__dirname, 'themes', path.basename(url.pathname))
          : null;
    if (!file) throw Object.assign(new Error('not found'), { code: 'ENOENT' });
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'application/octet-stream';
    return reply(response, type, await readFile(file));
  } catch {
    response.writeHead(404).end();
  }
}

function reply(response: http.ServerResponse, type: string, body: string | Buffer): void {
  response.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' }).end(body);
}
