// The figures behind the charts: population by regime at sampled instants up to export, and the
// stays that ended by basis and length.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admissionRecord, courtOrder, defineRooms, personInput, serviceOrder } from '../../../test/support/fixtures.ts';
import { createTestCentre, T0, type TestCentre } from '../../../test/support/harness.ts';
import { viewerDataOf } from '../../../test/support/viewer-data.ts';
import { populationSeries, STAY_BUCKETS, staysByBasis } from './charts.ts';

let c: TestCentre;
beforeAll(() => {
  c = createTestCentre();
  const rooms = defineRooms(c);
  const admit = (familyName: string, kind: 'forced' | 'voluntary', order: ReturnType<typeof serviceOrder> | null, roomId: string) => {
    const personId = c.call('persons.register', personInput({ familyName })).id!;
    return c.call('placements.admit', { personId, kind, ...(order ? { order } : {}), admission: admissionRecord(kind === 'forced'), roomId }).id;
  };
  const a = admit('A', 'forced', serviceOrder(c.clock.iso), rooms.menForced);
  c.clock.advanceHours(1);
  admit('B', 'voluntary', null, rooms.menVoluntary);
  c.clock.advanceHours(1);
  const cc = admit('C', 'forced', courtOrder(c.clock.iso, 72), rooms.menForced);
  c.clock.set(new Date(Date.parse(T0) + 10 * 3_600_000).toISOString());
  c.call('placements.end', { placementId: a, reason: 'release' });
  c.clock.set(new Date(Date.parse(T0) + 52 * 3_600_000).toISOString());
  c.call('placements.end', { placementId: cc, reason: 'removal' });
  c.clock.set(new Date(Date.parse(T0) + 60 * 3_600_000).toISOString());
});
afterAll(() => c?.close());

describe('the charts’ figures', () => {
  it('counts the people present by regime at each sample, the last one at export', () => {
    const s = populationSeries(viewerDataOf(c));
    expect(s.stepDays).toBe(1);
    expect(s.points.map((p) => [p.at, p.byRegime.forced, p.byRegime.voluntary, p.byRegime.asylum])).toEqual([
      [new Date(Date.parse(T0) + 12 * 3_600_000).toISOString(), 1, 1, 0],
      [new Date(Date.parse(T0) + 36 * 3_600_000).toISOString(), 1, 1, 0],
      [new Date(Date.parse(T0) + 60 * 3_600_000).toISOString(), 0, 1, 0],
    ]);
    expect(s.max).toBe(2);
  });

  it('buckets the stays that ended by basis and length, with medians', () => {
    const s = staysByBasis(viewerDataOf(c));
    expect(s.bases).toEqual(['service_order', 'court_order']);
    const bucket = (key: string) => STAY_BUCKETS.findIndex((b) => b.key === key);
    expect(s.counts['service_order']![bucket('under24h')]).toBe(1);
    expect(s.counts['court_order']![bucket('d1to3')]).toBe(1);
    expect(s.medianHours).toEqual({ service_order: 10, court_order: 50 });
    expect(s.total).toBe(2);
  });
});
