/// <reference lib="dom" />
// (page.evaluate bodies run in the browser: they see the DOM.)
// The table digests in Chromium, where the helper workers make the rights rows and say whether a
// rights id repeats: a journal changed and chained again, signed with a new head (only the
// projections can tell), is refused at the projections step naming the table, with workers and
// without, as on Node.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openBundle, openWatched } from '../../test/support/viewer-browser.ts';
import type { BundleFiles } from '../format/verify.ts';
import { exportTestBundle, memoCrypto, PASSPHRASE, rechained, entriesOfType, type TestBundle } from '../node/test-support.ts';
import { verifyOnNode } from '../node/verify.ts';

let b: TestBundle;
let browser: Browser;
const crypto = memoCrypto();

beforeAll(async () => {
  [b, browser] = await Promise.all([exportTestBundle({ rounds: 2 }), launchChromium()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  b?.cleanup();
});


/** The failed step and its text in the viewer, through its file picker, with workers and without. */
async function inViewer(files: BundleFiles, name: string): Promise<{ step: string | null; text: string }[]> {
  const folder = join(b.dir, name);
  mkdirSync(folder);
  writeFileSync(join(folder, 'bundle.json'), files.envelope);
  writeFileSync(join(folder, 'data.bin'), files.data);
  const out: { step: string | null; text: string }[] = [];
  for (const noWorkers of [false, true]) {
    const w = await openWatched(browser, pathToFileURL(join(b.result.outDir, 'open-me.html')).href, { noWorkers });
    await w.page.setInputFiles('#files', [join(folder, 'bundle.json'), join(folder, 'data.bin')]);
    expect(await openBundle(w.page, PASSPHRASE)).toBe('failed');
    out.push({ step: await w.page.locator('#verdict .steps li.bad').getAttribute('data-step'), text: (await w.page.textContent('#verdict')) ?? '' });
    expect(w.problems).toEqual([]);
    await w.close();
  }
  return out;
}

describe('the table digests in the viewer', () => {
  it('names a changed row of persons, and a rights id that repeats, at the projections step, as Node does', async () => {
    const renamed = await rechained(b, crypto, (entries) => {
      const k = entriesOfType(entries, 'person.registered')[1]!;
      entries[k] = entries[k]!.replace(/"familyName":"([^"]*)"/, '"familyName":"$1x"');
      return entries;
    });
    const repeated = await rechained(b, crypto, (entries) => {
      const [first, second] = entriesOfType(entries, 'right.recorded');
      const id = /"rightEntryId":"([^"]+)"/.exec(entries[first!]!)![1]!;
      entries[second!] = entries[second!]!.replace(/"rightEntryId":"[^"]+"/, `"rightEntryId":"${id}"`);
      return entries;
    });
    for (const [files, name, table] of [
      [renamed, 'renamed', 'persons'],
      [repeated, 'repeated', 'rights'],
    ] as const) {
      const node = await verifyOnNode(files, PASSPHRASE, crypto);
      expect(node.failure?.step).toBe('projections');
      expect(node.failure!.message).toMatch(table === 'rights' ? /^table rights: the centre's database has \d+ rows, the journal gives \d+$/ : /^table persons: the centre's rows differ/);
      for (const seen of await inViewer(files, name)) {
        expect(seen.step).toBe('projections');
        // The whole message: a repeat not found would say the rows differ, not that the counts do.
        expect(seen.text).toContain(node.failure!.message);
      }
    }
  }, 120_000);
});
