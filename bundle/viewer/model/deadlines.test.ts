// Deadlines at export: forced placements present then, by time left (overdue first), as the app's
// deadlines screen gives them; voluntary and ended stays are not listed.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admissionRecord, courtOrder, defineRooms, personInput, serviceOrder } from '../../../test/support/fixtures.ts';
import { createTestCentre, type TestCentre } from '../../../test/support/harness.ts';
import { viewerDataOf } from '../../../test/support/viewer-data.ts';
import { HOUR_MS } from '../../../domain/time.ts';
import { deadlinesAt } from './deadlines.ts';

let c: TestCentre;
beforeAll(() => {
  c = createTestCentre();
  const rooms = defineRooms(c);
  const admit = (familyName: string, order: ReturnType<typeof serviceOrder> | null, roomId: string | null = rooms.menForced) => {
    const personId = c.call('persons.register', personInput({ familyName })).id!;
    return c.call('placements.admit', {
      personId,
      kind: order ? 'forced' : 'voluntary',
      ...(order ? { order } : {}),
      admission: admissionRecord(order !== null),
      ...(order ? (roomId ? { roomId } : {}) : { roomId: rooms.menVoluntary }),
    }).id;
  };
  admit('Service', serviceOrder(c.clock.iso));
  admit('Court', courtOrder(c.clock.iso, 72));
  admit('Volunteer', null);
  const gone = admit('Released', serviceOrder(c.clock.iso), null);
  c.clock.advanceHours(2);
  c.call('placements.end', { placementId: gone, reason: 'release' });
  c.clock.advanceHours(28);
});
afterAll(() => c?.close());

describe('deadlines at export', () => {
  it('lists forced placements present, overdue first, with time left and room', () => {
    const rows = deadlinesAt(viewerDataOf(c));
    expect(rows.map((r) => [r.name.split(',')[0], r.basis, r.urgency])).toEqual([
      ['Service', 'service_order', 'overdue'],
      ['Court', 'court_order', 'within_72h'],
    ]);
    expect(rows[0]!.msLeft).toBe(-6 * HOUR_MS);
    expect(rows[1]!.msLeft).toBe(42 * HOUR_MS);
    expect(rows[0]!.roomName).toBe('A1');
  });
});
