/// <reference lib="dom" />
// (page.evaluate bodies run in the browser: they see the DOM.)
// The offline viewer in Debian's Chromium, from file://, on a bundle exported from a centre with
// every kind of entry: the passphrase, the verdict "Intact", the register and its search, a person's
// file with the rights log, findings with their evidence entries, rooms at a past date, the three
// languages, print; a name holding markup shown as text; a wrong passphrase said plainly; the bare
// trusted viewer opening the bundle's files through its picker; no request ever leaves the file.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVariedCentre, type VariedCentre } from '../../test/support/varied-centre.ts';
import { personInput } from '../../test/support/fixtures.ts';
import { goTo, launchChromium, openBundle, openWatched, outsideRequests } from '../../test/support/viewer-browser.ts';
import { exportBundle, type ExportResult } from '../node/export.ts';
import { PASSPHRASE } from '../node/test-support.ts';
import { verifyBundleAt } from '../node/verify.ts';
import { bareViewerHtml } from './build.ts';
import { CLOSE_TAG, DATA_ELEMENT_ID, ENVELOPE_ELEMENT_ID, openTag } from './embedded.ts';

const HOSTILE_NAME = '<img src=x onerror="document.body.dataset.pwned=1">';
const HOSTILE_SCRIPT = '<script>document.body.dataset.pwned=2</script>';

let v: VariedCentre;
let dir: string;
let result: ExportResult;
let browser: Browser;
let hostileId = '';
let openMe = '';
const karimovId = () => v.c.db.prepare("SELECT person_id FROM persons WHERE family_name = 'Karimov 1'").pluck().get() as string;

beforeAll(async () => {
  v = createVariedCentre(2);
  hostileId = v.c.call('persons.register', personInput({ familyName: HOSTILE_NAME, givenNames: 'Test', nameOriginal: HOSTILE_SCRIPT })).id!;
  dir = mkdtempSync(join(tmpdir(), 'centre-viewer-'));
  [result, browser] = await Promise.all([
    exportBundle(v.c.db, { outDir: join(dir, 'bundle'), passphrase: PASSPHRASE, kind: 'inspection', exportedBy: 'head', clock: v.c.clock.now }),
    launchChromium(),
  ]);
  openMe = pathToFileURL(join(result.outDir, 'open-me.html')).href;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  v?.c.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the offline viewer, round trip', () => {
  it('verifies in the browser and shows the verdict, the register, a person’s file, findings and rooms, with no request leaving the file', async () => {
    const w = await openWatched(browser, openMe);
    const { page } = w;
    expect(await page.textContent('#source')).toContain('This file carries a bundle');
    expect(await openBundle(page, PASSPHRASE)).toBe('intact');

    // The verdict, first and plainly.
    expect(await page.textContent('#verdict h2')).toBe('Intact');
    expect(await page.locator('#verdict .steps li.passed').count()).toBe(8);
    expect(await page.textContent('#verdict')).toContain(result.manifest.head.hash);
    // The journal was hashed on the helper workers in WebAssembly SIMD: the page's policy lets them
    // compile the module (a policy that did not would leave the slower TypeScript rounds, silently).
    expect(await page.evaluate(() => document.body.dataset['hashing'])).toBe('workers-simd');

    // The register and its search.
    await page.waitForSelector('#view > #register');
    expect(await page.textContent('#register')).toContain(`${v.presentFamilyName}, Leyla`);
    await page.fill('#search', 'rahimi');
    await expect.poll(() => page.locator('#register tbody tr').count()).toBe(2);
    await page.selectOption('#presence', 'present');
    await page.fill('#search', '');
    await expect.poll(() => page.locator('#register tbody tr').count()).toBe(1);

    // A person's file with the rights log (who, when, language, interpreter).
    await page.selectOption('#presence', 'all');
    await page.fill('#search', 'Karimov');
    await page.getByRole('link', { name: 'Karimov 1, Anvar', exact: true }).click();
    await page.waitForSelector('#view > #person');
    expect(await page.textContent('#person h2')).toContain('Karimov 1, Anvar');
    const rights = page.locator('#person table.rights').first();
    const rightsText = await rights.textContent();
    expect(rightsText).toContain('information on rights');
    expect(rightsText).toContain('by telephone: R. Aliyev');
    expect(rightsText).toContain('rights-sheet uz v3');
    expect(rightsText).toContain('declined');
    expect(rightsText).toContain('Medical note: bruises on both forearms');
    expect(await page.textContent('#person')).toContain('separate cell');

    // Findings with evidence: the entry behind a finding opens.
    await goTo(page, 'findings', 'findings');
    await page.selectOption('#findings-mode', 'history');
    await page.waitForSelector('#findings .finding-group');
    expect(await page.locator('#findings .finding-group').count()).toBeGreaterThan(2);
    const late = page.locator('#findings .finding-group[data-code="entry.late"]');
    expect(await late.textContent()).toContain('entered by');
    const evidence = late.locator('.evidence a').first();
    const seq = Number((await evidence.textContent())!.slice(1));
    await evidence.click();
    await page.waitForSelector('#view > #entry');
    expect(await page.textContent('#entry h2')).toBe(`Journal entry ${seq}`);
    expect(await page.textContent('#entry')).toContain('right.recorded');

    // Rooms at a past date: Karimov was in A1 two hours after his admission (12:00 in Baku).
    await goTo(page, 'rooms', 'rooms');
    await page.fill('#rooms-at', '2026-03-02T13:00');
    await page.click('#rooms form button[type=submit]');
    await expect.poll(() => page.textContent('#rooms-summary')).toContain('02/03/2026, 13:00');
    expect(await page.locator('#rooms .room[data-room="A1"]').textContent()).toContain('Karimov, Anvar');
    await page.click('#rooms form button[type=button]'); // back to export time
    await expect.poll(() => page.locator('#rooms .room[data-room="A1"]').textContent()).not.toContain('Karimov, Anvar');

    // Deadlines, visits, charts, comparison and follow-up screens draw.
    await goTo(page, 'visits', 'visits');
    expect(await page.textContent('#visits')).toContain('Provide interpreters in person');
    await goTo(page, 'charts', 'charts');
    expect(await page.locator('#population-chart path').count()).toBe(3);
    expect(await page.locator('#stays-table tbody tr').count()).toBeGreaterThan(0);
    await goTo(page, 'deadlines', 'deadlines');
    await goTo(page, 'compare', 'compare');

    expect(w.problems).toEqual([]);
    expect(outsideRequests(w.requests)).toEqual([]);
    await w.close();
  });

  it('switches between English, Azerbaijani and Russian', async () => {
    const w = await openWatched(browser, openMe);
    const { page } = w;
    await openBundle(page, PASSPHRASE);
    await page.selectOption('#language', 'ru');
    expect(await page.textContent('#verdict h2')).toBe('Целостность подтверждена');
    expect(await page.textContent('#tabs')).toContain('Реестр');
    expect(await page.textContent('#register h2')).toBe('Реестр');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    await goTo(page, `person/${encodeURIComponent(karimovId())}`, 'person');
    expect(await page.textContent('#person')).toContain('Журнал прав');
    await page.selectOption('#language', 'az');
    expect(await page.textContent('#verdict h2')).toBe('Toxunulmayıb');
    expect(await page.textContent('#person')).toContain('Hüquqlar jurnalı');
    await goTo(page, 'findings', 'findings');
    expect(await page.textContent('#findings h2')).toBe('Pozuntular');
    await page.selectOption('#language', 'en');
    expect(await page.textContent('#findings h2')).toBe('Findings');
    expect(w.problems).toEqual([]);
    await w.close();
  });

  it('prints the verdict and the screen shown, without the controls', async () => {
    const w = await openWatched(browser, openMe);
    const { page } = w;
    await openBundle(page, PASSPHRASE);
    await goTo(page, `person/${encodeURIComponent(v.presentPersonId)}`, 'person');
    await page.emulateMedia({ media: 'print' });
    const shown = (selector: string) => page.evaluate((s) => getComputedStyle(document.querySelector(s)!).display !== 'none', selector);
    expect(await shown('#verdict')).toBe(true);
    expect(await shown('#person')).toBe(true);
    expect(await shown('#person table')).toBe(true);
    expect(await shown('#open-panel')).toBe(false);
    expect(await shown('#tabs')).toBe(false);
    expect(await shown('#person .no-print')).toBe(false);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await w.close();
  });

  it('shows a name holding markup as text, never as markup', async () => {
    const w = await openWatched(browser, openMe);
    const { page } = w;
    await openBundle(page, PASSPHRASE);
    await page.fill('#search', 'onerror');
    await expect.poll(() => page.locator('#register tbody tr').count()).toBe(1);
    expect(await page.textContent('#register tbody tr')).toContain(HOSTILE_NAME);
    await goTo(page, `person/${encodeURIComponent(hostileId)}`, 'person');
    expect(await page.textContent('#person h2')).toContain(HOSTILE_NAME);
    expect(await page.textContent('#person')).toContain(HOSTILE_SCRIPT);
    expect(await page.locator('#viewer img, #viewer script').count()).toBe(0);
    expect(await page.evaluate(() => document.body.dataset['pwned'])).toBeUndefined();
    expect(w.problems).toEqual([]);
    await w.close();
  });

  it('verifies the same without helper workers (a browser or policy without them)', async () => {
    const w = await openWatched(browser, openMe, { noWorkers: true });
    const { page } = w;
    expect(await page.evaluate(() => typeof Worker)).toBe('undefined');
    expect(await openBundle(page, PASSPHRASE)).toBe('intact');
    expect(await page.evaluate(() => document.body.dataset['hashing'])).toBe('page');
    expect(await page.locator('#verdict .steps li.passed').count()).toBe(8);
    expect(w.requests.filter((r) => r.startsWith('blob:'))).toEqual([]);
    expect(w.problems).toEqual([]);
    await w.close();
  });

  it('takes the passphrase while the page is still reading the bundle after the viewer, and opens it', async () => {
    // Typed (from inside the page) the moment the form is drawn: the data's element is not parsed yet.
    const initScript = `new MutationObserver((_, observer) => {
      const input = document.querySelector('#passphrase');
      const open = document.querySelector('#open');
      if (!input || !open || performance.getEntriesByName('centre-viewer-ready').length === 0) return;
      observer.disconnect();
      window.seenAtForm = { state: document.readyState, data: document.getElementById('${DATA_ELEMENT_ID}') !== null };
      input.value = ${JSON.stringify(PASSPHRASE)};
      open.click();
    }).observe(document, { childList: true, subtree: true });`;
    const w = await openWatched(browser, openMe, { initScript });
    const { page } = w;
    await page.waitForFunction(() => document.body.dataset['verdict'] !== undefined, undefined, { timeout: 90_000 });
    expect(await page.evaluate(() => (window as unknown as { seenAtForm: unknown }).seenAtForm)).toEqual({ state: 'loading', data: false });
    expect(await page.evaluate(() => document.body.dataset['verdict'])).toBe('intact');
    expect(await page.locator('#verdict .steps li.passed').count()).toBe(8);
    expect(await page.textContent('#source')).toContain('This file carries a bundle');
    expect(w.problems).toEqual([]);
    await w.close();
  });

  it('opens an open-me.html that carries its envelope after the data (as earlier versions wrote it), in the browser and in Node', async () => {
    const html = readFileSync(join(result.outDir, 'open-me.html'), 'utf8');
    const open = openTag(ENVELOPE_ELEMENT_ID);
    const at = html.indexOf(open);
    const end = html.indexOf(CLOSE_TAG, at) + CLOSE_TAG.length;
    expect(at).toBeLessThan(html.indexOf(openTag(DATA_ELEMENT_ID)));
    const element = html.slice(at, end);
    const older = `${html.slice(0, at)}${' '.repeat(element.length)}${html.slice(end)}${element}`;
    const olderDir = join(dir, 'older');
    mkdirSync(olderDir, { recursive: true });
    writeFileSync(join(olderDir, 'open-me.html'), older);
    expect((await verifyBundleAt(join(olderDir, 'open-me.html'), PASSPHRASE)).ok).toBe(true);
    const w = await openWatched(browser, pathToFileURL(join(olderDir, 'open-me.html')).href);
    expect(await openBundle(w.page, PASSPHRASE)).toBe('intact');
    expect(w.problems).toEqual([]);
    await w.close();
  });

  it('says plainly that a wrong passphrase does not open the data', async () => {
    const w = await openWatched(browser, openMe);
    const { page } = w;
    expect(await openBundle(page, 'not the passphrase at all')).toBe('failed');
    expect(await page.textContent('#verdict h2')).toBe('NOT intact');
    const text = await page.textContent('#verdict');
    expect(text).toContain('Failed check: the passphrase opens the data.');
    expect(text).toContain('The passphrase does not open the data. Check it');
    expect(await page.locator('#verdict .steps li.bad[data-step="decryption"]').count()).toBe(1);
    expect(await page.locator('#tabs').isHidden()).toBe(true);
    await page.selectOption('#language', 'ru');
    expect(await page.textContent('#verdict')).toContain('Парольная фраза не открывает данные');
    await w.close();
  });

  it('names a changed character of the embedded data at the data check, as it names the changed byte of data.bin opened through the picker', async () => {
    const html = readFileSync(join(result.outDir, 'open-me.html'), 'utf8');
    const open = html.indexOf('<script type="application/octet-stream" id="centre-bundle-data">');
    const close = html.indexOf('</script>', open);
    const at = open + Math.floor((close - open) / 2);
    const changed = html.slice(0, at) + (html[at] === 'A' ? 'B' : 'A') + html.slice(at + 1);
    const tamperedDir = join(dir, 'tampered');
    mkdirSync(tamperedDir);
    writeFileSync(join(tamperedDir, 'open-me.html'), changed);
    const data = readFileSync(join(result.outDir, 'data.bin'));
    data[data.length >> 1]! ^= 1;
    writeFileSync(join(tamperedDir, 'data.bin'), data);
    const failedStep = async (page: Page) => page.locator('#verdict .steps li.bad').getAttribute('data-step');
    const embedded = await openWatched(browser, pathToFileURL(join(tamperedDir, 'open-me.html')).href);
    expect(await openBundle(embedded.page, PASSPHRASE)).toBe('failed');
    expect(await failedStep(embedded.page)).toBe('data');
    expect(await embedded.page.textContent('#verdict')).toContain('data.bin is not the data that was signed');
    // A character that base64 does not have: the data check says the embedded data is damaged.
    writeFileSync(join(tamperedDir, 'open-me.html'), html.slice(0, at) + '*' + html.slice(at + 1));
    const broken = await openWatched(browser, pathToFileURL(join(tamperedDir, 'open-me.html')).href);
    expect(await openBundle(broken.page, PASSPHRASE)).toBe('failed');
    expect(await failedStep(broken.page)).toBe('data');
    expect(await broken.page.textContent('#verdict')).toContain('data.bin could not be read: the data inside open-me.html is damaged (not base64)');
    await broken.close();
    // The untouched open-me.html, with the changed data.bin chosen through the picker: the same check fails.
    const picked = await openWatched(browser, openMe);
    await picked.page.setInputFiles('#files', [join(result.outDir, 'bundle.json'), join(tamperedDir, 'data.bin')]);
    expect(await openBundle(picked.page, PASSPHRASE)).toBe('failed');
    expect(await failedStep(picked.page)).toBe('data');
    await embedded.close();
    await picked.close();
  });

  it('opens any bundle’s files with a trusted bare viewer, which shows its own SHA-256', async () => {
    const trusted = join(dir, 'my-viewer.html');
    writeFileSync(trusted, await bareViewerHtml());
    const w = await openWatched(browser, pathToFileURL(trusted).href);
    const { page } = w;
    expect(await page.textContent('#source')).toContain('Choose a bundle');
    expect(await openBundle(page, PASSPHRASE)).toBe('error');
    expect(await page.textContent('#status')).toContain('Choose the bundle’s files first');
    await page.setInputFiles('#files', [join(result.outDir, 'bundle.json')]);
    expect(await openBundle(page, PASSPHRASE)).toBe('error');
    expect(await page.textContent('#status')).toContain('choose the bundle’s bundle.json and data.bin together');
    await page.setInputFiles('#files', [join(result.outDir, 'bundle.json'), join(result.outDir, 'data.bin')]);
    expect(await openBundle(page, PASSPHRASE)).toBe('intact');
    expect(await page.textContent('#register')).toContain(v.presentFamilyName);
    await expect.poll(() => page.textContent('#self-hash')).toBe(result.viewerSha256);
    // Another bundle's open-me.html, through the same picker.
    await page.click('#open-panel summary');
    await page.setInputFiles('#files', [join(result.outDir, 'open-me.html')]);
    expect(await openBundle(page, PASSPHRASE)).toBe('intact');
    expect(w.problems).toEqual([]);
    expect(outsideRequests(w.requests)).toEqual([]);
    await w.close();
  });
});
