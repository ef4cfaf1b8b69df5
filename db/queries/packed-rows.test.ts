import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { msOf, PackedRows, packedSelect } from './packed-rows.ts';

let db: Database.Database | undefined;
afterEach(() => db?.close());

function read(columns: string[], from: string, orderBy?: string): PackedRows {
  return new PackedRows((db!.prepare(packedSelect(columns, from, orderBy)).pluck().get() as string | null) ?? '', 't');
}

describe('PackedRows', () => {
  it('reads back what SQLite packed: texts, shared words, numbers, instants, NULLs', () => {
    db = new Database(':memory:');
    db.exec(`CREATE TABLE t (id TEXT, kind TEXT, n INTEGER, at TEXT, ended TEXT);
      INSERT INTO t VALUES ('S1', 'forced', 12, '2026-03-01T08:00:00.000Z', NULL),
                           ('S2', 'forced', -7, '2026-03-01T12:00:00+04:00', '2026-03-02T00:00:00.001Z'),
                           ('S3', 'voluntary', NULL, '2024-02-29T23:59:59.999Z', NULL)`);
    const rows: unknown[][] = [];
    const kinds: string[] = [];
    for (const r = read(['id', 'kind', 'n', 'at', 'ended'], 't', 'id'); !r.done; r.endRow()) {
      const row = [r.text(), r.word(), r.intOrNull(), r.ms(), r.msOrNull()];
      kinds.push(row[1] as string);
      rows.push(row);
    }
    expect(rows).toEqual([
      ['S1', 'forced', 12, Date.parse('2026-03-01T08:00:00.000Z'), null],
      ['S2', 'forced', -7, Date.parse('2026-03-01T08:00:00.000Z'), Date.parse('2026-03-02T00:00:00.001Z')],
      ['S3', 'voluntary', null, Date.parse('2024-02-29T23:59:59.999Z'), null],
    ]);
    // One string for every row of a word: the facts of a million rows share a few.
    expect(kinds[0]).toBe(kinds[1]);
  });

  it('gives no rows for an empty table', () => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE t (id TEXT, n INTEGER)');
    expect(read(['id', 'n'], 't').done).toBe(true);
  });

  it('says which table a row came from when it does not end where the reader expects', () => {
    db = new Database(':memory:');
    db.exec(`CREATE TABLE t (id TEXT, n INTEGER); INSERT INTO t VALUES ('a' || char(31) || 'b', 1)`);
    const r = new PackedRows((db.prepare(packedSelect(['id', 'n'], 't')).pluck().get() as string), 'persons');
    r.text();
    r.text();
    expect(() => r.endRow()).toThrow(/persons: a row has more fields/);
  });

  it('refuses a value that is not the number or instant asked for, naming the table', () => {
    db = new Database(':memory:');
    db.exec(`CREATE TABLE t (a TEXT, b TEXT); INSERT INTO t VALUES ('12x', 'yesterday')`);
    const r = read(['a', 'b'], 't');
    expect(() => r.int()).toThrow(/t: expected a number, found "12x"/);
    expect(() => r.ms()).toThrow(/t: expected an instant, found "yesterday"/);
  });
});

describe('msOf', () => {
  it('reads every canonical instant as Date.parse does, month ends and leap days included', () => {
    const wrong: string[] = [];
    // About 7 hours apart, with odd seconds and milliseconds, over two centuries and more.
    for (let t = Date.UTC(1899, 0, 1); t < Date.UTC(2105, 0, 1); t += 7 * 3_600_000 + 123_457) {
      const iso = new Date(t).toISOString();
      if (msOf(iso) !== t) wrong.push(iso);
    }
    expect(wrong).toEqual([]);
  });

  it('leaves what is not a real canonical instant to Date.parse', () => {
    for (const text of ['2023-02-29T00:00:00.000Z', '2024-02-29T23:59:59.999Z', '2026-04-31T00:00:00.000Z', '2026-03-01T08:00:00Z', '2026-03-01T12:00:00.000+04:00']) {
      expect(msOf(text), text).toBe(Date.parse(text));
    }
    expect(() => msOf('2026-13-01T00:00:00.000Z')).toThrow(/not an instant/);
  });
});
