// Comparing a journal with a checkpoint: it extends it, or history diverged, and where and how.

import { hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, hashInput, type JournalEntry } from '../../domain/journal.ts';
import { nodeCrypto } from '../node/crypto-node.ts';
import { compareWithCheckpoint, describeComparison, makeCheckpoint, parseCheckpoint, type Checkpoint } from './checkpoint.ts';
import { BundleJournal, hashChunk, indexJournalChunk, JournalChunkWriter } from './journal.ts';
import type { Manifest } from './manifest.ts';

type Content = Pick<JournalEntry, 'eventTime' | 'recordedTime' | 'actor' | 'type' | 'corrects' | 'payload'>;

function content(i: number): Content {
  const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  return { eventTime: at, recordedTime: at, actor: 'reg', type: 'right.recorded', corrects: null, payload: `{"n":${i}}` };
}

/** A chained journal of these contents (seq and hashes computed), as a verified bundle holds it. */
async function journalOf(contents: Content[]): Promise<BundleJournal> {
  const w = new JournalChunkWriter(2048);
  const raws: Uint8Array[] = [];
  let prev = GENESIS_HASH;
  contents.forEach((c, i) => {
    const e = { ...c, seq: i + 1, prevHash: prev };
    const text = hashInput(e);
    prev = hash('sha256', text, 'hex');
    const done = w.add(text);
    if (done) raws.push(done.slice());
  });
  const last = w.finish();
  if (last) raws.push(last.slice());
  const journal = new BundleJournal({ seq: 0, hash: GENESIS_HASH });
  for (const raw of raws) {
    const chunk = indexJournalChunk(raw, journal.count, journal.count + 1);
    await hashChunk(chunk, nodeCrypto);
    journal.add(chunk);
  }
  return journal;
}

const manifest = (over: Partial<Manifest> = {}) =>
  ({
    centre: { id: 'C1', name: 'Test Centre', timeZone: 'Asia/Baku', profileId: 'p' },
    keyFingerprint: 'ab'.repeat(32),
    exportedAt: '2026-05-01T00:00:00.000Z',
    ...over,
  }) as Manifest;

const base = Array.from({ length: 50 }, (_, i) => content(i + 1));
let checkpoint: Checkpoint;

async function compare(contents: Content[], m = manifest()) {
  checkpoint ??= await makeCheckpoint(manifest(), await journalOf(base), nodeCrypto, '2026-05-02T00:00:00.000Z');
  return compareWithCheckpoint(checkpoint, m, await journalOf(contents), nodeCrypto);
}

describe('checkpoints', () => {
  it('are plain JSON that parses back, 8 bytes per entry', async () => {
    await compare(base);
    expect(parseCheckpoint(JSON.stringify(checkpoint))).toEqual(checkpoint);
    expect(Buffer.from(checkpoint.entryDigests, 'base64').length).toBe(8 * 50);
    expect(() => parseCheckpoint('{"format":"centre-register-checkpoint"}')).toThrow(/not a Centre Register checkpoint/);
    expect(() => parseCheckpoint('nope')).toThrow(/not valid JSON/);
  });

  it('a journal that only grew extends the checkpoint', async () => {
    const c = await compare([...base, content(51), content(52)]);
    expect(c).toMatchObject({ status: 'extends', checkpointSeq: 50, newEntries: 2 });
    expect(describeComparison(c)).toMatch(/^extends checkpoint seq 50/);
    expect(await compare(base)).toMatchObject({ status: 'extends', newEntries: 0 });
  });

  it('an entry changed in place', async () => {
    const changed = base.map((c, i) => (i === 19 ? { ...c, payload: '{"n":"other"}' } : c));
    const c = await compare([...changed, content(51)]);
    expect(c).toMatchObject({ status: 'diverged', firstDifferentSeq: 20, counts: { changed: 1, removed: 0, moved: 0, inserted: 0 } });
    if (c.status === 'diverged') expect(c.differences).toEqual([{ kind: 'changed', seq: 20, newSeq: 20 }]);
  });

  it('an entry removed, the rest shifted, new entries appended', async () => {
    const c = await compare([...base.filter((_, i) => i !== 9), content(51), content(52)]);
    expect(c).toMatchObject({ status: 'diverged', firstDifferentSeq: 10, counts: { removed: 1, moved: 40, changed: 0, inserted: 0 } });
    if (c.status === 'diverged') {
      expect(c.differences).toEqual([
        { kind: 'removed', seq: 10 },
        { kind: 'moved', seq: 11, newSeq: 10, run: 40 },
      ]);
    }
    expect(describeComparison(c)).toMatch(/first difference at seq 10; 1 removed, 40 moved/);
  });

  it('two entries swapped', async () => {
    const swapped = [...base];
    [swapped[29], swapped[30]] = [swapped[30]!, swapped[29]!];
    const c = await compare(swapped);
    expect(c).toMatchObject({ status: 'diverged', firstDifferentSeq: 30, counts: { moved: 2 } });
    if (c.status === 'diverged') {
      expect(c.differences).toEqual([
        { kind: 'moved', seq: 30, newSeq: 31 },
        { kind: 'moved', seq: 31, newSeq: 30 },
      ]);
    }
  });

  it('an entry inserted into history', async () => {
    const inserted = [...base.slice(0, 5), content(999), ...base.slice(5)];
    const c = await compare(inserted);
    expect(c).toMatchObject({ status: 'diverged', firstDifferentSeq: 6, counts: { inserted: 1, moved: 45 } });
    if (c.status === 'diverged') expect(c.differences[0]).toEqual({ kind: 'moved', seq: 6, newSeq: 7, run: 45 });
  });

  it('a journal cut back before the checkpoint', async () => {
    const c = await compare(base.slice(0, 45));
    expect(c).toMatchObject({ status: 'diverged', firstDifferentSeq: 46, counts: { removed: 5 } });
  });

  it('another key or another centre is said so', async () => {
    expect(await compare(base, manifest({ keyFingerprint: 'cd'.repeat(32) }))).toMatchObject({ status: 'other-key' });
    expect(await compare(base, manifest({ centre: { id: 'C2', name: 'Other', timeZone: 'Asia/Baku', profileId: 'p' } }))).toMatchObject({ status: 'other-centre' });
  });
});
