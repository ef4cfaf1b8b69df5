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

import { comingOfAgeWithin, isMinorOnLine, minorityLine, type MinorityLine } from './ages.ts';
import { endMs, finding, makeContext, msOf, type RuleContext } from './context.ts';
import type { AssignmentFacts, Finding, FindingsInput, PlacementFacts, RoomFacts } from './types.ts';

/** What the sweep needs of a placement, worked out once however many assignments it has. */
interface Resident {
  placement: PlacementFacts;
  categories: OccupantCategories;
  minority: MinorityLine;
  /** The placement's end as a fact at `at`; Infinity while it runs. */
  endMs: number;
}

interface Stay {
  assignment: AssignmentFacts;
  resident: Resident;
  startMs: number;
  /** Infinity while the assignment runs at `at`. */
  endMs: number;
  /** Its occupant while the sweep has it in the room. */
  occupant: Occupant | null;
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
  /** Index in the room's occupant list. */
  pos: number;
}

/** The people in a room: an unordered list with O(1) removal (a Map keyed by object costs more). */
class Occupancy {
  readonly list: Occupant[] = [];

  add(o: Occupant): void {
    o.pos = this.list.length;
    this.list.push(o);
    o.stay.occupant = o;
  }

  remove(o: Occupant): void {
    const last = this.list.pop()!;
    if (last !== o) {
      this.list[o.pos] = last;
      last.pos = o.pos;
    }
    o.stay.occupant = null;
  }
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
  const residents = new Map<string, Resident | null>();
  for (const assignment of input.assignments) {
    let resident = residents.get(assignment.placementId);
    if (resident === undefined) {
      const placement = ctx.placementById.get(assignment.placementId);
      resident = placement ? residentOf(placement, ctx) : null;
      residents.set(assignment.placementId, resident);
    }
    if (resident === null) continue;
    const startMs = msOf(assignment.from);
    if (startMs > ctx.atMs) continue;
    // An assignment left open when the stay ended ends with the stay.
    const end = Math.min(endMs(assignment.to, ctx.atMs) ?? Infinity, resident.endMs);
    if (end <= startMs) continue;
    let list = byRoom.get(assignment.roomId);
    if (!list) byRoom.set(assignment.roomId, (list = []));
    list.push({ assignment, resident, startMs, endMs: end, occupant: null });
  }
  return byRoom;
}

function residentOf(placement: PlacementFacts, ctx: RuleContext): Resident {
  const person = placement.person;
  return {
    placement,
    categories: {
      personId: placement.personId,
      placementId: placement.placementId,
      sex: person.sex,
      ageGroup: 'adult', // set per instant by categoriesAt
      regime: regimeOf(placement.kind, person.status),
      familyGroup: person.familyGroup,
    },
    minority: minorityLine(person, ctx.profile),
    endMs: endMs(placement.endedAt, ctx.atMs) ?? Infinity,
  };
}

/** The occupant's categories at an instant: only the age group moves with time. */
function categoriesAt(stay: Stay, t: number, ctx: RuleContext): OccupantCategories {
  const { categories, minority } = stay.resident;
  const ageGroup = isMinorOnLine(minority, t, ctx.profile, ctx.timeZone) ? 'minor' : 'adult';
  return ageGroup === categories.ageGroup ? categories : { ...categories, ageGroup };
}

function sweepRoom(room: RoomFacts, stays: Stay[], ctx: RuleContext, breaches: Breach[], out: Finding[]): void {
  // Three sorted streams merged in time, rather than one array of event objects: arrivals, leavings
  // (of assignments that have ended) and comings of age (rare).
  const byStart = stays.sort((a, b) => a.startMs - b.startMs);
  const byEnd = stays.filter((s) => s.endMs !== Infinity).sort((a, b) => a.endMs - b.endMs);
  const comingOfAge: { t: number; stay: Stay }[] = [];
  for (const stay of stays) {
    const t = comingOfAgeWithin(stay.resident.minority, stay.startMs, Math.min(stay.endMs, ctx.atMs + 1), ctx.timeZone);
    if (t !== null) comingOfAge.push({ t, stay });
  }
  comingOfAge.sort((a, b) => a.t - b.t);

  const active = new Occupancy();
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
        for (const x of active.list) if (x.stay.resident.placement.personId === other) o.breach.evidence.add(x.stay.assignment.seq);
      }
    }
  };

  // Outside a family room the answer depends on sex, age group and regime alone: a dozen
  // combinations at most, so each is asked of separationConflicts once per room.
  const byCategories = new Map<string, SeparationConflict | undefined>();
  const ownConflict = (c: OccupantCategories): SeparationConflict | undefined => {
    const key = `${c.sex}|${c.ageGroup}|${c.regime}`;
    if (!byCategories.has(key)) byCategories.set(key, separationConflicts(room, [c])[0]);
    return byCategories.get(key);
  };

  let si = 0;
  let ei = 0;
  let ci = 0;
  for (;;) {
    // Intervals are half-open: at one instant, leavers leave before arrivals arrive.
    const t = Math.min(byStart[si]?.startMs ?? Infinity, byEnd[ei]?.endMs ?? Infinity, comingOfAge[ci]?.t ?? Infinity);
    if (t === Infinity) break;
    const arrived: Occupant[] = [];
    const recheck: Occupant[] = [];
    let moved = false;
    for (; ei < byEnd.length && byEnd[ei]!.endMs === t; ei++) {
      const o = byEnd[ei]!.occupant;
      if (!o) continue;
      closeBreach(o, t);
      active.remove(o);
      moved = true;
    }
    for (; si < byStart.length && byStart[si]!.startMs === t; si++) {
      const stay = byStart[si]!;
      const o: Occupant = { stay, categories: categoriesAt(stay, t, ctx), breach: null, pos: 0 };
      active.add(o);
      arrived.push(o);
      moved = true;
    }
    for (; ci < comingOfAge.length && comingOfAge[ci]!.t === t; ci++) {
      const o = comingOfAge[ci]!.stay.occupant;
      if (!o) continue;
      o.categories = categoriesAt(o.stay, t, ctx);
      recheck.push(o);
    }

    // Separation.
    if (room.family) {
      if (moved || recheck.length) {
        const occupants = [...active.list];
        const conflicts = separationConflicts(room, occupants.map((o) => o.categories));
        const byKey = new Map(conflicts.map((c) => [`${c.placementId}\u0000${c.personId}`, c]));
        for (const o of occupants) apply(o, byKey.get(`${o.categories.placementId}\u0000${o.categories.personId}`), t);
      }
    } else {
      for (const o of arrived) apply(o, ownConflict(o.categories), t);
      for (const o of recheck) apply(o, ownConflict(o.categories), t);
    }

    // Capacity and floor area change only when people come or go.
    if (moved) {
      const count = active.list.length;
      const area = count > 0 ? room.floorAreaM2 / count : Infinity;
      overCapacity = track(overCapacity, count > room.capacity, t, count, area, active, arrived, (iv) =>
        out.push(capacityFinding(room, iv, t)),
      );
      crowded = track(crowded, count > 0 && area < ctx.profile.minFloorAreaPerPersonM2, t, count, area, active, arrived, (iv) =>
        out.push(floorAreaFinding(room, iv, t, ctx)),
      );
    }
  }

  for (const o of active.list) closeBreach(o, null);
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
  active: Occupancy,
  arrived: readonly Occupant[],
  close: (interval: RoomInterval) => void,
): RoomInterval | null {
  if (!holds) {
    if (interval) close(interval);
    return null;
  }
  if (!interval) {
    const evidence = new Set<number>();
    for (const o of active.list) evidence.add(o.stay.assignment.seq);
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
    const key = `${b.room.roomId}\u0000${b.stay.resident.placement.personId}`;
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
          personIds: [current.stay.resident.placement.personId],
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
      placements.add(b.stay.resident.placement.placementId);
    }
    flush();
  }
  return out;
}
