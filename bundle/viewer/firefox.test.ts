/// <reference lib="dom" />
// (page.evaluate bodies run in the browser: they see the DOM.)
// The offline viewer in Firefox too (Debian's firefox-esr, driven over WebDriver BiDi by
// puppeteer-core: Playwright drives only its own build of Firefox, which cannot be downloaded here).
// From file://: the passphrase, the verdict "Intact" with every check passed, the journal hashed
// on helper workers in WebAssembly SIMD (the page's policy lets Firefox compile it), the register
// drawn, and not one error in the console (Firefox reports a policy violation there).

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVariedCentre, type VariedCentre } from '../../test/support/varied-centre.ts';
import { exportBundle, type ExportResult } from '../node/export.ts';
import { PASSPHRASE } from '../node/test-support.ts';

const FIREFOX = '/usr/bin/firefox-esr';

let v: VariedCentre;
let dir: string;
let result: ExportResult;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(FIREFOX)) throw new Error(`the viewer's Firefox test needs Firefox at ${FIREFOX} (Debian: apt-get install firefox-esr; .ci/run installs it)`);
  v = createVariedCentre(1);
  dir = mkdtempSync(join(tmpdir(), 'centre-viewer-firefox-'));
  [result, browser] = await Promise.all([
    exportBundle(v.c.db, { outDir: join(dir, 'bundle'), passphrase: PASSPHRASE, kind: 'inspection', exportedBy: 'head', clock: v.c.clock.now }),
    puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, protocol: 'webDriverBiDi' }),
  ]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  v?.c.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the offline viewer in Firefox', () => {
  it('verifies the bundle from file://, hashing in WebAssembly SIMD, and shows the register, with no error', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(join(result.outDir, 'open-me.html')).href, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('#passphrase');
    await page.type('#passphrase', PASSPHRASE);
    await page.click('#open');
    await page.waitForFunction(() => document.body.dataset['verdict'] !== undefined, { timeout: 90_000, polling: 100 });
    const seen = await page.evaluate(() => ({
      verdict: document.body.dataset['verdict'],
      hashing: document.body.dataset['hashing'],
      title: document.querySelector('#verdict h2')?.textContent,
      passed: document.querySelectorAll('#verdict .steps li.passed').length,
      head: document.querySelector('#verdict')?.textContent ?? '',
    }));
    expect(seen).toMatchObject({ verdict: 'intact', hashing: 'workers-simd', title: 'Intact', passed: 8 });
    expect(seen.head).toContain(result.manifest.head.hash);
    await page.waitForSelector('#view > #register');
    expect(await page.evaluate(() => document.querySelector('#register')?.textContent ?? '')).toContain(v.presentFamilyName);
    expect(errors).toEqual([]);
    await page.close();
  });
});
