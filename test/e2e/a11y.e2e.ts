/// <reference lib="dom" />
// (page.evaluate bodies run in the browser: they see the DOM.)
// Accessibility and screenshots: axe-core finds no serious or critical violation on any main screen
// (and on the open dialogs and refusal states), and every main screen is saved to
// test-results/screens/ — in English, and the dashboard and admission also in Azerbaijani and Russian.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  USERS,
  type AxeViolation,
  type RunningCentre,
} from './support.ts';

let browser: Browser;
let centre: RunningCentre;

beforeAll(async () => {
  browser = await launchBrowser();
  centre = await startCentre();
});
afterAll(async () => {
  await centre?.stop();
  await browser.close();
});

function report(vs: AxeViolation[]): string[] {
  return vs.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(', ')}`);
}

async function check(page: Page, name: string, found: Record<string, string[]>) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(150);
  const v = report(await seriousViolations(page));
  if (v.length) found[name] = v;
  await screenshot(page, name);
}

async function scene(c: RunningCentre) {
  const s = await setUpCentre(c);
  const a = await admitForcedViaApi(c, {}, s.rooms.menForced);
  await admitForcedViaApi(c, { familyName: 'Aliyeva', givenNames: 'Leyla', sex: 'female', nameOriginal: 'Лейла Алиева', languages: ['ru'] }, s.rooms.womenForced);
  const v = (await c.call('persons.register', { familyName: 'Rahimi', givenNames: 'Sayed', sex: 'male', claimedAge: 30, nationality: 'AFG', languages: ['fa'], status: 'irregular_migrant' }, USERS.registrar)).id!;
  await c.call('placements.admit', { personId: v, kind: 'voluntary', admission: { reasons: 'At his own request', authority: 'Centre' }, roomId: s.rooms.menVoluntary }, USERS.registrar);
  await c.call('rights.record', { placementId: a.placementId, right: 'information_on_rights', state: 'exercised', language: 'ru', version: 'ru-2026.1' }, USERS.duty);
  await c.call('rights.record', { placementId: a.placementId, right: 'consular_notification', state: 'declined' }, USERS.duty);
  const visit = (await c.call('inspections.recordVisit', { body: 'npm', inspectors: ['Aynur Mammadova', 'Sevinj Guliyeva'], startedAt: '2026-03-02T08:00:00Z' })).id!;
  await c.call('inspections.recommend', { visitId: visit, text: 'Install a telephone with free calls to the Ombudsman and UNHCR in each block', responseDue: '2026-03-02T09:00:00Z' });
  return { ...s, personId: a.personId, placementId: a.placementId };
}

describe('accessibility of every main screen', () => {
  it('has no serious or critical axe violation, and each screen is saved as a screenshot', async () => {
    const found: Record<string, string[]> = {};
    let page = await openApp(browser, centre, 'en', { bypassCSP: true });
    await page.getByRole('heading', { name: 'Set up the centre' }).waitFor();
    await check(page, 'first-run', found);
    await page.getByRole('button', { name: 'Create the centre' }).click();
    await page.getByRole('alert').waitFor();
    await check(page, 'first-run-refused', found);

    const s = await scene(centre);
    centre.setClock('2026-03-02T12:00:00Z');
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await check(page, 'sign-in', found);
    await signIn(page, USERS.head);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.locator('#dash-chart-pop svg.chart').waitFor();
    await check(page, 'dashboard', found);

    const screens: [string, string, string][] = [
      ['/register', 'Register', 'register'],
      [`/person/${s.personId}`, 'Karimov, Anvar', 'person-file'],
      [`/person/${s.personId}?tab=placements`, 'Karimov, Anvar', 'person-file-stays'],
      [`/person/${s.personId}?tab=rights`, 'Karimov, Anvar', 'person-file-rights'],
      [`/person/${s.personId}?tab=findings`, 'Karimov, Anvar', 'person-file-findings'],
      ['/rooms', 'Rooms', 'rooms'],
      ['/deadlines', 'Deadlines', 'deadlines-list'],
      [`/rights?person=${s.personId}`, 'Rights log', 'rights-log'],
      ['/inspections', 'Inspections', 'inspections'],
      ['/settings?tab=language', 'Settings', 'settings-language'],
      ['/settings?tab=centre', 'Settings', 'settings-centre'],
      ['/settings?tab=accounts', 'Settings', 'settings-accounts'],
      ['/settings?tab=rooms', 'Settings', 'settings-rooms'],
      [`/print/rights/${s.personId}?lang=ru`, 'Rights sheet', 'print-rights-sheet-ru'],
      [`/print/admission/${s.personId}/${s.placementId}`, 'Admission record', 'print-admission-record'],
      ['/admit', 'Admission', 'admission'],
    ];
    for (const [route, heading, name] of screens) {
      await goTo(page, route);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await check(page, name, found);
    }
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('alert').waitFor();
    await check(page, 'admission-refused', found);

    await goTo(page, '/deadlines');
    await page.getByRole('button', { name: 'Release Karimov, Anvar' }).click();
    await page.getByRole('dialog').waitFor();
    await check(page, 'dialog-release', found);
    await page.keyboard.press('Escape');
    await goTo(page, '/rooms');
    await page.getByRole('button', { name: 'Move Karimov, Anvar' }).click();
    await page.getByRole('dialog').waitFor();
    await check(page, 'dialog-move', found);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();

    for (const lang of ['az', 'ru'] as const) {
      page = await openApp(browser, centre, lang, { bypassCSP: true });
      await page.locator('input[name=username]').waitFor();
      await signIn(page, USERS.registrar);
      await page.locator('#dash-chart-pop svg.chart').waitFor();
      await check(page, `dashboard-${lang}`, found);
      await goTo(page, '/admit');
      await page.locator('input[name=familyName]').waitFor();
      await check(page, `admission-${lang}`, found);
      await goTo(page, `/person/${s.personId}`);
      await page.locator('h1').waitFor();
      await check(page, `person-file-${lang}`, found);
      await page.context().close();
    }
    expect(found).toEqual({});
  });
});
