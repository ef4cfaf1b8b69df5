/// <reference lib="dom" />
// (page.evaluate bodies run in the browser: they see the DOM.)
// The offline viewer in Chromium (playwright-core, Debian's /usr/bin/chromium), from file://: the time
// from opening open-me.html to the verdict and the register on screen — the page loading its data,
// the passphrase given (by a script in the page) as soon as the page is ready, then decryption, verification (signature, data,
// the whole hash chain, the replay and the table digests) and the first render. Measured with the
// viewer's own performance marks: 'centre-viewer-verify-start' (the passphrase submitted) and
// 'centre-viewer-rendered' (verdict and register drawn), both in ms since navigation started.
// Targets (issue 4): under 10 s for the ten-year bundle, under 1.5 s for one year.
//
// The one-year bundle comes from a one-year, 8,000-person centre seeded once and cached beside the
// ten-year one (keyed by the seeder's and the migrations' sources, like run.ts's cache).
//
// Alone: `node --import tsx test/bench/viewer.ts <bundle folder> [passphrase]` (VIEWER_THREADS=1 also
// prints the CPU of each thread of the page's process).

import { hash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { openDatabase } from '../../db/connection.ts';
import { LATEST_VERSION } from '../../db/migrations/index.ts';
import { DEFAULT_END, seedCentre } from '../../services/seed/seed.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** CPU seconds used while the bundle was opened, by the page's renderer process (Linux /proc). */
export interface ViewerCpu {
  /** The page's main thread: the replay, the table digests, the drawing. */
  pageThread: number;
  /** The helper workers: decompression and hashing. */
  workers: number;
  /** Every thread of the renderer. */
  total: number;
}

export interface ViewerTiming {
  /** Navigation start to verdict and register drawn. */
  totalMs: number;
  /** Navigation start to the passphrase submitted (the page loading its embedded data). */
  loadMs: number;
  /** Passphrase submitted to verdict and register drawn. */
  verifyMs: number;
  /** Each verification step's time as the verdict reports it. */
  steps: Record<string, number>;
  verdict: string;
  cpu: ViewerCpu | null;
}

type ThreadTicks = Map<string, { name: string; main: boolean; ticks: number }>;

/** utime + stime of every thread of the given processes, in clock ticks (1/100 s on Linux). */
function threadTicks(pids: number[]): ThreadTicks {
  const out: ThreadTicks = new Map();
  for (const pid of pids) {
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        out.set(`${pid}/${tid}`, { name, main: tid === String(pid), ticks: Number(fields[11]) + Number(fields[12]) });
      } catch {
        // The thread ended meanwhile.
      }
    }
  }
  return out;
}

function cpuBetween(before: ThreadTicks, after: ThreadTicks): ViewerCpu {
  let pageThread = 0;
  let workers = 0;
  let total = 0;
  for (const [key, t] of after) {
    const used = (t.ticks - (before.get(key)?.ticks ?? 0)) / 100;
    total += used;
    if (process.env['VIEWER_THREADS'] && used > 0.02) console.error(`thread ${t.name}: ${used.toFixed(2)} s`);
    if (t.main) pageThread = Math.max(pageThread, used);
    else if (/DedicatedWorker/i.test(t.name)) workers += used;
  }
  return { pageThread, workers, total };
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** Opens the bundle's open-me.html `runs` times in fresh pages; one timing per run. */
export async function timeViewer(bundleDir: string, passphrase: string, runs: number): Promise<ViewerTiming[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const cdp = await browser.newBrowserCDPSession();
  const renderers = async () =>
    ((await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] }).processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
  const out: ViewerTiming[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const ticksBefore = existsSync('/proc') ? threadTicks(await renderers()) : null;
      // The passphrase is given from inside the page the moment the viewer is ready (its form drawn,
      // 'centre-viewer-ready' marked): given through Playwright (fill, click), the harness's own round
      // trips added 150-250 ms of a page waiting for input to the figure.
      await page.addInitScript((pass: string) => {
        new MutationObserver((_, observer) => {
          const input = document.querySelector<HTMLInputElement>('#passphrase');
          const open = document.querySelector<HTMLButtonElement>('#open');
          if (!input || !open || performance.getEntriesByName('centre-viewer-ready').length === 0) return;
          observer.disconnect();
          input.value = pass;
          open.click();
        }).observe(document, { childList: true, subtree: true });
      }, passphrase);
      await page.goto(pathToFileURL(join(bundleDir, 'open-me.html')).href, { waitUntil: 'domcontentloaded', timeout: 300_000 });
      await page
        .waitForFunction(() => performance.getEntriesByName('centre-viewer-verify-start').length > 0, undefined, { timeout: 30_000, polling: 100 })
        .catch(() => {
          throw new Error('the viewer did not start verifying: the bench gives the passphrase to #passphrase and clicks #open once "centre-viewer-ready" is marked');
        });
      await page.waitForFunction(() => document.body.dataset['verdict'] !== undefined, undefined, { timeout: 600_000, polling: 100 });
      // (No named functions inside: tsx would wrap them in a helper the page does not have.)
      const t = await page.evaluate(() => {
        const steps: Record<string, number> = {};
        for (const li of document.querySelectorAll<HTMLElement>('#verdict .steps li')) steps[li.dataset['step']!] = Number(li.dataset['ms']);
        return {
          start: performance.getEntriesByName('centre-viewer-verify-start')[0]?.startTime ?? NaN,
          rendered: performance.getEntriesByName('centre-viewer-rendered')[0]?.startTime ?? NaN,
          verdict: document.body.dataset['verdict']!,
          steps,
        };
      });
      const cpu = ticksBefore ? cpuBetween(ticksBefore, threadTicks(await renderers())) : null;
      out.push({ totalMs: t.rendered, loadMs: t.start, verifyMs: t.rendered - t.start, steps: t.steps, verdict: t.verdict, cpu });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}

function sourcesKey(options: object): string {
  const files: string[] = [];
  for (const dir of ['services/seed', 'db/migrations']) {
    for (const name of readdirSync(join(ROOT, dir)).sort()) if (name.endsWith('.ts') && !name.endsWith('.test.ts')) files.push(join(dir, name));
  }
  const sources = hash('sha256', files.map((f) => `${f}\n${hash('sha256', readFileSync(join(ROOT, f)), 'hex')}`).join('\n'), 'hex');
  return hash('sha256', JSON.stringify({ ...options, schema: LATEST_VERSION, sources }), 'hex').slice(0, 16);
}

export const ONE_YEAR = { persons: 8_000, years: 1, rngSeed: 20_261_101, end: DEFAULT_END };

/** The one-year centre, seeded once into the bench cache (only ever opened read-only afterwards). */
export function cachedOneYearCentre(): string {
  const dir = join(process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'centre-register');
  mkdirSync(dir, { recursive: true });
  const key = sourcesKey(ONE_YEAR);
  const path = join(dir, `viewer-1y-${key}.db`);
  if (existsSync(path)) return path;
  for (const name of readdirSync(dir)) if (/^viewer-1y-[0-9a-f]{16}\.db/.test(name)) rmSync(join(dir, name), { force: true });
  const building = `${path}.building-${process.pid}`;
  const db = openDatabase(building);
  seedCentre(db, ONE_YEAR);
  db.pragma('journal_mode = DELETE');
  db.close();
  renameSync(building, path);
  return path;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [bundleDir, passphrase = 'bench passphrase, not a secret'] = process.argv.slice(2);
  if (!bundleDir) throw new Error('usage: node --import tsx test/bench/viewer.ts <bundle folder> [passphrase]');
  for (const t of await timeViewer(bundleDir, passphrase, 1)) console.log(JSON.stringify(t));
}
