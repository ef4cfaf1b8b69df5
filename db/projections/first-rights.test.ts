import { afterEach, describe, expect, it } from 'vitest';
import { createTestCentre, type TestCentre } from '../../test/support/harness.ts';
import { admitForced } from '../../test/support/fixtures.ts';
import { addHours, toMs } from '../../domain/time.ts';
import { withFirstRecord } from './first-rights.ts';

let c: TestCentre;
afterEach(() => c?.close());

describe('withFirstRecord', () => {
  it('adds a kind not recorded yet, after the others', () => {
    const one = withFirstRecord('', 'lawyer', 1_772_438_400_000)!;
    expect(one).toBe('lawyer 1772438400000');
    expect(withFirstRecord(one, 'call_unhcr', 1_772_434_800_000)).toBe('lawyer 1772438400000 call_unhcr 1772434800000');
  });

  it('puts an earlier record in place of its kind’s, and leaves the text alone for a later one or one at the same instant', () => {
    const text = 'lawyer 18000000 call_unhcr 3600000';
    expect(withFirstRecord(text, 'lawyer', 21_600_000)).toBeNull();
    // At the same instant, the record already there was recorded first (the lower seq).
    expect(withFirstRecord(text, 'lawyer', 18_000_000)).toBeNull();
    expect(withFirstRecord(text, 'lawyer', 7_200_000)).toBe('lawyer 7200000 call_unhcr 3600000');
  });

  it('refuses a text that is not in pairs, a kind with a space, a time that is not whole milliseconds', () => {
    expect(() => withFirstRecord('lawyer 10 call_unhcr', 'lawyer', 5)).toThrow(/not in pairs/);
    expect(() => withFirstRecord('', 'on paper', 5)).toThrow(/cannot be a right kind/);
    expect(() => withFirstRecord('', 'lawyer', 0.5)).toThrow(/whole number/);
  });
});

describe('first_rights, as the projector writes it', () => {
  it('holds when each right was first recorded, a backdated record replacing a later one', () => {
    c = createTestCentre();
    const { placementId } = admitForced(c);
    const t0 = c.clock.iso;
    c.clock.advanceHours(6);
    c.call('rights.record', { placementId, right: 'lawyer', state: 'offered', at: addHours(t0, 3) });
    c.call('rights.record', { placementId, right: 'family_contact', state: 'exercised', at: addHours(t0, 4) });
    c.call('rights.record', { placementId, right: 'lawyer', state: 'exercised', at: addHours(t0, 5) });
    c.call('rights.record', { placementId, right: 'lawyer', state: 'declined', at: addHours(t0, 1.5) });
    const records = c.db.prepare('SELECT records FROM first_rights WHERE placement_id = ?').pluck().get(placementId);
    expect(records).toBe(`lawyer ${toMs(addHours(t0, 1.5))} family_contact ${toMs(addHours(t0, 4))}`);
  });
});
