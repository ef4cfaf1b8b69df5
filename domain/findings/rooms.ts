// Rooms: separation (art. 84.3), capacity and floor area, over time.
//
// One sweep per room: its assignments are sorted once by start and once by end, and the two streams
// are walked together keeping the set of occupants; the room is re-checked at every instant its
// occupancy changes. The whole audit is O(n log n) in the number of assignments, and allocates little
// per assignment (the audit of 150,000 assignments is meant to take well under a second): the state
// of each assignment in the sweep is made when its room is swept and dropped after it.
//
// What is re-checked at a change point:
// - in a room that is not a family room, an occupant's conflicts depend only on their own categories
//   (occupantConflicts ignores the others there), so only the occupants who arrived (or came of age)
//   are checked; an arrival never changes anyone else's standing;
// - in a family room, anyone's standing depends on everyone else, so the whole room is re-checked
//   (family rooms hold one family, a handful of people);
// - when the room itself changes (a room.updated entry: categories, capacity, floor area), everyone
//   in it is re-checked against the room as it now is. A room is judged at every instant by the
//   version in force then, never by what it became later.
//
// Simplifications, documented because an audit reader may ask:
// - Categories are the person's current facts (sex, family group, age evidence): the projections keep
//   no history of them. Age and status move with time: besides occupancy changes, the room is
//   re-checked at the instant an occupant comes of age (a minor turning 18 in an adults' room ends
//   that breach then; a minor in a minors' room starts one), and at each change of a voluntary
//   resident's status (which sets their regime), judged by the status in force at each instant: an
//   asylum claim made after someone left does not make their past stay a breach.
// - In the current state the db gives the assignments of present placements only, so the `from` of
//   an open room finding is as early as those assignments show (people who left are not seen).

import { regimeOf, separationConflicts, type OccupantCategories, type SeparationConflict } from '../separation.ts';
import { comingOfAgeWithin, isMinorOnLine, minorityLine, type MinorityLine } from './ages.ts';
import { factMs, finding, makeContext, type RuleContext } from './context.ts';
import type { Finding, FindingsInput, PlacementFacts, RoomFacts, RoomVersionFacts } from './types.ts';

/** What the sweep needs of a placement, worked out once however many assignments it has. */
interface Resident {
  placement: PlacementFacts;
  /**
   * The placement's categories, as an adult and as a minor (see categoriesAt), from each change of
   * regime on: one entry (from −Infinity) unless the person's status changed their regime.
   */
  regimes: { fromMs: number; adult: OccupantCategories; minor: OccupantCategories }[];
  minority: MinorityLine;
  /** The placement's end as a fact at `at`; Infinity while it runs. */
  endMs: number;
}

/** One assignment in the sweep, and its state while the person is in the room. */
interface Stay {
  /** The assignment's entry, and who made it. */
  seq: number;
  actor: string;
  resident: Resident;
  startMs: number;
  /** Infinity while the assignment runs at `at`. */
  endMs: number;
  categories: OccupantCategories;
  breach: OpenBreach | null;
  /** Index in the room's occupant list while in the room, −1 otherwise. */
  pos: number;
}

/** A breach while it lasts: reason codes and evidence are short lists, kept without repeats. */
interface OpenBreach {
  fromMs: number;
  codes: string[];
  evidence: number[];
}

/** A breach of one person in one room, unbroken (assignments back to back or overlapping merge). */
interface Breach {
  personId: string;
  placementIds: string[];
  fromMs: number;
  /** Infinity while it holds at `at`. */
  untilMs: number;
  codes: string[];
  evidence: number[];
  actors: string[];
}

/** Over capacity, or short of floor area, under one capacity and floor area of the room. */
interface RoomInterval {
  fromMs: number;
  maxOccupants: number;
  minAreaPerPerson: number;
  version: RoomVersion;
  evidence: Set<number>;
}

/** A version of the room in the sweep, in force from `fromMs` (the first from the start: −Infinity). */
type RoomVersion = RoomVersionFacts;

/**
 * The room's versions that are facts at `atMs` (in force by then), ascending; at least the first, so
 * that a room always has categories, and it holds from the start. Without a history, the room as
 * given held throughout.
 */
export function roomVersionsAsOf(room: RoomFacts, atMs: number): RoomVersion[] {
  const history: readonly RoomVersionFacts[] = room.history?.length ? room.history : [{ ...room, fromMs: -Infinity }];
  const out: RoomVersion[] = [{ ...history[0]!, fromMs: -Infinity }];
  for (let i = 1; i < history.length && history[i]!.fromMs <= atMs; i++) out.push(history[i]!);
  return out;
}

/** separation.breach, room.over_capacity and room.floor_area, with their intervals. */
export function roomFindings(input: FindingsInput, ctx: RuleContext = makeContext(input)): Finding[] {
  const { rows, residents } = assignmentsByRoom(input, ctx);
  const out: Finding[] = [];
  for (const room of input.rooms) {
    const roomRows = rows.get(room.roomId);
    if (roomRows) new RoomSweep(room, ctx, out).run(staysOf(input, ctx, roomRows, residents));
  }
  return out;
}

/**
 * The assignments that are facts at `at`, of known placements, as their rows grouped by room; and
 * the residents they belong to.
 */
function assignmentsByRoom(input: FindingsInput, ctx: RuleContext): { rows: Map<string, number[]>; residents: (Resident | undefined)[] } {
  const byPlacement = new Map<string, Resident>();
  for (const p of ctx.placements) byPlacement.set(p.placementId, residentOf(p, ctx));
  const a = input.assignments;
  const residents: (Resident | undefined)[] = new Array(a.placementId.length);
  const rows = new Map<string, number[]>();
  for (let i = 0; i < a.placementId.length; i++) {
    const resident = byPlacement.get(a.placementId[i]!);
    if (resident === undefined || a.fromMs[i]! > ctx.atMs) continue;
    residents[i] = resident;
    let list = rows.get(a.roomId[i]!);
    if (!list) rows.set(a.roomId[i]!, (list = []));
    list.push(i);
  }
  return { rows, residents };
}

/** The sweep's state of each of a room's assignments (those that last a moment at all). */
function staysOf(input: FindingsInput, ctx: RuleContext, rows: readonly number[], residents: readonly (Resident | undefined)[]): Stay[] {
  const a = input.assignments;
  const stays: Stay[] = [];
  for (const i of rows) {
    const resident = residents[i]!;
    const startMs = a.fromMs[i]!;
    const until = a.untilMs[i]!;
    // An assignment left open when the stay ended ends with the stay.
    const end = Math.min(until === until && until <= ctx.atMs ? until : Infinity, resident.endMs);
    if (end <= startMs) continue;
    stays.push({ seq: a.seq[i]!, actor: a.actor[i]!, resident, startMs, endMs: end, categories: resident.regimes[0]!.adult, breach: null, pos: -1 });
  }
  return stays;
}

function residentOf(placement: PlacementFacts, ctx: RuleContext): Resident {
  const person = placement.person;
  const categories = (regime: OccupantCategories['regime']) => {
    const adult: OccupantCategories = {
      personId: placement.personId,
      placementId: placement.placementId,
      sex: person.sex,
      ageGroup: 'adult',
      regime,
      familyGroup: person.familyGroup,
    };
    return { adult, minor: { ...adult, ageGroup: 'minor' as const } };
  };
  const regimes: Resident['regimes'] = [];
  // Status moves the regime of a voluntary stay only (a forced one is forced whatever the status).
  const history = placement.kind === 'voluntary' ? person.statusHistory?.filter((h) => h.atMs <= ctx.atMs) : undefined;
  if (history?.length) {
    for (const h of history) {
      const regime = regimeOf(placement.kind, h.status);
      if (regimes.length === 0) regimes.push({ fromMs: -Infinity, ...categories(regime) });
      else if (regimes[regimes.length - 1]!.adult.regime !== regime) regimes.push({ fromMs: h.atMs, ...categories(regime) });
    }
  } else {
    regimes.push({ fromMs: -Infinity, ...categories(regimeOf(placement.kind, person.status)) });
  }
  return {
    placement,
    regimes,
    minority: minorityLine(person, ctx.profile),
    endMs: factMs(placement.endedMs, ctx.atMs) ?? Infinity,
  };
}

const SEX_INDEX = { male: 0, female: 1 } as const;
const REGIME_INDEX = { forced: 0, voluntary: 1, asylum: 2 } as const;

class RoomSweep {
  /** The people in the room: an unordered list with O(1) removal. */
  private readonly occupants: Stay[] = [];
  /** Who arrived, and who came of age, at the instant being checked (reused, never reallocated). */
  private readonly arrived: Stay[] = [];
  private arrivedCount = 0;
  private readonly recheck: Stay[] = [];
  private recheckCount = 0;
  private overCapacity: RoomInterval | null = null;
  private crowded: RoomInterval | null = null;
  private readonly versions: RoomVersion[];
  /** The version in force at the instant being checked. */
  private version: RoomVersion;
  /**
   * Outside a family room the answer depends on sex, age group and regime alone: twelve combinations,
   * each asked of separationConflicts once per version of the room.
   */
  private ownConflicts: (SeparationConflict | null | undefined)[] = [];
  /** Closed or open breaches of the room, in the order they were recorded. */
  private readonly breaches: Breach[] = [];
  /** Each person's latest breach in the room, to merge the next one into when they touch. */
  private readonly lastBreach = new Map<string, Breach>();

  constructor(
    private readonly room: RoomFacts,
    private readonly ctx: RuleContext,
    private readonly out: Finding[],
  ) {
    this.versions = roomVersionsAsOf(room, ctx.atMs);
    this.version = this.versions[0]!;
  }

  run(stays: Stay[]): void {
    const { ctx } = this;
    const byStart = stays.sort((a, b) => a.startMs - b.startMs);
    const byEnd = stays.filter((s) => s.endMs !== Infinity).sort((a, b) => a.endMs - b.endMs);
    // The instants an occupant's categories change while in the room: coming of age, a new regime.
    const comingOfAge: { t: number; stay: Stay }[] = [];
    for (const stay of stays) {
      const until = Math.min(stay.endMs, ctx.atMs + 1);
      const t = comingOfAgeWithin(stay.resident.minority, stay.startMs, until, ctx.timeZone);
      if (t !== null) comingOfAge.push({ t, stay });
      const { regimes } = stay.resident;
      for (let r = 1; r < regimes.length; r++) {
        if (regimes[r]!.fromMs > stay.startMs && regimes[r]!.fromMs < until) comingOfAge.push({ t: regimes[r]!.fromMs, stay });
      }
    }
    comingOfAge.sort((a, b) => a.t - b.t);

    let si = 0;
    let ei = 0;
    let ci = 0;
    let vi = 1;
    for (;;) {
      const t = Math.min(
        byStart[si]?.startMs ?? Infinity,
        byEnd[ei]?.endMs ?? Infinity,
        comingOfAge[ci]?.t ?? Infinity,
        this.versions[vi]?.fromMs ?? Infinity,
      );
      if (t === Infinity) break;
      // Nobody left to arrive: later versions of the room judge no one.
      if (si === byStart.length && this.occupants.length === 0) break;
      this.arrivedCount = 0;
      this.recheckCount = 0;
      let moved = false;
      let changed = false;
      // Intervals are half-open: at one instant, leavers leave before arrivals arrive.
      for (; ei < byEnd.length && byEnd[ei]!.endMs === t; ei++) {
        const stay = byEnd[ei]!;
        if (stay.pos < 0) continue;
        this.closeBreach(stay, t);
        this.leave(stay);
        moved = true;
      }
      for (; si < byStart.length && byStart[si]!.startMs === t; si++) {
        const stay = byStart[si]!;
        stay.categories = categoriesAt(stay, t, ctx);
        this.enter(stay);
        this.arrived[this.arrivedCount++] = stay;
        moved = true;
      }
      for (; ci < comingOfAge.length && comingOfAge[ci]!.t === t; ci++) {
        const stay = comingOfAge[ci]!.stay;
        if (stay.pos < 0) continue;
        stay.categories = categoriesAt(stay, t, ctx);
        this.recheck[this.recheckCount++] = stay;
      }
      for (; vi < this.versions.length && this.versions[vi]!.fromMs === t; vi++) {
        this.changeVersion(this.versions[vi]!, t);
        changed = true;
      }
      this.checkSeparation(t, moved, changed);
      if (moved || changed) this.checkSpace(t);
    }

    for (const stay of this.occupants) this.closeBreach(stay, Infinity);
    for (const b of this.breaches) this.out.push(this.breachFinding(b));
    if (this.overCapacity) this.out.push(this.capacityFinding(this.overCapacity, null));
    if (this.crowded) this.out.push(this.floorAreaFinding(this.crowded, null));
  }

  private enter(stay: Stay): void {
    stay.pos = this.occupants.length;
    this.occupants.push(stay);
  }

  private leave(stay: Stay): void {
    const last = this.occupants.pop()!;
    if (last !== stay) {
      this.occupants[stay.pos] = last;
      last.pos = stay.pos;
    }
    stay.pos = -1;
  }

  /**
   * The room becomes `next` at `t`. A space interval under the old capacity or floor area ends here
   * (checkSpace opens one under the new figures if the room is still over them).
   */
  private changeVersion(next: RoomVersion, t: number): void {
    const previous = this.version;
    this.version = next;
    this.ownConflicts = [];
    if (this.overCapacity && next.capacity !== previous.capacity) {
      this.out.push(this.capacityFinding(this.overCapacity, t));
      this.overCapacity = null;
    }
    if (this.crowded && next.floorAreaM2 !== previous.floorAreaM2) {
      this.out.push(this.floorAreaFinding(this.crowded, t));
      this.crowded = null;
    }
  }

  private checkSeparation(t: number, moved: boolean, changed: boolean): void {
    const room = this.version;
    if (room.family) {
      // Anyone's standing depends on everyone else in the room.
      if (!moved && !changed && this.recheckCount === 0) return;
      const conflicts = separationConflicts(room, this.occupants.map((s) => s.categories));
      const byKey = new Map(conflicts.map((c) => [`${c.placementId}\u0000${c.personId}`, c]));
      for (const stay of this.occupants) {
        this.apply(stay, byKey.get(`${stay.categories.placementId}\u0000${stay.categories.personId}`), t);
      }
    } else if (changed) {
      for (const stay of this.occupants) this.apply(stay, this.ownConflict(stay.categories), t);
    } else {
      for (let i = 0; i < this.arrivedCount; i++) this.apply(this.arrived[i]!, this.ownConflict(this.arrived[i]!.categories), t);
      for (let i = 0; i < this.recheckCount; i++) this.apply(this.recheck[i]!, this.ownConflict(this.recheck[i]!.categories), t);
    }
  }

  private ownConflict(c: OccupantCategories): SeparationConflict | undefined {
    const key = SEX_INDEX[c.sex] * 6 + REGIME_INDEX[c.regime] * 2 + (c.ageGroup === 'minor' ? 1 : 0);
    let known = this.ownConflicts[key];
    if (known === undefined) this.ownConflicts[key] = known = separationConflicts(this.version, [c])[0] ?? null;
    return known ?? undefined;
  }

  private apply(stay: Stay, conflict: SeparationConflict | undefined, t: number): void {
    if (!conflict) return this.closeBreach(stay, t);
    // Evidence: the assignment, and each room entry whose categories the stay broke.
    const breach = (stay.breach ??= { fromMs: t, codes: [], evidence: [stay.seq] });
    addOnce(breach.evidence, this.version.seq);
    for (const r of conflict.reasons) {
      addOnce(breach.codes, r.code);
      const other = r.params?.['other'];
      if (typeof other === 'string') {
        for (const x of this.occupants) if (x.resident.placement.personId === other) addOnce(breach.evidence, x.seq);
      }
    }
  }

  /** Ends the stay's open breach at `t` (Infinity: still holding at `at`), merged with a touching one. */
  private closeBreach(stay: Stay, t: number): void {
    const open = stay.breach;
    if (!open) return;
    stay.breach = null;
    const { personId, placementId } = stay.resident.placement;
    const last = this.lastBreach.get(personId);
    if (last && last.untilMs >= open.fromMs) {
      last.fromMs = Math.min(last.fromMs, open.fromMs);
      last.untilMs = Math.max(last.untilMs, t);
      addOnce(last.placementIds, placementId);
      for (const c of open.codes) addOnce(last.codes, c);
      for (const e of open.evidence) addOnce(last.evidence, e);
      addOnce(last.actors, stay.actor);
      return;
    }
    const breach: Breach = {
      personId,
      placementIds: [placementId],
      fromMs: open.fromMs,
      untilMs: t,
      codes: open.codes,
      evidence: open.evidence,
      actors: [stay.actor],
    };
    this.breaches.push(breach);
    this.lastBreach.set(personId, breach);
  }

  private breachFinding(b: Breach): Finding {
    const { room } = this;
    return finding({
      code: 'separation.breach',
      severity: 'critical',
      personIds: [b.personId],
      placementIds: b.placementIds,
      roomId: room.roomId,
      from: b.fromMs,
      to: b.untilMs === Infinity ? null : b.untilMs,
      params: { roomName: room.name, reasons: b.codes.sort().join(','), assignedBy: b.actors.join(',') },
      evidence: b.evidence,
    });
  }

  /** Capacity and floor area change only when people come or go, or the room changes. */
  private checkSpace(t: number): void {
    const count = this.occupants.length;
    const area = count > 0 ? this.version.floorAreaM2 / count : Infinity;
    const over = count > this.version.capacity;
    const crowded = count > 0 && area < this.ctx.profile.minFloorAreaPerPersonM2;
    if (!over && this.overCapacity) this.out.push(this.capacityFinding(this.overCapacity, t));
    if (!crowded && this.crowded) this.out.push(this.floorAreaFinding(this.crowded, t));
    this.overCapacity = over ? this.extend(this.overCapacity, t, count, area) : null;
    this.crowded = crowded ? this.extend(this.crowded, t, count, area) : null;
  }

  /** Opens an interval with everyone present as evidence, or extends it with the arrivals. */
  private extend(interval: RoomInterval | null, t: number, count: number, area: number): RoomInterval {
    if (!interval) {
      const evidence = new Set<number>();
      for (const s of this.occupants) evidence.add(s.seq);
      return { fromMs: t, maxOccupants: count, minAreaPerPerson: area, version: this.version, evidence };
    }
    for (let i = 0; i < this.arrivedCount; i++) interval.evidence.add(this.arrived[i]!.seq);
    interval.maxOccupants = Math.max(interval.maxOccupants, count);
    interval.minAreaPerPerson = Math.min(interval.minAreaPerPerson, area);
    return interval;
  }

  private capacityFinding(iv: RoomInterval, to: number | null): Finding {
    const { room } = this;
    return finding({
      code: 'room.over_capacity',
      severity: 'high',
      roomId: room.roomId,
      from: iv.fromMs,
      to,
      params: { roomName: room.name, capacity: iv.version.capacity, occupants: iv.maxOccupants },
      evidence: [iv.version.seq, ...iv.evidence],
    });
  }

  private floorAreaFinding(iv: RoomInterval, to: number | null): Finding {
    const { room } = this;
    return finding({
      code: 'room.floor_area',
      severity: 'medium',
      roomId: room.roomId,
      from: iv.fromMs,
      to,
      params: {
        roomName: room.name,
        floorAreaM2: iv.version.floorAreaM2,
        occupants: iv.maxOccupants,
        areaPerPersonM2: Math.round(iv.minAreaPerPerson * 100) / 100,
        minAreaPerPersonM2: this.ctx.profile.minFloorAreaPerPersonM2,
      },
      evidence: [iv.version.seq, ...iv.evidence],
    });
  }
}

/** The occupant's categories at an instant: the age group and the regime move with time. */
function categoriesAt(stay: Stay, t: number, ctx: RuleContext): OccupantCategories {
  const { resident } = stay;
  let r = resident.regimes.length - 1;
  while (r > 0 && resident.regimes[r]!.fromMs > t) r--;
  const regime = resident.regimes[r]!;
  return isMinorOnLine(resident.minority, t, ctx.profile, ctx.timeZone) ? regime.minor : regime.adult;
}

function addOnce<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}
