import { afterEach, describe, expect, it } from 'vitest';
import { createTestCentre, type TestCentre } from '../../test/support/harness.ts';
import { admissionRecord, admitForced, personInput } from '../../test/support/fixtures.ts';
import { azDefaultProfile } from '../../domain/profile/az-default.ts';
import type { LegalProfile } from '../../domain/profile/types.ts';
import { addHours, toMs } from '../../domain/time.ts';
import { Sql } from '../sql.ts';
import { loadFindingsInput } from './findings-facts.ts';

let c: TestCentre;
afterEach(() => c?.close());

const scope = { profile: azDefaultProfile, timeZone: 'Asia/Baku' };
/** Bits of rightsInTime, as the rights they stand for. */
const bits = (profile: LegalProfile, mask: number) => profile.requiredRights.filter((_, k) => mask & (1 << k)).map((r) => r.right);

describe('loadFindingsInput', () => {
  it('gives each placement the first record of every required right, backdated ones included, as of the instant', () => {
    c = createTestCentre();
    const { placementId, personId } = admitForced(c);
    const t0 = c.clock.iso;
    c.clock.advanceHours(30);
    // Recorded in this order, but the second inventory record is backdated before the first; both
    // after the two-hour window.
    c.call('rights.record', { placementId, right: 'property_inventory', state: 'offered', at: addHours(t0, 5) });
    c.call('rights.record', { placementId, right: 'property_inventory', state: 'exercised', at: addHours(t0, 3) });
    c.call('rights.record', { placementId, right: 'information_on_rights', state: 'exercised', language: 'ru', version: 'v1', interpreter: { name: '', mode: 'none_needed' }, at: addHours(t0, 1) });
    c.call('rights.record', { placementId, right: 'family_contact', state: 'exercised', at: addHours(t0, 26) });
    c.call('rights.record', { placementId, right: 'complaint', state: 'exercised', at: addHours(t0, 2) });
    const sql = new Sql(c.db);
    for (const mode of ['current', 'history'] as const) {
      const facts = (at: string) => loadFindingsInput(sql, scope, at, mode).placements.find((p) => p.placementId === placementId)!;
      const late = (at: string) => facts(at).rights.map((r) => [r.right, r.state, r.atMs]);
      expect(late(c.clock.iso).sort(), mode).toEqual([
        ['family_contact', 'exercised', toMs(addHours(t0, 26))],
        ['property_inventory', 'exercised', toMs(addHours(t0, 3))],
      ]);
      expect(bits(azDefaultProfile, facts(c.clock.iso).rightsInTime), mode).toEqual(['information_on_rights']);
      // Before the backdated record's time no late record is a fact yet; between the two, only that one is.
      expect(late(addHours(t0, 2.5)), mode).toEqual([]);
      expect(late(addHours(t0, 4)), mode).toEqual([['property_inventory', 'exercised', toMs(addHours(t0, 3))]]);
    }
    const file = loadFindingsInput(sql, scope, c.clock.iso, 'history', personId);
    const all = loadFindingsInput(sql, scope, c.clock.iso, 'history');
    expect(file.placements.map((p) => [p.rights, p.rightsInTime])).toEqual(all.placements.map((p) => [p.rights, p.rightsInTime]));
  });

  it('reads every kind of fact the rules use, with instants as milliseconds', () => {
    c = createTestCentre();
    const { placementId, personId } = admitForced(c);
    const t0 = c.clock.iso;
    c.clock.advanceHours(2);
    c.call('protection.claimAsylum', { placementId, note: 'asks for asylum' });
    const facts = loadFindingsInput(new Sql(c.db), scope, c.clock.iso, 'history');
    const p = facts.placements.find((x) => x.placementId === placementId)!;
    expect(p).toMatchObject({ personId, kind: 'forced', admittedMs: toMs(t0), endedMs: null });
    // One status, never one the profile forbids forcing: no history to read.
    expect(p.person.statusHistory).toBeUndefined();
    expect(p.orders).toEqual([{ basis: 'service_order', startsMs: toMs(t0), expiresMs: toMs(addHours(t0, 24)), seq: p.seq }]);
    expect(p.claims).toMatchObject([{ atMs: toMs(c.clock.iso), resolvedMs: null }]);
  });

  it('gives the status history of those whose status changed, or is one never forced', () => {
    c = createTestCentre();
    const changed = admitForced(c);
    const seekerId = c.call('persons.register', personInput({ familyName: 'Aliyev', status: 'asylum_seeker' })).id!;
    c.call('placements.admit', { personId: seekerId, kind: 'voluntary', admission: admissionRecord(false) });
    const t0 = c.clock.iso;
    c.clock.advanceHours(3);
    const seq = c.call('persons.setStatus', { personId: changed.personId, status: 'refugee', reason: 'recognised' }).seq;
    const facts = loadFindingsInput(new Sql(c.db), scope, c.clock.iso, 'history');
    const history = (personId: string) => facts.placements.find((p) => p.personId === personId)!.person.statusHistory;
    expect(history(changed.personId)).toEqual([
      { status: 'irregular_migrant', atMs: toMs(t0), seq: expect.any(Number) },
      { status: 'refugee', atMs: toMs(c.clock.iso), seq },
    ]);
    expect(history(seekerId)).toEqual([{ status: 'asylum_seeker', atMs: toMs(t0), seq: expect.any(Number) }]);
  });
});
