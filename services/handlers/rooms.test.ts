// A room's categories, capacity and floor area over time (migration 0003): the audit of the past and
// the room board at a past instant judge each instant by the room as it stood then.

import { afterEach, describe, expect, it } from 'vitest';
import type { Finding, FindingCode } from '../../domain/findings/types.ts';
import { addHours } from '../../domain/time.ts';
import { admitForced } from '../../test/support/fixtures.ts';
import { createTestCentre, ROLE_USERS, type TestCentre } from '../../test/support/harness.ts';

let c: TestCentre;
afterEach(() => c?.close());

const MEN = { sex: 'male', ageGroup: 'adult', regime: 'forced' } as const;

function define(name: string, room: { capacity?: number; floorAreaM2?: number } = {}): string {
  return c.call('rooms.define', { name, capacity: 2, floorAreaM2: 12, ...MEN, ...room }, 'head').id!;
}

function audit(code: FindingCode, roomId: string): Finding[] {
  return c.call('findings.history', {}, ROLE_USERS.inspector).findings.filter((f) => f.code === code && f.roomId === roomId);
}

function release(placementId: string): void {
  c.call('placements.end', { placementId, reason: 'release' });
}

describe('room categories over time', () => {
  it('a room re-categorised after it was emptied shows no past breach by those who were in it before', () => {
    c = createTestCentre();
    const t0 = c.clock.iso;
    const a1 = define('A1');
    const { placementId } = admitForced(c, {}, a1);
    c.clock.advanceHours(5);
    release(placementId);
    c.clock.advanceHours(1);
    c.call('rooms.update', { roomId: a1, sex: 'female' }, 'head');
    c.clock.advanceHours(1);

    expect(audit('separation.breach', a1)).toEqual([]);
    // The room as it stood while he was in it, and as it is now.
    const board = (at: string) => c.call('register.roomBoard', { at }, ROLE_USERS.inspector).rooms.find((r) => r.roomId === a1)!;
    expect(board(addHours(t0, 1))).toMatchObject({ sex: 'male', occupants: [{ placementId }], conflicts: [] });
    expect(board(c.clock.iso)).toMatchObject({ sex: 'female', occupants: [] });
  });

  it('a breach under the categories then stays a breach after the room is changed to fit the person', () => {
    c = createTestCentre();
    const t0 = c.clock.iso;
    const a1 = define('A1');
    const b1 = c.call('rooms.define', { name: 'B1', capacity: 2, floorAreaM2: 12, ...MEN, sex: 'female' }, 'head').id!;
    const { personId, placementId } = admitForced(c, {}, a1);
    // The record was wrong: she is a woman, and was in the men's room from admission until moved.
    c.clock.advanceHours(1);
    c.call('persons.correct', { personId, changes: { sex: 'female' }, reason: 'sex recorded wrongly at registration' });
    c.clock.advanceHours(2);
    c.call('rooms.assign', { placementId, roomId: b1 }, ROLE_USERS.duty);
    c.clock.advanceHours(1);
    c.call('rooms.update', { roomId: a1, sex: 'female' }, 'head');

    const [breach, ...rest] = audit('separation.breach', a1);
    expect(rest).toEqual([]);
    expect(breach).toMatchObject({ personIds: [personId], from: t0, to: addHours(t0, 3), params: { reasons: 'separation.sex' } });
    expect(audit('separation.breach', b1)).toEqual([]);
    // Evidence: the entry that defined A1 as a men's room, not the change that came after.
    const defined = c.db.prepare("SELECT seq FROM journal WHERE type = 'room.defined' AND json_extract(payload, '$.roomId') = ?").pluck().get(a1) as number;
    const changed = c.db.prepare("SELECT seq FROM journal WHERE type = 'room.updated'").pluck().get() as number;
    expect(breach!.evidence).toContain(defined);
    expect(breach!.evidence).not.toContain(changed);
  });

  it('over capacity and floor area are judged by the capacity and floor area then', () => {
    c = createTestCentre();
    const t0 = c.clock.iso;
    const z1 = define('Z1', { capacity: 2, floorAreaM2: 12 });
    const other = define('Z2', { capacity: 4, floorAreaM2: 40 });
    const first = admitForced(c, { familyName: 'One' }, z1);
    admitForced(c, { familyName: 'Two' }, z1);
    const third = admitForced(c, { familyName: 'Three' }, other);
    c.clock.advanceHours(1);
    c.call('rooms.assign', { placementId: third.placementId, roomId: z1, acceptOverCapacity: true }, ROLE_USERS.duty);
    c.clock.advanceHours(2);
    release(third.placementId);
    // Then the room is given more beds, and much later fewer than there are people in it.
    c.clock.advanceHours(1);
    c.call('rooms.update', { roomId: z1, capacity: 4, floorAreaM2: 6 }, 'head');
    c.clock.advanceHours(1);
    c.call('rooms.update', { roomId: z1, capacity: 1 }, 'head');
    c.clock.advanceHours(1);
    release(first.placementId);
    c.clock.advanceHours(1);

    expect(audit('room.over_capacity', z1).map((f) => [f.from, f.to, f.params['capacity'], f.params['occupants']])).toEqual([
      [addHours(t0, 1), addHours(t0, 3), 2, 3],
      [addHours(t0, 5), addHours(t0, 6), 1, 2],
    ]);
    // 12 m² for three was 4 m² each, enough; 6 m² for two from the change on is not.
    expect(audit('room.floor_area', z1).map((f) => [f.from, f.to, f.params['floorAreaM2']])).toEqual([[addHours(t0, 4), addHours(t0, 6), 6]]);
    const board = c.call('register.roomBoard', { at: addHours(t0, 2) }, ROLE_USERS.inspector).rooms.find((r) => r.roomId === z1)!;
    expect(board).toMatchObject({ capacity: 2, floorAreaM2: 12, m2PerPerson: 4 });
    expect(board.occupants).toHaveLength(3);
  });

  it('a room change may not be recorded before the last one, and the refusal changes nothing', () => {
    c = createTestCentre();
    const t0 = c.clock.iso;
    const a1 = define('A1');
    c.clock.advanceHours(3);
    c.call('rooms.update', { roomId: a1, capacity: 3, at: addHours(t0, 2) }, 'head');
    const before = c.db.prepare('SELECT count(*) FROM journal').pluck().get();
    const err = c.refuse('rooms.update', { roomId: a1, capacity: 4, at: addHours(t0, 1) }, 'head');
    expect(err.reasons.map((r) => [r.code, r.params])).toEqual([['room.before_last_change', { changedAt: addHours(t0, 2) }]]);
    expect(c.db.prepare('SELECT count(*) FROM journal').pluck().get()).toBe(before);
    // At the same instant as the last change, or later, it may.
    c.call('rooms.update', { roomId: a1, capacity: 4, at: addHours(t0, 2) }, 'head');
    expect(c.db.prepare('SELECT capacity, from_time FROM room_versions WHERE room_id = ? ORDER BY seq').raw().all(a1)).toEqual([
      [2, t0],
      [3, addHours(t0, 2)],
      [4, addHours(t0, 2)],
    ]);
  });
});
