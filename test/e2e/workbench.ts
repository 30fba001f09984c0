// Driving the VS Code workbench in Chromium with playwright-core: the command palette
// (retried until the extension's command is registered), webviews (two nested iframes),
// the Problems panel, and numbered screenshots of every step.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';

/** Takes numbered screenshots into one folder. */
export class Screenshots {
  private count = 0;

  constructor(private readonly page: Page, readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** Saves `NN-name.png` and returns its path. */
  async take(name: string): Promise<string> {
    const file = path.join(this.dir, `${String(++this.count).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

/** Waits for the workbench of a folder to be usable. */
export async function openWorkbench(page: Page, baseUrl: string, folder: string): Promise<void> {
  await page.goto(`${baseUrl}/?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.activitybar').waitFor({ timeout: 60_000 });
  // The Explorer lists the folder once the file service is up.
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
}

/**
 * Runs a palette command by its full title ("CNN Lab: Train Model"). The palette reads the
 * command list when it opens, so until the extension host has registered the command the
 * row is missing: close and reopen until it shows or the deadline passes.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const input = page.locator('.quick-input-widget input');
  let lastError = '';
  for (;;) {
    try {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`, { timeout: 5000 });
      // Only visible rows: lists of earlier pickers can stay in the DOM, hidden, with a focused row.
      const row = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).filter({ visible: true }).first();
      await row.waitFor({ state: 'visible', timeout: 4000 });
      const label = (await row.locator('.label-name').first().textContent())?.replace(/\s+/g, ' ').trim();
      if (label === title) {
        await page.keyboard.press('Enter');
        return;
      }
      lastError = `the focused row is "${label}"`;
    } catch (error) {
      // Not registered yet, or another picker took the widget: close it and try again.
      lastError = error instanceof Error ? error.message.split('\n')[0] : String(error);
    }
    if (Date.now() > deadline) throw new Error(`Command "${title}" did not appear in the palette within ${timeoutMs / 1000} s (${lastError})`);
    await page.waitForTimeout(1000);
  }
}

/** Opens a workspace file by name with Quick Open (Ctrl+P). */
export async function quickOpen(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(fileName);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: fileName }).filter({ visible: true }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active[aria-label^="${fileName}"]`).waitFor({ timeout: 15_000 });
}

/**
 * The content frame of the webview whose own page matches `selector`. Every webview is an
 * outer iframe.webview (VS Code's host page) around iframe#active-frame (the extension's
 * HTML); with several webviews open, the one that has the selector is the one wanted.
 */
export async function webviewFrame(page: Page, selector: string, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame.name() !== 'active-frame' && !frame.url().includes('fake.html')) continue;
      if (await frame.locator(selector).count().catch(() => 0)) return frame;
    }
    if (Date.now() > deadline) throw new Error(`No webview with ${selector} within ${timeoutMs / 1000} s`);
    await page.waitForTimeout(500);
  }
}

/** The rows of the Problems panel, as "message [line, column]" text. */
export async function problems(page: Page): Promise<string[]> {
  const rows = page.locator('.markers-panel .monaco-list-row');
  return (await rows.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
}
