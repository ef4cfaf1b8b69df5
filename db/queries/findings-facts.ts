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
  PersonFacts,
  PlacementFacts,
  RecommendationFacts,
  RightFacts,
  RoomFacts,
} from '../../domain/findings/types.ts';
import type { PersonStatus, PlacementKind, RightKind, Sex, AgeGroup, Regime } from '../../domain/profile/types.ts';
import { DAY_MS, toIso, toMs, type Instant } from '../../domain/time.ts';
import type { Sql } from '../sql.ts';
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

/** JSON text of a list column; most lists are empty, and '[]' needs no parser. */
function jsonList(text: string): string[] {
  return text === '[]' ? [] : (JSON.parse(text) as string[]);
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
  const since = mode === 'current' ? toIso(toMs(at) - scope.profile.currentLookbackDays * DAY_MS) : '';
  const named: Record<string, string> = personId === undefined ? { at, since } : { at, since, person: personId };
  /** Runs `sql` with the named values it uses (better-sqlite3 refuses the others), row by row. */
  const each = <R extends unknown[]>(sql: string, fn: (r: R) => void) => {
    const stmt = q.prepare(sql).raw();
    const bound = Object.fromEntries(Object.entries(named).filter(([k]) => sql.includes(`:${k}`)));
    const rows = Object.keys(bound).length ? stmt.iterate(bound) : stmt.iterate();
    for (const r of rows as Iterable<R>) fn(r);
  };
  const filter = placementFilter(mode, 'placement_id', personId);
  const persons = new Map<string, PersonFacts>();
  const placements = new Map<string, PlacementFacts>();

  each<[string, string, string | null, number | null, string | null, string, string, number, string, string | null, number]>(
    `SELECT person_id, sex, birth_date, claimed_age, claimed_age_on, age_assessment, status, unaccompanied,
            trafficking_indicators, family_group, seq
     FROM persons WHERE ${personFilter(mode, 'person_id', personId)}`,
    (r) =>
      persons.set(r[0], {
        personId: r[0],
        sex: r[1] as Sex,
        birthDate: r[2],
        claimedAge: r[3],
        claimedAgeOn: r[4],
        ageAssessment: r[5] as AgeAssessment,
        status: r[6] as PersonStatus,
        unaccompanied: r[7] === 1,
        traffickingIndicators: jsonList(r[8]),
        familyGroup: r[9],
        seq: r[10],
      }),
  );

  // Status history, ascending by (at, seq). Rows come in creation order, which is that order unless
  // a change was backdated before an earlier one: those few lists are sorted.
  const unsorted = new Set<PersonFacts['statusHistory']>();
  each<[string, string, string, number]>(
    `SELECT person_id, status, at, seq FROM person_status WHERE ${personFilter(mode, 'person_id', personId)}`,
    (r) => {
      const person = persons.get(r[0]);
      if (!person) return;
      const list = (person.statusHistory ??= []);
      const last = list[list.length - 1];
      if (last && (last.at > r[2] || (last.at === r[2] && last.seq > r[3]))) unsorted.add(list);
      list.push({ status: r[1] as PersonStatus, at: r[2], seq: r[3] });
    },
  );
  for (const list of unsorted) list!.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq));

  // Indicators found at an admission's screening count with those on the person record. Most
  // admissions found none: json_extract only runs where the text holds a non-empty list.
  each<[string, string, string, string, string | null, number, number | null, string | null]>(
    `SELECT placement_id, person_id, kind, admitted_at, ended_at, seq, end_seq,
            CASE WHEN instr(CAST(admission AS BLOB), CAST('"traffickingIndicators":["' AS BLOB)) > 0
                 THEN json_extract(admission, '$.screening.traffickingIndicators') END
     FROM placements WHERE ${filter} AND admitted_at <= :at`,
    (r) => {
      const base = persons.get(r[1]);
      if (!base) return;
      const screened = r[7] ? jsonList(r[7]) : [];
      const person = screened.length
        ? { ...base, traffickingIndicators: [...new Set([...base.traffickingIndicators, ...screened])] }
        : base;
      const ended = r[4] !== null && r[4] <= at;
      placements.set(r[0], {
        placementId: r[0],
        personId: r[1],
        kind: r[2] as PlacementKind,
        admittedAt: r[3],
        endedAt: ended ? r[4] : null,
        seq: r[5],
        endSeq: ended ? r[6] : null,
        person,
        orders: NONE,
        rights: NONE,
        claims: NONE,
        referrals: NONE,
        measures: NONE,
        concerns: NONE,
      });
    },
  );

  each<[string, string, string, string, string, number]>(
    `SELECT placement_id, order_id, basis, starts_at, expires_at, seq FROM orders WHERE ${filter} AND starts_at <= :at`,
    (r) => add(placements.get(r[0]), 'orders', { orderId: r[1], basis: r[2], startsAt: r[3], expiresAt: r[4], seq: r[5] }),
  );

  const required = [...new Set(scope.profile.requiredRights.map((r) => r.right))];
  if (required.length) {
    // One row per placement: its records as four lists (kinds, instants, seqs, states) that SQLite
    // builds while it walks the covering index rights_placement (0004), so that a million records
    // never become a million JavaScript rows. Which kinds, and which instants, count is decided while
    // the lists are read: a filter in SQL costs more, per record, than reading past the token.
    each<[string, string, string, string, string]>(
      `SELECT placement_id, group_concat(right_kind, ' '), group_concat(at, ' '), group_concat(seq, ' '), group_concat(state, ' ')
       FROM rights WHERE ${filter} GROUP BY placement_id`,
      (r) => {
        const p = placements.get(r[0]);
        if (p) p.rights = firstRecords(required, at, r[1], r[2], r[3], r[4]);
      },
    );
  }

  each<[string, string, string, string | null, number, number | null]>(
    `SELECT placement_id, claim_id, at, resolved_at, seq, resolved_seq FROM asylum_claims WHERE ${filter} AND at <= :at`,
    (r) => {
      const resolved = r[3] !== null && r[3] <= at;
      add(placements.get(r[0]), 'claims', {
        claimId: r[1],
        at: r[2],
        resolvedAt: resolved ? r[3] : null,
        seq: r[4],
        resolvedSeq: resolved ? r[5] : null,
      });
    },
  );
  const referralsByPerson = new Map<string, PlacementFacts['referrals']>();
  each<[string, string, string, number]>(
    `SELECT person_id, kind, at, seq FROM referrals WHERE at <= :at AND ${personFilter(mode, 'person_id', personId)} ORDER BY at`,
    (r) => {
      const list = referralsByPerson.get(r[0]) ?? [];
      list.push({ kind: r[1] as 'guardianship', at: r[2], seq: r[3] });
      referralsByPerson.set(r[0], list);
    },
  );
  const reviews = new Map<string, Instant[]>();
  const measureFilter = filter === '1' ? '1' : `measure_id IN (SELECT measure_id FROM measures WHERE ${filter})`;
  each<[string, string]>(`SELECT measure_id, at FROM measure_reviews WHERE at <= :at AND ${measureFilter} ORDER BY at`, (r) => {
    const list = reviews.get(r[0]) ?? [];
    list.push(r[1]);
    reviews.set(r[0], list);
  });
  each<[string, string, string, string, string | null, string | null, string | null, number]>(
    `SELECT placement_id, measure_id, kind, start_at, end_at, authorised_by, authorised_at, seq FROM measures
     WHERE ${filter} AND start_at <= :at`,
    (r) =>
      add(placements.get(r[0]), 'measures', {
        measureId: r[1],
        kind: r[2] as 'isolation',
        startAt: r[3],
        endAt: r[4] !== null && r[4] <= at ? r[4] : null,
        authorisedBy: r[6] !== null && r[6] <= at ? r[5] : null,
        authorisedAt: r[6] !== null && r[6] <= at ? r[6] : null,
        reviews: reviews.get(r[1]) ?? [],
        seq: r[7],
      }),
  );
  // A concern is answered by the first detention review of the placement at or after it.
  each<[string, string, string, number, string | null, number | null]>(
    `SELECT c.placement_id, c.concern_id, c.at, c.seq,
            (SELECT min(d.at) FROM detention_reviews d WHERE d.placement_id = c.placement_id AND d.at >= c.at AND d.at <= :at),
            (SELECT d.seq FROM detention_reviews d WHERE d.placement_id = c.placement_id AND d.at >= c.at AND d.at <= :at ORDER BY d.at LIMIT 1)
     FROM medical_concerns c WHERE ${placementFilter(mode, 'c.placement_id', personId)} AND c.at <= :at`,
    (r) => add(placements.get(r[0]), 'concerns', { concernId: r[1], at: r[2], seq: r[3], reviewedAt: r[4], reviewSeq: r[5] }),
  );
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
        from: r[7],
        seq: r[8],
      }),
  );

  const assignments: AssignmentFacts[] = [];
  each<[string, string, string, string, string, string | null, string, number]>(
    `SELECT assignment_id, placement_id, person_id, room_id, from_time, to_time, actor, seq FROM assignments
     WHERE ${filter} AND from_time <= :at`,
    (r) => {
      if (!placements.has(r[1])) return;
      assignments.push({
        assignmentId: r[0],
        placementId: r[1],
        personId: r[2],
        roomId: r[3],
        from: r[4],
        to: r[5] !== null && r[5] <= at ? r[5] : null,
        actor: r[6],
        seq: r[7],
      });
    },
  );

  const recommendations: RecommendationFacts[] = [];
  each<[string, string, string, string | null, number]>(
    `SELECT r.recommendation_id, r.visit_id, r.response_due, r.answered_at, r.seq
     FROM recommendations r JOIN journal j ON j.seq = r.seq WHERE j.event_time <= :at`,
    (r) =>
      recommendations.push({
        recommendationId: r[0],
        visitId: r[1],
        responseDue: r[2],
        answeredAt: r[3] !== null && r[3] <= at ? r[3] : null,
        seq: r[4],
      }),
  );

  const lateEntries: LateEntryFacts[] = [];
  each<[number, string, string, string, string, string | null, string | null]>(
    `SELECT seq, type, event_time, recorded_time, actor, person_id, placement_id FROM late_entries
     WHERE recorded_time <= :at AND recorded_time >= :since ORDER BY seq`,
    (r) =>
      lateEntries.push({
        seq: r[0],
        type: r[1],
        eventTime: r[2],
        recordedTime: r[3],
        actor: r[4],
        personId: r[5],
        placementId: r[6],
      }),
  );

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

/**
 * The first record of each of `kinds` (the earliest; the lower seq of two at one instant) among a
 * placement's records made by `until`, given as space-separated lists in step: kinds, instants
 * (canonical, so text order is time order), seqs, states. The lists are read in place (only the kept
 * records' instants are cut out), and their order does not matter.
 */
export function firstRecords(
  kinds: readonly string[],
  until: Instant,
  kindList: string,
  atList: string,
  seqList: string,
  stateList: string,
): RightFacts[] {
  const found: number[] = kinds.map(() => -1); // start of the kept record's instant, −1: none yet
  const foundSeq: number[] = kinds.map(() => 0);
  const foundState: (RightFacts['state'] | null)[] = kinds.map(() => null);
  let k = 0; // start of the current token in each list
  let a = 0;
  let s = 0;
  let st = 0;
  while (k < kindList.length) {
    const kEnd = tokenEnd(kindList, k);
    const aEnd = tokenEnd(atList, a);
    const sEnd = tokenEnd(seqList, s);
    const stEnd = tokenEnd(stateList, st);
    let which = -1;
    for (let w = 0; w < kinds.length && which < 0; w++) if (kinds[w]!.length === kEnd - k && kindList.startsWith(kinds[w]!, k)) which = w;
    if (which >= 0 && compareWith(atList, a, aEnd, until) <= 0) {
      const seq = digitsIn(seqList, s, sEnd);
      const order = found[which]! < 0 ? -1 : compareIn(atList, a, aEnd, found[which]!) || seq - foundSeq[which]!;
      if (order < 0) {
        found[which] = a;
        foundSeq[which] = seq;
        foundState[which] = stateAt(stateList, st, stEnd);
      }
    }
    k = kEnd + 1;
    a = aEnd + 1;
    s = sEnd + 1;
    st = stEnd + 1;
  }
  const out: RightFacts[] = [];
  for (let w = 0; w < kinds.length; w++) {
    const at = found[w]!;
    if (at >= 0) out.push({ right: kinds[w] as RightKind, state: foundState[w]!, at: atList.slice(at, tokenEnd(atList, at)), seq: foundSeq[w]! });
  }
  return out;
}

const STATES: readonly RightFacts['state'][] = ['offered', 'exercised', 'declined'];

/** The state token at [from, end), as one of the three constants (no string is made per record). */
function stateAt(list: string, from: number, end: number): RightFacts['state'] {
  for (const state of STATES) if (state.length === end - from && list.startsWith(state, from)) return state;
  return list.slice(from, end) as RightFacts['state'];
}

function digitsIn(list: string, from: number, end: number): number {
  let value = 0;
  for (let i = from; i < end; i++) value = value * 10 + list.charCodeAt(i) - 48;
  return value;
}

function tokenEnd(list: string, from: number): number {
  const end = list.indexOf(' ', from);
  return end < 0 ? list.length : end;
}


/** Compares list[from, end) with `text`, as text. */
function compareWith(list: string, from: number, end: number, text: string): number {
  for (let i = 0; from + i < end && i < text.length; i++) {
    const d = list.charCodeAt(from + i) - text.charCodeAt(i);
    if (d !== 0) return d;
  }
  return end - from - text.length;
}

/** Compares list[from, end) with the token of the same list starting at `other`, as text. */
function compareIn(list: string, from: number, end: number, other: number): number {
  const otherEnd = tokenEnd(list, other);
  for (let i = 0; from + i < end && other + i < otherEnd; i++) {
    const d = list.charCodeAt(from + i) - list.charCodeAt(other + i);
    if (d !== 0) return d;
  }
  return end - from - (otherEnd - other);
}
