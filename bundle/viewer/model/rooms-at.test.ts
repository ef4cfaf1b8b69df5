// Rooms at any instant, from the replayed journal: who was where then, the room as it was then, and
// who broke separation (a man whose birth date, corrected later, shows he is a minor in an adults'
// room until he is moved), beds over capacity and m² per person.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admitForced, defineRooms, type Rooms } from '../../../test/support/fixtures.ts';
import { createTestCentre, ROLE_USERS, type TestCentre } from '../../../test/support/harness.ts';
import { viewerDataOf } from '../../../test/support/viewer-data.ts';
import type { ViewerData } from './data.ts';
import { roomVersions } from './room-versions.ts';
import { roomsAt } from './rooms-at.ts';

let c: TestCentre;
let rooms: Rooms;
let data: ViewerData;
const t: Record<string, string> = {};
let anvar = '';
let bekzod = '';
let third = '';

beforeAll(() => {
  c = createTestCentre();
  rooms = defineRooms(c);
  t['before'] = c.clock.iso;
  c.clock.advanceHours(1);
  const first = admitForced(c, { familyName: 'Karimov', givenNames: 'Anvar' }, rooms.menForced);
  anvar = first.personId;
  bekzod = admitForced(c, { familyName: 'Tursunov', givenNames: 'Bekzod' }, rooms.menForced).personId;
  c.clock.advanceHours(2);
  t['both'] = c.clock.iso;
  c.clock.advanceHours(1);
  c.call('persons.correct', { personId: anvar, changes: { birthDate: '2010-01-01' }, reason: 'passport from the consulate' });
  c.clock.advanceHours(1);
  c.call('rooms.assign', { placementId: first.placementId, roomId: rooms.minorsForcedMale }, ROLE_USERS.duty);
  c.clock.advanceHours(1);
  t['moved'] = c.clock.iso;
  c.clock.advanceHours(1);
  c.call('rooms.update', { roomId: rooms.menVoluntary, name: 'V1 (new wing)', capacity: 6 }, 'head');
  third = admitForced(c, { familyName: 'Yusupov', givenNames: 'Ilhom' }, rooms.menForced).personId;
  for (const familyName of ['Saidov', 'Rakhimov']) {
    const { placementId } = admitForced(c, { familyName, givenNames: 'Rustam' });
    c.call('rooms.assign', { placementId, roomId: rooms.menForced, acceptOverCapacity: true }, ROLE_USERS.duty);
  }
  c.clock.advanceHours(1);
  t['after'] = c.clock.iso;
  data = viewerDataOf(c);
});
afterAll(() => c?.close());

const room = (at: string, name: string) => roomsAt(data, roomVersions(data.journal!), at).rooms.find((r) => r.room.name === name || r.room.name.startsWith(`${name} `));

describe('rooms at an instant', () => {
  it('shows nobody before the first admission', () => {
    expect(room(t['before']!, 'A1')!.occupants).toEqual([]);
  });

  it('shows a minor in an adults’ room as a separation breach while he was there, with m² per person', () => {
    const a1 = room(t['both']!, 'A1')!;
    expect(a1.occupants.map((o) => o.personId).sort()).toEqual([anvar, bekzod].sort());
    expect(a1.occupants.find((o) => o.personId === anvar)!.ageGroup).toBe('minor');
    expect(a1.conflicts).toEqual([{ personId: anvar, reasons: [expect.objectContaining({ code: 'separation.age_group' })] }]);
    expect(a1.m2PerPerson).toBe(6);
    expect(room(t['both']!, 'C1')!.occupants).toEqual([]);
  });

  it('shows him in the minors’ room after the move, and nobody mixed', () => {
    const view = roomsAt(data, roomVersions(data.journal!), t['moved']!);
    expect(view.rooms.find((r) => r.room.name === 'C1')!.occupants.map((o) => o.personId)).toEqual([anvar]);
    expect(view.rooms.find((r) => r.room.name === 'A1')!.occupants.map((o) => o.personId)).toEqual([bekzod]);
    expect(view.rooms.every((r) => r.conflicts.length === 0)).toBe(true);
  });

  it('gives a room as it was then: name and beds before and after a change', () => {
    expect(room(t['moved']!, 'V1')!.room).toMatchObject({ name: 'V1', capacity: 4 });
    expect(room(t['after']!, 'V1')!.room).toMatchObject({ name: 'V1 (new wing)', capacity: 6 });
  });

  it('flags a room over capacity and under the minimum floor area', () => {
    const a1 = room(t['after']!, 'A1')!;
    expect(a1.occupants.map((o) => o.personId)).toContain(third);
    expect(a1.occupants).toHaveLength(4);
    expect(a1.overCapacity).toBe(true);
    expect(a1.m2PerPerson).toBe(3);
    expect(a1.crowded).toBe(true); // 12 m² for 4 is 3 m² each: under the profile's minimum of 4
    expect(room(t['moved']!, 'A1')!).toMatchObject({ overCapacity: false, crowded: false });
    expect(roomsAt(data, roomVersions(data.journal!), t['both']!).unassigned).toEqual([]);
  });
});
