/// <reference lib="dom" />
// (page.evaluate bodies run in the browser: they see the DOM.)
// Keyboard only: a registrar admits a person with Tab, typing, Space and Enter — no mouse. Every
// field and button of the flow is reachable in order and works from the keyboard.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, pageErrors, PASSWORD, screenshot, setUpCentre, startCentre, tabTo, USERS, type RunningCentre } from './support.ts';

let browser: Browser;
let centre: RunningCentre;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await page?.context().close();
  await centre?.stop();
  await browser.close();
});

async function type(p: Page, target: Parameters<typeof tabTo>[1], text: string) {
  await tabTo(p, target);
  await p.keyboard.type(text);
}

describe('keyboard-only admission', () => {
  it('admits a forced person without the mouse', async () => {
    centre = await startCentre();
    await setUpCentre(centre);
    page = await openApp(browser, centre);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.locator('input[name=username]').focus(); // autofocus: where the page puts the cursor
    await page.keyboard.type(USERS.registrar);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();

    // The skip link comes first; then the navigation.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to main content');
    await tabTo(page, { text: 'Admission' });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Step 1 of 5/ }).waitFor();

    await type(page, { name: 'familyName' }, 'Nazarov');
    await type(page, { name: 'givenNames' }, 'Otabek');
    await tabTo(page, { value: 'male' });
    await page.keyboard.press('Space');
    await tabTo(page, { name: 'birthDate' });
    await page.keyboard.type('03071989');
    await type(page, { name: 'nationality' }, 'UZB');
    await type(page, { name: 'languages' }, 'uz, ru');
    await tabTo(page, { text: 'Next' });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Step 2 of 5/ }).waitFor();

    await type(page, { name: 'admission.alternativesNotUsedBecause' }, 'Absconded from a reporting order');
    await tabTo(page, { text: 'Save the person and go on' });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Step 3 of 5/ }).waitFor();

    await type(page, { name: 'order.authority' }, 'State Migration Service');
    await type(page, { name: 'order.reference' }, 'SMS-2026-0202');
    await type(page, { name: 'admission.reasons' }, 'Stay beyond the permitted period');
    await type(page, { name: 'admission.authority' }, 'State Migration Service');
    await page.getByText('this admission is allowed').waitFor();
    await tabTo(page, { text: 'Next' });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Step 4 of 5/ }).waitFor();

    // Radio group: Tab reaches the checked option, arrow keys choose another.
    await tabTo(page, { text: 'No room yet' });
    await page.keyboard.press('ArrowDown');
    await expect(page.evaluate(() => (document.activeElement as HTMLInputElement).labels?.[0]?.textContent)).resolves.toMatch(/^A-101/);
    await tabTo(page, { text: 'Admit (forced placement)' });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Step 5 of 5/ }).waitFor();

    await tabTo(page, { name: 'state' });
    await page.keyboard.press('ArrowDown'); // not now → offered
    await page.keyboard.press('ArrowDown'); // → exercised
    await tabTo(page, { text: 'Record the rights chosen' });
    await page.keyboard.press('Enter');
    await page.getByText('1 right recorded.').waitFor();
    await screenshot(page, 'keyboard-admission-done');

    const population = await centre.call('register.population', {}, USERS.registrar);
    expect(population.rows.map((r) => [r.familyName, r.roomName, r.kind])).toEqual([['Nazarov', 'A-101', 'forced']]);
    const file = await centre.call('register.personFile', { personId: population.rows[0]!.personId }, USERS.registrar);
    expect(file.placements[0]!.rights.map((r) => [r.right, r.state])).toEqual([['information_on_rights', 'exercised']]);
    expect(pageErrors(page)).toEqual([]);
  });
});
