// Rights rows kept aside (rights-aside.ts) must change nothing but where the work is done: the same
// failure naming the same entry, the same tables once the rows are built, the same digest, and the
// same verdict for whole bundles, intact or forged (an id that repeats, a payload that is not an
// object, a rights row the journal does not support).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEntries } from '../../db/journal/writer.ts';
import { hashInput } from '../../domain/journal.ts';
import { Replay, rightRow } from '../../domain/replay/replay.ts';
import { replayRowText } from '../../domain/replay/canonical-rows.ts';
import { TABLES, tableRows } from '../../domain/replay/tables.ts';
import { damagedChunks } from '../../test/support/mutations.ts';
import { createVariedCentre, type VariedCentre } from '../../test/support/varied-centre.ts';
import { exportBundle } from './export.ts';
import { exportTestBundle, forge, memoCrypto, PASSPHRASE, rechained, entriesOfType, type TestBundle } from './test-support.ts';
import { nodeVerifyOptions, readBundleFiles, verifyOnNode } from './verify.ts';
import { CHUNK_WORKER_ENTRY } from './chunk-worker-entry.ts';
import { utf8 } from '../format/bytes.ts';
import { decodeContainer } from '../format/container.ts';
import { fieldTable, indexJournalChunk, JournalChunkWriter } from '../format/journal.ts';
import { hasRepeat, KeyHashes, rightsAside, RightsMaterialiser, RIGHTS_SPEC } from '../format/rights-aside.ts';
import { FieldDecoder, replayChunk, verifyBundle, type BundleFiles, type Verdict } from '../format/verify.ts';

let v: VariedCentre;
let inputs: string[];
beforeAll(() => {
  v = createVariedCentre(2);
  inputs = [...readEntries(v.c.db)].map((e) => hashInput(e));
});
afterAll(() => v?.c.close());

function chunkOf(texts: readonly string[]): Uint8Array {
  const w = new JournalChunkWriter(64 * 1024 * 1024);
  for (const t of texts) w.add(t);
  return w.finish()!.slice();
}

const rowsText = (r: Replay, only?: string) =>
  TABLES.filter((spec) => !only || spec.sql === only)
    .map((spec) => `${spec.sql}\n${tableRows(r.tables, spec).map((row) => replayRowText(spec, row)).join('\n')}`)
    .join('\n\n');

/** Replays a chunk with its rights rows in the table and aside; what each gives. */
function both(raw: Uint8Array) {
  const chunk = indexJournalChunk(raw, 0, 1);
  const full = new Replay({ lateEntryHours: 24 });
  const aside = new Replay({ lateEntryHours: 24 });
  const side = rightsAside(chunk);
  const a = replayChunk(chunk, 1, full, new FieldDecoder());
  const b = replayChunk(chunk, 1, aside, new FieldDecoder(), side);
  const asideRights = aside.tables.rights.size;
  new RightsMaterialiser([chunk], aside.tables, aside.lastSeq).finish();
  // The rows aside read seq, time and actor from the entry itself, which the chain holds to be the
  // entry's: compare the rights rows only where every entry's seq is intact.
  const seqsIntact = Array.from({ length: chunk.count }, (_, i) => raw.subarray(chunk.starts[i]!, chunk.starts[i]! + String(i + 1).length + 1)).every(
    (bytes, i) => Buffer.from(bytes).toString('latin1') === `${i + 1}\n`,
  );
  const others = (r: Replay) => TABLES.filter((t) => t.sql !== 'rights').map((t) => rowsText(r, t.sql)).join('\n\n');
  return { a, b, side, full, aside, asideRights, seqsIntact, sameOthers: others(full) === others(aside), sameRights: rowsText(full, 'rights') === rowsText(aside, 'rights') };
}

describe('rights rows aside, chunk by chunk', () => {
  it('give the same tables, note references, late entries and row texts as the replay', () => {
    const r = both(chunkOf(inputs));
    expect(r.a).toBeNull();
    expect(r.b).toBeNull();
    expect(r.asideRights).toBe(0);
    expect(r.side.rows).toBeGreaterThan(5);
    expect(r.sameOthers).toBe(true);
    expect(r.sameRights).toBe(true);
    expect([...r.aside.noteRefs].sort()).toEqual([...r.full.noteRefs].sort());
    expect(r.full.noteRefs.size).toBeGreaterThan(0);
    const texts = Buffer.from(r.side.text).toString('utf8');
    expect(texts).toBe(tableRows(r.full.tables, RIGHTS_SPEC).map((row) => `${replayRowText(RIGHTS_SPEC, row)}\n`).join(''));
    expect(r.side.ends[r.side.rows - 1]).toBe(r.side.text.length);
  });

  it('list a rights entry recorded days after its event among the late entries, as the replay does', () => {
    const k = inputs.findIndex((t) => t.split('\n')[4] === 'right.recorded');
    const late = [...inputs];
    const f = late[k]!.split('\n');
    f[2] = new Date(Date.parse(f[1]!) + 3 * 86_400_000).toISOString();
    late[k] = f.join('\n');
    const r = both(chunkOf(late));
    expect(r.a).toBeNull();
    expect(r.b).toBeNull();
    expect(r.full.tables.lateEntries.some((e) => e.seq === k + 1 && e.type === 'right.recorded')).toBe(true);
    expect(r.sameOthers).toBe(true);
    expect(r.sameRights).toBe(true);
  });

  it('name the same entry on hundreds of chunks with bytes changed anywhere', () => {
    const raw = chunkOf(inputs.slice(0, 160));
    let failures = 0;
    let compared = 0;
    let round = -1;
    for (const copy of damagedChunks(raw, 160, 11, utf8('Каримов əşğ امید {}[]"'))) {
      round++;
      let r;
      try {
        r = both(copy);
      } catch (err) {
        // A chunk whose lengths no longer add up is refused before any replay, both ways.
        expect(String(err)).toMatch(/JournalFormatError|entry/);
        continue;
      }
      expect(r.b, `round ${round}`).toEqual(r.a);
      expect(r.sameOthers, `round ${round}`).toBe(true);
      if (r.seqsIntact) {
        expect(r.sameRights, `round ${round}`).toBe(true);
        compared++;
      }
      if (r.a) failures++;
    }
    expect(failures).toBeGreaterThan(50);
    expect(compared).toBeGreaterThan(200);
  });
});

describe('rights rows made from the bytes of the usual payload', () => {
  it('are the replay’s rows for every spelling of a payload, usual or not', () => {
    const base = { detail: 'Inventory listed', personId: 'P59', placementId: 'S60', right: 'property_inventory', rightEntryId: 'RT65', state: 'exercised' };
    const payloads: string[] = [
      JSON.stringify(base),
      JSON.stringify({ ...base, language: 'ku', version: 'SMS-RI-2023/2' }),
      JSON.stringify({ ...base, interpreter: { mode: 'video', name: 'Dilshad' }, language: 'ku' }),
      JSON.stringify({ ...base, interpreter: '' }),
      JSON.stringify({ ...base, detail: '', detailRef: 'ab'.repeat(32) }),
      JSON.stringify({ ...base, detail: 'Каримов əşğ امید' }),
      JSON.stringify({ ...base, detail: 'a "quoted" \\ back\nslash' }),
      JSON.stringify({ ...base, language: null, version: null }),
      JSON.stringify({ ...base, rightEntryId: 7 }),
      JSON.stringify({ ...base, extra: 'x', zzz: 'y' }),
      JSON.stringify({ ...base, extra: [1, 2] }),
      JSON.stringify({ state: 'offered', right: 'lawyer', rightEntryId: 'RT9', placementId: 'S1', personId: 'P1', detail: 'reordered' }),
      JSON.stringify(base).replace('"state"', '"state":"declined","state"'),
      JSON.stringify(base).replace('"extra_never"', ''),
      JSON.stringify(base).replace(',', ' , '),
      `${JSON.stringify(base)} `,
      JSON.stringify(base).replace('"RT65"', '"RT\u0036\u0035"'),
      JSON.stringify(base).replace('"personId"', '"person\u0049d"'),
      JSON.stringify({ detail: 'no id', personId: 'P1', placementId: 'S1', right: 'lawyer', state: 'offered' }),
      '{}',
      '[]',
      '"a string"',
      '{"rightEntryId":"RT1"',
      '{"rightEntryId":"RT1",}',
    ];
    const head = (seq: number) => `${seq}\n2026-01-02T03:04:05.000Z\n2026-01-02T03:04:06.000Z\nreg.karimov\nright.recorded\n\n${'0'.repeat(64)}\n`;
    for (const [k, payload] of payloads.entries()) {
      const seq = 100 + k;
      const chunk = indexJournalChunk(chunkOf([`${seq - 1}\n2026-01-02T03:04:05.000Z\n2026-01-02T03:04:05.000Z\nhead\nroom.defined\n\n${'0'.repeat(64)}\n{}`, head(seq) + payload]), 0, seq - 1);
      const side = rightsAside(chunk);
      let p: unknown;
      try {
        p = JSON.parse(payload);
      } catch {
        expect(side.failure, payload).toEqual({ entry: 1, reason: 'json' });
        continue;
      }
      if (p === null || typeof p !== 'object' || Array.isArray(p)) {
        expect(side.failure, payload).toEqual({ entry: 1, reason: 'object' });
        continue;
      }
      const row = rightRow({ seq, eventTime: '2026-01-02T03:04:05.000Z', recordedTime: '', actor: 'reg.karimov', type: 'right.recorded' }, p as never);
      expect(side.failure, payload).toBeNull();
      expect(side.rows, payload).toBe(1);
      expect([...side.entry]).toEqual([1]);
      expect(Buffer.from(side.text).toString('utf8'), payload).toBe(`${replayRowText(RIGHTS_SPEC, row)}\n`);
      expect(side.refs, payload).toEqual(row.detailRef === null ? [] : [[0, row.detailRef]]);
      // The id's hashes: the same id spelled any way gives the same pair.
      const plain = rightsAside(indexJournalChunk(chunkOf([head(seq) + JSON.stringify({ ...base, rightEntryId: (p as { rightEntryId?: unknown }).rightEntryId })]), 0, seq));
      if (typeof (p as { rightEntryId?: unknown }).rightEntryId === 'string') expect([...side.keys], payload).toEqual([...plain.keys]);
    }
  });
});

describe('KeyHashes', () => {
  it('finds a key that repeats, and none where none does', () => {
    const k = new KeyHashes();
    for (let i = 0; i < 200_000; i++) k.add((i * 7919) >>> 0, i ^ 0x5555);
    expect(k.repeats()).toBe(false);
    k.add(3 * 7919, 3 ^ 0x5555);
    expect(k.repeats()).toBe(true);
    const high = new KeyHashes();
    high.add(0xffffffff, 0xffffffff);
    high.add(0xffffffff, 0xfffffffe);
    expect(high.repeats()).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Whole bundles, verified both ways.

let b: TestBundle;
const crypto = memoCrypto();
beforeAll(async () => {
  b = await exportTestBundle({ rounds: 2 });
});
afterAll(() => b?.cleanup());

const summary = (v: Verdict) => ({ ok: v.ok, failure: v.failure, steps: v.steps.map((s) => [s.step, s.ok, s.skipped ?? false, s.detail]), warnings: v.warnings });

/** Verified the general way and with rows aside; aside, repeats are also asked elsewhere (as the viewer's workers answer: later), to the same verdict. */
const verifyBoth = async (files: BundleFiles): Promise<[Verdict, Verdict]> => {
  const full = await verifyBundle(files, PASSPHRASE, crypto, nodeVerifyOptions());
  const aside = await verifyBundle(files, PASSPHRASE, crypto, nodeVerifyOptions({ rightsAside: true }));
  let asked = 0;
  const elsewhere = await verifyBundle(
    files,
    PASSPHRASE,
    crypto,
    nodeVerifyOptions({
      rightsAside: true,
      keyRepeats: (keys) => {
        asked++;
        return new Promise((resolve) => setTimeout(() => resolve(hasRepeat(keys)), 20));
      },
    }),
  );
  expect(summary(elsewhere)).toEqual(summary(aside));
  // With each chunk's field table made where it was decompressed (as the viewer's workers do), and
  // with tables of the wrong size (ignored): the same verdict.
  const tabled = await verifyBundle(
    files,
    PASSPHRASE,
    crypto,
    nodeVerifyOptions({
      rightsAside: true,
      precomputedFields: (raw) => {
        try {
          return fieldTable(indexJournalChunk(raw, 0, 0));
        } catch {
          return null;
        }
      },
    }),
  );
  expect(summary(tabled)).toEqual(summary(aside));
  const misfit = await verifyBundle(files, PASSPHRASE, crypto, nodeVerifyOptions({ rightsAside: true, precomputedFields: () => new Int32Array(8) }));
  expect(summary(misfit)).toEqual(summary(aside));
  // Asked once wherever the tables were digested (intact, or refused for a table's rows).
  if (aside.ok || (aside.failure?.step === 'projections' && /^table /.test(aside.failure.message))) expect(asked).toBe(1);
  else expect(asked).toBeLessThanOrEqual(1);
  return [full, aside];
};

const rightEntries = (entries: string[]) => entriesOfType(entries, 'right.recorded');

describe('rights rows aside, whole bundles', () => {
  it('an intact bundle: the same verdict, and the same rights rows once built', async () => {
    const [full, aside] = await verifyBoth(b.files);
    expect(full.ok).toBe(true);
    expect(summary(aside)).toEqual(summary(full));
    expect(aside.content!.tables!.rights.size).toBe(0);
    aside.content!.rights!.finish();
    expect(tableRows(aside.content!.tables!, RIGHTS_SPEC).map((r) => replayRowText(RIGHTS_SPEC, r))).toEqual(
      tableRows(full.content!.tables!, RIGHTS_SPEC).map((r) => replayRowText(RIGHTS_SPEC, r)),
    );
  });

  it('a rightEntryId that repeats: the table as the replay keeps it (one row per id), the same refusal', async () => {
    const files = await rechained(b, crypto, (entries) => {
      const [first, second] = rightEntries(entries);
      const id = /"rightEntryId":"([^"]+)"/.exec(entries[first!]!)![1]!;
      entries[second!] = entries[second!]!.replace(/"rightEntryId":"[^"]+"/, `"rightEntryId":"${id}"`);
      return entries;
    });
    const [full, aside] = await verifyBoth(files);
    expect(full.failure).toMatchObject({ step: 'projections' });
    expect(full.failure!.message).toMatch(/^table rights: the centre's database has (\d+) rows, the journal gives \d+$/);
    expect(summary(aside)).toEqual(summary(full));
  });

  it('a rights entry whose payload is not an object, or not JSON: the same entry named', async () => {
    for (const payload of ['[1,2]', '{"rightEntryId":']) {
      let seq = 0;
      const files = await rechained(b, crypto, (entries) => {
        const k = rightEntries(entries)[3]!;
        const lines = entries[k]!.split('\n');
        seq = Number(lines[0]);
        entries[k] = [...lines.slice(0, 7), payload].join('\n');
        return entries;
      });
      const [full, aside] = await verifyBoth(files);
      expect(full.failure).toMatchObject({ step: 'projections', seq });
      expect(summary(aside)).toEqual(summary(full));
    }
  });

  it('a rights row the journal does not support is named', async () => {
    const db = b.v.c.db;
    const row = db.prepare('SELECT right_entry_id, detail FROM rights LIMIT 1 OFFSET 5').get() as { right_entry_id: string; detail: string };
    db.prepare('UPDATE rights SET detail = ? WHERE right_entry_id = ?').run('offered and declined', row.right_entry_id);
    try {
      const dir = `${b.dir}/rights-edited`;
      await exportBundle(db, { outDir: dir, passphrase: PASSPHRASE, kind: 'inspection', exportedBy: 'head', clock: b.v.c.clock.now });
      const [full, aside] = await verifyBoth(await readBundleFiles(dir));
      expect(full.failure).toMatchObject({ step: 'projections', message: "table rights: the centre's rows differ from what the journal gives" });
      expect(summary(aside)).toEqual(summary(full));
    } finally {
      db.prepare('UPDATE rights SET detail = ? WHERE right_entry_id = ?').run(row.detail, row.right_entry_id);
    }
  });
});

describe('on the chunk workers (chunk-pool.ts)', () => {
  const pooled = (files: BundleFiles) => verifyOnNode(files, PASSPHRASE, crypto, { chunkWorker: CHUNK_WORKER_ENTRY, chunkWorkerMinEntries: 1 });

  it('the same verdict as on one thread, intact or forged, and the same rights rows once built', async () => {
    const [full] = await verifyBoth(b.files);
    const onPool = await pooled(b.files);
    expect(summary(onPool)).toEqual(summary(full));
    expect(onPool.content!.rights).not.toBeNull();
    onPool.content!.rights!.finish();
    expect(tableRows(onPool.content!.tables!, RIGHTS_SPEC).map((r) => replayRowText(RIGHTS_SPEC, r))).toEqual(
      tableRows(full.content!.tables!, RIGHTS_SPEC).map((r) => replayRowText(RIGHTS_SPEC, r)),
    );
    const forged = await rechained(b, crypto, (entries) => {
      const k = rightEntries(entries)[2]!;
      const lines = entries[k]!.split('\n');
      entries[k] = [...lines.slice(0, 7), '"not an object"'].join('\n');
      return entries;
    });
    const [oneThread] = await verifyBoth(forged);
    expect(oneThread.failure).toMatchObject({ step: 'projections' });
    expect(summary(await pooled(forged))).toEqual(summary(oneThread));
    // A changed entry, an entry out of place: the chain breaks where it breaks on one thread.
    for (const edit of [
      (entries: string[]) => entries.map((e, i) => (i === 17 ? e.replace('"', "'") : e)),
      (entries: string[]) => entries.filter((_, i) => i !== 30),
      (entries: string[]) => entries.map((e, i) => (i === 0 ? e.replace(/^1\n/, '2\n') : e)),
    ]) {
      const files = await rechained(b, crypto, edit, false);
      const [one] = await verifyBoth(files);
      expect(one.failure).toMatchObject({ step: 'chain' });
      expect(summary(await pooled(files))).toEqual(summary(one));
    }
    // A chunk that does not decompress is named as on one thread.
    const broken = await forge(b, crypto, (plaintext) => {
      const copy = plaintext.slice();
      const sections = decodeContainer(copy);
      const body = sections.get('journal')!;
      const at = body.byteOffset - copy.byteOffset + 8 + 12;
      copy[at] = copy[at]! ^ 0xff;
      return copy;
    });
    const [brokenOne] = await verifyBoth(broken);
    expect(brokenOne.failure).toMatchObject({ step: expect.stringMatching(/container|chain/) });
    expect(summary(await pooled(broken))).toEqual(summary(brokenOne));
  });
});
