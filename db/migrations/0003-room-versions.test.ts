import { afterEach, describe, expect, it } from 'vitest';
import { createTestCentre, type TestCentre } from '../../test/support/harness.ts';
import { openDatabase, schemaVersion } from '../connection.ts';
import { LATEST_VERSION } from './index.ts';

let c: TestCentre;
afterEach(() => c?.close());

const ROWS = 'SELECT room_id, capacity, floor_area_m2, sex, age_group, regime, family, retired, from_time, seq FROM room_versions ORDER BY seq';

describe('migration 0003: room versions', () => {
  it('fills room_versions of an existing database from its journal, as the projector writes them', () => {
    c = createTestCentre();
    const a = c.call('rooms.define', { name: 'A1', capacity: 2, floorAreaM2: 12.5, sex: 'male', ageGroup: 'adult', regime: 'forced' }, 'head').id!;
    const f = c.call('rooms.define', { name: 'F1', capacity: 5, floorAreaM2: 24, sex: null, ageGroup: null, regime: 'voluntary', family: true }, 'head').id!;
    c.clock.advanceHours(2);
    c.call('rooms.update', { roomId: a, sex: 'female', capacity: 3 }, 'head');
    c.clock.advanceHours(2);
    c.call('rooms.update', { roomId: f, family: false, sex: 'male', ageGroup: 'minor', name: 'F1 (boys)' }, 'head');
    c.call('rooms.update', { roomId: a, floorAreaM2: 16 }, 'head');
    c.call('rooms.update', { roomId: a, retired: true }, 'head');
    const written = c.db.prepare(ROWS).raw().all();
    expect(written).toHaveLength(6);

    // The same database as the app before 0003 left it: schema 1, without room_versions nor the
    // tables of later migrations (which run again on the way to the latest).
    c.db.exec('DROP TABLE room_versions; DROP TABLE hq_acknowledgements; DROP TABLE first_rights; DROP INDEX placements_screened');
    c.db.pragma('user_version = 1');
    c.db.close();
    const db = openDatabase(c.path);
    try {
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      expect(db.prepare(ROWS).raw().all()).toEqual(written);
      expect(db.prepare(`SELECT sex, capacity, floor_area_m2, retired FROM room_versions WHERE room_id = ? ORDER BY seq`).raw().all(a)).toEqual([
        ['male', 2, 12.5, 0],
        ['female', 3, 12.5, 0],
        ['female', 3, 16, 0],
        ['female', 3, 16, 1],
      ]);
    } finally {
      db.close();
    }
  });
});
