// The seeder on a small centre (200 people, one year): reproducible, lawful where it should be, and
// with every deliberate breach both in the audit and, where it can still hold, open at the end.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINDING_CODES, type FindingCode } from '../../domain/findings/types.ts';
import { fixedClock } from '../../domain/time.ts';
import { openDatabase, type Db } from '../../db/connection.ts';
import type { RoomBoard } from '../../domain/api/outputs.ts';
import { CentreService } from '../service.ts';
import { DEFAULT_END, INCIDENT_KINDS, SEED_ACCOUNTS, seedCentre, SeedError, type SeedResult } from './seed.ts';

const OPTIONS = { persons: 200, years: 1, rngSeed: 7 } as const;
const END = DEFAULT_END;
const INSPECTOR = { username: SEED_ACCOUNTS.inspector[0][0] };

let dir: string;
let db: Db;
let result: SeedResult;
let service: CentreService;

function seedInto(name: string, progress?: (done: number, total: number) => void): { db: Db; result: SeedResult } {
  const d = openDatabase(join(dir, name));
  const r = seedCentre(d, progress ? { ...OPTIONS, onProgress: progress } : OPTIONS);
  return { db: d, result: r };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'centre-seed-'));
  ({ db, result } = seedInto('a.db'));
  service = new CentreService(db, { clock: fixedClock(END) });
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('seedCentre', () => {
  it('writes a register of the expected size', () => {
    expect(result.persons).toBeGreaterThan(180);
    expect(result.persons).toBeLessThan(500);
    expect(result.placements).toBeGreaterThan(result.persons);
    expect(result.entries).toBeGreaterThan(result.placements * 10);
    const rooms = db.prepare('SELECT count(*) AS n, sum(capacity) AS beds FROM rooms').get() as { n: number; beds: number };
    expect(rooms).toEqual({ n: 45, beds: 500 });
    const roles = db.prepare('SELECT DISTINCT role FROM accounts ORDER BY role').pluck().all();
    expect(roles).toEqual(['duty_officer', 'head_of_centre', 'inspector', 'medical_officer', 'registrar']);
  });

  it('is deterministic: the same options give the same journal, to the head hash', () => {
    let calls = 0;
    const other = seedInto('b.db', () => calls++);
    try {
      const a = service.call('journal.head', {}, INSPECTOR);
      const b = new CentreService(other.db, { clock: fixedClock(END) }).call('journal.head', {}, INSPECTOR);
      expect(b).toEqual(a);
      expect(other.result.entries).toBe(result.entries);
      expect(calls).toBeGreaterThan(0);
    } finally {
      other.db.close();
    }
  });

  it('writes a journal that verifies', () => {
    const v = service.call('journal.verify', {}, INSPECTOR);
    expect(v.ok).toBe(true);
    expect(v.entries).toBe(result.entries);
  });

  it('plants every kind of breach in the audit, and leaves each open at the end', () => {
    const history = service.call('findings.history', { at: END }, INSPECTOR);
    const current = service.call('findings.current', { at: END }, INSPECTOR);
    // A near-limit warning is a state of the moment: the audit never lists it.
    const inHistory = FINDING_CODES.filter((c) => c !== 'stay.near_limit');
    for (const code of inHistory) expect.soft(history.byCode[code], `${code} in the audit`).toBeGreaterThan(0);
    for (const code of FINDING_CODES) expect.soft(current.byCode[code], `${code} at the end`).toBeGreaterThan(0);
    // A few of each, not a flood: the lawful background adds nothing but near-limit warnings.
    const planted = new Set<FindingCode>([...INCIDENT_KINDS, 'room.floor_area']);
    for (const code of inHistory) {
      expect.soft(planted.has(code), code).toBe(true);
      expect.soft(history.byCode[code], `${code} count`).toBeLessThanOrEqual(12);
    }
  });

  it('never has a person in two placements at once', () => {
    const open = db.prepare('SELECT person_id FROM placements WHERE ended_at IS NULL GROUP BY person_id HAVING count(*) > 1').all();
    expect(open).toEqual([]);
    const overlapping = db
      .prepare(
        `SELECT count(*) FROM placements a JOIN placements b ON a.person_id = b.person_id AND a.placement_id <> b.placement_id
         WHERE a.admitted_at < coalesce(b.ended_at, '9999') AND b.admitted_at < coalesce(a.ended_at, '9999')`,
      )
      .pluck()
      .get();
    expect(overlapping).toBe(0);
  });

  it('keeps every room within its beds, but for the deliberate over-capacity cases', () => {
    const history = service.call('findings.history', { at: END }, INSPECTOR);
    const over = history.findings.filter((f) => f.code === 'room.over_capacity');
    const start = Date.parse(END) - 365 * 86_400_000;
    let samples = 0;
    for (let t = start + 3_600_000; t < Date.parse(END); t += 3 * 86_400_000 + 3_600_000) {
      const at = new Date(t).toISOString();
      const board = service.call('register.roomBoard', { at }, INSPECTOR) as RoomBoard;
      let present = 0;
      for (const room of board.rooms) {
        present += room.occupants.length;
        if (room.occupants.length <= room.capacity) continue;
        const planted = over.some((f) => f.roomId === room.roomId && f.from <= at && (f.to === null || f.to > at));
        expect(planted, `${room.name} at ${at}: ${room.occupants.length} in ${room.capacity} beds`).toBe(true);
      }
      expect(present).toBeLessThanOrEqual(510);
      samples++;
    }
    expect(samples).toBeGreaterThan(100);
  });

  it('seeds spans shorter than the open breaches’ lead (about 50 days), down to hours', () => {
    for (const years of [0.001, 0.05, 0.09, 0.12]) {
      const d = openDatabase(join(dir, `short-${years}.db`));
      try {
        const r = seedCentre(d, { persons: 1, years, rngSeed: 1 });
        expect(r.entries, `${years} years`).toBeGreaterThan(0);
        expect(new CentreService(d, { clock: fixedClock(END) }).call('journal.verify', {}, INSPECTOR).ok).toBe(true);
      } finally {
        d.close();
      }
    }
  });

  it('only seeds a fresh database', () => {
    expect(() => seedCentre(db, OPTIONS)).toThrow(SeedError);
    expect(() => seedCentre(db, OPTIONS)).toThrow(/already set up/);
    expect(() => seedCentre(db, { ...OPTIONS, persons: 0 })).toThrow(/persons/);
  });
});
