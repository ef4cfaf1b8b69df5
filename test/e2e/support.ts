/// <reference lib="dom" />
// (page.evaluate bodies run in the browser: they see the DOM.)
// What every end-to-end test needs: a `centre web` server of its own (own data folder, own clock
// file), API calls to set a scene quickly, Chromium, sign-in, keyboard helpers, axe-core and
// screenshots.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ApiResponse } from '../../domain/api/bridge.ts';
import type { InputOf, MethodName, OutputOf } from '../../domain/api/contract.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENS_DIR = join(ROOT, 'test-results', 'screens');
export const T0 = '2026-03-02T08:00:00.000Z';
export const PASSWORD = 'correct horse battery';

export interface RunningCentre {
  url: string;
  origin: string;
  token: string;
  dir: string;
  /** Moves the server's clock (it re-reads the clock file on its next call). */
  setClock(at: string): void;
  /** Calls the API as a signed-in user (or with a session token), the way the page does. */
  call<M extends MethodName>(method: M, input: InputOf<M>, as?: string): Promise<OutputOf<M>>;
  raw(method: string, input: unknown, session: string | null): Promise<ApiResponse>;
  stop(): Promise<void>;
}

export async function startCentre(at: string = T0): Promise<RunningCentre> {
  const dir = mkdtempSync(join(tmpdir(), 'centre-e2e-'));
  const clockFile = join(dir, 'clock');
  writeFileSync(clockFile, at);
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'centre.js'), 'web', '--data-dir', join(dir, 'data'), '--port', '0', '--clock-file', clockFile, '--static-dir', join(ROOT, 'dist', 'renderer')],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not print its Open: line\n${log}`)), 30_000);
    child.stdout!.on('data', (b: Buffer) => {
      log += b.toString();
      const m = /^Open: (\S+)$/m.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (b: Buffer) => (log += b.toString()));
    child.on('exit', (code) => reject(new Error(`the server exited (${code})\n${log}`)));
  });
  const origin = new URL(url).origin;
  const token = /#launch=([^&]+)/.exec(url)![1]!;
  const sessions = new Map<string, string>();
  const raw = async (method: string, input: unknown, session: string | null): Promise<ApiResponse> => {
    const r = await fetch(`${origin}/api/call`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Centre-Launch': token },
      body: JSON.stringify({ method, input, session }),
    });
    return (await r.json()) as ApiResponse;
  };
  const sessionOf = async (username: string) => {
    let s = sessions.get(username);
    if (!s) {
      const r = await raw('accounts.signIn', { username, password: PASSWORD }, null);
      if (!r.ok) throw new Error(`sign-in of ${username} failed: ${r.error.message}`);
      s = (r.result as { token: string }).token;
      sessions.set(username, s);
    }
    return s;
  };
  return {
    url,
    origin,
    token,
    dir,
    setClock: (iso) => writeFileSync(clockFile, iso),
    raw,
    async call(method, input, as = 'head') {
      let r = await raw(method, input, method === 'centre.setup' ? null : await sessionOf(as));
      if (!r.ok && r.error.kind === 'unauthenticated') {
        // The test moved the server's clock past the session's expiry: sign in again.
        sessions.delete(as);
        r = await raw(method, input, await sessionOf(as));
      }
      if (!r.ok) throw new Error(`${method} refused: ${r.error.message}`);
      return r.result as never;
    },
    async stop() {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const USERS = { head: 'head', registrar: 'reg', duty: 'duty', medical: 'doc', inspector: 'insp' } as const;

export interface Scene {
  rooms: { menForced: string; womenForced: string; menVoluntary: string };
}

/** A set-up centre with one account per role and a few rooms: what most tests start from. */
export async function setUpCentre(c: RunningCentre): Promise<Scene> {
  await c.call('centre.setup', {
    name: 'Test Centre',
    timeZone: 'Asia/Baku',
    profileId: 'az-migration-code-2023',
    head: { username: USERS.head, displayName: 'Rauf Nasirov', password: PASSWORD },
  });
  const roles = [
    [USERS.registrar, 'Aysel Huseynova', 'registrar'],
    [USERS.duty, 'Kamran Ismayilov', 'duty_officer'],
    [USERS.medical, 'Dr Sabina Babayeva', 'medical_officer'],
    [USERS.inspector, 'NPM inspector', 'inspector'],
  ] as const;
  for (const [username, displayName, role] of roles) await c.call('accounts.create', { username, displayName, role, password: PASSWORD });
  const define = async (input: InputOf<'rooms.define'>) => (await c.call('rooms.define', input)).id!;
  return {
    rooms: {
      menForced: await define({ name: 'A-101', capacity: 4, floorAreaM2: 20, sex: 'male', ageGroup: 'adult', regime: 'forced' }),
      womenForced: await define({ name: 'B-201', capacity: 4, floorAreaM2: 20, sex: 'female', ageGroup: 'adult', regime: 'forced' }),
      menVoluntary: await define({ name: 'V-401', capacity: 4, floorAreaM2: 20, sex: 'male', ageGroup: 'adult', regime: 'voluntary' }),
    },
  };
}

/** A person admitted on a 24-hour Service order through the API (for tests about what comes after). */
export async function admitForcedViaApi(c: RunningCentre, person: Partial<InputOf<'persons.register'>> = {}, roomId?: string) {
  const personId = (
    await c.call(
      'persons.register',
      { familyName: 'Karimov', givenNames: 'Anvar', sex: 'male', birthDate: '1990-05-17', nationality: 'UZB', languages: ['uz', 'ru'], status: 'irregular_migrant', ...person },
      USERS.registrar,
    )
  ).id!;
  const now = (await c.call('inspections.list', {}, USERS.registrar)).at;
  const r = await c.call(
    'placements.admit',
    {
      personId,
      kind: 'forced',
      order: { basis: 'service_order', authority: 'State Migration Service', reference: 'SMS-2026-0001', issuedAt: now },
      admission: {
        reasons: 'Stay beyond the permitted period',
        authority: 'State Migration Service',
        screening: { vulnerabilitiesFound: [], traffickingIndicators: [], asylumIntent: false, notes: '' },
        alternativesNotUsedBecause: 'No fixed address',
      },
      ...(roomId ? { roomId } : {}),
    },
    USERS.registrar,
  );
  return { personId, placementId: r.id, deadline: r.deadline };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A fresh page (own storage) on the centre's launch URL, the interface in `lang`. */
export async function openApp(browser: Browser, c: RunningCentre, lang: 'en' | 'az' | 'ru' = 'en', options: { bypassCSP?: boolean } = {}): Promise<Page> {
  // axe-core is injected as a script tag, which the page's Content-Security-Policy rightly refuses:
  // the accessibility run lets the browser bypass it, nothing else does.
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB', bypassCSP: options.bypassCSP ?? false });
  await context.addInitScript((l) => window.localStorage.setItem('centre.language', l), lang);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(c.url);
  return page;
}

export function pageErrors(page: Page): string[] {
  return (page as Page & { errors?: string[] }).errors ?? [];
}

export async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('button[type=submit]').click();
}

/** Follows a link of the main navigation. */
export async function navTo(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
}

export async function goTo(page: Page, route: string): Promise<void> {
  await page.evaluate((r) => {
    window.location.hash = r;
  }, route);
}

export interface FocusTarget {
  /** The element's name attribute. */
  name?: string;
  /** The start of a button's or link's text, or of a field's label. */
  text?: string;
  /** A radio or checkbox's value. */
  value?: string;
}

/**
 * Presses Tab until the focused element is the one described (keyboard-only use): throws if it never
 * gets there, which means the element cannot be reached with the keyboard.
 */
export async function tabTo(page: Page, target: FocusTarget, max = 150): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const ok = await page.evaluate((t) => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return false;
      if (t.name !== undefined && el.getAttribute('name') !== t.name) return false;
      if (t.value !== undefined && (el as HTMLInputElement).value !== t.value) return false;
      if (t.text !== undefined) {
        const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? '';
        const own = el.textContent ?? '';
        if (!own.trim().startsWith(t.text) && !label.trim().startsWith(t.text)) return false;
      }
      return true;
    }, target);
    if (ok) return;
  }
  throw new Error(`could not reach ${JSON.stringify(target)} with Tab`);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core on the page as it is; returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ path: join(ROOT, 'node_modules', 'axe-core', 'axe.min.js') });
  const result = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  })) as AxeViolation[];
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: true });
}

export interface RunningHq {
  url: string;
  origin: string;
  token: string;
  dir: string;
  dbPath: string;
  /** Calls HQ's API (no session: HQ mode has no accounts). */
  call(method: string, input?: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

/** `centre web --hq` on a database of its own in its own folder. */
export async function startHq(): Promise<RunningHq> {
  const dir = mkdtempSync(join(tmpdir(), 'centre-e2e-hq-'));
  const dbPath = join(dir, 'hq.db');
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'centre.js'), '--db', dbPath, 'web', '--hq', '--as', 'analyst', '--port', '0', '--static-dir', join(ROOT, 'dist', 'renderer')],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the HQ server did not print its Open: line\n${log}`)), 30_000);
    child.stdout!.on('data', (b: Buffer) => {
      log += b.toString();
      const m = /^Open: (\S+)$/m.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (b: Buffer) => (log += b.toString()));
    child.on('exit', (code) => reject(new Error(`the HQ server exited (${code})\n${log}`)));
  });
  const origin = new URL(url).origin;
  const token = /#launch=([^&]+)/.exec(url)![1]!;
  return {
    url,
    origin,
    token,
    dir,
    dbPath,
    async call(method, input = {}) {
      const r = await fetch(`${origin}/api/call`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Centre-Launch': token },
        body: JSON.stringify({ method, input, session: null }),
      });
      const body = (await r.json()) as ApiResponse;
      if (!body.ok) throw new Error(`${method} refused: ${body.error.message}`);
      return body.result;
    },
    async stop() {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
