/// <reference lib="dom" />
// (page.evaluate bodies run in the browser: they see the DOM.)
// A registrar's and a duty officer's shift in browser mode, each scenario on its own centre (its own
// data folder and server): first run, sign-in, admission on a 24-hour order, a refused room move,
// rights, a deadline passing on the server's clock, release.

import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  admitForcedViaApi,
  goTo,
  navTo,
  launchBrowser,
  openApp,
  pageErrors,
  PASSWORD,
  screenshot,
  setUpCentre,
  signIn,
  startCentre,
  T0,
  USERS,
  type RunningCentre,
} from './support.ts';

let browser: Browser;
let centre: RunningCentre | null = null;
let page: Page | null = null;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});
afterEach(async () => {
  if (page) expect(pageErrors(page)).toEqual([]);
  await page?.context().close();
  await centre?.stop();
  page = null;
  centre = null;
});

describe('a shift in browser mode', () => {
  it('first run: sets up the centre and its head, who is then signed in', async () => {
    centre = await startCentre();
    page = await openApp(browser, centre);
    await page.getByRole('heading', { name: 'Set up the centre' }).waitFor();
    await screenshot(page, 'first-run');
    await page.getByLabel(/Name of the centre/).fill('Baku Migrant Accommodation Centre');
    await page.getByLabel(/Full name/).fill('Rauf Nasirov');
    await page.getByLabel(/Username/).fill('head.nasirov');
    await page.getByLabel(/^Password \(required\)/).fill(PASSWORD);
    await page.getByLabel(/Password again/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create the centre' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await expect(page.locator('.topbar').textContent()).resolves.toContain('Rauf Nasirov · head of centre');
    const c = await centre.raw('centre.get', {}, null);
    expect(c).toMatchObject({ ok: true, result: { configured: true, timeZone: 'Asia/Baku' } });
  });

  it('signs in (a wrong password is refused with the reason), and signs out', async () => {
    centre = await startCentre();
    await setUpCentre(centre);
    page = await openApp(browser, centre);
    await signIn(page, USERS.registrar, 'not the password');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('wrong username or password');
    await screenshot(page, 'sign-in-refused');
    await signIn(page, USERS.registrar);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });

  it('admits a forced person on a 24 h Service order; the deadline is shown before saving and then counts down', async () => {
    centre = await startCentre();
    await setUpCentre(centre);
    page = await openApp(browser, centre);
    await signIn(page, USERS.registrar);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await navTo(page, 'Admission');
    await page.getByRole('heading', { name: /Step 1 of 5/ }).waitFor();
    await page.getByLabel(/Family name/).fill('Rahimi');
    await page.getByLabel(/Given names/).fill('Sayed');
    await page.getByLabel('male', { exact: true }).check();
    await page.getByLabel(/Date of birth/).fill('1992-02-11');
    await page.getByLabel(/Nationality/).fill('AFG');
    await page.getByLabel(/Languages/).fill('fa, prs');
    await screenshot(page, 'admission-1-person');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: /Step 2 of 5/ }).waitFor();
    await page.locator('[name="admission.alternativesNotUsedBecause"]').fill('No address; did not report as ordered');
    await screenshot(page, 'admission-2-screening');
    await page.getByRole('button', { name: 'Save the person and go on' }).click();
    await page.getByRole('heading', { name: /Step 3 of 5/ }).waitFor();
    await page.locator('[name="order.authority"]').fill('State Migration Service, Baku');
    await page.locator('[name="order.reference"]').fill('SMS-2026-0101');
    await page.locator('[name="admission.reasons"]').fill('Stay beyond the permitted period');
    await page.locator('[name="admission.authority"]').fill('State Migration Service');
    // T0 (08:00Z) + 24 h, in Asia/Baku: computed and shown before anything is saved.
    await page.getByText('this admission is allowed').waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'Deadline' }).textContent()).resolves.toContain('03/03/2026, 12:00');
    await screenshot(page, 'admission-3-placement');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: /Step 4 of 5/ }).waitFor();
    await page.getByLabel(/^A-101/).check();
    await screenshot(page, 'admission-4-room');
    await page.getByRole('button', { name: 'Admit (forced placement)' }).click();
    await page.getByRole('heading', { name: /Step 5 of 5/ }).waitFor();
    await expect(page.getByText('Admitted. The deadline is 03/03/2026, 12:00.').count()).resolves.toBe(1);
    await screenshot(page, 'admission-5-rights');

    await navTo(page, 'Deadlines');
    const row = page.getByRole('row', { name: /Rahimi, Sayed/ });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/within 24 h.*in 2\d h/);
    await screenshot(page, 'deadlines');
  });

  it('refuses to put a woman in a men’s room, and says why', async () => {
    centre = await startCentre();
    const scene = await setUpCentre(centre);
    await admitForcedViaApi(centre, { familyName: 'Aliyeva', givenNames: 'Leyla', sex: 'female' }, scene.rooms.womenForced);
    page = await openApp(browser, centre);
    await signIn(page, USERS.duty);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await navTo(page, 'Rooms');
    await page.getByRole('button', { name: 'Move Aliyeva, Leyla' }).click();
    const dialog = page.getByRole('dialog');
    const select = dialog.getByLabel(/To room/);
    const value = await select.locator('option', { hasText: 'A-101' }).getAttribute('value');
    await select.selectOption(value!);
    await dialog.getByRole('button', { name: 'Move' }).click();
    await dialog.getByRole('alert').waitFor();
    await expect(dialog.getByRole('alert').textContent()).resolves.toContain('room A-101 is for male; this person is female');
    await screenshot(page, 'rooms-refused-move');
    const population = await centre.call('register.population', {}, USERS.duty);
    expect(population.rows[0]!.roomName).toBe('B-201');
  });

  it('records the information on rights from the quick entry; it shows in the person’s rights log', async () => {
    centre = await startCentre();
    const scene = await setUpCentre(centre);
    const { personId } = await admitForcedViaApi(centre, {}, scene.rooms.menForced);
    page = await openApp(browser, centre);
    await signIn(page, USERS.duty);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await navTo(page, 'Rights log');
    await page.getByLabel(/present \(/).selectOption(personId);
    await page.getByText('Still to record').waitFor();
    await page.getByLabel(/^Right/).selectOption('information_on_rights');
    await page.getByLabel('exercised').check();
    await expect(page.locator('input[name=language]').inputValue()).resolves.toBe('ru'); // the first of uz, ru with a rights sheet
    await page.getByLabel(/^Interpreter$/).selectOption('telephone');
    await page.getByLabel(/Interpreter’s name/).fill('Dilnoza Yusupova');
    await screenshot(page, 'rights-entry');
    await page.getByRole('button', { name: 'Record the right' }).click();
    await page.getByText('Recorded: information on rights — exercised.').waitFor();
    await goTo(page, `/person/${personId}?tab=rights`);
    await page.getByText('information on rights').first().waitFor();
    await expect(page.locator('ol.timeline').textContent()).resolves.toContain('interpreter: by telephone, Dilnoza Yusupova');
    await screenshot(page, 'person-rights');
  });

  it('past 24 h on the server’s clock the placement is overdue on the dashboard and the deadline list; release ends it', async () => {
    centre = await startCentre();
    const scene = await setUpCentre(centre);
    const { personId } = await admitForcedViaApi(centre, {}, scene.rooms.menForced);
    centre.setClock('2026-03-03T09:00:00Z'); // T0 + 25 h
    page = await openApp(browser, centre);
    await signIn(page, USERS.registrar);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const stat = page.locator('.stat', { hasText: 'held past deadline' });
    // The stats show "…" until their read answers: wait for the value, not just the heading.
    await expect.poll(() => stat.locator('.stat-value').textContent(), { timeout: 10_000 }).toBe('1');
    const dashRow = page.locator('#dash-deadlines').getByRole('row', { name: /Karimov, Anvar/ });
    await expect(dashRow.textContent()).resolves.toContain('overdue by 1 h');
    // The findings panel loads on its own read, after the stats: wait for it too.
    const findingsPanel = page.locator('#dash-findings');
    await expect.poll(() => findingsPanel.textContent(), { timeout: 10_000 }).toContain('held past the deadline');
    await screenshot(page, 'dashboard-overdue');

    await navTo(page, 'Deadlines');
    // The dashboard's findings name him too: look for the row once the Deadlines screen is up.
    await page.getByRole('heading', { name: 'Deadlines', level: 1 }).waitFor();
    const row = page.getByRole('row', { name: /Karimov, Anvar/ });
    await expect(row.textContent()).resolves.toMatch(/overdue.*overdue by 1 h/);
    await row.getByRole('button', { name: 'Release Karimov, Anvar' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Destination/).fill('Home address in Baku');
    await dialog.getByRole('button', { name: 'Record: release' }).click();
    await page.getByText('Nobody is forcibly placed at present.').waitFor();
    const file = await centre.call('register.personFile', { personId }, USERS.registrar);
    expect(file.placements[0]).toMatchObject({ endReason: 'release' });
    expect(T0 < file.placements[0]!.endedAt!).toBe(true);
  });
});
