// History rewritten after an inspector's checkpoint: a centre that alters, deletes or reorders entries
// and rebuilds a consistent database (new chain, same key, projections replayed) makes bundles that
// are intact on their own, yet are reported against the checkpoint, naming what changed.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/connection.ts';
import { JournalWriter, readEntries, type NewEntry } from '../../db/journal/writer.ts';
import { Projector } from '../../db/projections/projector.ts';
import { makeCheckpoint, type Checkpoint } from '../format/checkpoint.ts';
import { nodeCrypto } from './crypto-node.ts';
import { exportBundle } from './export.ts';
import { exportTestBundle, PASSPHRASE, type TestBundle } from './test-support.ts';
import { verifyBundleAt } from './verify.ts';

let b: TestBundle;
let checkpoint: Checkpoint;
beforeAll(async () => {
  b = await exportTestBundle();
  const v = await verifyBundleAt(b.result.outDir, PASSPHRASE);
  checkpoint = await makeCheckpoint(v.manifest!, v.content!.journal, nodeCrypto, '2026-04-01T00:00:00.000Z');
});
afterAll(() => b?.cleanup());

/** A copy of the centre whose journal is `edit(entries)`, re-chained and re-projected, same key. */
function rewrite(src: Db, edit: (entries: NewEntry[]) => NewEntry[]): { db: Db; close(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'centre-rewritten-'));
  const db = openDatabase(join(dir, 'centre.db'));
  const entries = [...readEntries(src)].map(({ eventTime, recordedTime, actor, type, corrects, payload }) => ({ eventTime, recordedTime, actor, type, corrects, payload }));
  const writer = new JournalWriter(db);
  const projector = new Projector(db);
  db.transaction(() => {
    writer.begin();
    for (const e of edit(entries)) {
      const entry = writer.append(e);
      projector.apply(entry, JSON.parse(entry.payload));
    }
    const keys = src.prepare('SELECT public_key, private_seed FROM centre_keys').get() as { public_key: string; private_seed: string };
    db.prepare('INSERT INTO centre_keys (singleton, public_key, private_seed) VALUES (1, ?, ?)').run(keys.public_key, keys.private_seed);
    for (const n of src.prepare('SELECT ref, salt, text FROM medical_notes').all() as { ref: string; salt: string; text: string }[]) {
      db.prepare('INSERT INTO medical_notes (ref, salt, text) VALUES (?, ?, ?)').run(n.ref, n.salt, n.text);
    }
  })();
  return { db, close: () => (db.close(), rmSync(dir, { recursive: true, force: true })) };
}

async function verifyRewritten(edit: (entries: NewEntry[]) => NewEntry[]) {
  const copy = rewrite(b.v.c.db, edit);
  try {
    const outDir = join(b.dir, `rewritten-${Math.random().toString(36).slice(2)}`);
    await exportBundle(copy.db, { outDir, passphrase: PASSPHRASE, kind: 'inspection', exportedBy: 'head', clock: b.v.c.clock.now });
    const alone = await verifyBundleAt(outDir, PASSPHRASE);
    expect(alone.failure).toBeNull(); // intact on its own: the rewrite is consistent
    return await verifyBundleAt(outDir, PASSPHRASE, { checkpoint });
  } finally {
    copy.close();
  }
}

const seqOf = (entries: NewEntry[], text: string) => entries.findIndex((e) => e.payload.includes(text)) + 1;

describe('a checkpoint from the last visit', () => {
  it('is extended by a journal that only grew', async () => {
    const v = await verifyRewritten((entries) => [
      ...entries,
      { ...entries[entries.length - 1]!, type: 'inspection.visited', payload: '{"body":"npm","endedAt":null,"inspectors":["X"],"note":"","startedAt":"2026-04-04T18:00:00.000Z","visitId":"V999"}' },
    ]);
    expect(v.ok).toBe(true);
    expect(v.checkpoint).toMatchObject({ status: 'extends', checkpointSeq: checkpoint.seq, newEntries: 1 });
    expect(v.steps.at(-1)).toMatchObject({ step: 'checkpoint', ok: true });
  });

  it('reports an entry altered since', async () => {
    let at = 0;
    const v = await verifyRewritten((entries) => {
      at = seqOf(entries, 'does not want the consulate told');
      return entries.map((e, i) => (i === at - 1 ? { ...e, payload: e.payload.replace('does not want the consulate told', 'consulate informed') } : e));
    });
    expect(v.ok).toBe(false);
    expect(v.failure).toMatchObject({ step: 'checkpoint', seq: at });
    expect(v.checkpoint).toMatchObject({ status: 'diverged', firstDifferentSeq: at, counts: { changed: 1, removed: 0, moved: 0, inserted: 0 } });
    expect(v.failure!.message).toMatch(new RegExp(`history rewritten since checkpoint seq ${checkpoint.seq}.*first difference at seq ${at}; 1 changed`));
  });

  it('reports an entry deleted since', async () => {
    let at = 0;
    const v = await verifyRewritten((entries) => {
      at = seqOf(entries, '"right":"consular_notification"');
      return entries.filter((_, i) => i !== at - 1);
    });
    expect(v.checkpoint).toMatchObject({ status: 'diverged', firstDifferentSeq: at, counts: { removed: 1, changed: 0, inserted: 0 } });
    if (v.checkpoint?.status === 'diverged') {
      expect(v.checkpoint.differences[0]).toEqual({ kind: 'removed', seq: at });
      expect(v.checkpoint.differences[1]).toMatchObject({ kind: 'moved', seq: at + 1, newSeq: at });
    }
  });

  it('reports entries reordered since', async () => {
    let at = 0;
    const v = await verifyRewritten((entries) => {
      at = seqOf(entries, '"right":"information_on_rights"');
      const copy = [...entries];
      [copy[at - 1], copy[at]] = [copy[at]!, copy[at - 1]!];
      return copy;
    });
    expect(v.checkpoint).toMatchObject({ status: 'diverged', firstDifferentSeq: at, counts: { moved: 2, removed: 0, changed: 0, inserted: 0 } });
    if (v.checkpoint?.status === 'diverged') {
      expect(v.checkpoint.differences).toEqual([
        { kind: 'moved', seq: at, newSeq: at + 1 },
        { kind: 'moved', seq: at + 1, newSeq: at },
      ]);
    }
  });
});
