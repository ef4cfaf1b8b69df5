// Loads what the findings engine reads. Current mode loads only the placements present at the
// instant (a few hundred rows per table); a person's file only that person's placements. The full
// audit reads every table once, front to back: on ten years of history that is most of each table,
// and a plain scan is several times cheaper than seeking every row through an index and sorting it.
// Rows of placements that are not facts at the instant are dropped in memory (their placement is not
// in the map), and nothing is sorted here that the engine sorts itself.

import type { AgeAssessment } from '../../domain/age.ts';
import type {
  AssignmentFacts,
  FindingsInput,
  LateEntryFacts,
  MeasureFacts,
  PersonFacts,
  PlacementFacts,
  RecommendationFacts,
  ReferralFacts,
  RightFacts,
  RoomFacts,
} from '../../domain/findings/types.ts';
import type { PersonStatus, PlacementKind, RightKind, Sex, AgeGroup, Regime } from '../../domain/profile/types.ts';
import type { LegalProfile } from '../../domain/profile/types.ts';
import { DAY_MS, HOUR_MS, toIso, toMs, type Instant } from '../../domain/time.ts';
import type { Sql } from '../sql.ts';
import { SCREENED_ADMISSION } from '../migrations/0006-audit-reads.ts';
import { msIn, msOf, PackedRows, packedSelect } from './packed-rows.ts';
import type { ReadScope } from './register.ts';

const PRESENT = `SELECT placement_id FROM placements WHERE ended_at IS NULL AND admitted_at <= :at
                 UNION ALL SELECT placement_id FROM placements WHERE ended_at > :at AND admitted_at <= :at`;

/**
 * The condition that restricts a table's rows to the chosen placements: the present ones in current
 * mode, the person's with `personId`; none in the full audit (see the head of this file).
 */
function placementFilter(mode: 'current' | 'history', column: string, personId: string | undefined): string {
  if (personId !== undefined) {
    return `${column} IN (SELECT placement_id FROM placements WHERE person_id = :person AND admitted_at <= :at)`;
  }
  return mode === 'current' ? `${column} IN (${PRESENT})` : '1';
}

/** The persons of the chosen placements (in the full audit, every person: the unplaced are never read). */
function personFilter(mode: 'current' | 'history', column: string, personId: string | undefined): string {
  if (personId === undefined && mode === 'history') return '1';
  return `${column} IN (SELECT person_id FROM placements WHERE ${placementFilter(mode, 'placement_id', personId)})`;
}

/**
 * The empty list every placement starts with for each kind of fact: most placements have no claims,
 * measures or concerns, and ninety thousand empty arrays per audit are work for nothing. A list is
 * made when its first fact arrives (see add); the engine only reads them.
 */
const NONE: never[] = Object.freeze([]) as unknown as never[];

type ListKey = 'orders' | 'claims' | 'measures' | 'concerns';

function add<K extends ListKey>(p: PlacementFacts | undefined, key: K, fact: PlacementFacts[K][number]): void {
  if (!p) return;
  const list = p[key] as PlacementFacts[K][number][];
  if (list === NONE) (p[key] as PlacementFacts[K][number][]) = [fact];
  else list.push(fact);
}

/** JSON text of a list column; most lists are empty, and '[]' needs no parser (nor a list of its own). */
function jsonList(text: string): string[] {
  return text === '[]' ? NONE : (JSON.parse(text) as string[]);
}

/**
 * With `personId`, only that person's placements are loaded (the person file): breaches of the
 * room's categories by the person are found, mixing of two families in a family room is not.
 *
 * Rights: only the first record of each right the profile requires, per placement, is loaded (the
 * earliest, the lower seq on a tie): the rule reads nothing else, and ten years hold over a million
 * records, most of them repeated family calls and lawyer's visits.
 */
export function loadFindingsInput(
  q: Sql,
  scope: ReadScope,
  at: Instant,
  mode: 'current' | 'history',
  personId?: string,
): FindingsInput {
  const atMs = toMs(at);
  const since = mode === 'current' ? toIso(atMs - scope.profile.currentLookbackDays * DAY_MS) : '';
  const named: Record<string, string> = personId === undefined ? { at, since } : { at, since, person: personId };
  /** Runs `sql` with the named values it uses (better-sqlite3 refuses the others). */
  const bound = (sql: string) => Object.fromEntries(Object.entries(named).filter(([k]) => sql.includes(`:${k}`)));
  /** The rows of `from` (a table and its conditions), the given columns of each, packed (packed-rows.ts). */
  const packed = (table: string, columns: readonly string[], from: string, orderBy?: string): PackedRows => {
    const sql = packedSelect(columns, from, orderBy);
    const text = q.prepare(sql).pluck().get(bound(sql)) as string | null;
    return new PackedRows(text ?? '', table);
  };
  /** Row by row, for the few small tables with a REAL column (SQLite's text of a REAL is not JavaScript's). */
  const each = <R extends unknown[]>(sql: string, fn: (r: R) => void) => {
    for (const r of q.prepare(sql).raw().iterate(bound(sql)) as Iterable<R>) fn(r);
  };
  const filter = placementFilter(mode, 'placement_id', personId);
  const persons = new Map<string, PersonFacts>();
  const placements = new Map<string, PlacementFacts>();

  for (
    const r = packed('persons', ['person_id', 'sex', 'birth_date', 'claimed_age', 'claimed_age_on', 'age_assessment', 'status', 'unaccompanied', 'trafficking_indicators', 'family_group', 'seq'],
      `persons WHERE ${personFilter(mode, 'person_id', personId)}`);
    !r.done;
    r.endRow()
  ) {
    const id = r.text();
    persons.set(id, {
      personId: id,
      sex: r.word() as Sex,
      birthDate: r.textOrNull(),
      claimedAge: r.intOrNull(),
      claimedAgeOn: r.textOrNull(),
      ageAssessment: r.word() as AgeAssessment,
      status: r.word() as PersonStatus,
      unaccompanied: r.int() === 1,
      traffickingIndicators: jsonList(r.word()),
      familyGroup: r.wordOrNull(),
      seq: r.int(),
      // Present from the start, so that every person has one shape (set below for most of them).
      statusHistory: undefined,
    });
  }

  // Status history, ascending by (at, seq). Rows come in creation order, which is that order unless
  // a change was backdated before an earlier one: those few lists are sorted.
  const unsorted = new Set<NonNullable<PersonFacts['statusHistory']>>();
  for (const r = packed('person_status', ['person_id', 'status', 'at', 'seq'], `person_status WHERE ${personFilter(mode, 'person_id', personId)}`); !r.done; r.endRow()) {
    const person = persons.get(r.text());
    const status = r.word() as PersonStatus;
    const atMs = r.ms();
    const seq = r.int();
    if (!person) continue;
    const list = (person.statusHistory ??= []);
    const last = list[list.length - 1];
    if (last && (last.atMs > atMs || (last.atMs === atMs && last.seq > seq))) unsorted.add(list);
    list.push({ status, atMs, seq });
  }
  for (const list of unsorted) list.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);

  // Indicators found at an admission's screening count with those on the person record. Most
  // admissions found none: only those that did are read (the partial index placements_screened).
  const screened = new Map<string, string[]>();
  each<[string, string]>(
    `SELECT placement_id, json_extract(admission, '$.screening.traffickingIndicators') FROM placements
     WHERE ${SCREENED_ADMISSION} AND ${filter}`,
    (r) => screened.set(r[0], jsonList(r[1])),
  );
  for (
    const r = packed('placements', ['placement_id', 'person_id', 'kind', 'admitted_at', 'ended_at', 'seq', 'end_seq'], `placements WHERE ${filter} AND admitted_at <= :at`);
    !r.done;
    r.endRow()
  ) {
    const placementId = r.text();
    const base = persons.get(r.text());
    const kind = r.word() as PlacementKind;
    const admittedMs = r.ms();
    const endedMs = r.msOrNull();
    const seq = r.int();
    const endSeq = r.intOrNull();
    if (!base) continue;
    const indicators = screened.get(placementId);
    const person = indicators?.length
      ? { ...base, traffickingIndicators: [...new Set([...base.traffickingIndicators, ...indicators])] }
      : base;
    const ended = endedMs !== null && endedMs <= atMs;
    placements.set(placementId, {
      placementId,
      personId: base.personId,
      kind,
      admittedMs,
      endedMs: ended ? endedMs : null,
      seq,
      endSeq: ended ? endSeq : null,
      person,
      orders: NONE,
      rights: NONE,
      rightsInTime: 0,
      claims: NONE,
      referrals: NONE,
      measures: NONE,
      concerns: NONE,
    });
  }

  for (const r = packed('orders', ['placement_id', 'basis', 'starts_at', 'expires_at', 'seq'], `orders WHERE ${filter} AND starts_at <= :at`); !r.done; r.endRow()) {
    const p = placements.get(r.text());
    add(p, 'orders', { basis: r.word(), startsMs: r.ms(), expiresMs: r.ms(), seq: r.int() });
  }

  // Rights: the first record of each kind, per placement (first_rights, migration 0006), read in place.
  const requirements = rightRequirements(scope.profile);
  if (requirements.kinds.length) {
    for (const r = packed('first_rights', ['placement_id', 'records'], `first_rights WHERE ${filter}`); !r.done; r.endRow()) {
      const p = placements.get(r.text());
      const from = r.skip();
      if (p) readFirstRecords(requirements, p, atMs, r.packedText, from, r.fieldEnd);
    }
  }

  for (
    const r = packed('asylum_claims', ['placement_id', 'claim_id', 'at', 'resolved_at', 'seq', 'resolved_seq'], `asylum_claims WHERE ${filter} AND at <= :at`);
    !r.done;
    r.endRow()
  ) {
    const p = placements.get(r.text());
    const claimId = r.text();
    const claimMs = r.ms();
    const resolvedMs = r.msOrNull();
    const seq = r.int();
    const resolvedSeq = r.intOrNull();
    const resolved = resolvedMs !== null && resolvedMs <= atMs;
    add(p, 'claims', { claimId, atMs: claimMs, resolvedMs: resolved ? resolvedMs : null, seq, resolvedSeq: resolved ? resolvedSeq : null });
  }
  const referralsByPerson = new Map<string, PlacementFacts['referrals']>();
  for (
    const r = packed('referrals', ['person_id', 'kind', 'at', 'seq'], `referrals WHERE at <= :at AND ${personFilter(mode, 'person_id', personId)}`, 'at, seq');
    !r.done;
    r.endRow()
  ) {
    const person = r.text();
    const list = referralsByPerson.get(person) ?? [];
    list.push({ kind: r.word() as ReferralFacts['kind'], atMs: r.ms(), seq: r.int() });
    referralsByPerson.set(person, list);
  }
  const reviews = new Map<string, number[]>();
  const measureFilter = filter === '1' ? '1' : `measure_id IN (SELECT measure_id FROM measures WHERE ${filter})`;
  for (const r = packed('measure_reviews', ['measure_id', 'at'], `measure_reviews WHERE at <= :at AND ${measureFilter}`, 'at'); !r.done; r.endRow()) {
    const measure = r.text();
    const list = reviews.get(measure) ?? [];
    list.push(r.ms());
    reviews.set(measure, list);
  }
  for (
    const r = packed('measures', ['placement_id', 'measure_id', 'kind', 'start_at', 'end_at', 'authorised_at', 'seq'], `measures WHERE ${filter} AND start_at <= :at`);
    !r.done;
    r.endRow()
  ) {
    const p = placements.get(r.text());
    const measureId = r.text();
    const kind = r.word() as MeasureFacts['kind'];
    const startMs = r.ms();
    const endMs = r.msOrNull();
    const authorisedMs = r.msOrNull();
    add(p, 'measures', {
      measureId,
      kind,
      startMs,
      endMs: endMs !== null && endMs <= atMs ? endMs : null,
      authorisedMs: authorisedMs !== null && authorisedMs <= atMs ? authorisedMs : null,
      reviewsMs: reviews.get(measureId) ?? [],
      seq: r.int(),
    });
  }
  // A concern is answered by the first detention review of the placement at or after it.
  for (
    const r = packed(
      'medical_concerns',
      [
        'c.placement_id',
        'c.concern_id',
        'c.at',
        'c.seq',
        '(SELECT min(d.at) FROM detention_reviews d WHERE d.placement_id = c.placement_id AND d.at >= c.at AND d.at <= :at)',
        '(SELECT d.seq FROM detention_reviews d WHERE d.placement_id = c.placement_id AND d.at >= c.at AND d.at <= :at ORDER BY d.at LIMIT 1)',
      ],
      `medical_concerns c WHERE ${placementFilter(mode, 'c.placement_id', personId)} AND c.at <= :at`,
    );
    !r.done;
    r.endRow()
  ) {
    const p = placements.get(r.text());
    add(p, 'concerns', { concernId: r.text(), atMs: r.ms(), seq: r.int(), reviewedMs: r.msOrNull(), reviewSeq: r.intOrNull() });
  }
  for (const p of placements.values()) p.referrals = referralsByPerson.get(p.personId) ?? NONE;

  // Rooms as they are, and over time: the engine judges each instant by the version in force then.
  const rooms = new Map<string, RoomFacts>();
  each<[string, string, number, number, string | null, string | null, string, number, number]>(
    'SELECT room_id, name, capacity, floor_area_m2, sex, age_group, regime, family, seq FROM rooms',
    (r) =>
      rooms.set(r[0], {
        roomId: r[0],
        name: r[1],
        capacity: r[2],
        floorAreaM2: r[3],
        sex: r[4] as Sex | null,
        ageGroup: r[5] as AgeGroup | null,
        regime: r[6] as Regime,
        family: r[7] === 1,
        seq: r[8],
        history: [],
      }),
  );
  each<[string, number, number, string | null, string | null, string, number, string, number]>(
    'SELECT room_id, capacity, floor_area_m2, sex, age_group, regime, family, from_time, seq FROM room_versions ORDER BY room_id, from_time, seq',
    (r) =>
      rooms.get(r[0])?.history!.push({
        capacity: r[1],
        floorAreaM2: r[2],
        sex: r[3] as Sex | null,
        ageGroup: r[4] as AgeGroup | null,
        regime: r[5] as Regime,
        family: r[6] === 1,
        fromMs: msOf(r[7]),
        seq: r[8],
      }),
  );

  const assignments: AssignmentFacts[] = [];
  for (
    const r = packed('assignments', ['placement_id', 'room_id', 'from_time', 'to_time', 'actor', 'seq'], `assignments WHERE ${filter} AND from_time <= :at`);
    !r.done;
    r.endRow()
  ) {
    const p = placements.get(r.text());
    const roomId = r.word();
    const fromMs = r.ms();
    const untilMs = r.msOrNull();
    const actor = r.word();
    const seq = r.int();
    if (!p) continue;
    assignments.push({
      placementId: p.placementId,
      personId: p.personId,
      roomId,
      fromMs,
      untilMs: untilMs !== null && untilMs <= atMs ? untilMs : null,
      actor,
      seq,
    });
  }

  const recommendations: RecommendationFacts[] = [];
  for (
    const r = packed('recommendations', ['r.recommendation_id', 'r.visit_id', 'r.response_due', 'r.answered_at', 'r.seq'], 'recommendations r JOIN journal j ON j.seq = r.seq WHERE j.event_time <= :at');
    !r.done;
    r.endRow()
  ) {
    const recommendationId = r.text();
    const visitId = r.text();
    const responseDueMs = r.ms();
    const answeredMs = r.msOrNull();
    recommendations.push({ recommendationId, visitId, responseDueMs, answeredMs: answeredMs !== null && answeredMs <= atMs ? answeredMs : null, seq: r.int() });
  }

  const lateEntries: LateEntryFacts[] = [];
  for (
    const r = packed(
      'late_entries',
      ['seq', 'type', 'event_time', 'recorded_time', 'actor', 'person_id', 'placement_id'],
      'late_entries WHERE recorded_time <= :at AND recorded_time >= :since',
      'seq',
    );
    !r.done;
    r.endRow()
  ) {
    lateEntries.push({ seq: r.int(), type: r.word(), eventMs: r.ms(), recordedMs: r.ms(), actor: r.word(), personId: r.textOrNull(), placementId: r.textOrNull() });
  }

  return {
    profile: scope.profile,
    timeZone: scope.timeZone,
    at,
    mode,
    placements: [...placements.values()],
    rooms: [...rooms.values()],
    assignments,
    recommendations,
    lateEntries,
  };
}

/** The profile's required rights as the rights text is read: requirement k is bit k of rightsInTime. */
export interface RightRequirements {
  /** Each required right once. */
  kinds: string[];
  /** For kinds[i], its requirements: index in requiredRights, window, placement kinds. */
  of: { bit: number; withinMs: number; for: readonly PlacementKind[] }[][];
}

export function rightRequirements(profile: LegalProfile): RightRequirements {
  if (profile.requiredRights.length > 30) throw new Error(`profile ${profile.id}: more than 30 required rights`);
  const kinds: string[] = [];
  const of: RightRequirements['of'] = [];
  profile.requiredRights.forEach((req, k) => {
    let i = kinds.indexOf(req.right);
    if (i < 0) i = kinds.push(req.right) - 1;
    (of[i] ??= []).push({ bit: 1 << k, withinMs: req.withinHours * HOUR_MS, for: req.for });
  });
  return { kinds, of };
}

/**
 * Reads a placement's first_rights text (db/projections/first-rights.ts) in place, at text[from, end):
 * a required right first recorded within its window is a bit of rightsInTime (whatever the instant:
 * a record in time is a fact whenever the window has passed); any other first record that is a fact
 * at `untilMs` becomes one of p.rights. Only the instants of required rights are read, and nothing
 * is cut out of the text but the states kept.
 */
export function readFirstRecords(requirements: RightRequirements, p: PlacementFacts, untilMs: number, text: string, from = 0, end = text.length): void {
  const { kinds, of } = requirements;
  let inTime = 0;
  let late: RightFacts[] | null = null;
  let k = from;
  while (k < end) {
    const kEnd = tokenEnd(text, k, end);
    const aEnd = tokenEnd(text, kEnd + 1, end);
    const sEnd = tokenEnd(text, aEnd + 1, end);
    const stEnd = tokenEnd(text, sEnd + 1, end);
    if (sEnd >= end) throw new Error(`first_rights: a record is not four tokens: ${JSON.stringify(text.slice(k, end))}`);
    for (let w = 0; w < kinds.length; w++) {
      const kind = kinds[w]!;
      if (kind.length !== kEnd - k || !text.startsWith(kind, k)) continue;
      const atMs = msIn(text, kEnd + 1, aEnd);
      let owed = false;
      for (const req of of[w]!) {
        if (!req.for.includes(p.kind)) continue;
        if (atMs <= p.admittedMs + req.withinMs) inTime |= req.bit;
        else owed = true;
      }
      if (owed && atMs <= untilMs) {
        (late ??= []).push({ right: kind as RightKind, state: stateAt(text, sEnd + 1, stEnd), atMs, seq: digitsIn(text, aEnd + 1, sEnd) });
      }
      break;
    }
    k = stEnd + 1;
  }
  p.rightsInTime = inTime;
  if (late) p.rights = late;
}

const STATES: readonly RightFacts['state'][] = ['offered', 'exercised', 'declined'];

/** The state token at [from, end), as one of the three constants (no string is made per record). */
function stateAt(text: string, from: number, end: number): RightFacts['state'] {
  for (const state of STATES) if (state.length === end - from && text.startsWith(state, from)) return state;
  return text.slice(from, end) as RightFacts['state'];
}

function digitsIn(text: string, from: number, end: number): number {
  let value = 0;
  for (let i = from; i < end; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

/** The end of the space-separated token at `from`, no further than `end`. */
function tokenEnd(text: string, from: number, end: number): number {
  const space = text.indexOf(' ', from);
  return space < 0 || space > end ? end : space;
}
