// Headless Debian Chromium driven by playwright-core (no browser download: .ci/run installs the
// `chromium` package). Records every request the page makes, so tests can assert that nothing
// left 127.0.0.1.
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface RecordedPage {
  page: Page;
  /** Every URL the page requested (documents, scripts, XHR, fonts …). */
  requests: string[];
}

/** Playwright gives every launch a fresh temporary profile of its own. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    // The flags keep Chromium from phoning home (our machines have no internet; neither do many users).
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function recordedPage(browser: Browser): Promise<RecordedPage> {
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  return { page, requests };
}

/** Requests that went anywhere but loopback (data: and blob: URLs stay in the page). */
export function offLoopback(requests: string[]): string[] {
  return requests.filter((url) => {
    if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return false;
    const host = new URL(url).hostname;
    return host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]';
  });
}
