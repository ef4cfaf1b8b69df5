import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCentre, type TestCentre } from '../test/support/harness.ts';
import { admitForced, defineRooms } from '../test/support/fixtures.ts';

let c: TestCentre;
beforeEach(() => {
  c = createTestCentre();
});
afterEach(() => c.close());

describe('smoke', () => {
  it('admits a forced person on a 24 h order and computes the deadline', () => {
    const rooms = defineRooms(c);
    const { deadline, placementId } = admitForced(c, {}, rooms.menForced);
    expect(deadline).toBe('2026-03-03T08:00:00.000Z');
    const pop = c.call('register.population', {});
    expect(pop.total).toBe(1);
    expect(pop.rows[0]!.placementId).toBe(placementId);
    expect(pop.rows[0]!.roomName).toBe('A1');
    const v = c.call('journal.verify', {});
    expect(v.ok).toBe(true);
  });
});
