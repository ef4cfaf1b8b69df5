// Follow-up of interviewees: register numbers read from the inspector's own list, and for each person
// only what happened after the last visit — a measure before it is not shown, an isolation, a room
// move, a complaint and a transfer after it are, oldest first.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admitForced, defineRooms } from '../../../test/support/fixtures.ts';
import { createTestCentre, ROLE_USERS, type TestCentre } from '../../../test/support/harness.ts';
import { viewerDataOf } from '../../../test/support/viewer-data.ts';
import type { ViewerData } from './data.ts';
import { followUp, MAX_IDS, parseIdList } from './follow-up.ts';

describe('the interviewees list', () => {
  it('reads register numbers separated by commas, semicolons, spaces or lines, once each', () => {
    expect(parseIdList('P1, P2;P3\nP2  "P4"\r\n')).toEqual({ ids: ['P1', 'P2', 'P3', 'P4'], rejected: [] });
  });

  it('sets aside what cannot be a register number, and reads at most MAX_IDS', () => {
    const r = parseIdList('P1 <img src=x onerror=alert(1)> P2');
    expect(r.ids).toEqual(['P1', 'P2']);
    expect(r.rejected).toEqual(['<img', 'src=x', 'onerror=alert(1)>']);
    expect(parseIdList(Array.from({ length: MAX_IDS + 50 }, (_, i) => `P${i}`).join(' ')).ids).toHaveLength(MAX_IDS);
  });
});

describe('what happened to them since the last visit', () => {
  let c: TestCentre;
  let data: ViewerData;
  let since = '';
  let karimov = '';
  let quiet = '';
  beforeAll(() => {
    c = createTestCentre();
    const rooms = defineRooms(c);
    const a = admitForced(c, { familyName: 'Karimov', familyGroup: 'KARIMOV' }, rooms.menForced);
    karimov = a.personId;
    quiet = admitForced(c, { familyName: 'Tursunov' }, rooms.menForced).personId;
    c.clock.advanceHours(1);
    c.call('measures.start', { placementId: a.placementId, kind: 'disciplinary', measure: 'no yard time', reason: 'before the visit', authorisedBy: 'Head' }, 'head');
    c.clock.advanceHours(1);
    since = c.clock.iso; // the last visit's bundle
    c.clock.advanceHours(1);
    c.call('measures.start', { placementId: a.placementId, kind: 'isolation', measure: 'separate cell', reason: 'after the visit' }, ROLE_USERS.duty);
    c.clock.advanceHours(1);
    c.call('rooms.assign', { placementId: a.placementId, roomId: rooms.familyForced }, ROLE_USERS.duty);
    c.clock.advanceHours(1);
    c.call('rights.record', { placementId: a.placementId, right: 'complaint', state: 'exercised', detail: 'about the isolation' });
    c.clock.advanceHours(1);
    c.call('placements.end', { placementId: a.placementId, reason: 'transfer', destination: 'Another centre' });
    c.clock.advanceHours(1);
    data = viewerDataOf(c);
  });
  afterAll(() => c?.close());

  it('lists isolation, room move, complaint and transfer after the visit, not the measure before it', () => {
    const f = followUp(data, [karimov, quiet, 'P99999'], since);
    const k = f.people.find((p) => p.personId === karimov)!;
    expect(k.events.map((e) => e.kind)).toEqual(['isolation', 'room_move', 'complaint', 'transfer']);
    expect(k.events[0]!.measure!.reason).toBe('after the visit');
    expect(k.events.some((e) => e.measure?.reason === 'before the visit')).toBe(false);
    expect(k.events[1]).toMatchObject({ fromRoom: 'A1', toRoom: 'F2' });
    expect(f.people.find((p) => p.personId === quiet)!.events).toEqual([]);
    expect(f.unknown).toEqual(['P99999']);
  });

  it('shows the earlier measure when the date is before it', () => {
    const f = followUp(data, [karimov], '2026-01-01T00:00:00.000Z');
    expect(f.people[0]!.events.map((e) => e.kind)).toEqual(['disciplinary', 'isolation', 'room_move', 'complaint', 'transfer']);
  });
});
