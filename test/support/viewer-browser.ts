/// <reference lib="dom" />
// (page.evaluate bodies run in the browser: they see the DOM.)
// For the offline viewer's tests in Debian's Chromium (bundle/viewer/*.test.ts): a page opened from
// file:// that records every request and every error, opening a bundle with a passphrase, and the
// verdict as the page states it.

import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export interface WatchedPage {
  page: Page;
  /** Every request the page or its workers made. */
  requests: string[];
  /** Console errors and uncaught exceptions (a CSP violation is a console error). */
  problems: string[];
  close(): Promise<void>;
}

/** Opens a file:// URL in a fresh context; any request that would leave the machine is refused and recorded. */
export async function openWatched(
  browser: Browser,
  url: string,
  options: { acceptDownloads?: boolean; noWorkers?: boolean; /** Run in the page before any of its own scripts. */ initScript?: string } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({ acceptDownloads: options.acceptDownloads ?? false, locale: 'en-GB' });
  const requests: string[] = [];
  const problems: string[] = [];
  await context.route(/^(https?|wss?|ftp):/, (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  // A browser (or a policy) without workers: the viewer must do their work on the page.
  if (options.noWorkers) await context.addInitScript(() => Reflect.deleteProperty(globalThis, 'Worker'));
  if (options.initScript) await context.addInitScript({ content: options.initScript });
  const page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url);
  return { page, requests, problems, close: () => context.close() };
}

/** Types the passphrase, opens, and waits for the verdict: 'intact', 'failed' or 'error'. */
export async function openBundle(page: Page, passphrase: string): Promise<string> {
  await page.fill('#passphrase', passphrase);
  await page.evaluate(() => delete document.body.dataset['verdict']);
  await page.click('#open');
  await page.waitForFunction(() => document.body.dataset['verdict'] !== undefined, undefined, { timeout: 90_000 });
  return page.evaluate(() => document.body.dataset['verdict']!);
}

/** Requests other than the file itself and the viewer's own Blob-URL helper workers. */
export function outsideRequests(requests: readonly string[]): string[] {
  return requests.filter((r) => !r.startsWith('file://') && !r.startsWith('blob:'));
}

/** Goes to a route of the viewer (#register, #person/P12, …) and waits for its screen. */
export async function goTo(page: Page, route: string, screenId: string): Promise<void> {
  await page.evaluate((r) => {
    location.hash = r;
  }, route);
  await page.waitForSelector(`#view > #${screenId}`);
}
