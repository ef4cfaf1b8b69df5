// Loads what the findings engine reads. Current mode loads only the placements present at the
// instant (a few hundred rows per table); a person's file only that person's placements. The full
// audit reads every table once, front to back: on ten years of history that is most of each table,
// and a plain scan is several times cheaper than seeking every row through an index and sorting it.
// Each table comes back as one text that SQLite packs (packed-rows.ts), read in place. Rows of
// placements that are not facts at the instant are dropped in memory (their placement is not in
// the map), and nothing is sorted here that the engine sorts itself.

import type { Statement } from 'better-sqlite3';
import type { AgeAssessment } from '../../domain/age.ts';
import type {
  AssignmentTable,
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
import type { AgeGroup, PersonStatus, PlacementKind, Regime, RightKind, Sex } from '../../domain/profile/types.ts';
import { DAY_MS, toIso, toMs, type Instant } from '../../domain/time.ts';
import { SCREENED_ADMISSION } from '../migrations/0006-audit-reads.ts';
import type { Sql } from '../sql.ts';
import { readFirstRecords, rightRequirements } from './first-records.ts';
import { msOf, PackedRows, packedSelect, TextIndex } from './packed-rows.ts';
import type { ReadScope } from './register.ts';

const PRESENT = `SELECT placement_id FROM placements WHERE ended_at IS NULL AND admitted_at <= :at
                 UNION ALL SELECT placement_id FROM placements WHERE ended_at > :at AND admitted_at <= :at`;

/**
 * The present placements and the earlier forced ones they continue (a readmission within the
 * profile's window: see LegalProfile.readmissionLinkHours), which the chain rule reads.
 */
function presentAndContinued(linkHours: number): string {
  if (!Number.isFinite(linkHours) || linkHours < 0) throw new Error(`readmissionLinkHours must be a number of hours, not ${linkHours}`);
  return `WITH RECURSIVE held(placement_id, person_id, kind, admitted_at) AS (
            SELECT placement_id, person_id, kind, admitted_at FROM placements WHERE placement_id IN (${PRESENT})
            UNION
            SELECT q.placement_id, q.person_id, q.kind, q.admitted_at FROM held c JOIN placements q ON q.person_id = c.person_id
            WHERE c.kind = 'forced' AND q.kind = 'forced' AND q.admitted_at < c.admitted_at AND q.ended_at <= c.admitted_at
              AND q.ended_at >= strftime('%Y-%m-%dT%H:%M:%fZ', c.admitted_at, '-${linkHours} hours'))
          SELECT placement_id FROM held`;
}

/**
 * The empty list every placement starts with for each kind of fact: most placements have no claims,
 * measures or concerns, and ninety thousand empty arrays per audit are work for nothing. A list is
 * made when its first fact arrives (see withOne); the engine only reads them.
 */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/**
 * `list` with `item` added: a new list of exactly that length. These lists hold one to a few items
 * each, and push would give the second item room for seventeen (V8's growth), in a hundred
 * thousand lists that live as long as the audit.
 */
function withOne<T>(list: T[], item: T): T[] {
  if (list.length === 0) return [item];
  if (list.length === 1) return [list[0]!, item];
  return list.concat([item]);
}

/** JSON text of a list column; most lists are empty, and '[]' needs no parser (nor a list of its own). */
function jsonList(text: string): string[] {
  return text === '[]' ? NONE : (JSON.parse(text) as string[]);
}

/** One load: what to read, and the persons and placements read so far. */
class Load {
  readonly atMs: number;
  /**
   * The condition that restricts a table's rows to the chosen placements: the present ones in
   * current mode, the person's with `personId`; none in the full audit (see the head of this file).
   */
  readonly placementFilter: (column: string) => string;
  /** The persons of the chosen placements (in the full audit, every person: the unplaced are never read). */
  readonly personFilter: string;
  readonly persons = new TextIndex<PersonFacts>();
  readonly placements = new TextIndex<PlacementFacts>();
  private readonly named: Record<string, string>;

  constructor(
    private readonly q: Sql,
    readonly scope: ReadScope,
    readonly at: Instant,
    readonly mode: 'current' | 'history',
    personId: string | undefined,
  ) {
    this.atMs = toMs(at);
    const since = mode === 'current' ? toIso(this.atMs - scope.profile.currentLookbackDays * DAY_MS) : '';
    this.named = personId === undefined ? { at, since } : { at, since, person: personId };
    if (mode === 'current' && personId === undefined) {
      // Worked out once, then given to every table's query as a list (the recursion is not cheap).
      const held = q.prepare(presentAndContinued(scope.profile.readmissionLinkHours)).pluck().all({ at }) as string[];
      this.named.held = JSON.stringify(held);
    }
    this.placementFilter = (column) => {
      if (personId !== undefined) return `${column} IN (SELECT placement_id FROM placements WHERE person_id = :person AND admitted_at <= :at)`;
      return mode === 'current' ? `${column} IN (SELECT value FROM json_each(:held))` : '1';
    };
    this.personFilter =
      personId === undefined && mode === 'history' ? '1' : `person_id IN (SELECT person_id FROM placements WHERE ${this.placementFilter('placement_id')})`;
  }

  /** The named values `sql` uses (better-sqlite3 refuses the others). */
  private bound(sql: string): Record<string, string> {
    return Object.fromEntries(Object.entries(this.named).filter(([k]) => sql.includes(`:${k}`)));
  }

  /** The rows of `from` (a table and its conditions), the given columns of each, packed (packed-rows.ts). */
  packed(table: string, columns: readonly string[], from: string, orderBy?: string): PackedRows {
    const sql = packedSelect(columns, from, orderBy);
    return new PackedRows((this.q.prepare(sql).pluck().get(this.bound(sql)) as string | null) ?? '', table);
  }

  statement(sql: string): Statement {
    return this.q.prepare(sql);
  }

  /** Row by row, for the few small tables with a REAL column (SQLite's text of a REAL is not JavaScript's). */
  rows<R extends unknown[]>(sql: string): Iterable<R> {
    return this.q.prepare(sql).raw().iterate(this.bound(sql)) as Iterable<R>;
  }

  /** A time as a fact at the instant: null when there is none, or when it lies after the instant. */
  fact(ms: number | null): number | null {
    return ms !== null && ms <= this.atMs ? ms : null;
  }
}

/**
 * With `personId`, only that person's placements are loaded (the person file): breaches of the
 * room's categories by the person are found, mixing of two families in a family room is not.
 *
 * Rights: only the first record of each right the profile requires, per placement, is read
 * (first_rights, migration 0006), and only those that came after their window are given as records
 * (first-records.ts): the rule reads nothing else, and ten years hold over a million records, most
 * of them repeated family calls and lawyer's visits.
 */
export function loadFindingsInput(
  q: Sql,
  scope: ReadScope,
  at: Instant,
  mode: 'current' | 'history',
  personId?: string,
): FindingsInput {
  const load = new Load(q, scope, at, mode, personId);
  readPersons(load);
  readStatusHistory(load);
  readPlacements(load);
  readOrders(load);
  readFirstRights(load);
  readClaims(load);
  readMeasures(load);
  readConcerns(load);
  readReferrals(load);
  return {
    profile: scope.profile,
    timeZone: scope.timeZone,
    at,
    mode,
    placements: load.placements.values(),
    rooms: readRooms(load),
    assignments: readAssignments(load),
    recommendations: readRecommendations(load),
    lateEntries: readLateEntries(load),
  };
}

function readPersons(load: Load): void {
  const columns = ['person_id', 'sex', 'birth_date', 'claimed_age', 'claimed_age_on', 'age_assessment', 'status', 'unaccompanied', 'trafficking_indicators', 'family_group', 'seq'];
  for (const r = load.packed('persons', columns, `persons WHERE ${load.personFilter}`); !r.done; r.endRow()) {
    const personId = r.text();
    load.persons.set(personId, {
      personId,
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
      // Present from the start, so that every person has one shape (readStatusHistory sets it).
      statusHistory: undefined,
    });
  }
}

/**
 * Status history, ascending by (at, seq), of the persons whose status ever changed or is one the
 * profile never allows forced: a history of one status the rule has nothing to say about gives the
 * same findings as none (the status held throughout), and nearly every person has one. Rows come in
 * creation order, which is that order unless a change was backdated before an earlier one: those
 * few lists are sorted.
 */
function readStatusHistory(load: Load): void {
  const neverForced = load.scope.profile.neverForced.map((s) => `'${s.replaceAll("'", "''")}'`).join(', ');
  const which = `(status IN (${neverForced}) OR person_id IN (SELECT person_id FROM person_status GROUP BY person_id HAVING count(*) > 1))`;
  const unsorted = new Set<PersonFacts>();
  for (const r = load.packed('person_status', ['person_id', 'status', 'at', 'seq'], `person_status WHERE ${load.personFilter} AND ${which}`); !r.done; r.endRow()) {
    const person = r.lookup(load.persons);
    const status = r.word() as PersonStatus;
    const atMs = r.ms();
    const seq = r.int();
    if (!person) continue;
    const list = person.statusHistory;
    const last = list?.[list.length - 1];
    if (last && (last.atMs > atMs || (last.atMs === atMs && last.seq > seq))) unsorted.add(person);
    person.statusHistory = withOne(list ?? NONE, { status, atMs, seq });
  }
  for (const person of unsorted) person.statusHistory!.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
}

/**
 * Indicators found at an admission's screening count with those on the person record. Most
 * admissions found none: only those that did are read (the partial index placements_screened).
 */
function readPlacements(load: Load): void {
  const screened = new Map<string, string[]>();
  const sql = `SELECT placement_id, json_extract(admission, '$.screening.traffickingIndicators') FROM placements WHERE ${SCREENED_ADMISSION} AND ${load.placementFilter('placement_id')}`;
  for (const [placementId, indicators] of load.rows<[string, string]>(sql)) screened.set(placementId, jsonList(indicators));

  const columns = ['placement_id', 'person_id', 'kind', 'admitted_at', 'ended_at', 'seq', 'end_seq'];
  // Not through placements_admitted (the + says so): the audit reads nearly every placement, and a
  // seek into the table for each row of the index costs twice a plain scan of the table.
  for (const r = load.packed('placements', columns, `placements WHERE ${load.placementFilter('placement_id')} AND +admitted_at <= :at`); !r.done; r.endRow()) {
    const placementId = r.text();
    const base = r.lookup(load.persons);
    const kind = r.word() as PlacementKind;
    const admittedMs = r.ms();
    const endedMs = load.fact(r.msOrNull());
    const seq = r.int();
    const endSeq = r.intOrNull();
    if (!base) continue;
    const indicators = screened.get(placementId);
    const person = indicators?.length
      ? { ...base, traffickingIndicators: [...new Set([...base.traffickingIndicators, ...indicators])] }
      : base;
    load.placements.set(placementId, {
      placementId,
      personId: base.personId,
      kind,
      admittedMs,
      endedMs,
      seq,
      endSeq: endedMs !== null ? endSeq : null,
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
}

function readOrders(load: Load): void {
  const columns = ['placement_id', 'basis', 'starts_at', 'expires_at', 'seq'];
  for (const r = load.packed('orders', columns, `orders WHERE ${load.placementFilter('placement_id')} AND starts_at <= :at`); !r.done; r.endRow()) {
    const p = r.lookup(load.placements);
    const order = { basis: r.word(), startsMs: r.ms(), expiresMs: r.ms(), seq: r.int() };
    if (p) p.orders = withOne(p.orders, order);
  }
}

/**
 * The rights of each placement: which were first recorded in time (first_rights, migration 0006,
 * read in place), and the first record of each of the others, in full from the rights log.
 */
function readFirstRights(load: Load): void {
  const requirements = rightRequirements(load.scope.profile);
  if (requirements.kinds.length === 0) return;
  const late: [PlacementFacts, number][] = [];
  for (const r = load.packed('first_rights', ['placement_id', 'records'], `first_rights WHERE ${load.placementFilter('placement_id')}`); !r.done; r.endRow()) {
    const p = r.lookup(load.placements);
    const from = r.skipLast();
    if (!p) continue;
    const kinds = readFirstRecords(requirements, p, load.atMs, r.packedText, from, r.fieldEnd);
    if (kinds !== 0) late.push([p, kinds]);
  }
  const first = load.statement('SELECT at, seq, state FROM rights WHERE placement_id = ? AND right_kind = ? ORDER BY at, seq LIMIT 1');
  for (const [p, kinds] of late) {
    requirements.kinds.forEach((right, i) => {
      if ((kinds & (1 << i)) === 0) return;
      const [at, seq, state] = first.raw().get(p.placementId, right) as [string, number, RightFacts['state']];
      p.rights = withOne(p.rights, { right: right as RightKind, state, atMs: msOf(at), seq });
    });
  }
}

function readClaims(load: Load): void {
  const columns = ['placement_id', 'claim_id', 'at', 'resolved_at', 'seq', 'resolved_seq'];
  for (const r = load.packed('asylum_claims', columns, `asylum_claims WHERE ${load.placementFilter('placement_id')} AND at <= :at`); !r.done; r.endRow()) {
    const p = r.lookup(load.placements);
    const claimId = r.text();
    const atMs = r.ms();
    const resolvedMs = load.fact(r.msOrNull());
    const seq = r.int();
    const resolvedSeq = r.intOrNull();
    if (p) p.claims = withOne(p.claims, { claimId, atMs, resolvedMs, seq, resolvedSeq: resolvedMs !== null ? resolvedSeq : null });
  }
}

function readMeasures(load: Load): void {
  const filter = load.placementFilter('placement_id');
  const reviews = new Map<string, number[]>();
  const measureFilter = filter === '1' ? '1' : `measure_id IN (SELECT measure_id FROM measures WHERE ${filter})`;
  for (const r = load.packed('measure_reviews', ['measure_id', 'at'], `measure_reviews WHERE at <= :at AND ${measureFilter}`, 'at'); !r.done; r.endRow()) {
    const measureId = r.text();
    reviews.set(measureId, withOne(reviews.get(measureId) ?? NONE, r.ms()));
  }
  const columns = ['placement_id', 'measure_id', 'kind', 'start_at', 'end_at', 'authorised_at', 'seq'];
  for (const r = load.packed('measures', columns, `measures WHERE ${filter} AND start_at <= :at`); !r.done; r.endRow()) {
    const p = r.lookup(load.placements);
    const measureId = r.text();
    const measure: MeasureFacts = {
      measureId,
      kind: r.word() as MeasureFacts['kind'],
      startMs: r.ms(),
      endMs: load.fact(r.msOrNull()),
      authorisedMs: load.fact(r.msOrNull()),
      reviewsMs: reviews.get(measureId) ?? [],
      seq: r.int(),
    };
    if (p) p.measures = withOne(p.measures, measure);
  }
}

/** A concern is answered by the first detention review of the placement at or after it. */
function readConcerns(load: Load): void {
  const columns = [
    'c.placement_id',
    'c.concern_id',
    'c.at',
    'c.seq',
    '(SELECT min(d.at) FROM detention_reviews d WHERE d.placement_id = c.placement_id AND d.at >= c.at AND d.at <= :at)',
    '(SELECT d.seq FROM detention_reviews d WHERE d.placement_id = c.placement_id AND d.at >= c.at AND d.at <= :at ORDER BY d.at LIMIT 1)',
  ];
  for (const r = load.packed('medical_concerns', columns, `medical_concerns c WHERE ${load.placementFilter('c.placement_id')} AND c.at <= :at`); !r.done; r.endRow()) {
    const p = r.lookup(load.placements);
    const concern = { concernId: r.text(), atMs: r.ms(), seq: r.int(), reviewedMs: r.msOrNull(), reviewSeq: r.intOrNull() };
    if (p) p.concerns = withOne(p.concerns, concern);
  }
}

/** Referrals of the person, from any placement, ascending. */
function readReferrals(load: Load): void {
  const byPerson = new Map<string, ReferralFacts[]>();
  for (const r = load.packed('referrals', ['person_id', 'kind', 'at', 'seq'], `referrals WHERE at <= :at AND ${load.personFilter}`, 'at, seq'); !r.done; r.endRow()) {
    const personId = r.text();
    byPerson.set(personId, withOne(byPerson.get(personId) ?? NONE, { kind: r.word() as ReferralFacts['kind'], atMs: r.ms(), seq: r.int() }));
  }
  if (byPerson.size === 0) return;
  for (const p of load.placements.values()) p.referrals = byPerson.get(p.personId) ?? NONE;
}

/** Rooms as they are, and over time: the engine judges each instant by the version in force then. */
function readRooms(load: Load): RoomFacts[] {
  const rooms = new Map<string, RoomFacts>();
  type RoomRow = [string, string, number, number, string | null, string | null, string, number, number];
  for (const r of load.rows<RoomRow>('SELECT room_id, name, capacity, floor_area_m2, sex, age_group, regime, family, seq FROM rooms')) {
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
    });
  }
  type VersionRow = [string, number, number, string | null, string | null, string, number, string, number];
  const versions = 'SELECT room_id, capacity, floor_area_m2, sex, age_group, regime, family, from_time, seq FROM room_versions ORDER BY room_id, from_time, seq';
  for (const r of load.rows<VersionRow>(versions)) {
    rooms.get(r[0])?.history!.push({
      capacity: r[1],
      floorAreaM2: r[2],
      sex: r[3] as Sex | null,
      ageGroup: r[4] as AgeGroup | null,
      regime: r[5] as Regime,
      family: r[6] === 1,
      fromMs: msOf(r[7]),
      seq: r[8],
    });
  }
  return [...rooms.values()];
}

function readAssignments(load: Load): AssignmentTable {
  const table: AssignmentTable = { placementId: [], roomId: [], fromMs: [], untilMs: [], actor: [], seq: [] };
  const columns = ['placement_id', 'room_id', 'from_time', 'to_time', 'actor', 'seq'];
  for (const r = load.packed('assignments', columns, `assignments WHERE ${load.placementFilter('placement_id')} AND from_time <= :at`); !r.done; r.endRow()) {
    const p = r.lookup(load.placements);
    const roomId = r.word();
    const fromMs = r.ms();
    const untilMs = load.fact(r.msOrNull());
    const actor = r.word();
    const seq = r.int();
    if (!p) continue;
    table.placementId.push(p.placementId);
    table.roomId.push(roomId);
    table.fromMs.push(fromMs);
    table.untilMs.push(untilMs ?? NaN);
    table.actor.push(actor);
    table.seq.push(seq);
  }
  return table;
}

function readRecommendations(load: Load): RecommendationFacts[] {
  const recommendations: RecommendationFacts[] = [];
  const columns = ['r.recommendation_id', 'r.visit_id', 'r.response_due', 'r.answered_at', 'r.seq'];
  for (const r = load.packed('recommendations', columns, 'recommendations r JOIN journal j ON j.seq = r.seq WHERE j.event_time <= :at'); !r.done; r.endRow()) {
    recommendations.push({ recommendationId: r.text(), visitId: r.text(), responseDueMs: r.ms(), answeredMs: load.fact(r.msOrNull()), seq: r.int() });
  }
  return recommendations;
}

function readLateEntries(load: Load): LateEntryFacts[] {
  const lateEntries: LateEntryFacts[] = [];
  const columns = ['seq', 'type', 'event_time', 'recorded_time', 'actor', 'person_id', 'placement_id'];
  for (const r = load.packed('late_entries', columns, 'late_entries WHERE recorded_time <= :at AND recorded_time >= :since', 'seq'); !r.done; r.endRow()) {
    lateEntries.push({ seq: r.int(), type: r.word(), eventMs: r.ms(), recordedMs: r.ms(), actor: r.word(), personId: r.textOrNull(), placementId: r.textOrNull() });
  }
  return lateEntries;
}
