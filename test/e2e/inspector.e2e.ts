/// <reference lib="dom" />
// (page.evaluate bodies run in the browser: they see the DOM.)
// An NPM inspector's account: sees everything — the register, every person's file, rooms, deadlines,
// findings, inspections — and can change nothing: no write action is offered, and a write attempted
// through the API anyway is refused.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admitForcedViaApi, goTo, launchBrowser, navTo, openApp, pageErrors, setUpCentre, signIn, startCentre, USERS, type RunningCentre } from './support.ts';

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

/** Labels of every button and link that would change something, in English. */
const WRITE_ACTIONS = /^(Admit\b|Release\b|New order|Move\b|Record\b|Correct\b|Change\b|Save\b|Respond\b|Add a recommendation|New account|New room|Assign\b|Leaves\b|Comes back|Password\b|Set the password)/;

async function writeActionsOnScreen(p: Page): Promise<string[]> {
  const labels = await p.locator('main button:not([role=tab]), main a.btn').evaluateAll((els) => els.map((e) => (e.getAttribute('aria-label') ?? e.textContent ?? '').trim()));
  return labels.filter((l) => WRITE_ACTIONS.test(l));
}

describe('an inspector', () => {
  it('sees every screen and every person, and is offered no action that writes', async () => {
    centre = await startCentre();
    const scene = await setUpCentre(centre);
    const { personId } = await admitForcedViaApi(centre, {}, scene.rooms.menForced);
    await centre.call('inspections.recordVisit', { body: 'npm', inspectors: ['A. Mammadova'], startedAt: '2026-03-02T08:00:00Z' });
    page = await openApp(browser, centre);
    await signIn(page, USERS.inspector);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link').allTextContents()).resolves.toEqual(['Dashboard', 'Register', 'Rooms', 'Deadlines', 'Inspections', 'Export', 'Settings']);

    const screens: [string, string][] = [
      ['/', 'Dashboard'],
      ['/register', 'Register'],
      [`/person/${personId}`, 'Karimov, Anvar'],
      [`/person/${personId}?tab=placements`, 'Karimov, Anvar'],
      ['/rooms', 'Rooms'],
      ['/deadlines', 'Deadlines'],
      ['/inspections', 'Inspections'],
      ['/settings?tab=rooms', 'Settings'],
    ];
    for (const [route, heading] of screens) {
      await goTo(page, route);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      await expect(writeActionsOnScreen(page), route).resolves.toEqual([]);
    }
    await goTo(page, '/register');
    await page.getByRole('link', { name: 'Karimov, Anvar' }).waitFor();
    await goTo(page, '/admit');
    await page.getByText('Your role does not give access to this screen.').waitFor();
    await navTo(page, 'Deadlines');
    await page.getByRole('row', { name: /Karimov, Anvar/ }).waitFor();
    expect(pageErrors(page)).toEqual([]);
  });

  it('is refused by the API when it tries to write anyway', async () => {
    const r = await centre.raw('placements.end', { placementId: 'S1', reason: 'release' }, await inspectorSession());
    expect(r).toMatchObject({ ok: false, error: { kind: 'forbidden', reasons: [{ code: 'auth.forbidden', params: { role: 'inspector' } }] } });
  });
});

async function inspectorSession(): Promise<string> {
  const r = await centre.raw('accounts.signIn', { username: USERS.inspector, password: 'correct horse battery' }, null);
  return (r as { result: { token: string } }).result.token;
}
