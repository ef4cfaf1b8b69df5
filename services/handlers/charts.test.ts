// The dashboard's chart read models: population by regime over a period, lengths of stay by basis.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCentre, type TestCentre } from '../../test/support/harness.ts';
import { admissionRecord, admitForced, courtOrder, personInput } from '../../test/support/fixtures.ts';

let c: TestCentre;
beforeEach(() => {
  c = createTestCentre('2026-03-02T08:00:00.000Z');
});
afterEach(() => c.close());

describe('register.populationSeries', () => {
  it('counts who was present at each sampled day, by regime', () => {
    const a = admitForced(c); // forced, from day 0
    c.clock.advanceHours(24 * 2);
    const v = c.call('persons.register', personInput({ familyName: 'Aliyeva', sex: 'female' })).id!;
    const vp = c.call('placements.admit', { personId: v, kind: 'voluntary', admission: admissionRecord(false) }).id;
    c.clock.advanceHours(24 * 2);
    c.call('placements.end', { placementId: a.placementId, reason: 'release' });
    c.clock.advanceHours(24);
    c.call('placements.end', { placementId: vp, reason: 'voluntary_departure' });

    const series = c.call('register.populationSeries', { days: 7, stepDays: 1 }, 'insp');
    expect(series.points).toHaveLength(8);
    expect(series.points.at(-1)!.at).toBe(c.clock.iso);
    const totals = series.points.map((p) => [p.byRegime.forced, p.byRegime.voluntary]);
    // now = day 5: day −2 (before anyone) … day 5 (both gone)
    expect(totals).toEqual([
      [0, 0],
      [0, 0],
      [1, 0],
      [1, 0],
      [1, 1],
      [1, 1],
      [0, 1],
      [0, 0],
    ]);
  });

  it('refuses a period over a year', () => {
    expect(c.refuse('register.populationSeries', { days: 400 }).kind).toBe('invalid_input');
  });
});

describe('register.stayLengths', () => {
  it('buckets ended stays by the basis they ended under; voluntary stays apart', () => {
    const short = admitForced(c);
    c.clock.advanceHours(10);
    c.call('placements.end', { placementId: short.placementId, reason: 'release' });
    const p = c.call('persons.register', personInput({ familyName: 'Mammadov' })).id!;
    const long = c.call('placements.admit', { personId: p, kind: 'forced', order: courtOrder(c.clock.iso, 72), admission: admissionRecord() }).id;
    c.clock.advanceHours(50);
    c.call('placements.end', { placementId: long, reason: 'removal' });
    const open = admitForced(c, { familyName: 'Still', givenNames: 'Here' });
    expect(open.placementId).toBeTruthy();

    const stays = c.call('register.stayLengths', {}, 'insp');
    expect(stays.bucketsHours).toEqual([24, 72, 168, 720, 2160, 4392]);
    expect(stays.byBasis).toEqual([
      { basis: 'court_order', counts: [0, 1, 0, 0, 0, 0, 0], total: 1, medianHours: 50 },
      { basis: 'service_order', counts: [1, 0, 0, 0, 0, 0, 0], total: 1, medianHours: 10 },
    ]);
    expect(c.call('register.stayLengths', { days: 1 }, 'insp').byBasis.map((b) => b.basis)).toEqual(['court_order']);
  });
});
