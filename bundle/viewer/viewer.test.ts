// The offline viewer in Debian's Chromium, from file://: the passphrase, then "Intact" and the
// register; a wrong passphrase said plainly; the bare viewer opening a bundle's files through its
// file picker; its own SHA-256 shown; no request leaves the file, no CSP violation.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportTestBundle, PASSPHRASE, type TestBundle } from '../node/test-support.ts';
import { bareViewerHtml } from './build.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let b: TestBundle;
let browser: Browser;
beforeAll(async () => {
  [b, browser] = await Promise.all([exportTestBundle({ rounds: 2 }), chromium.launch({ executablePath: CHROMIUM, args: ARGS })]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  b?.cleanup();
});

interface Watched {
  page: Page;
  requests: string[];
  problems: string[];
}

async function open(url: string): Promise<Watched> {
  const page = await browser.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url);
  return { page, requests, problems };
}

async function verdictOf(page: Page): Promise<string> {
  await page.waitForFunction(() => document.body.dataset.verdict !== undefined, undefined, { timeout: 60_000 });
  return page.evaluate(() => document.body.dataset.verdict!);
}

describe('the offline viewer', () => {
  it('opens open-me.html from file://, verifies in the browser and shows the register', async () => {
    const url = pathToFileURL(join(b.result.outDir, 'open-me.html')).href;
    const { page, requests, problems } = await open(url);
    await page.fill('#passphrase', PASSPHRASE);
    await page.click('#open');
    expect(await verdictOf(page)).toBe('intact');
    await expect.poll(() => page.textContent('#verdict')).toContain('Intact');
    expect(await page.textContent('#verdict')).toContain('every journal entry hashes into an unbroken chain');
    expect(await page.textContent('#register')).toContain(b.v.presentFamilyName);
    await page.fill('#search', 'Rahimi');
    expect(await page.locator('#register tbody tr').count()).toBe(2);
    await expect.poll(() => page.textContent('#self-hash')).toBe(b.result.viewerSha256);
    expect(requests.filter((r) => !r.startsWith('file://') && !r.startsWith('blob:'))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says plainly that a wrong passphrase does not open the data', async () => {
    const { page } = await open(pathToFileURL(join(b.result.outDir, 'open-me.html')).href);
    await page.fill('#passphrase', 'not the passphrase at all');
    await page.click('#open');
    expect(await verdictOf(page)).toBe('failed');
    const text = await page.textContent('#verdict');
    expect(text).toContain('NOT intact');
    expect(text).toContain('the passphrase does not open the data');
    await page.close();
  });

  it('opens any bundle’s files with a trusted bare viewer', async () => {
    const path = join(b.dir, 'my-viewer.html');
    writeFileSync(path, await bareViewerHtml());
    const { page, problems } = await open(pathToFileURL(path).href);
    expect(await page.textContent('#source')).toContain('Choose a bundle');
    await page.setInputFiles('#files', [join(b.result.outDir, 'bundle.json'), join(b.result.outDir, 'data.bin')]);
    await page.fill('#passphrase', PASSPHRASE);
    await page.click('#open');
    expect(await verdictOf(page)).toBe('intact');
    await expect.poll(() => page.textContent('#self-hash')).toBe(b.result.viewerSha256);
    expect(problems).toEqual([]);
    await page.close();
  });
});
