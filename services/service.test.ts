import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCentre, ROLE_USERS, type TestCentre } from '../test/support/harness.ts';
import { admissionRecord, admitForced, defineRooms, personInput, serviceOrder } from '../test/support/fixtures.ts';
import { toIso } from '../domain/time.ts';
import { ApiError } from './errors.ts';

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

describe('a batch decides on what its earlier calls wrote', () => {
  // Decision reads keep the placement, person and room rows for the length of a transaction; each
  // case below reads a row, changes it, and reads it again in the same batch: a kept row that was not
  // dropped on the write would let the last call through.
  const reg = { username: 'reg' };

  /** The codes of the reasons a batch was refused with. */
  function refusal(calls: { method: string; input: unknown }[], as = reg): string[] {
    try {
      c.service.batch(calls, as);
    } catch (err) {
      if (err instanceof ApiError) return err.reasons.map((r) => r.code);
      throw err;
    }
    throw new Error('expected the batch to be refused');
  }

  it('a right recorded after the placement ended, in the same batch, is refused', () => {
    const rooms = defineRooms(c);
    const { placementId } = admitForced(c, {}, rooms.menForced);
    const before = c.call('journal.head', {});
    c.clock.advanceHours(1);
    const endedAt = toIso(c.clock.ms - 30 * 60_000);
    expect(
      refusal([
        { method: 'rights.record', input: { placementId, right: 'lawyer', state: 'offered', at: endedAt } },
        { method: 'placements.end', input: { placementId, reason: 'release', at: endedAt } },
        { method: 'rights.record', input: { placementId, right: 'call_unhcr', state: 'offered' } },
      ]),
    ).toEqual(['placement.ended']);
    expect(c.call('journal.head', {})).toEqual(before);
  });

  it('a second exit without a return, in the same batch, is refused', () => {
    const rooms = defineRooms(c);
    const personId = c.call('persons.register', personInput()).id!;
    const placementId = c.call('placements.admit', { personId, kind: 'voluntary', admission: admissionRecord(false), roomId: rooms.menVoluntary }).id;
    c.clock.advanceHours(1);
    const exit = { method: 'movements.record', input: { placementId, direction: 'exit', purpose: 'shopping' } };
    expect(refusal([exit, exit])).toEqual(['movement.already_out']);
    expect(c.service.batch([exit, { method: 'movements.record', input: { placementId, direction: 'return' } }], reg)).toHaveLength(2);
  });

  it('a person recognised as a refugee earlier in the batch cannot then be forced into detention', () => {
    const personId = c.call('persons.register', personInput()).id!;
    const admit = { personId, kind: 'forced' as const, order: serviceOrder(c.clock.iso), admission: admissionRecord(true) };
    expect(c.call('placements.check', admit)).toMatchObject({ ok: true });
    expect(
      refusal([
        { method: 'placements.check', input: admit },
        { method: 'persons.setStatus', input: { personId, status: 'refugee', reason: 'recognised by the Service' } },
        { method: 'placements.admit', input: admit },
      ]),
    ).toContain('forced.status_never_forced');
  });

  it('a room retired earlier in the batch takes nobody in', () => {
    const rooms = defineRooms(c);
    const { personId, placementId } = admitForced(c);
    const head = { username: 'head' };
    expect(
      refusal(
        [
          // A dry run that reads the room as it is (in use), then the room retired, then a move into it.
          { method: 'placements.check', input: { personId, kind: 'forced', admission: admissionRecord(true), roomId: rooms.menForced } },
          { method: 'rooms.update', input: { roomId: rooms.menForced, retired: true } },
          { method: 'rooms.assign', input: { placementId, roomId: rooms.menForced } },
        ],
        head,
      ),
    ).toEqual(['room.retired']);
  });
});

describe('dates that do not exist', () => {
  it('a visit on 29 February 2026 is refused naming the field, not stored as 1 March, and nothing is written', () => {
    const before = c.call('journal.head', {});
    const visit = { body: 'npm' as const, inspectors: ['X'], startedAt: '2026-02-29T07:00:00Z', note: '' };
    let reasons: { code: string; field?: string }[] = [];
    try {
      c.call('inspections.recordVisit', visit, ROLE_USERS.head);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      reasons = err.reasons;
    }
    expect(reasons.map((r) => [r.code, r.field])).toEqual([['input.invalid', 'startedAt']]);
    expect(c.call('journal.head', {})).toEqual(before);
  });
});
