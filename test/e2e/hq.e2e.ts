/// <reference lib="dom" />
// (page.evaluate bodies run in the browser: they see the DOM.)
// From the centre to HQ and back, through both UIs: the head of centre makes an inspection bundle and
// an HQ slice with the export screen; HQ imports the slice through its screen, shows the national
// figures and gives a receipt; the centre records the receipt and its next slice starts after it;
// HQ refuses a slice opened with the wrong passphrase, saying why. Axe finds no serious violation on
// the new screens. Each server has its own data folder.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBundleAt } from '../../bundle/node/verify.ts';
import {
  admitForcedViaApi,
  goTo,
  launchBrowser,
  openApp,
  pageErrors,
  screenshot,
  seriousViolations,
  setUpCentre,
  signIn,
  startCentre,
  startHq,
  USERS,
  type RunningCentre,
  type RunningHq,
} from './support.ts';

const INSPECTION_PASS = 'inspector types this one';
const HQ_PASS = 'agreed with HQ at installation';

let browser: Browser;
let centre: RunningCentre;
let hq: RunningHq;

beforeAll(async () => {
  browser = await launchBrowser();
  [centre, hq] = await Promise.all([startCentre(), startHq()]);
});
afterAll(async () => {
  await Promise.all([centre?.stop(), hq?.stop()]);
  await browser?.close();
});

async function axe(page: Page, name: string): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
  return (await seriousViolations(page)).map((v) => `${name}: ${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function exportWith(page: Page, panel: string, folder: string, pass: string, confirm = pass): Promise<void> {
  const p = page.locator(`#${panel}`);
  await p.getByLabel('Folder to write to').fill(folder);
  await p.locator('input[name=passphrase]').fill(pass);
  await p.locator('input[name=confirm]').fill(confirm);
  await p.getByRole('button', { name: panel === 'export-hq' ? 'Make the HQ slice' : 'Make the inspection bundle' }).click();
}

describe('export from the centre, import at HQ, receipt back', () => {
  it('goes from the staff app to HQ mode and back', async () => {
    const violations: string[] = [];
    const s = await setUpCentre(centre);
    await admitForcedViaApi(centre, {}, s.rooms.menForced);
    await admitForcedViaApi(centre, { familyName: 'Aliyeva', givenNames: 'Leyla', sex: 'female', birthDate: '2009-02-02', unaccompanied: true });

    // The staff app: only those who export see the screen; the HQ part is the head's.
    const staff = await openApp(browser, centre, 'en', { bypassCSP: true });
    await signIn(staff, USERS.head);
    await staff.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await staff.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Export', exact: true }).click();
    await staff.getByRole('heading', { level: 1, name: 'Export' }).waitFor();
    await staff.getByText('HQ has not acknowledged any slice yet').waitFor();

    // A refusal first: too short, then two different passphrases; nothing is written.
    await exportWith(staff, 'export-inspection', join(centre.dir, 'refused'), 'short');
    await staff.locator('#export-inspection').getByText('the passphrase must have at least 12 characters').first().waitFor();
    await exportWith(staff, 'export-inspection', join(centre.dir, 'refused'), INSPECTION_PASS, `${INSPECTION_PASS}!`);
    await staff.locator('#export-inspection').getByText('the two passphrases differ').first().waitFor();
    expect(existsSync(join(centre.dir, 'refused'))).toBe(false);

    const bundle = join(centre.dir, 'inspection');
    await exportWith(staff, 'export-inspection', bundle, INSPECTION_PASS);
    await staff.locator('#export-inspection').getByText(`The inspection bundle is in ${bundle}.`).waitFor({ timeout: 60_000 });
    for (const f of ['bundle.json', 'data.bin', 'open-me.html', 'README.txt']) await staff.locator('#export-inspection').getByRole('cell', { name: f }).waitFor();
    const verdict = await verifyBundleAt(bundle, INSPECTION_PASS);
    expect(verdict.ok).toBe(true);
    expect(verdict.manifest).toMatchObject({ kind: 'inspection', exportedBy: USERS.head });
    const shown = await staff.locator('#export-inspection').getByText(/^[0-9a-f]{64}$/).allTextContents();
    expect(readFileSync(join(bundle, 'README.txt'), 'utf8')).toContain(shown.at(-1)!);
    // The passphrase is not kept in the form.
    expect(await staff.locator('#export-inspection input[name=passphrase]').inputValue()).toBe('');

    const slice = join(centre.dir, 'hq-slice-1');
    await exportWith(staff, 'export-hq', slice, HQ_PASS);
    await staff.locator('#export-hq').getByText(`The HQ slice is in ${slice}.`).waitFor({ timeout: 60_000 });
    violations.push(...(await axe(staff, 'export')));

    // HQ mode: import the slice through the screen, by its open-me.html.
    const hqPage = await browser.newPage({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
    await hqPage.goto(hq.url);
    await hqPage.getByRole('heading', { level: 1, name: 'National figures' }).waitFor();
    await hqPage.getByText('HQ holds no centre’s journal yet.').waitFor();
    await hqPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import slices' }).click();
    await hqPage.getByLabel('Slices on this computer').setInputFiles(join(slice, 'open-me.html'));
    await hqPage.getByLabel('Passphrase agreed with the centres').fill('not what was agreed');
    await hqPage.getByRole('button', { name: 'Import', exact: true }).click();
    const outcomes = hqPage.locator('#hq-outcomes');
    await outcomes.getByText('refused', { exact: true }).waitFor({ timeout: 60_000 });
    await outcomes.getByText(/the slice failed verification at step “passphrase”: the passphrase does not open the data/).waitFor();
    violations.push(...(await axe(hqPage, 'hq-import-refused')));

    await hqPage.getByLabel('Slices on this computer').setInputFiles(join(slice, 'open-me.html'));
    await hqPage.getByLabel('Passphrase agreed with the centres').fill(HQ_PASS);
    await hqPage.getByRole('button', { name: 'Import', exact: true }).click();
    await outcomes.getByText('imported', { exact: true }).waitFor({ timeout: 60_000 });
    await outcomes.getByText(/imported \d+ entries of Test Centre/).waitFor();
    const download = hqPage.waitForEvent('download');
    await outcomes.getByRole('button', { name: 'Download HQ’s receipt for Test Centre' }).click();
    const receipt = join(centre.dir, 'receipt.json');
    await (await download).saveAs(receipt);
    const receiptJson = JSON.parse(readFileSync(receipt, 'utf8')) as { seq: number };

    // The national figures: the two people held, one of them an unaccompanied minor.
    await hqPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'National figures' }).click();
    const byCentre = hqPage.locator('#hq-centres table');
    await byCentre.waitFor();
    const headers = await byCentre.locator('thead th').allTextContents();
    const row = await byCentre.locator('tbody tr').first().locator('th, td').allTextContents();
    const cell = (name: string) => row[headers.indexOf(name)];
    expect(cell('centre')).toBe('Test Centre');
    expect(cell('present')).toBe('2');
    expect(cell('minors present')).toBe('1');
    expect(cell('unaccompanied minors present')).toBe('1');
    await hqPage.locator('#hq-population svg.chart').waitFor();
    await hqPage.locator('#hq-stays svg.chart').waitFor();
    await hqPage.locator('#hq-findings svg.chart').waitFor();
    const csv = hqPage.waitForEvent('download');
    await hqPage.getByRole('button', { name: 'Download CSV: Figures by centre' }).click();
    const csvPath = join(centre.dir, 'centres.csv');
    await (await csv).saveAs(csvPath);
    expect(readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^centre id,centre,as of,entries held,present,/);
    violations.push(...(await axe(hqPage, 'hq-figures')));
    await goTo(hqPage, '/centres');
    await hqPage.getByRole('heading', { level: 1, name: 'Centres and keys' }).waitFor();
    await hqPage.locator('.badge', { hasText: 'at its first slice' }).waitFor();
    violations.push(...(await axe(hqPage, 'hq-centres')));

    // Back at the centre: record the receipt; the next slice starts after it.
    await staff.reload();
    await staff.getByRole('heading', { level: 1, name: 'Export' }).waitFor();
    await staff.getByLabel('Receipt file from HQ').setInputFiles(receipt);
    await staff.getByRole('button', { name: 'Record the receipt' }).click();
    await staff.getByText(`Recorded: the next HQ slice starts after entry ${receiptJson.seq}.`).waitFor();
    await staff.getByText(new RegExp(`HQ holds the journal up to entry ${receiptJson.seq} \\(receipt recorded`)).waitFor();
    const status = (await centre.call('exports.status', {})) as { nextSliceSince: number };
    expect(status.nextSliceSince).toBe(receiptJson.seq);
    // The same receipt again is refused, with the reason beside the file.
    await staff.getByLabel('Receipt file from HQ').setInputFiles(receipt);
    await staff.getByRole('button', { name: 'Record the receipt' }).click();
    await staff.locator('#hq-receipt').getByText(/HQ has already acknowledged entry/).first().waitFor();

    // A registrar exports inspection bundles, not HQ slices; a duty officer does neither.
    const reg = await openApp(browser, centre, 'en');
    await signIn(reg, USERS.registrar);
    await reg.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await goTo(reg, '/export');
    await reg.getByRole('heading', { level: 2, name: 'Inspection bundle' }).waitFor();
    expect(await reg.getByRole('heading', { level: 2, name: 'HQ slice' }).count()).toBe(0);
    const duty = await openApp(browser, centre, 'en');
    await signIn(duty, USERS.duty);
    await duty.getByRole('heading', { name: 'Dashboard' }).waitFor();
    expect(await duty.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Export', exact: true }).count()).toBe(0);

    expect(pageErrors(staff)).toEqual([]);
    expect(violations).toEqual([]);
  });

  it('shows HQ mode in Azerbaijani and Russian', async () => {
    for (const [lang, heading] of [
      ['az', 'Ölkə üzrə göstəricilər'],
      ['ru', 'Показатели по стране'],
    ] as const) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
      await context.addInitScript((l) => window.localStorage.setItem('centre.language', l), lang);
      const page = await context.newPage();
      await page.goto(hq.url);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      // The figures, not the loading state, are what must read well and pass the accessibility check.
      await page.locator('main table').first().waitFor();
      await page.waitForFunction(() => !document.querySelector('.loading'));
      await screenshot(page, `hq-figures-${lang}`);
      expect((await seriousViolations(page)).map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      await context.close();
    }
  });
});
