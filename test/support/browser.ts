import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';

import { debianPackage } from './debian-package';

/** Debian's Chromium: the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type ChromiumCheck = { available: true } | { available: false; reason: string };

/**
 * Chromium for the browser tests: installed with apt-get when missing, we are root, and this is
 * CI (or SWITCHYARD_INSTALL_CHROMIUM=1); otherwise the caller skips and says why.
 */
export function ensureChromium(): ChromiumCheck {
  if (existsSync(CHROMIUM)) return { available: true };
  const asked = Boolean(process.env.CI) || process.env.SWITCHYARD_INSTALL_CHROMIUM === '1';
  if (asked && process.getuid?.() === 0) {
    try {
      debianPackage('chromium', ['chromium']);
    } catch (error) {
      return { available: false, reason: `apt-get install chromium failed: ${String(error)}` };
    }
  }
  return existsSync(CHROMIUM)
    ? { available: true }
    : {
        available: false,
        reason: `${CHROMIUM} not found; install with apt-get install chromium or run .ci/run`,
      };
}

export interface BrowserSession {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/** A fresh Chromium profile (no cookies, no storage) with the page at `viewport`. */
export async function openBrowser(
  viewport: { width: number; height: number },
  clipboardOrigin?: string,
): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'switchyard-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport,
  });
  if (clipboardOrigin) {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: clipboardOrigin });
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Where the UI tests leave their screenshots (test/results/ is git-ignored). */
export const SCREENSHOT_DIR = resolve(__dirname, '../results/ui');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
