import { describe, expect, it } from 'vitest';
import { ageGroupAt } from '../age.ts';
import { regimeOf, separationConflicts, type OccupantCategories } from '../separation.ts';
import { toMs } from '../time.ts';
import { computeFindings } from './engine.ts';
import { assignment, h, hMs, input, person, placement, room, T0, ZONE } from './facts.ts';
import { roomFindings } from './rooms.ts';
import type { AssignmentFacts, Finding, FindingCode, FindingsInput, PlacementFacts, RoomFacts, RoomVersionFacts } from './types.ts';

const codes = (fs: Finding[], code: FindingCode) => fs.filter((f) => f.code === code);

function setup(r: RoomFacts, people: PlacementFacts[], extra: Parameters<typeof input>[0] = {}): FindingsInput {
  return input({ rooms: [r], placements: people, assignments: people.map((p) => assignment(p, { roomId: r.roomId })), ...extra });
}

describe('separation.breach', () => {
  it('a woman in a men’s room', () => {
    const man = placement({ person: person({ personId: 'm' }) });
    const woman = placement({ person: person({ personId: 'w', sex: 'female' }) });
    const r = room();
    const data = setup(r, [man, woman]);
    const fs = codes(computeFindings(data), 'separation.breach');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({
      severity: 'critical',
      personIds: ['w'],
      placementIds: [woman.placementId],
      roomId: 'room-1',
      from: T0,
      to: null,
      params: { roomName: 'A-101', reasons: 'separation.sex', assignedBy: 'officer-1' },
    });
    const womanAssignment = data.assignments.seq[data.assignments.placementId.indexOf(woman.placementId)]!;
    expect(fs[0]!.evidence).toEqual([r.seq, womanAssignment].sort((a, b) => a - b));
  });

  it('a minor in an adults’ room, and an adult in a minors’ room', () => {
    const minor = placement({ person: person({ personId: 'kid', birthDate: '2009-01-01' }) });
    const fs = codes(computeFindings(setup(room(), [minor])), 'separation.breach');
    expect(fs.map((f) => f.params['reasons'])).toEqual(['separation.age_group']);
    const adult = placement();
    const minorsRoom = room({ ageGroup: 'minor' });
    expect(codes(computeFindings(setup(minorsRoom, [adult])), 'separation.breach')).toHaveLength(1);
  });

  it('a forced person in a voluntary room; an asylum seeker staying voluntarily belongs in asylum premises', () => {
    const forced = placement({ person: person({ personId: 'f' }) });
    const fs = codes(computeFindings(setup(room({ regime: 'voluntary' }), [forced])), 'separation.breach');
    expect(fs.map((f) => f.params['reasons'])).toEqual(['separation.regime']);
    const seeker = placement({ kind: 'voluntary', orders: [], person: person({ personId: 's', status: 'asylum_seeker' }) });
    expect(codes(computeFindings(setup(room({ regime: 'asylum' }), [seeker])), 'separation.breach')).toEqual([]);
    expect(codes(computeFindings(setup(room({ regime: 'voluntary' }), [seeker])), 'separation.breach')).toHaveLength(1);
  });

  it('a voluntary resident is judged by the status in force at each instant, not by a later one', () => {
    const voluntaryRoom = room({ regime: 'voluntary' });
    const history = [
      { status: 'irregular_migrant' as const, atMs: hMs(-1), seq: 1 },
      { status: 'asylum_seeker' as const, atMs: hMs(30), seq: 2 },
    ];
    // Stayed from 0 to 10 h; claimed asylum at 30 h, long after leaving: the past stay was no breach.
    const left = placement({ kind: 'voluntary', orders: [], endedMs: hMs(10), person: person({ personId: 'left', status: 'asylum_seeker', statusHistory: history }) });
    const audit = (p: PlacementFacts) => codes(computeFindings(setup(voluntaryRoom, [p], { mode: 'history', at: h(40) })), 'separation.breach');
    expect(audit(left)).toEqual([]);
    // Still there when the claim was made: in breach from then on (asylum seekers stay in asylum premises).
    const stayed = placement({ kind: 'voluntary', orders: [], person: person({ personId: 'stayed', status: 'asylum_seeker', statusHistory: history }) });
    const [breach] = audit(stayed);
    expect(breach).toMatchObject({ from: h(30), to: null, params: { reasons: 'separation.regime' } });
    // Judged at an instant before the claim, the stay is no breach either.
    expect(codes(computeFindings(setup(voluntaryRoom, [stayed], { at: h(20) })), 'separation.breach')).toEqual([]);
  });

  it('a family room with one family is fine; with two families everyone is in breach', () => {
    const familyRoom = room({ family: true, sex: null, ageGroup: null, regime: 'voluntary' });
    const member = (id: string, family: string, sex: 'male' | 'female', birthDate: string) =>
      placement({ kind: 'voluntary', orders: [], person: person({ personId: id, familyGroup: family, sex, birthDate }) });
    const one = [member('mother', 'F1', 'female', '1990-01-01'), member('son', 'F1', 'male', '2015-01-01')];
    expect(codes(computeFindings(setup(familyRoom, one)), 'separation.breach')).toEqual([]);

    const stranger = member('stranger', 'F2', 'male', '1980-01-01');
    const data = setup(familyRoom, [...one, stranger]);
    const fs = codes(computeFindings(data), 'separation.breach');
    expect(fs.map((f) => f.personIds[0]).sort()).toEqual(['mother', 'son', 'stranger']);
    expect(new Set(fs.map((f) => f.params['reasons']))).toEqual(new Set(['separation.family_room_other_family']));
    // The stranger's finding names the other family's assignment as evidence.
    const strangerFinding = fs.find((f) => f.personIds[0] === 'stranger')!;
    const mother = one.find((p) => p.personId === 'mother')!;
    expect(strangerFinding.evidence).toContain(data.assignments.seq[data.assignments.placementId.indexOf(mother.placementId)]);
  });

  it('history: the interval and who assigned; the current state no longer shows it', () => {
    const woman = placement({ person: person({ personId: 'w', sex: 'female' }) });
    const wrong = assignment(woman, { fromMs: hMs(1), untilMs: hMs(5), actor: 'officer-7' });
    const right = assignment(woman, { roomId: 'room-w', fromMs: hMs(5) });
    const data = input({
      mode: 'history',
      at: h(10),
      rooms: [room(), room({ roomId: 'room-w', name: 'B-2', sex: 'female' })],
      placements: [woman],
      assignments: [wrong, right],
    });
    const fs = codes(computeFindings(data), 'separation.breach');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ from: h(1), to: h(5), params: { roomName: 'A-101', assignedBy: 'officer-7' } });
    expect(fs[0]!.evidence).toContain(wrong.seq);
    expect(codes(computeFindings({ ...data, mode: 'current' }), 'separation.breach')).toEqual([]);
  });

  it('history: moved out and straight back in is one unbroken breach', () => {
    const woman = placement({ person: person({ personId: 'w', sex: 'female' }) });
    const first = assignment(woman, { fromMs: hMs(1), untilMs: hMs(3), actor: 'officer-1' });
    const second = assignment(woman, { fromMs: hMs(3), untilMs: hMs(6), actor: 'officer-2' });
    const fs = codes(
      computeFindings(input({ mode: 'history', at: h(10), rooms: [room()], placements: [woman], assignments: [first, second] })),
      'separation.breach',
    );
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ from: h(1), to: h(6), params: { assignedBy: 'officer-1,officer-2' } });
  });

  it('a minor in an adults’ room stops being a breach when they come of age (local midnight)', () => {
    // Turns 18 on 4 March 2026 in Baku: 2026-03-03T20:00Z.
    const teen = placement({ person: person({ personId: 't', birthDate: '2008-03-04' }) });
    const data = setup(room(), [teen], { mode: 'history', at: h(100) });
    const fs = codes(computeFindings(data), 'separation.breach');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ from: T0, to: '2026-03-03T20:00:00.000Z' });
    // In a minors' room it is the other way round.
    const minorsRoom = codes(computeFindings(setup(room({ ageGroup: 'minor' }), [teen], { mode: 'history', at: h(100) })), 'separation.breach');
    expect(minorsRoom).toHaveLength(1);
    expect(minorsRoom[0]).toMatchObject({ from: '2026-03-03T20:00:00.000Z', to: null });
  });

  it('assignments after the instant of the check, or of unknown placements, are not facts', () => {
    const woman = placement({ person: person({ personId: 'w', sex: 'female' }) });
    const later = assignment(woman, { fromMs: hMs(5) });
    const stranger = { ...assignment(woman), placementId: 'unknown' };
    const data = input({ at: h(4), rooms: [room()], placements: [woman], assignments: [later, stranger] });
    expect(computeFindings(data).filter((f) => f.roomId)).toEqual([]);
  });
});

describe('room.over_capacity and room.floor_area', () => {
  const people = (n: number) => Array.from({ length: n }, (_, i) => placement({ person: person({ personId: `p${i}` }) }));

  it('more occupants than the capacity', () => {
    const fs = computeFindings(setup(room({ capacity: 2, floorAreaM2: 30 }), people(3)));
    expect(codes(fs, 'room.over_capacity')).toHaveLength(1);
    expect(codes(fs, 'room.over_capacity')[0]).toMatchObject({
      severity: 'high',
      roomId: 'room-1',
      to: null,
      params: { roomName: 'A-101', capacity: 2, occupants: 3 },
    });
    expect(codes(fs, 'room.floor_area')).toEqual([]);
    expect(codes(computeFindings(setup(room({ capacity: 3, floorAreaM2: 30 }), people(3))), 'room.over_capacity')).toEqual([]);
  });

  it('less floor area per person than the profile allows', () => {
    const fs = computeFindings(setup(room({ capacity: 4, floorAreaM2: 10 }), people(3)));
    expect(codes(fs, 'room.floor_area')).toHaveLength(1);
    expect(codes(fs, 'room.floor_area')[0]).toMatchObject({
      severity: 'medium',
      params: { floorAreaM2: 10, occupants: 3, areaPerPersonM2: 3.33, minAreaPerPersonM2: 4 },
    });
    expect(codes(computeFindings(setup(room({ capacity: 4, floorAreaM2: 12 }), people(3))), 'room.floor_area')).toEqual([]);
    expect(computeFindings(input({ rooms: [room({ floorAreaM2: 1 })] }))).toEqual([]);
  });

  it('history: over capacity until someone leaves', () => {
    const [a, b, c] = people(3) as [PlacementFacts, PlacementFacts, PlacementFacts];
    const assignments: AssignmentFacts[] = [
      assignment(a, { fromMs: hMs(0) }),
      assignment(b, { fromMs: hMs(1) }),
      assignment(c, { fromMs: hMs(2), untilMs: hMs(5) }),
    ];
    const fs = computeFindings(
      input({ mode: 'history', at: h(10), rooms: [room({ capacity: 2 })], placements: [a, b, c], assignments }),
    );
    expect(codes(fs, 'room.over_capacity')).toHaveLength(1);
    expect(codes(fs, 'room.over_capacity')[0]).toMatchObject({ from: h(2), to: h(5) });
    expect(codes(fs, 'room.over_capacity')[0]!.evidence).toEqual(expect.arrayContaining(assignments.map((x) => x.seq)));
  });
});

describe('the sweep agrees with a check at every instant', () => {
  // A deterministic pseudo-random history; at sample instants, the open breaches the sweep reports
  // must be exactly the conflicts separationConflicts finds over the occupants at that instant.
  function rng(seed: number) {
    let s = seed;
    return () => {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      return s / 2 ** 31;
    };
  }

  const fixedRooms = () => [
    room({ roomId: 'r1', sex: 'male', ageGroup: 'adult', regime: 'forced' }),
    room({ roomId: 'r2', sex: 'female', ageGroup: 'adult', regime: 'voluntary' }),
    room({ roomId: 'r3', sex: 'male', ageGroup: 'minor', regime: 'forced' }),
    room({ roomId: 'r4', family: true, sex: null, ageGroup: null, regime: 'voluntary' }),
  ];
  // The same rooms, re-categorised now and then (while people are in them: the audit must cope).
  const changingRooms = () => {
    const v = (hour: number, c: Partial<RoomVersionFacts>): RoomVersionFacts => ({
      capacity: 4, floorAreaM2: 20, sex: 'male', ageGroup: 'adult', regime: 'forced', family: false, fromMs: hMs(hour), seq: 5000 + hour, ...c,
    });
    return fixedRooms().map((r, i) => {
      const history = [
        v(0, { sex: r.sex, ageGroup: r.ageGroup, regime: r.regime, family: r.family }),
        v(37 + i, { sex: 'female', ageGroup: 'adult', regime: 'voluntary' }),
        v(90, { family: true, sex: null, ageGroup: null, regime: i % 2 ? 'forced' : 'voluntary' }),
        v(90.5, { family: true, sex: null, ageGroup: null, regime: 'voluntary' }),
        v(151 - i, { sex: 'male', ageGroup: i % 2 ? 'minor' : 'adult', regime: 'forced' }),
      ];
      // The room as it is now (the last version): what the audit must not read back into the past.
      return { ...r, ...history[history.length - 1], history };
    });
  };

  const cases: [string, () => RoomFacts[]][] = [
    ['on a random history', fixedRooms],
    ['on a random history of rooms that change', changingRooms],
  ];
  it.each(cases)('%s', (_, makeRooms) => {
    const rand = rng(42);
    const rooms = makeRooms();
    const inForce = (r: RoomFacts, t: string): RoomFacts => {
      const v = r.history?.filter((x, i) => i === 0 || x.fromMs <= toMs(t)).at(-1);
      return v ? { ...r, ...v } : r;
    };
    const placements: PlacementFacts[] = [];
    const assignments: AssignmentFacts[] = [];
    for (let i = 0; i < 60; i++) {
      const kind = rand() < 0.5 ? 'forced' : 'voluntary';
      const p = placement({
        kind,
        orders: [],
        person: person({
          personId: `p${i}`,
          sex: rand() < 0.5 ? 'male' : 'female',
          birthDate: rand() < 0.3 ? `2008-03-0${1 + Math.floor(rand() * 9)}` : '1990-01-01',
          familyGroup: rand() < 0.5 ? `F${Math.floor(rand() * 3)}` : null,
        }),
      });
      placements.push(p);
      let t = Math.floor(rand() * 48);
      while (t < 200) {
        const len = 1 + Math.floor(rand() * 60);
        const roomId = rooms[Math.floor(rand() * rooms.length)]!.roomId;
        const open = t + len >= 200;
        assignments.push(assignment(p, { roomId, fromMs: hMs(t), untilMs: open ? null : hMs(t + len), actor: `o${i % 3}` }));
        t += len + (rand() < 0.3 ? Math.floor(rand() * 5) : 0);
      }
    }
    const at = h(200);
    const fs = codes(roomFindings(input({ mode: 'history', at, rooms, placements, assignments })), 'separation.breach');
    expect(fs.length).toBeGreaterThan(20);
    const reasons = new Set(fs.flatMap((f) => String(f.params['reasons']).split(',')));
    expect([...reasons].sort()).toEqual(
      expect.arrayContaining(['separation.age_group', 'separation.family_room_other_family', 'separation.regime', 'separation.sex']),
    );
    const byId = new Map(placements.map((p) => [p.placementId, p]));

    for (let hour = 0; hour < 200; hour += 0.5) {
      const t = h(hour);
      for (const r of rooms) {
        const occupants: OccupantCategories[] = assignments
          .filter((a) => a.roomId === r.roomId && a.fromMs <= toMs(t) && (a.untilMs === null || a.untilMs > toMs(t)))
          .map((a) => {
            const p = byId.get(a.placementId)!;
            return {
              personId: p.personId,
              placementId: p.placementId,
              sex: p.person.sex,
              ageGroup: ageGroupAt(p.person, t, input().profile, ZONE),
              regime: regimeOf(p.kind, p.person.status),
              familyGroup: p.person.familyGroup,
            };
          });
        const expected = separationConflicts(inForce(r, t), occupants).map((c) => c.personId).sort();
        const actual = fs
          .filter((f) => f.roomId === r.roomId && toMs(f.from) <= toMs(t) && (f.to === null || toMs(f.to) > toMs(t)))
          .map((f) => f.personIds[0]!)
          .sort();
        expect(actual, `room ${r.roomId} at ${t}`).toEqual(expected);
      }
    }
  });
});
