// Loads what the findings engine reads. Current mode loads only the placements present at the
// instant (a few hundred rows per table); history mode streams every table once, grouping in memory.

import type { AgeAssessment } from '../../domain/age.ts';
import type {
  AssignmentFacts,
  FindingsInput,
  LateEntryFacts,
  PersonFacts,
  PlacementFacts,
  RecommendationFacts,
  RoomFacts,
} from '../../domain/findings/types.ts';
import type { PersonStatus, PlacementKind, RightKind, Sex, AgeGroup, Regime } from '../../domain/profile/types.ts';
import { DAY_MS, toIso, toMs, type Instant } from '../../domain/time.ts';
import type { Sql } from '../sql.ts';
import type { ReadScope } from './register.ts';

const PRESENT = `SELECT placement_id FROM placements WHERE ended_at IS NULL AND admitted_at <= :at
                 UNION ALL SELECT placement_id FROM placements WHERE ended_at > :at AND admitted_at <= :at`;

/**
 * `filter` restricts rows to the chosen placements: the present ones in current mode, every one
 * admitted by the instant in history mode.
 */
function placementFilter(mode: 'current' | 'history', column: string, personId: string | undefined): string {
  if (personId !== undefined) {
    return `${column} IN (SELECT placement_id FROM placements WHERE person_id = :person AND admitted_at <= :at)`;
  }
  return mode === 'current' ? `${column} IN (${PRESENT})` : `${column} IN (SELECT placement_id FROM placements WHERE admitted_at <= :at)`;
}

/**
 * With `personId`, only that person's placements are loaded (the person file): breaches of the
 * room's categories by the person are found, mixing of two families in a family room is not.
 */
export function loadFindingsInput(
  q: Sql,
  scope: ReadScope,
  at: Instant,
  mode: 'current' | 'history',
  personId?: string,
): FindingsInput {
  const params: Record<string, string> = personId === undefined ? { at } : { at, person: personId };
  const filter = placementFilter(mode, 'placement_id', personId);
  const placements = new Map<string, PlacementFacts>();
  const persons = new Map<string, PersonFacts>();

  const personRows = q
    .prepare(
      `SELECT person_id, sex, birth_date, claimed_age, claimed_age_on, age_assessment, status, unaccompanied,
              trafficking_indicators, family_group, seq
       FROM persons WHERE person_id IN (SELECT person_id FROM placements WHERE ${filter})`,
    )
    .raw()
    .iterate(params) as Iterable<[string, string, string | null, number | null, string | null, string, string, number, string, string | null, number]>;
  for (const r of personRows) {
    persons.set(r[0], {
      personId: r[0],
      sex: r[1] as Sex,
      birthDate: r[2],
      claimedAge: r[3],
      claimedAgeOn: r[4],
      ageAssessment: r[5] as AgeAssessment,
      status: r[6] as PersonStatus,
      unaccompanied: r[7] === 1,
      traffickingIndicators: JSON.parse(r[8]) as string[],
      familyGroup: r[9],
      seq: r[10],
    });
  }

  const statusRows = q
    .prepare(
      `SELECT person_id, status, at, seq FROM person_status
       WHERE person_id IN (SELECT person_id FROM placements WHERE ${filter}) ORDER BY person_id, at, seq`,
    )
    .raw()
    .iterate(params) as Iterable<[string, string, string, number]>;
  for (const r of statusRows) {
    const person = persons.get(r[0]);
    if (!person) continue;
    (person.statusHistory ??= []).push({ status: r[1] as PersonStatus, at: r[2], seq: r[3] });
  }

  const placementRows = q
    .prepare(
      `SELECT placement_id, person_id, kind, admitted_at, ended_at, seq, end_seq,
              json_extract(admission, '$.screening.traffickingIndicators') AS screened
       FROM placements WHERE ${filter}`,
    )
    .raw()
    .iterate(params) as Iterable<[string, string, string, string, string | null, number, number | null, string | null]>;
  for (const r of placementRows) {
    const base = persons.get(r[1]);
    if (!base) continue;
    // Indicators found at this admission's screening count with those on the person record.
    const screened = r[7] ? (JSON.parse(r[7]) as string[]) : [];
    const person = screened.length
      ? { ...base, traffickingIndicators: [...new Set([...base.traffickingIndicators, ...screened])] }
      : base;
    placements.set(r[0], {
      placementId: r[0],
      personId: r[1],
      kind: r[2] as PlacementKind,
      admittedAt: r[3],
      endedAt: r[4] !== null && r[4] <= at ? r[4] : null,
      seq: r[5],
      endSeq: r[4] !== null && r[4] <= at ? r[6] : null,
      person,
      orders: [],
      rights: [],
      claims: [],
      referrals: [],
      measures: [],
      concerns: [],
    });
  }

  const since = mode === 'current' ? toIso(toMs(at) - scope.profile.currentLookbackDays * DAY_MS) : '';
  const each = <R extends unknown[]>(sql: string, fn: (r: R) => void) => {
    const stmt = q.prepare(sql).raw();
    // better-sqlite3 refuses named values the statement does not use: pass only those it names.
    const all: Record<string, string> = { ...params, since };
    const bound = Object.fromEntries(Object.entries(all).filter(([k]) => sql.includes(`:${k}`)));
    const rows = Object.keys(bound).length ? stmt.iterate(bound) : stmt.iterate();
    for (const r of rows as Iterable<R>) fn(r);
  };

  each<[string, string, string, string, string, number]>(
    `SELECT placement_id, order_id, basis, starts_at, expires_at, seq FROM orders
     WHERE ${filter} AND starts_at <= :at ORDER BY starts_at`,
    (r) => placements.get(r[0])?.orders.push({ orderId: r[1], basis: r[2], startsAt: r[3], expiresAt: r[4], seq: r[5] }),
  );
  each<[string, string, string, string, number]>(
    `SELECT placement_id, right_kind, state, at, seq FROM rights WHERE ${filter} AND at <= :at ORDER BY at`,
    (r) =>
      placements.get(r[0])?.rights.push({ right: r[1] as RightKind, state: r[2] as 'offered', at: r[3], seq: r[4] }),
  );
  each<[string, string, string, string | null, number, number | null]>(
    `SELECT placement_id, claim_id, at, resolved_at, seq, resolved_seq FROM asylum_claims WHERE ${filter} AND at <= :at`,
    (r) => {
      const resolved = r[3] !== null && r[3] <= at;
      placements.get(r[0])?.claims.push({
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
    `SELECT person_id, kind, at, seq FROM referrals
     WHERE at <= :at AND person_id IN (SELECT person_id FROM placements WHERE ${filter}) ORDER BY at`,
    (r) => {
      const list = referralsByPerson.get(r[0]) ?? [];
      list.push({ kind: r[1] as 'guardianship', at: r[2], seq: r[3] });
      referralsByPerson.set(r[0], list);
    },
  );
  const reviews = new Map<string, Instant[]>();
  each<[string, string]>(
    `SELECT measure_id, at FROM measure_reviews WHERE at <= :at AND measure_id IN (SELECT measure_id FROM measures WHERE ${filter}) ORDER BY at`,
    (r) => {
      const list = reviews.get(r[0]) ?? [];
      list.push(r[1]);
      reviews.set(r[0], list);
    },
  );
  each<[string, string, string, string, string | null, string | null, string | null, number]>(
    `SELECT placement_id, measure_id, kind, start_at, end_at, authorised_by, authorised_at, seq FROM measures
     WHERE ${filter} AND start_at <= :at`,
    (r) =>
      placements.get(r[0])?.measures.push({
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
    (r) =>
      placements.get(r[0])?.concerns.push({ concernId: r[1], at: r[2], seq: r[3], reviewedAt: r[4], reviewSeq: r[5] }),
  );
  for (const p of placements.values()) p.referrals = referralsByPerson.get(p.personId) ?? [];

  const rooms: RoomFacts[] = [];
  each<[string, string, number, number, string | null, string | null, string, number, number]>(
    'SELECT room_id, name, capacity, floor_area_m2, sex, age_group, regime, family, seq FROM rooms',
    (r) =>
      rooms.push({
        roomId: r[0],
        name: r[1],
        capacity: r[2],
        floorAreaM2: r[3],
        sex: r[4] as Sex | null,
        ageGroup: r[5] as AgeGroup | null,
        regime: r[6] as Regime,
        family: r[7] === 1,
        seq: r[8],
      }),
  );

  const assignments: AssignmentFacts[] = [];
  each<[string, string, string, string, string, string | null, string, number]>(
    `SELECT assignment_id, placement_id, person_id, room_id, from_time, to_time, actor, seq FROM assignments
     WHERE ${filter} AND from_time <= :at`,
    (r) =>
      assignments.push({
        assignmentId: r[0],
        placementId: r[1],
        personId: r[2],
        roomId: r[3],
        from: r[4],
        to: r[5] !== null && r[5] <= at ? r[5] : null,
        actor: r[6],
        seq: r[7],
      }),
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
    rooms,
    assignments,
    recommendations,
    lateEntries,
  };
}
