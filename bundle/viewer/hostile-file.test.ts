/// <reference lib="dom" />
// An open-me.html doctored after export by whoever holds the centre's key: the bare viewer is left
// intact (its SHA-256 checks out), and after it the file carries two signed bundles. The viewer in
// the page takes the first element of each id, a text search (`centre verify`, a trusted viewer's
// picker) took the last: the same file verified as two different bundles. Each reader refuses it.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personInput } from '../../test/support/fixtures.ts';
import { createVariedCentre, type VariedCentre } from '../../test/support/varied-centre.ts';
import { launchChromium, openWatched } from '../../test/support/viewer-browser.ts';
import { exportBundle, type ExportResult } from '../node/export.ts';
import { PASSPHRASE } from '../node/test-support.ts';
import { verifyBundleAt } from '../node/verify.ts';
import { CLOSE_TAG, DATA_ELEMENT_ID, ENVELOPE_ELEMENT_ID, openTag } from './embedded.ts';

let v: VariedCentre;
let dir: string;
let first: ExportResult;
let second: ExportResult;
let browser: Browser;

beforeAll(async () => {
  v = createVariedCentre(1);
  dir = mkdtempSync(join(tmpdir(), 'centre-hostile-'));
  const options = { passphrase: PASSPHRASE, kind: 'inspection' as const, exportedBy: 'head', clock: v.c.clock.now };
  first = await exportBundle(v.c.db, { ...options, outDir: join(dir, 'first') });
  v.c.call('persons.register', personInput({ familyName: 'Later', givenNames: 'Entry' }));
  second = await exportBundle(v.c.db, { ...options, outDir: join(dir, 'second') });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  v?.c.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function element(html: string, id: string): string {
  const at = html.indexOf(openTag(id));
  return html.slice(at, html.indexOf(CLOSE_TAG, at) + CLOSE_TAG.length);
}

/** What each reader makes of a file: the head it verified, or why it refused. */
async function readers(name: string, html: string): Promise<{ page: string; node: string; picker: string }> {
  const path = join(dir, name, 'open-me.html');
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(path, html);
  const node = await verifyBundleAt(path, PASSPHRASE).then(
    (verdict) => (verdict.ok ? verdict.manifest!.head.hash : `refused: ${verdict.failure?.message}`),
    (err: Error) => `refused: ${err.message}`,
  );
  const head = async (picked: boolean): Promise<string> => {
    const w = await openWatched(browser, picked ? pathToFileURL(join(dir, 'first', 'open-me.html')).href : pathToFileURL(path).href);
    if (picked) await w.page.setInputFiles('#files', [path]);
    await w.page.fill('#passphrase', PASSPHRASE);
    await w.page.click('#open');
    await w.page.waitForFunction(() => document.body.dataset['verdict'] !== undefined, undefined, { timeout: 90_000 });
    const verdict = await w.page.evaluate(() => document.body.dataset['verdict']);
    const text = (await w.page.textContent(verdict === 'error' ? '#status' : '#verdict')) ?? '';
    await w.close();
    if (verdict !== 'intact') return `refused: ${text}`;
    return [first, second].map((r) => r.manifest.head.hash).find((h) => text.includes(h)) ?? 'some other head';
  };
  return { page: await head(false), node, picker: await head(true) };
}

describe('an open-me.html carrying two signed bundles', () => {
  it('(as exported, each reader verifies the one bundle)', async () => {
    const head = first.manifest.head.hash;
    expect(await readers('as-exported', readFileSync(join(first.outDir, 'open-me.html'), 'utf8'))).toEqual({ page: head, node: head, picker: head });
  }, 180_000);

  const refusedByAll = (seen: { page: string; node: string; picker: string }) => {
    expect(seen.page, 'the page').toMatch(/^refused: .*open-me\.html was altered after export/);
    expect(seen.node, 'centre verify').toMatch(/^refused: .*open-me\.html was altered after export/);
    expect(seen.picker, 'a trusted viewer').toMatch(/^refused: .*open-me\.html was altered after export/);
  };

  it('a second envelope and data after the first: refused by each reader', async () => {
    const a = readFileSync(join(first.outDir, 'open-me.html'), 'utf8');
    const b = readFileSync(join(second.outDir, 'open-me.html'), 'utf8');
    refusedByAll(await readers('appended', `${a}${element(b, ENVELOPE_ELEMENT_ID)}${element(b, DATA_ELEMENT_ID)}`));
  }, 180_000);

  it('the second bundle inside an HTML comment (the page never sees it, a text search does): refused by each reader', async () => {
    const a = readFileSync(join(first.outDir, 'open-me.html'), 'utf8');
    const b = readFileSync(join(second.outDir, 'open-me.html'), 'utf8');
    refusedByAll(await readers('commented', `${a}<!--${element(b, ENVELOPE_ELEMENT_ID)}${element(b, DATA_ELEMENT_ID)}-->\n`));
  }, 180_000);

  it('a decoy data element before the envelope, inside its room: refused by each reader', async () => {
    const a = readFileSync(join(first.outDir, 'open-me.html'), 'utf8');
    const b = readFileSync(join(second.outDir, 'open-me.html'), 'utf8');
    const at = a.indexOf(openTag(ENVELOPE_ELEMENT_ID));
    refusedByAll(await readers('decoy', `${a.slice(0, at)}<p hidden>${element(b, DATA_ELEMENT_ID)}</p>${a.slice(at)}`));
  }, 180_000);
});

describe('an open-me.html whose data is not base64', () => {
  it('fails the data check, saying so in words (not an error code)', async () => {
    const a = readFileSync(join(first.outDir, 'open-me.html'), 'utf8');
    const at = a.indexOf(openTag(DATA_ELEMENT_ID)) + openTag(DATA_ELEMENT_ID).length + 100;
    const seen = await readers('not-base64', `${a.slice(0, at)}!${a.slice(at + 1)}`);
    expect(seen.page).toContain('data.bin could not be read: the data inside open-me.html is damaged (not base64)');
    expect(seen.node).toMatch(/^refused: the data embedded in open-me.html is not base64/);
    expect(seen.picker).toMatch(/^refused: Could not open: the data inside open-me.html is damaged \(not base64\)/);
  }, 180_000);
});

describe('an open-me.html cut short (a copy interrupted)', () => {
  it('fails the data check as cut short, in the page, centre verify and the picker', async () => {
    const a = readFileSync(join(first.outDir, 'open-me.html'), 'utf8');
    const seen = await readers('cut-short', a.slice(0, a.indexOf(openTag(DATA_ELEMENT_ID)) + openTag(DATA_ELEMENT_ID).length + 4000));
    for (const [reader, said] of Object.entries(seen)) expect(said, reader).toMatch(/^refused: .*data\.bin has 3000 bytes, the signed manifest says \d+: it was cut short/);
  }, 180_000);
});
