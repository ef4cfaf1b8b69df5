// The two ways verification replays a journal chunk (verify.ts): the fast one (the chunk's text
// decoded once, payloads parsed from slices of it) must give exactly what the entry-by-entry one
// gives — the same tables, or the same failure naming the same entry — on real entries, on entries
// with text in other scripts, and on chunks damaged in every way a byte can be.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEntries } from '../../db/journal/writer.ts';
import { hashInput } from '../../domain/journal.ts';
import { Replay } from '../../domain/replay/replay.ts';
import { TABLES, tableRows } from '../../domain/replay/tables.ts';
import { replayRowText } from '../../domain/replay/canonical-rows.ts';
import { openDatabase } from '../../db/connection.ts';
import { seedCentre } from '../../services/seed/seed.ts';
import { damagedChunks } from '../../test/support/mutations.ts';
import { createVariedCentre, type VariedCentre } from '../../test/support/varied-centre.ts';
import { utf8 } from './bytes.ts';
import { indexJournalChunk, JournalChunkWriter, type JournalChunk } from './journal.ts';
import { FieldDecoder, replayChunk, replayChunkSlow, type ReplayFailure } from './verify.ts';

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

/** Every table's rows as text, to compare two replays. */
function snapshot(r: Replay): string {
  return TABLES.map((spec) => `${spec.sql}\n${tableRows(r.tables, spec).map((row) => replayRowText(spec, row)).join('\n')}`).join('\n\n');
}

function both(raw: Uint8Array): { fast: ReplayFailure | null; slow: ReplayFailure | null; same: boolean } {
  let chunk: JournalChunk;
  try {
    chunk = indexJournalChunk(raw, 0, 1);
  } catch {
    return { fast: null, slow: null, same: true };
  }
  const a = new Replay({ lateEntryHours: 24 });
  const b = new Replay({ lateEntryHours: 24 });
  const fast = replayChunk(chunk, 1, a, new FieldDecoder());
  const slow = replayChunkSlow(chunk, 1, b, new FieldDecoder());
  return { fast, slow, same: snapshot(a) === snapshot(b) };
}

describe('replaying a chunk', () => {
  it('gives the same tables both ways on a real journal (with Cyrillic, Arabic and Azerbaijani text)', () => {
    const raw = chunkOf(inputs);
    expect(inputs.some((t) => /[^\x00-\x7f]/.test(t))).toBe(true);
    const r = both(raw);
    expect(r.fast).toBeNull();
    expect(r.slow).toBeNull();
    expect(r.same).toBe(true);
  });

  it('refuses a payload that starts with a byte order mark both ways, wherever it falls in a group', () => {
    const e = (seq: number, p: string) => `${seq}\n2026-01-01T10:00:00.000Z\n2026-01-01T10:00:00.000Z\nregistrar\nmovement.recorded\n\n${'0'.repeat(64)}\n${p}`;
    const entry = '{"placementId":"S1","direction":"entry","purpose":"é"}';
    const exit = '{"placementId":"S1","direction":"exit","purpose":"ü"}';
    for (const [texts, seq] of [
      [[e(1, `\uFEFF${entry}`), e(2, exit)], 1],
      [[e(1, entry), e(2, `\uFEFF${exit}`)], 2],
    ] as const) {
      const r = both(chunkOf([...texts]));
      expect(r.slow).toMatchObject({ seq });
      expect(r.fast).toEqual(r.slow);
    }
  });

  it('gives the same tables both ways on a seeded centre, whose payloads fill many groups in ASCII and in other scripts', () => {
    const db = openDatabase(':memory:');
    try {
      seedCentre(db, { persons: 300, years: 1, rngSeed: 5 });
      const seeded = [...readEntries(db)].map((e) => hashInput(e));
      const other = seeded.filter((t) => /[^\x00-\x7f]/.test(t.slice(t.lastIndexOf('\n'))) && !t.includes('\nright.recorded\n'));
      // Several 32 KB groups of each kind in the one chunk.
      expect(other.reduce((a, t) => a + t.length, 0)).toBeGreaterThan(4 * 32 * 1024);
      const r = both(chunkOf(seeded));
      expect(r.fast).toBeNull();
      expect(r.slow).toBeNull();
      expect(r.same).toBe(true);
    } finally {
      db.close();
    }
  });

  it('gives the same tables on a journal of ASCII only', () => {
    const ascii = inputs.filter((t) => !/[^\x00-\x7f]/.test(t));
    const r = both(chunkOf(ascii.slice(0, 40)));
    expect(r.same).toBe(true);
    expect(r.fast).toEqual(r.slow);
  });

  it('names the same entry for a time that is not ASCII, a payload that is not UTF-8, or a character cut between entries', () => {
    const k = inputs.findIndex((t) => t.includes('"person.registered"') || t.includes('\nperson.registered\n'));
    const nonAsciiTime = [...inputs];
    nonAsciiTime[k + 3] = nonAsciiTime[k + 3]!.replace(/^(\d+\n)2/, '$1٢');
    const r1 = both(chunkOf(nonAsciiTime));
    expect(r1.fast).toEqual({ seq: k + 4, message: `entry ${k + 4}: its times, actor and type must be plain ASCII` });
    expect(r1.slow).toEqual(r1.fast);
    expect(r1.same).toBe(true);

    // A two-byte character whose first byte ends one entry and second byte starts the next.
    const raw = chunkOf(inputs);
    const chunk = indexJournalChunk(raw, 0, 1);
    const at = chunk.ends[5]! - 1; // the payload's last byte ("}") of entry 6
    const split = raw.slice();
    split[at] = 0xd0;
    split[at + 1] = 0x9a; // the first byte of entry 7 (its seq)
    const r2 = both(split);
    expect(r2.fast).toEqual({ seq: 6, message: 'entry 6: its payload is not JSON (or not UTF-8)' });
    expect(r2.slow).toEqual(r2.fast);
    expect(r2.same).toBe(true);
  });

  it('agrees on hundreds of chunks with bytes changed anywhere', () => {
    const raw = chunkOf(inputs.slice(0, 120));
    let failures = 0;
    let round = -1;
    for (const copy of damagedChunks(raw, 120, 7, utf8('Каримов əşğ امید'))) {
      round++;
      const r = both(copy);
      expect(r.fast, `round ${round}`).toEqual(r.slow);
      expect(r.same, `round ${round}`).toBe(true);
      if (r.fast) failures++;
    }
    expect(failures).toBeGreaterThan(100);
  });
});
