// The two projectors agree: replaying a real journal in memory gives, table by table and row by row,
// what the SQL projector wrote while the journal was being appended.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEntries } from '../../db/journal/writer.ts';
import { createVariedCentre, type VariedCentre } from '../../test/support/varied-centre.ts';
import { azDefaultProfile } from '../profile/az-default.ts';
import { replayRowText, sqlRowText } from './canonical-rows.ts';
import { Replay, ReplayError, replayJournal, type ReplayEntry } from './replay.ts';
import { TABLES, tableRows } from './tables.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db/connection.ts';
import { seedCentre } from '../../services/seed/seed.ts';

function journal(db: Db): ReplayEntry[] {
  return [...readEntries(db)].map((e) => ({ ...e, payload: JSON.parse(e.payload) as unknown }));
}

function sqlTable(db: Db, spec: (typeof TABLES)[number]): string[] {
  const cols = spec.columns.map((c) => c.sql).join(', ');
  const order = spec.order.column;
  const rows = db.prepare(`SELECT ${cols} FROM ${spec.sql} ORDER BY ${order}`).raw().all() as unknown[][];
  return rows.map((r) => sqlRowText(r));
}

let v: VariedCentre;
beforeAll(() => {
  v = createVariedCentre(2);
});
afterAll(() => v?.c.close());

describe('the in-memory replay', () => {
  it('rebuilds every SQL projection, row for row', () => {
    const replay = replayJournal(journal(v.c.db), { lateEntryHours: azDefaultProfile.lateEntryHours });
    for (const spec of TABLES) {
      const fromSql = sqlTable(v.c.db, spec);
      const fromReplay = tableRows(replay.tables, spec).map((r) => replayRowText(spec, r));
      expect(fromReplay, spec.sql).toEqual(fromSql);
    }
  });

  it('covers every table with rows, so the comparison above proves something', () => {
    const empty = TABLES.filter((spec) => (v.c.db.prepare(`SELECT count(*) FROM ${spec.sql}`).pluck().get() as number) === 0);
    expect(empty.map((s) => s.sql)).toEqual([]);
  });

  it('collects the medical note references', () => {
    const replay = replayJournal(journal(v.c.db), { lateEntryHours: 24 });
    const refs = v.c.db.prepare('SELECT ref FROM medical_notes ORDER BY ref').pluck().all() as string[];
    expect([...replay.noteRefs].sort()).toEqual(refs);
  });

  it('rebuilds the projections of a seeded centre too (every deliberate breach the seeder plants)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'centre-replay-seed-'));
    const db = openDatabase(join(dir, 'seed.db'));
    try {
      seedCentre(db, { persons: 150, years: 0.5, rngSeed: 3 });
      const replay = replayJournal(journal(db), { lateEntryHours: azDefaultProfile.lateEntryHours });
      for (const spec of TABLES) {
        expect(tableRows(replay.tables, spec).map((r) => replayRowText(spec, r)), spec.sql).toEqual(sqlTable(db, spec));
      }
      expect(replay.tables.lateEntries.length).toBeGreaterThan(0);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the entry it cannot apply instead of failing somewhere later', () => {
    const replay = new Replay({ lateEntryHours: 24 });
    const base = { eventTime: '2026-01-01T00:00:00.000Z', recordedTime: '2026-01-01T00:00:00.000Z', actor: 'a' };
    expect(() => replay.apply({ ...base, seq: 1, type: 'no.such', payload: {} })).toThrow(ReplayError);
    expect(() => replay.apply({ ...base, seq: 1, type: 'toString', payload: {} })).toThrow(/unknown entry type/);
    expect(() => replay.apply({ ...base, seq: 2, type: 'person.corrected', payload: { personId: 'P9', changes: {} } })).toThrow(
      /entry 2 \(person.corrected\): person P9 is not registered/,
    );
    expect(() => replay.apply({ ...base, seq: 3, type: 'room.defined', payload: null })).toThrow(/not an object/);
  });
});
