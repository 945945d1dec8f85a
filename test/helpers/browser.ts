// Headless Chromium for the UI tests: Debian's /usr/bin/chromium driven by playwright-core (which
// never downloads a browser), a throwaway profile, and every background service that could phone
// home switched off. recordRequests() lists every URL the pages asked for, so a test can prove
// that nothing left 127.0.0.1.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { PROJECT_ROOT } from './corpora.ts';

export const CHROMIUM_PATH = process.env.CLAWTRACE_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(PROJECT_ROOT, 'test', 'e2e', 'screenshots');
/** The README's screenshots; written only when README_SCREENSHOTS=1 (they are committed). */
export const README_SCREENSHOT_DIR = path.join(PROJECT_ROOT, 'examples', 'screenshots');

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

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(viewport = { width: 1440, height: 900 }): Promise<TestBrowser> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CLAWTRACE_CHROMIUM)`);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawtrace-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM_PATH, headless: true, viewport, args: ARGS });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (request) => urls.push(request.url()));
  return urls;
}

/** Requests that went anywhere but the server under test (data: URLs never touch the network). */
export function outsideRequests(urls: string[], serverUrl: string): string[] {
  return urls.filter((url) => !url.startsWith(`${serverUrl}/`) && !url.startsWith('data:') && url !== 'about:blank');
}

/**
 * Saves a full-page screenshot for reviewers; with README_SCREENSHOTS=1 also the README's
 * viewport-sized one as examples/screenshots/<readmeName>.png (shrink them with pngquant before
 * committing).
 */
export async function screenshot(page: Page, name: string, readmeName?: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  if (readmeName && process.env.README_SCREENSHOTS === '1') {
    fs.mkdirSync(README_SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(README_SCREENSHOT_DIR, `${readmeName}.png`) });
  }
}
