import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson, firstChainBreak, GENESIS_HASH, hashInput } from '../../domain/journal.ts';
import { createTestCentre, type TestCentre } from '../../test/support/harness.ts';
import { admitForced, personInput } from '../../test/support/fixtures.ts';
import { readEntries, sha256Hex, verifyJournal } from './writer.ts';

let c: TestCentre;
beforeEach(() => {
  c = createTestCentre();
  for (let i = 0; i < 5; i++) admitForced(c, { familyName: `Person${i}` });
});
afterEach(() => c.close());

/** Opens the file behind the app's back, as someone rewriting history would, and drops the guards. */
function tamper(path: string, fn: (db: Database.Database) => void): void {
  const db = new Database(path);
  db.exec('DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete; DROP TRIGGER journal_in_sequence;');
  fn(db);
  db.close();
}

describe('the hash chain', () => {
  it('is intact after normal use, and each hash is SHA-256 of the documented encoding', () => {
    const v = verifyJournal(c.db);
    expect(v).toMatchObject({ ok: true, firstBad: null });
    const [first, second] = c.call('journal.entries', { fromSeq: 1, limit: 2 });
    const row = c.db.prepare('SELECT * FROM journal WHERE seq = 1').get() as Record<string, string | number | null>;
    expect(row.prev_hash).toBe(GENESIS_HASH);
    const text = hashInput({
      seq: 1,
      eventTime: row.event_time as string,
      recordedTime: row.recorded_time as string,
      actor: row.actor as string,
      type: row.type as string,
      corrects: null,
      payload: row.payload as string,
      prevHash: GENESIS_HASH,
    });
    expect(sha256Hex(text)).toBe(first!.hash);
    expect((c.db.prepare('SELECT prev_hash FROM journal WHERE seq = 2').get() as { prev_hash: string }).prev_hash).toBe(first!.hash);
    expect(second!.seq).toBe(2);
  });

  it('stores payloads as canonical JSON (sorted keys)', () => {
    const row = c.db.prepare("SELECT payload FROM journal WHERE type = 'person.registered' LIMIT 1").get() as { payload: string };
    expect(row.payload).toBe(canonicalJson(JSON.parse(row.payload)));
  });

  it('the database itself refuses updates, deletes and out-of-sequence inserts', () => {
    expect(() => c.db.prepare("UPDATE journal SET actor = 'x' WHERE seq = 3").run()).toThrow(/append-only/);
    expect(() => c.db.prepare('DELETE FROM journal WHERE seq = 3').run()).toThrow(/append-only/);
    expect(() =>
      c.db
        .prepare("INSERT INTO journal VALUES (999, 'a', 'b', 'x', 'y', NULL, '{}', ?, 'h')")
        .run(GENESIS_HASH),
    ).toThrow(/extend the chain/);
  });
});

describe('tamper detection names the first bad entry', () => {
  function verifyAfter(fn: (db: Database.Database) => void) {
    c.db.close();
    tamper(c.path, fn);
    const db = new Database(c.path, { readonly: true });
    try {
      return verifyJournal(db);
    } finally {
      db.close();
      c.db = new Database(c.path);
    }
  }

  it('a changed payload', () => {
    const v = verifyAfter((db) => db.prepare(`UPDATE journal SET payload = replace(payload, 'Karimov', 'Karimova') WHERE seq = 10`).run());
    expect(v.firstBad).toEqual({ seq: 10, problem: 'hash_mismatch' });
  });

  it('a changed event time with its hash recomputed (the next entry no longer links)', () => {
    const v = verifyAfter((db) => {
      const row = db.prepare('SELECT * FROM journal WHERE seq = 10').get() as Record<string, string | number | null>;
      const eventTime = '2026-01-01T00:00:00.000Z';
      const hash = sha256Hex(
        hashInput({
          seq: 10,
          eventTime,
          recordedTime: row.recorded_time as string,
          actor: row.actor as string,
          type: row.type as string,
          corrects: row.corrects as number | null,
          payload: row.payload as string,
          prevHash: row.prev_hash as string,
        }),
      );
      db.prepare('UPDATE journal SET event_time = ?, hash = ? WHERE seq = 10').run(eventTime, hash);
    });
    expect(v.firstBad).toEqual({ seq: 11, problem: 'prev_hash_mismatch' });
  });

  it('a deleted entry', () => {
    const v = verifyAfter((db) => db.prepare('DELETE FROM journal WHERE seq = 9').run());
    expect(v.firstBad).toEqual({ seq: 9, problem: 'gap' });
  });

  it('a deleted last entry is seen against a known head, not by the chain alone', () => {
    const head = c.call('journal.head', {});
    const v = verifyAfter((db) => db.prepare('DELETE FROM journal WHERE seq = ?').run(head.seq));
    expect(v.ok).toBe(true); // truncation is invisible without a checkpoint…
    expect(v.head.seq).toBe(head.seq - 1); // …but the head no longer matches the one an inspector kept.
  });

  it('two entries swapped', () => {
    const v = verifyAfter((db) => {
      const a = db.prepare('SELECT * FROM journal WHERE seq = 7').get() as Record<string, unknown>;
      const b = db.prepare('SELECT * FROM journal WHERE seq = 8').get() as Record<string, unknown>;
      const put = db.prepare(
        'UPDATE journal SET event_time = ?, recorded_time = ?, actor = ?, type = ?, corrects = ?, payload = ?, prev_hash = ?, hash = ? WHERE seq = ?',
      );
      const cols = (r: Record<string, unknown>) => [r.event_time, r.recorded_time, r.actor, r.type, r.corrects, r.payload, r.prev_hash, r.hash];
      put.run(...cols(b), 7);
      put.run(...cols(a), 8);
    });
    expect(v.firstBad).toEqual({ seq: 7, problem: 'prev_hash_mismatch' });
  });

  it('a row inserted in the middle', () => {
    const v = verifyAfter((db) => {
      db.prepare('UPDATE journal SET seq = seq + 1000 WHERE seq >= 5').run();
      db.prepare('UPDATE journal SET seq = seq - 999 WHERE seq >= 1005').run();
      db.prepare("INSERT INTO journal VALUES (5, 'a', 'b', 'x', 'y', NULL, '{}', 'p', 'h')").run();
    });
    expect(v.firstBad).toEqual({ seq: 5, problem: 'prev_hash_mismatch' });
  });

  it('a stored U+FFFD turned into a byte that is not UTF-8 (which reads back as U+FFFD all the same)', () => {
    const personId = c.call('persons.register', personInput({ familyName: 'Kar\uFFFDmov' })).id!;
    const seq = c.db.prepare("SELECT seq FROM journal WHERE type = 'person.registered' AND payload LIKE ?").pluck().get(`%${personId}%`) as number;
    const v = verifyAfter((db) =>
      db.prepare(`UPDATE journal SET payload = CAST(replace(CAST(payload AS BLOB), X'EFBFBD', X'FF') AS TEXT) WHERE seq = ?`).run(seq),
    );
    expect(v.firstBad).toEqual({ seq, problem: 'hash_mismatch' });
  });
});

it('corrections point at the entry they correct', () => {
  const personId = c.call('persons.register', personInput({ familyName: 'Mamedov' })).id!;
  const registered = c.call('journal.head', {}).seq;
  c.call('persons.correct', { personId, changes: { familyName: 'Məmmədov' }, reason: 'spelling from passport' });
  const file = c.call('register.personFile', { personId });
  expect(file.person.familyName).toBe('Məmmədov');
  expect(file.corrections).toHaveLength(1);
  expect(file.corrections[0]!.corrects).toBe(registered);
  // The original entry is still there, unchanged.
  const original = c.call('journal.entries', { fromSeq: registered, limit: 1 })[0]!;
  expect((original.payload as { familyName: string }).familyName).toBe('Mamedov');
  // Search finds the person under either spelling, folded.
  expect(c.call('register.search', { name: 'mammad' }).rows.map((r) => r.personId)).toEqual([personId]);
});

describe('verify over many pages', () => {
  // Verification reads the journal a page at a time, checking whole pages at once; these journals
  // span several pages, so that a problem lands after clean pages, at a page's first entry, or in
  // the middle of one.
  let big: TestCentre;
  let entries: number;
  beforeEach(() => {
    big = createTestCentre();
    const calls = Array.from({ length: 1400 }, (_, i) => ({ method: 'persons.register', input: personInput({ familyName: `Many${i}`, nameOriginal: `Многих ${i}` }) }));
    big.service.batch(calls, { username: 'reg' });
    entries = big.call('journal.head', {}).seq;
  });
  afterEach(() => big.close());

  /** The reference: the chain walked in memory, entry by entry (domain/journal.ts). */
  function reference(db: Database.Database) {
    return firstChainBreak(readEntries(db), sha256Hex);
  }

  function verifyAfter(fn: (db: Database.Database) => void) {
    big.db.close();
    tamper(big.path, fn);
    const db = new Database(big.path, { readonly: true });
    try {
      return { v: verifyJournal(db), expected: reference(db) };
    } finally {
      db.close();
      big.db = new Database(big.path);
    }
  }

  it('counts every entry of an intact journal and ends at its head (names in Cyrillic hashed as their UTF-8)', () => {
    expect(entries).toBeGreaterThan(1400);
    expect(verifyJournal(big.db)).toEqual({ ok: true, entries, head: big.call('journal.head', {}), firstBad: null });
  });

  for (const seq of [700, 513, 1024, 1025]) {
    it(`names a changed payload at entry ${seq}, whatever page it falls in`, () => {
      const { v, expected } = verifyAfter((db) => db.prepare(`UPDATE journal SET payload = replace(payload, 'Many', 'Mani') WHERE seq = ?`).run(seq));
      expect(v.firstBad).toEqual({ seq, problem: 'hash_mismatch' });
      expect(v.firstBad).toEqual(expected);
      expect(v).toMatchObject({ ok: false, entries: seq, head: { seq } });
    });
  }

  it('names a gap at a page boundary', () => {
    const gap = verifyAfter((db) => db.prepare('DELETE FROM journal WHERE seq = 1025').run());
    expect(gap.v.firstBad).toEqual({ seq: 1025, problem: 'gap' });
    expect(gap.v.firstBad).toEqual(gap.expected);
  });

  it('names an entry whose stored hashes are not 64 hex characters', () => {
    const { v, expected } = verifyAfter((db) => db.prepare("UPDATE journal SET prev_hash = 'p' WHERE seq = 900").run());
    expect(v.firstBad).toEqual({ seq: 900, problem: 'prev_hash_mismatch' });
    expect(v.firstBad).toEqual(expected);
  });
});
