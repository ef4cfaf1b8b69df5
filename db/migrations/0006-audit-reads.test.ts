import { afterEach, describe, expect, it } from 'vitest';
import { createTestCentre, type TestCentre } from '../../test/support/harness.ts';
import { admissionRecord, admitForced, personInput, serviceOrder } from '../../test/support/fixtures.ts';
import { addHours } from '../../domain/time.ts';
import { openDatabase, schemaVersion } from '../connection.ts';
import { SCREENED_ADMISSION } from './0006-audit-reads.ts';
import { LATEST_VERSION } from './index.ts';

let c: TestCentre;
afterEach(() => c?.close());

const ROWS = 'SELECT placement_id, records FROM first_rights ORDER BY placement_id';

describe('migration 0006: what the audit reads', () => {
  it('fills first_rights of an existing database from its rights log, as the projector writes it, and indexes screened admissions', () => {
    c = createTestCentre();
    const a = admitForced(c).placementId;
    const personId = c.call('persons.register', personInput({ familyName: 'Aliyev' })).id!;
    const screened = c.call('placements.admit', {
      personId,
      kind: 'forced',
      order: serviceOrder(c.clock.iso),
      admission: { ...admissionRecord(true), screening: { vulnerabilitiesFound: [], traffickingIndicators: ['debt_bondage'], asylumIntent: false, notes: '' } },
    }).id!;
    const t0 = c.clock.iso;
    c.clock.advanceHours(8);
    c.call('rights.record', { placementId: a, right: 'lawyer', state: 'offered', at: addHours(t0, 3) });
    c.call('rights.record', { placementId: screened, right: 'call_unhcr', state: 'offered', at: addHours(t0, 2) });
    c.call('rights.record', { placementId: a, right: 'family_contact', state: 'exercised', at: addHours(t0, 4) });
    c.call('rights.record', { placementId: a, right: 'lawyer', state: 'exercised', at: addHours(t0, 1) });
    c.call('rights.record', { placementId: a, right: 'lawyer', state: 'declined', at: addHours(t0, 1) });
    const written = c.db.prepare(ROWS).raw().all();
    expect(written).toHaveLength(2);

    // The same database as the app before 0006 left it.
    c.db.exec('DROP TABLE first_rights; DROP INDEX placements_screened');
    c.db.pragma('user_version = 5');
    c.db.close();
    const db = openDatabase(c.path);
    try {
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      expect(db.prepare(ROWS).raw().all()).toEqual(written);
      const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT placement_id FROM placements WHERE ${SCREENED_ADMISSION}`).raw().all().flat().join(' ');
      expect(plan).toMatch(/placements_screened/);
      expect(db.prepare(`SELECT placement_id FROM placements WHERE ${SCREENED_ADMISSION}`).pluck().all()).toEqual([screened]);
    } finally {
      db.close();
    }
  });
});
