// Rooms: separation (art. 84.3), capacity and floor area, over time.
//
// One sweep per room: its assignments become start and end events, sorted once, and an active set
// is kept while walking them; the room is re-checked at every instant its occupancy changes. The
// whole audit is O(n log n) in the number of assignments.
//
// What is re-checked at a change point:
// - in a room that is not a family room, an occupant's conflicts depend only on their own categories
//   (occupantConflicts ignores the others there), so only the occupants who arrived (or came of age)
//   are checked; an arrival never changes anyone else's standing;
// - in a family room, anyone's standing depends on everyone else, so the whole room is re-checked
//   (family rooms hold one family, a handful of people).
//
// Simplifications, documented because an audit reader may ask:
// - Categories are the person's current facts (sex, status, family group, age evidence): the
//   projections keep no history of them. Only age moves with time: besides occupancy changes, the
//   room is re-checked at the instant an occupant comes of age (a minor turning 18 in an adults'
//   room ends that breach then; a minor in a minors' room starts one).
// - In the current state the db gives the assignments of present placements only, so the `from` of
//   an open room finding is as early as those assignments show (people who left are not seen).

import { separationConflicts, regimeOf, type OccupantCategories, type SeparationConflict } from '../separation.ts';

import { comingOfAgeWithin, isMinorAtMs } from './ages.ts';
import { endMs, finding, makeContext, ms, type RuleContext } from './context.ts';
import type { AssignmentFacts, Finding, FindingsInput, PlacementFacts, RoomFacts } from './types.ts';

interface Stay {
  assignment: AssignmentFacts;
  placement: PlacementFacts;
  startMs: number;
  /** Infinity while the assignment runs at `at`. */
  endMs: number;
}

interface OpenBreach {
  fromMs: number;
  codes: Set<string>;
  evidence: Set<number>;
}

interface Occupant {
  stay: Stay;
  categories: OccupantCategories;
  breach: OpenBreach | null;
}

interface Breach {
  room: RoomFacts;
  stay: Stay;
  fromMs: number;
  untilMs: number | null;
  codes: Set<string>;
  evidence: Set<number>;
  actors: Set<string>;
}

interface RoomInterval {
  fromMs: number;
  maxOccupants: number;
  minAreaPerPerson: number;
  evidence: Set<number>;
}

const END = 0;
const START = 1;
const COMING_OF_AGE = 2;

interface RoomEvent {
  t: number;
  kind: typeof END | typeof START | typeof COMING_OF_AGE;
  stay: Stay;
}

/** separation.breach, room.over_capacity and room.floor_area, with their intervals. */
export function roomFindings(input: FindingsInput, ctx: RuleContext = makeContext(input)): Finding[] {
  const stays = staysByRoom(input, ctx);
  const out: Finding[] = [];
  const breaches: Breach[] = [];
  for (const room of input.rooms) {
    const roomStays = stays.get(room.roomId);
    if (!roomStays) continue;
    sweepRoom(room, roomStays, ctx, breaches, out);
  }
  out.push(...mergeBreaches(breaches));
  return out;
}

/** The assignments that are facts at `at`, of known placements, grouped by room. */
function staysByRoom(input: FindingsInput, ctx: RuleContext): Map<string, Stay[]> {
  const byRoom = new Map<string, Stay[]>();
  const stayEnds = new Map<PlacementFacts, number>();
  for (const assignment of input.assignments) {
    const placement = ctx.placementById.get(assignment.placementId);
    if (!placement) continue;
    const startMs = ms(assignment.from);
    if (startMs > ctx.atMs) continue;
    // An assignment left open when the stay ended ends with the stay.
    const ownEnd = endMs(assignment.to, ctx.atMs) ?? Infinity;
    let stayEnd = stayEnds.get(placement);
    if (stayEnd === undefined) stayEnds.set(placement, (stayEnd = endMs(placement.endedAt, ctx.atMs) ?? Infinity));
    const end = Math.min(ownEnd, stayEnd);
    if (end <= startMs) continue;
    let list = byRoom.get(assignment.roomId);
    if (!list) byRoom.set(assignment.roomId, (list = []));
    list.push({ assignment, placement, startMs, endMs: end });
  }
  return byRoom;
}

function categoriesAt(stay: Stay, ms: number, ctx: RuleContext): OccupantCategories {
  const { placement } = stay;
  const person = placement.person;
  return {
    personId: placement.personId,
    placementId: placement.placementId,
    sex: person.sex,
    ageGroup: isMinorAtMs(person, ms, ctx.profile, ctx.timeZone) ? 'minor' : 'adult',
    regime: regimeOf(placement.kind, person.status),
    familyGroup: person.familyGroup,
  };
}

function sweepRoom(room: RoomFacts, stays: Stay[], ctx: RuleContext, breaches: Breach[], out: Finding[]): void {
  const events: RoomEvent[] = [];
  for (const stay of stays) {
    events.push({ t: stay.startMs, kind: START, stay });
    if (stay.endMs !== Infinity) events.push({ t: stay.endMs, kind: END, stay });
    const comingOfAge = comingOfAgeWithin(
      stay.placement.person,
      stay.startMs,
      Math.min(stay.endMs, ctx.atMs + 1),
      ctx.profile,
      ctx.timeZone,
    );
    if (comingOfAge !== null) events.push({ t: comingOfAge, kind: COMING_OF_AGE, stay });
  }
  // Intervals are half-open: at one instant, leavers leave before arrivals arrive.
  events.sort((a, b) => a.t - b.t || a.kind - b.kind);

  const active = new Map<Stay, Occupant>();
  let overCapacity: RoomInterval | null = null;
  let crowded: RoomInterval | null = null;

  const closeBreach = (o: Occupant, t: number | null) => {
    if (!o.breach) return;
    breaches.push({
      room,
      stay: o.stay,
      fromMs: o.breach.fromMs,
      untilMs: t,
      codes: o.breach.codes,
      evidence: o.breach.evidence,
      actors: new Set([o.stay.assignment.actor]),
    });
    o.breach = null;
  };

  const apply = (o: Occupant, conflict: SeparationConflict | undefined, t: number) => {
    if (!conflict) return closeBreach(o, t);
    if (!o.breach) o.breach = { fromMs: t, codes: new Set(), evidence: new Set([room.seq, o.stay.assignment.seq]) };
    for (const r of conflict.reasons) {
      o.breach.codes.add(r.code);
      const other = r.params?.['other'];
      if (typeof other === 'string') {
        for (const x of active.values()) if (x.stay.placement.personId === other) o.breach.evidence.add(x.stay.assignment.seq);
      }
    }
  };

  let i = 0;
  while (i < events.length) {
    const t = events[i]!.t;
    const arrived: Occupant[] = [];
    const recheck: Occupant[] = [];
    let moved = false;
    for (; i < events.length && events[i]!.t === t; i++) {
      const ev = events[i]!;
      if (ev.kind === END) {
        const o = active.get(ev.stay);
        if (!o) continue;
        closeBreach(o, t);
        active.delete(ev.stay);
        moved = true;
      } else if (ev.kind === START) {
        const o: Occupant = { stay: ev.stay, categories: categoriesAt(ev.stay, t, ctx), breach: null };
        active.set(ev.stay, o);
        arrived.push(o);
        moved = true;
      } else {
        const o = active.get(ev.stay);
        if (!o) continue;
        o.categories = categoriesAt(ev.stay, t, ctx);
        recheck.push(o);
      }
    }

    // Separation.
    if (room.family) {
      if (moved || recheck.length) {
        const occupants = [...active.values()];
        const conflicts = separationConflicts(room, occupants.map((o) => o.categories));
        const byKey = new Map(conflicts.map((c) => [`${c.placementId}\u0000${c.personId}`, c]));
        for (const o of occupants) apply(o, byKey.get(`${o.categories.placementId}\u0000${o.categories.personId}`), t);
      }
    } else {
      for (const o of [...arrived, ...recheck]) apply(o, separationConflicts(room, [o.categories])[0], t);
    }

    // Capacity and floor area change only when people come or go.
    if (moved) {
      const count = active.size;
      const area = count > 0 ? room.floorAreaM2 / count : Infinity;
      overCapacity = track(overCapacity, count > room.capacity, t, count, area, active, arrived, (iv) =>
        out.push(capacityFinding(room, iv, t)),
      );
      crowded = track(crowded, count > 0 && area < ctx.profile.minFloorAreaPerPersonM2, t, count, area, active, arrived, (iv) =>
        out.push(floorAreaFinding(room, iv, t, ctx)),
      );
    }
  }

  for (const o of active.values()) closeBreach(o, null);
  if (overCapacity) out.push(capacityFinding(room, overCapacity, null));
  if (crowded) out.push(floorAreaFinding(room, crowded, null, ctx));
}

/** Opens, extends or closes a room interval; `close` receives the interval when it ends at `t`. */
function track(
  interval: RoomInterval | null,
  holds: boolean,
  t: number,
  count: number,
  area: number,
  active: Map<Stay, Occupant>,
  arrived: readonly Occupant[],
  close: (interval: RoomInterval) => void,
): RoomInterval | null {
  if (!holds) {
    if (interval) close(interval);
    return null;
  }
  if (!interval) {
    const evidence = new Set<number>();
    for (const o of active.values()) evidence.add(o.stay.assignment.seq);
    return { fromMs: t, maxOccupants: count, minAreaPerPerson: area, evidence };
  }
  for (const o of arrived) interval.evidence.add(o.stay.assignment.seq);
  interval.maxOccupants = Math.max(interval.maxOccupants, count);
  interval.minAreaPerPerson = Math.min(interval.minAreaPerPerson, area);
  return interval;
}

function capacityFinding(room: RoomFacts, iv: RoomInterval, to: number | null): Finding {
  return finding({
    code: 'room.over_capacity',
    severity: 'high',
    roomId: room.roomId,
    from: iv.fromMs,
    to,
    params: { roomName: room.name, capacity: room.capacity, occupants: iv.maxOccupants },
    evidence: [room.seq, ...iv.evidence],
  });
}

function floorAreaFinding(room: RoomFacts, iv: RoomInterval, to: number | null, ctx: RuleContext): Finding {
  return finding({
    code: 'room.floor_area',
    severity: 'medium',
    roomId: room.roomId,
    from: iv.fromMs,
    to,
    params: {
      roomName: room.name,
      floorAreaM2: room.floorAreaM2,
      occupants: iv.maxOccupants,
      areaPerPersonM2: Math.round(iv.minAreaPerPerson * 100) / 100,
      minAreaPerPersonM2: ctx.profile.minFloorAreaPerPersonM2,
    },
    evidence: [room.seq, ...iv.evidence],
  });
}

/**
 * One finding per person and room for each unbroken breach: a person moved out and back in at the
 * same instant, or whose reasons changed, stays one finding.
 */
function mergeBreaches(breaches: Breach[]): Finding[] {
  const groups = new Map<string, Breach[]>();
  for (const b of breaches) {
    const key = `${b.room.roomId}\u0000${b.stay.placement.personId}`;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(b);
  }
  const out: Finding[] = [];
  for (const list of groups.values()) {
    list.sort((a, b) => a.fromMs - b.fromMs);
    let current: Breach | null = null;
    const placements = new Set<string>();
    const flush = () => {
      if (!current) return;
      out.push(
        finding({
          code: 'separation.breach',
          severity: 'critical',
          personIds: [current.stay.placement.personId],
          placementIds: [...placements],
          roomId: current.room.roomId,
          from: current.fromMs,
          to: current.untilMs,
          params: {
            roomName: current.room.name,
            reasons: [...current.codes].sort().join(','),
            assignedBy: [...current.actors].join(','),
          },
          evidence: current.evidence,
        }),
      );
      placements.clear();
    };
    for (const b of list) {
      if (current && current.untilMs !== null && current.untilMs >= b.fromMs) {
        // The sets of a breach belong to it alone (made fresh when it opened), so merging may extend them.
        current.untilMs = b.untilMs === null ? null : Math.max(current.untilMs, b.untilMs);
        for (const c of b.codes) current.codes.add(c);
        for (const e of b.evidence) current.evidence.add(e);
        for (const a of b.actors) current.actors.add(a);
      } else {
        flush();
        current = b;
      }
      placements.add(b.stay.placement.placementId);
    }
    flush();
  }
  return out;
}
