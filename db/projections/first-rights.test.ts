import { afterEach, describe, expect, it } from 'vitest';
import { createTestCentre, type TestCentre } from '../../test/support/harness.ts';
import { admitForced } from '../../test/support/fixtures.ts';
import { addHours } from '../../domain/time.ts';
import { withFirstRecord } from './first-rights.ts';

let c: TestCentre;
afterEach(() => c?.close());

const at = (hours: number) => addHours('2026-03-02T08:00:00.000Z', hours);

describe('withFirstRecord', () => {
  it('adds a kind not recorded yet, after the others', () => {
    const one = withFirstRecord('', { right: 'lawyer', at: at(1), seq: 10, state: 'offered' })!;
    expect(one).toBe(`lawyer ${at(1)} 10 offered`);
    expect(withFirstRecord(one, { right: 'call_unhcr', at: at(0), seq: 11, state: 'declined' })).toBe(`lawyer ${at(1)} 10 offered call_unhcr ${at(0)} 11 declined`);
  });

  it('puts an earlier record in place of its kind’s, and leaves the text alone for a later one', () => {
    const text = `lawyer ${at(5)} 10 offered call_unhcr ${at(1)} 11 offered`;
    expect(withFirstRecord(text, { right: 'lawyer', at: at(6), seq: 12, state: 'exercised' })).toBeNull();
    expect(withFirstRecord(text, { right: 'lawyer', at: at(2), seq: 13, state: 'exercised' })).toBe(`lawyer ${at(2)} 13 exercised call_unhcr ${at(1)} 11 offered`);
  });

  it('of two records at one instant, keeps the lower seq', () => {
    const text = `lawyer ${at(5)} 10 offered`;
    expect(withFirstRecord(text, { right: 'lawyer', at: at(5), seq: 12, state: 'exercised' })).toBeNull();
    expect(withFirstRecord(`lawyer ${at(5)} 12 offered`, { right: 'lawyer', at: at(5), seq: 10, state: 'declined' })).toBe(`lawyer ${at(5)} 10 declined`);
  });

  it('compares instants as instants, whatever their form', () => {
    const text = `lawyer 2026-03-02T08:00:00.000Z 10 offered`;
    expect(withFirstRecord(text, { right: 'lawyer', at: '2026-03-02T11:30:00+04:00', seq: 12, state: 'offered' })).toBe(`lawyer 2026-03-02T11:30:00+04:00 12 offered`);
  });

  it('refuses a text that is not in groups of four, and a token with a space', () => {
    expect(() => withFirstRecord('lawyer x 10', { right: 'lawyer', at: at(1), seq: 11, state: 'offered' })).toThrow(/groups of four/);
    expect(() => withFirstRecord('', { right: 'lawyer', at: at(1), seq: 11, state: 'on paper' })).toThrow(/cannot be a token/);
  });
});

describe('first_rights, as the projector writes it', () => {
  it('holds the first record of each right of each placement, a backdated record replacing a later one', () => {
    c = createTestCentre();
    const { placementId } = admitForced(c);
    const t0 = c.clock.iso;
    c.clock.advanceHours(6);
    c.call('rights.record', { placementId, right: 'lawyer', state: 'offered', at: addHours(t0, 3) });
    c.call('rights.record', { placementId, right: 'family_contact', state: 'exercised', at: addHours(t0, 4) });
    c.call('rights.record', { placementId, right: 'lawyer', state: 'exercised', at: addHours(t0, 5) });
    c.call('rights.record', { placementId, right: 'lawyer', state: 'declined', at: addHours(t0, 1) });
    const seqs = c.db.prepare('SELECT right_kind, seq FROM rights WHERE placement_id = ? ORDER BY seq').raw().all(placementId) as [string, number][];
    const records = c.db.prepare('SELECT records FROM first_rights WHERE placement_id = ?').pluck().get(placementId);
    expect(records).toBe(`lawyer ${addHours(t0, 1)} ${seqs[3]![1]} declined family_contact ${addHours(t0, 4)} ${seqs[1]![1]} exercised`);
  });
});
