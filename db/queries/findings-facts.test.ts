import { afterEach, describe, expect, it } from 'vitest';
import { createTestCentre, type TestCentre } from '../../test/support/harness.ts';
import { admitForced } from '../../test/support/fixtures.ts';
import { azDefaultProfile } from '../../domain/profile/az-default.ts';
import { addHours } from '../../domain/time.ts';
import { Sql } from '../sql.ts';
import { firstRecords, loadFindingsInput } from './findings-facts.ts';

let c: TestCentre;
afterEach(() => c?.close());

const scope = { profile: azDefaultProfile, timeZone: 'Asia/Baku' };

describe('firstRecords', () => {
  const kinds = ['lawyer', 'family_contact', 'call_unhcr'];

  it('keeps the earliest record of each kind, whatever order the lists come in', () => {
    const got = firstRecords(
      kinds,
      '2026-03-02T12:00:00.000Z',
      'family_contact lawyer family_contact lawyer',
      '2026-03-02T10:00:00.000Z 2026-03-02T09:00:00.000Z 2026-03-02T08:30:00.000Z 2026-03-02T11:00:00.000Z',
      '40 41 42 43',
      'exercised offered declined exercised',
    );
    expect(got).toEqual([
      { right: 'lawyer', state: 'offered', at: '2026-03-02T09:00:00.000Z', seq: 41 },
      { right: 'family_contact', state: 'declined', at: '2026-03-02T08:30:00.000Z', seq: 42 },
    ]);
  });

  it('takes the lower seq of two records at one instant, and ignores kinds it was not asked for', () => {
    const got = firstRecords(
      kinds,
      '2026-03-02T12:00:00.000Z',
      'lawyer complaint lawyer',
      '2026-03-02T09:00:00.000Z 2026-03-02T08:00:00.000Z 2026-03-02T09:00:00.000Z',
      '1000 5 999',
      'exercised offered offered',
    );
    expect(got).toEqual([{ right: 'lawyer', state: 'offered', at: '2026-03-02T09:00:00.000Z', seq: 999 }]);
  });

  it('leaves out records made after the instant, the instant itself counting', () => {
    const lists = ['lawyer lawyer call_unhcr', '2026-03-02T09:00:00.000Z 2026-03-02T08:00:00.000Z 2026-03-02T09:00:00.001Z', '7 8 9', 'offered declined offered'] as const;
    expect(firstRecords(kinds, '2026-03-02T09:00:00.000Z', ...lists).map((r) => r.seq)).toEqual([8]);
    expect(firstRecords(kinds, '2026-03-02T07:59:59.999Z', ...lists)).toEqual([]);
    expect(firstRecords(kinds, '2026-03-02T09:00:00.001Z', ...lists).map((r) => r.seq)).toEqual([8, 9]);
  });
});

describe('loadFindingsInput', () => {
  it('gives each placement the first record of every required right as of the instant, backdated ones included', () => {
    c = createTestCentre();
    const { placementId, personId } = admitForced(c);
    const t0 = c.clock.iso;
    c.clock.advanceHours(5);
    // Recorded in this order, but the second lawyer record is backdated before the first.
    c.call('rights.record', { placementId, right: 'lawyer', state: 'offered', at: addHours(t0, 3) });
    c.call('rights.record', { placementId, right: 'lawyer', state: 'exercised', at: addHours(t0, 1) });
    c.call('rights.record', { placementId, right: 'family_contact', state: 'exercised', at: addHours(t0, 4) });
    c.call('rights.record', { placementId, right: 'complaint', state: 'exercised', at: addHours(t0, 2) });
    const sql = new Sql(c.db);
    for (const mode of ['current', 'history'] as const) {
      const rights = (at: string) =>
        loadFindingsInput(sql, scope, at, mode).placements.find((p) => p.placementId === placementId)!.rights.map((r) => [r.right, r.state, r.at]);
      expect(rights(c.clock.iso).sort(), mode).toEqual([
        ['family_contact', 'exercised', addHours(t0, 4)],
        ['lawyer', 'exercised', addHours(t0, 1)],
      ]);
      // Before the backdated record's time nothing is a fact yet; between the two, only that one is.
      expect(rights(addHours(t0, 0.5)), mode).toEqual([]);
      expect(rights(addHours(t0, 2)), mode).toEqual([['lawyer', 'exercised', addHours(t0, 1)]]);
    }
    const file = loadFindingsInput(sql, scope, c.clock.iso, 'history', personId);
    expect(file.placements.map((p) => p.rights.map((r) => r.seq).sort())).toEqual([
      loadFindingsInput(sql, scope, c.clock.iso, 'history').placements[0]!.rights.map((r) => r.seq).sort(),
    ]);
  });
});
