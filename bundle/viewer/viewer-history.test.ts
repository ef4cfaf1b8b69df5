/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate bodies run in the browser: they see the DOM.)
// The offline viewer and history, in Debian's Chromium from file://: a bundle with one journal byte
// changed behind the signature is NOT intact, naming the check and the entry; a checkpoint saved in
// the viewer at one visit is extended by the next visit's bundle, and reported as diverging, naming
// the entries, by bundles whose history was altered, cut or reordered since; the interviewee
// follow-up shows a measure after the checkpoint and not one before, and keeps the list nowhere.

import { gunzipSync } from 'fflate';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEntries } from '../../db/journal/writer.ts';
import { rewrittenCentre, seqOf } from '../../test/support/rewritten-centre.ts';
import { createVariedCentre, type VariedCentre } from '../../test/support/varied-centre.ts';
import { goTo, launchChromium, openBundle, openWatched, outsideRequests } from '../../test/support/viewer-browser.ts';
import { concatBytes } from '../format/bytes.ts';
import { chunkHeader, CONTAINER_MAGIC, decodeContainer, sectionHeader, splitChunks } from '../format/container.ts';
import { exportBundle, type ExportResult } from '../node/export.ts';
import { forge, memoCrypto, PASSPHRASE } from '../node/test-support.ts';
import { bareViewerHtml } from './build.ts';

let v: VariedCentre;
let dir: string;
let browser: Browser;
let trustedUrl = '';
let visit1: ExportResult;
let visit2: ExportResult;
let checkpointFile = '';
let leylaId = '';
let leylaStay = '';

const exportTo = (db: VariedCentre['c']['db'], name: string) =>
  exportBundle(db, { outDir: join(dir, name), passphrase: PASSPHRASE, kind: 'inspection', exportedBy: 'head', clock: v.c.clock.now });

beforeAll(async () => {
  v = createVariedCentre(1);
  dir = mkdtempSync(join(tmpdir(), 'centre-viewer-history-'));
  leylaId = v.presentPersonId;
  leylaStay = v.c.db.prepare('SELECT placement_id FROM placements WHERE person_id = ? AND ended_at IS NULL').pluck().get(leylaId) as string;
  v.c.clock.advanceHours(1);
  v.c.call('measures.start', { placementId: leylaStay, kind: 'disciplinary', measure: 'no visits for a week', reason: 'before the visit', authorisedBy: 'Head of Centre' }, 'head');
  v.c.clock.advanceHours(1);
  let trusted: string;
  [visit1, browser, trusted] = await Promise.all([exportTo(v.c.db, 'visit1'), launchChromium(), bareViewerHtml()]);
  const trustedPath = join(dir, 'my-viewer.html');
  writeFileSync(trustedPath, trusted);
  trustedUrl = pathToFileURL(trustedPath).href;

  // At the first visit the inspector saves a checkpoint with the viewer itself.
  const w = await openWatched(browser, pathToFileURL(join(visit1.outDir, 'open-me.html')).href, { acceptDownloads: true });
  expect(await openBundle(w.page, PASSPHRASE)).toBe('intact');
  await goTo(w.page, 'compare', 'compare');
  const [download] = await Promise.all([w.page.waitForEvent('download'), w.page.click('#save-checkpoint')]);
  checkpointFile = join(dir, download.suggestedFilename());
  await download.saveAs(checkpointFile);
  await w.close();

  // After the visit: an isolation of the same person, a complaint by her, then the second visit.
  v.c.clock.advanceHours(3);
  v.c.call('measures.start', { placementId: leylaStay, kind: 'isolation', measure: 'separate room', reason: 'after the visit' }, 'duty');
  v.c.clock.advanceHours(1);
  v.c.call('rights.record', { placementId: leylaStay, right: 'complaint', state: 'exercised', detail: 'about the isolation' });
  v.c.clock.advanceHours(1);
  visit2 = await exportTo(v.c.db, 'visit2');
}, 180_000);
afterAll(async () => {
  await browser?.close();
  v?.c.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Opens a bundle folder's files in the trusted viewer, with a checkpoint if given. */
async function openFolder(folder: string, checkpoint: string | null) {
  const w = await openWatched(browser, trustedUrl);
  await w.page.setInputFiles('#files', [join(folder, 'bundle.json'), join(folder, 'data.bin')]);
  if (checkpoint) await w.page.setInputFiles('#checkpoint', checkpoint);
  const verdict = await openBundle(w.page, PASSPHRASE);
  return { ...w, verdict };
}

async function differences(page: Page): Promise<string[][]> {
  await goTo(page, 'compare', 'compare');
  return page.locator('#differences tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent!.trim())));
}

describe('a bundle changed behind the signature', () => {
  it('is NOT intact, naming the check that failed and the journal entry', async () => {
    // A centre holding its key changes one byte of one journal entry and signs again.
    const target = 'fears persecution';
    const seq = seqOf([...readEntries(v.c.db)], target);
    const forged = await forge(
      { files: { envelope: readFileSync(join(visit1.outDir, 'bundle.json')), data: new Uint8Array(readFileSync(join(visit1.outDir, 'data.bin'))) }, privateSeed: privateSeed() },
      memoCrypto(),
      (plaintext) => {
        const sections = decodeContainer(plaintext);
        const out: Uint8Array[] = [Uint8Array.from(CONTAINER_MAGIC)];
        for (const [name, body] of sections) {
          let content = concatBytes(splitChunks(name, body).map((c) => gunzipSync(c.gzip)));
          if (name === 'journal') {
            content = content.slice();
            const at = Buffer.from(content).indexOf(target);
            content[at] = 'F'.charCodeAt(0); // one byte: "Fears persecution"
          }
          const gz = new Uint8Array(gzipSync(content));
          const chunk = concatBytes([chunkHeader(content.length, gz.length), gz]);
          out.push(sectionHeader(name, chunk.length), chunk);
        }
        return concatBytes(out);
      },
    );
    const folder = join(dir, 'forged');
    mkdirSync(folder);
    writeFileSync(join(folder, 'bundle.json'), forged.envelope as Uint8Array);
    writeFileSync(join(folder, 'data.bin'), forged.data);
    const w = await openFolder(folder, null);
    expect(w.verdict).toBe('failed');
    expect(await w.page.textContent('#verdict h2')).toBe('NOT intact');
    expect(await w.page.textContent('#verdict .reason')).toBe(
      `Failed check: every journal entry hashes into an unbroken chain up to the signed head, at journal entry ${seq}.`,
    );
    expect(await w.page.locator('#verdict .steps li.bad[data-step="chain"]').count()).toBe(1);
    expect(await w.page.textContent('#verdict')).toContain('an entry was changed, removed, inserted or reordered');
    // The partly read register is not shown as if it were the centre's.
    expect(await w.page.locator('#tabs').isHidden()).toBe(true);
    expect(await w.page.locator('#view > *').count()).toBe(0);
    await w.close();
  });
});

function privateSeed(): string {
  return v.c.db.prepare('SELECT private_seed FROM centre_keys').pluck().get() as string;
}

describe('comparing with the checkpoint of the last visit', () => {
  it('says the next visit’s journal extends it', async () => {
    const w = await openFolder(visit2.outDir, checkpointFile);
    expect(w.verdict).toBe('intact');
    expect(await w.page.getAttribute('#verdict #comparison', 'data-status')).toBe('extends');
    const added = visit2.manifest.head.seq - visit1.manifest.head.seq;
    expect(await w.page.textContent('#verdict #comparison')).toContain(`${added} entries added since, nothing before it changed`);
    expect(await w.page.locator('#verdict .steps li.passed[data-step="checkpoint"]').count()).toBe(1);
    await w.close();
  });

  const rewrites: [string, (entries: ReturnType<typeof readAll>) => { entries: ReturnType<typeof readAll>; expected: string[][]; first: number }][] = [
    [
      'an entry altered',
      (entries) => {
        const at = seqOf(entries, 'does not want the consulate told');
        return {
          entries: entries.map((e, i) => (i === at - 1 ? { ...e, payload: e.payload.replace('does not want the consulate told', 'consulate informed') } : e)),
          expected: [['changed', `#${at}`, `#${at}`]],
          first: at,
        };
      },
    ],
    [
      'an entry deleted',
      (entries) => {
        const at = seqOf(entries, '"right":"consular_notification"');
        // Every later entry of the checkpoint's range moved up by one: one line for the run.
        const last = visit1.manifest.head.seq;
        return {
          entries: entries.filter((_, i) => i !== at - 1),
          expected: [
            ['removed', `#${at}`, '—'],
            ['moved', `#${at + 1}–#${last}`, `#${at}–#${last - 1}`],
          ],
          first: at,
        };
      },
    ],
    [
      'two entries reordered',
      (entries) => {
        const at = seqOf(entries, '"right":"information_on_rights"');
        const copy = [...entries];
        [copy[at - 1], copy[at]] = [copy[at]!, copy[at - 1]!];
        return {
          entries: copy,
          expected: [
            ['moved', `#${at}`, `#${at + 1}`],
            ['moved', `#${at + 1}`, `#${at}`],
          ],
          first: at,
        };
      },
    ],
  ];

  for (const [what, edit] of rewrites) {
    it(`reports ${what} since, as diverging and naming the entries`, async () => {
      let expected: string[][] = [];
      let first = 0;
      const copy = rewrittenCentre(v.c.db, (entries) => {
        const r = edit(entries);
        expected = r.expected;
        first = r.first;
        return r.entries;
      });
      try {
        const bundle = await exportTo(copy.db, `rewritten-${what.replace(/\W+/g, '-')}`);
        // On its own, the rewritten bundle is intact: only the checkpoint can tell.
        const alone = await openFolder(bundle.outDir, null);
        expect(alone.verdict).toBe('intact');
        await alone.close();
        const w = await openFolder(bundle.outDir, checkpointFile);
        expect(w.verdict).toBe('failed');
        expect(await w.page.textContent('#verdict .reason')).toBe(`Failed check: history since the last checkpoint was not rewritten, at journal entry ${first}.`);
        expect(await w.page.getAttribute('#verdict #comparison', 'data-status')).toBe('diverged');
        expect(await w.page.textContent('#verdict #comparison')).toContain(`the first difference is at entry ${first}`);
        expect(await differences(w.page)).toEqual(expected);
        await w.close();
      } finally {
        copy.close();
      }
    });
  }
});

function readAll() {
  return [...readEntries(v.c.db)].map(({ eventTime, recordedTime, actor, type, corrects, payload }) => ({ eventTime, recordedTime, actor, type, corrects, payload }));
}

describe('interviewee follow-up', () => {
  it('shows what happened to the listed people after the checkpoint, not before, and keeps the list nowhere', async () => {
    const w = await openFolder(visit2.outDir, checkpointFile);
    const { page } = w;
    await goTo(page, 'follow-up', 'follow-up');
    expect(await page.inputValue('#follow-since')).not.toBe('');
    const list = join(dir, 'interviewed.txt');
    writeFileSync(list, `${leylaId}\nP999999\n<img src=x>\n`);
    await page.setInputFiles('#follow-file', list);
    await page.click('#follow-up form button[type=submit]');
    await page.waitForSelector('#follow-summary');
    const person = page.locator(`#follow-up .follow-person[data-person="${leylaId}"]`);
    const text = await person.textContent();
    expect(text).toContain('isolation');
    expect(text).toContain('after the visit');
    expect(text).toContain('complaint');
    expect(text).not.toContain('before the visit');
    expect(await page.textContent('#follow-up')).toContain('P999999');
    expect(await page.textContent('#follow-up')).toContain('<img');
    expect(await page.locator('#follow-up img').count()).toBe(0);
    // The inputs are emptied; nothing is stored in the browser.
    expect(await page.inputValue('#follow-paste')).toBe('');
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
    expect(outsideRequests(w.requests)).toEqual([]);
    // Forgotten on request.
    await page.click('#follow-up form button[type=button]');
    await expect.poll(() => page.locator('#follow-up .follow-person').count()).toBe(0);
    await w.close();
  });

  it('shows the earlier measure too when the date given is before it', async () => {
    const w = await openFolder(visit2.outDir, null);
    const { page } = w;
    await goTo(page, 'follow-up', 'follow-up');
    await page.fill('#follow-since', '2026-03-01T00:00');
    await page.fill('#follow-paste', leylaId);
    await page.click('#follow-up form button[type=submit]');
    await page.waitForSelector('#follow-summary');
    expect(await page.textContent(`#follow-up .follow-person[data-person="${leylaId}"]`)).toContain('before the visit');
    await w.close();
  });
});
