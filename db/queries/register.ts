// Read models of the register: population, search, person file, room board, deadlines.

import { sql } from 'kysely';
import { ageAt, ageGroupAt, type AgeAssessment } from '../../domain/age.ts';
import type {
  DeadlineRow,
  PersonView,
  Population,
  PopulationRow,
  RoomBoard,
  RoomBoardRow,
  SearchResult,
} from '../../domain/api/outputs.ts';
import { foldName } from '../../domain/names.ts';
import type { LegalProfile, PersonStatus, PlacementKind, Sex, AgeGroup, Regime } from '../../domain/profile/types.ts';
import { regimeOf, separationConflicts } from '../../domain/separation.ts';
import { HOUR_MS, toMs, type Instant } from '../../domain/time.ts';
import { kysely, type Sql } from '../sql.ts';
import type { PersonsTable } from '../schema.ts';

export interface ReadScope {
  profile: LegalProfile;
  timeZone: string;
}

/**
 * Placements present at an instant: admitted by then and not yet ended. Written as two indexed
 * halves (still open; ended after the instant) so that "now" touches only the few hundred people
 * present, not ten years of placements.
 */
export function presentAt(at: Instant) {
  return kysely
    .selectFrom('placements as pl')
    .innerJoin('persons as pe', 'pe.person_id', 'pl.person_id')
    .where('pl.placement_id', 'in', (eb) =>
      eb
        .selectFrom('placements')
        .select('placement_id')
        .where('ended_at', 'is', null)
        .where('admitted_at', '<=', at)
        .unionAll(
          eb.selectFrom('placements').select('placement_id').where('ended_at', '>', at).where('admitted_at', '<=', at),
        ),
    );
}

/** A person's status as it stood at an instant (the status history), for views of the past. */
function statusAt(at: Instant) {
  return sql<string>`coalesce((SELECT ps.status FROM person_status ps WHERE ps.person_id = pe.person_id AND ps.at <= ${at}
    ORDER BY ps.at DESC, ps.seq DESC LIMIT 1), pe.status)`.as('status');
}

export function population(q: Sql, scope: ReadScope, at: Instant): Population {
  const rows = q.all(
    presentAt(at)
      .leftJoin('assignments as a', (j) =>
        j
          .onRef('a.placement_id', '=', 'pl.placement_id')
          .on('a.from_time', '<=', at)
          .on((eb) => eb.or([eb('a.to_time', 'is', null), eb('a.to_time', '>', at)])),
      )
      .leftJoin('rooms as r', 'r.room_id', 'a.room_id')
      .select([
        'pe.person_id',
        'pl.placement_id',
        'pe.family_name',
        'pe.given_names',
        'pe.sex',
        'pe.birth_date',
        'pe.claimed_age',
        'pe.claimed_age_on',
        'pe.age_assessment',
        'pe.nationality',
        statusAt(at),
        'pl.kind',
        'pl.admitted_at',
        'a.room_id',
        'r.name as room_name',
        // Deadline and basis as they stood at `at`: orders issued later do not count yet.
        sql<string | null>`(SELECT max(o.expires_at) FROM orders o WHERE o.placement_id = pl.placement_id AND o.starts_at <= ${at})`.as('deadline'),
        sql<string | null>`(SELECT o.basis FROM orders o WHERE o.placement_id = pl.placement_id AND o.starts_at <= ${at} ORDER BY o.starts_at DESC LIMIT 1)`.as('basis'),
        sql<string | null>`(SELECT m.direction FROM movements m WHERE m.placement_id = pl.placement_id AND m.at <= ${at} ORDER BY m.at DESC, m.seq DESC LIMIT 1)`.as('last_move'),
      ])
      .orderBy('pe.family_name')
      .orderBy('pe.given_names'),
  );
  const counts: Population['counts'] = { bySex: {}, byAgeGroup: {}, byRegime: {}, byStatus: {} };
  const bump = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
  const out: PopulationRow[] = rows.map((r) => {
    const evidence = ageEvidence(r);
    const kind = r.kind as PlacementKind;
    const status = r.status as PersonStatus;
    const row: PopulationRow = {
      personId: r.person_id,
      placementId: r.placement_id,
      familyName: r.family_name,
      givenNames: r.given_names,
      sex: r.sex as Sex,
      age: ageAt(evidence, at, scope.timeZone),
      ageGroup: ageGroupAt(evidence, at, scope.profile, scope.timeZone),
      nationality: r.nationality,
      status,
      kind,
      regime: regimeOf(kind, status),
      basis: r.basis,
      deadline: r.deadline,
      roomId: r.room_id,
      roomName: r.room_name,
      admittedAt: r.admitted_at,
      out: r.last_move === 'exit',
    };
    bump(counts.bySex, row.sex);
    bump(counts.byAgeGroup, row.ageGroup);
    bump(counts.byRegime, row.regime);
    bump(counts.byStatus, row.status);
    return row;
  });
  return { at, total: out.length, rows: out, counts };
}

function ageEvidence(r: { birth_date: string | null; claimed_age: number | null; claimed_age_on: string | null; age_assessment: string }) {
  return {
    birthDate: r.birth_date,
    claimedAge: r.claimed_age,
    claimedAgeOn: r.claimed_age_on,
    ageAssessment: r.age_assessment as AgeAssessment,
  };
}

export interface SearchFilters {
  name?: string | undefined;
  nationality?: string | undefined;
  status?: string | undefined;
  basis?: string | undefined;
  roomId?: string | undefined;
  presence: 'present' | 'past' | 'all';
  limit: number;
  offset: number;
  after?: { familyName: string; givenNames: string; personId: string } | undefined;
}

const COMMON_PREFIX = 2000;

export function search(q: Sql, f: SearchFilters): SearchResult {
  let query = kysely
    .selectFrom('persons as pe')
    .leftJoin('placements as pl', 'pl.placement_id', 'pe.last_placement_id')
    .select([
      'pe.person_id',
      'pe.family_name',
      'pe.given_names',
      'pe.name_original',
      'pe.sex',
      'pe.birth_date',
      'pe.nationality',
      'pe.status',
      'pe.present',
      'pe.last_placement_id',
      'pl.admitted_at',
    ]);
  // Every word typed must begin one of the person's name words, in any order or script. A rare
  // prefix is fastest as a set of ids; a common one ("a") as a check on each row while walking the
  // name-ordered index, which stops once the page is full.
  const words = f.name ? foldName(f.name).split(/[^\p{L}\p{N}]+/u).filter(Boolean) : [];
  for (const word of words) {
    const upper = `${word}\uffff`;
    const common = q.first(
      kysely
        .selectFrom((eb) =>
          eb.selectFrom('person_names').select('person_id').where('token', '>=', word).where('token', '<', upper).limit(COMMON_PREFIX).as('t'),
        )
        .select((eb) => eb.fn.countAll<number>().as('n')),
    )!.n >= COMMON_PREFIX;
    query = common
      ? query.where((eb) =>
          eb.exists(
            eb
              .selectFrom('person_names as n')
              .select('n.person_id')
              .whereRef('n.person_id', '=', 'pe.person_id')
              .where('n.token', '>=', word)
              .where('n.token', '<', upper),
          ),
        )
      : query.where('pe.person_id', 'in', (eb) =>
          eb.selectFrom('person_names').select('person_id').where('token', '>=', word).where('token', '<', upper),
        );
  }
  if (f.nationality) query = query.where('pe.nationality', '=', f.nationality);
  if (f.status) query = query.where('pe.status', '=', f.status);
  if (f.presence === 'present') query = query.where('pe.present', '=', 1);
  if (f.presence === 'past') query = query.where('pe.present', '=', 0);
  if (f.basis) {
    const basis = f.basis;
    query = query.where('pe.person_id', 'in', (eb) =>
      eb
        .selectFrom('orders as o')
        .innerJoin('placements as p2', 'p2.placement_id', 'o.placement_id')
        .select('p2.person_id')
        .where('o.basis', '=', basis),
    );
  }
  if (f.roomId) {
    const roomId = f.roomId;
    query = query.where('pe.person_id', 'in', (eb) =>
      eb.selectFrom('assignments').select('person_id').where('room_id', '=', roomId).where('to_time', 'is', null),
    );
  }
  if (f.after) {
    const { familyName, givenNames, personId } = f.after;
    query = query.where((eb) => eb(eb.refTuple('pe.family_name', 'pe.given_names', 'pe.person_id'), '>', eb.tuple(familyName, givenNames, personId)));
  }
  const rows = q.all(
    query.orderBy('pe.family_name').orderBy('pe.given_names').orderBy('pe.person_id').limit(f.limit + 1).offset(f.offset),
  );
  return {
    more: rows.length > f.limit,
    rows: rows.slice(0, f.limit).map((r) => ({
      personId: r.person_id,
      familyName: r.family_name,
      givenNames: r.given_names,
      nameOriginal: r.name_original,
      sex: r.sex as Sex,
      birthDate: r.birth_date,
      nationality: r.nationality,
      status: r.status as PersonStatus,
      present: r.present === 1,
      lastPlacementId: r.last_placement_id,
      lastAdmittedAt: r.admitted_at,
    })),
  };
}

export function personView(r: PersonsTable): PersonView {
  return {
    personId: r.person_id,
    familyName: r.family_name,
    givenNames: r.given_names,
    nameOriginal: r.name_original,
    sex: r.sex as Sex,
    birthDate: r.birth_date,
    claimedAge: r.claimed_age,
    claimedAgeOn: r.claimed_age_on,
    ageAssessment: r.age_assessment,
    nationality: r.nationality,
    stateless: r.stateless === 1,
    languages: JSON.parse(r.languages) as string[],
    interpreterNeeded: r.interpreter_needed === 1,
    status: r.status as PersonStatus,
    unaccompanied: r.unaccompanied === 1,
    familyGroup: r.family_group,
    vulnerabilities: JSON.parse(r.vulnerabilities) as string[],
    traffickingIndicators: JSON.parse(r.trafficking_indicators) as string[],
    alerts: JSON.parse(r.alerts) as string[],
    registeredSeq: r.registered_seq,
  };
}

/**
 * The room board at an instant: each room as it stood then (the version in force, migration 0003),
 * with whoever was in it. A room defined later is not on the board of an earlier instant.
 */
export function roomBoard(q: Sql, scope: ReadScope, at: Instant): RoomBoard {
  const rooms = q.all(kysely.selectFrom('rooms').select(['room_id', 'name']).orderBy('name'));
  const versions = q.all(
    kysely
      .selectFrom('room_versions')
      .select(['room_id', 'capacity', 'floor_area_m2', 'sex', 'age_group', 'regime', 'family', 'retired', 'from_time'])
      .orderBy('room_id')
      .orderBy('from_time')
      .orderBy('seq'),
  );
  const inForce = new Map<string, (typeof versions)[number]>();
  const first = new Map<string, (typeof versions)[number]>();
  for (const v of versions) {
    if (!first.has(v.room_id)) first.set(v.room_id, v);
    if (v.from_time <= at) inForce.set(v.room_id, v);
  }
  const occupants = q.all(
    kysely
      .selectFrom('assignments as a')
      .innerJoin('placements as pl', 'pl.placement_id', 'a.placement_id')
      .innerJoin('persons as pe', 'pe.person_id', 'a.person_id')
      .where('a.assignment_id', 'in', (eb) =>
        eb
          .selectFrom('assignments')
          .select('assignment_id')
          .where('to_time', 'is', null)
          .where('from_time', '<=', at)
          .unionAll(
            eb.selectFrom('assignments').select('assignment_id').where('to_time', '>', at).where('from_time', '<=', at),
          ),
      )
      .select([
        'a.room_id',
        'a.from_time',
        'pl.placement_id',
        'pl.kind',
        'pe.person_id',
        'pe.family_name',
        'pe.given_names',
        'pe.sex',
        'pe.birth_date',
        'pe.claimed_age',
        'pe.claimed_age_on',
        'pe.age_assessment',
        statusAt(at),
        'pe.family_group',
      ]),
  );
  const byRoom = new Map<string, RoomBoardRow['occupants']>();
  for (const o of occupants) {
    const list = byRoom.get(o.room_id) ?? [];
    list.push({
      personId: o.person_id,
      placementId: o.placement_id,
      familyName: o.family_name,
      givenNames: o.given_names,
      sex: o.sex as Sex,
      ageGroup: ageGroupAt(ageEvidence(o), at, scope.profile, scope.timeZone),
      regime: regimeOf(o.kind as PlacementKind, o.status as PersonStatus),
      familyGroup: o.family_group,
      since: o.from_time,
    });
    byRoom.set(o.room_id, list);
  }
  return {
    at,
    rooms: rooms
      .flatMap((room) => {
        // Someone placed in a room before its definition's time: the room as it was first defined.
        const v = inForce.get(room.room_id) ?? (byRoom.has(room.room_id) ? first.get(room.room_id) : undefined);
        return v ? [{ ...room, ...v }] : [];
      })
      .filter((r) => r.retired === 0 || byRoom.has(r.room_id))
      .map((r) => {
        const list = byRoom.get(r.room_id) ?? [];
        const categories = {
          sex: r.sex as Sex | null,
          ageGroup: r.age_group as AgeGroup | null,
          regime: r.regime as Regime,
          family: r.family === 1,
        };
        return {
          roomId: r.room_id,
          name: r.name,
          capacity: r.capacity,
          floorAreaM2: r.floor_area_m2,
          ...categories,
          retired: r.retired === 1,
          occupants: list,
          m2PerPerson: list.length ? Math.round((r.floor_area_m2 / list.length) * 10) / 10 : null,
          conflicts: separationConflicts(categories, list).map((c) => ({ personId: c.personId, reasons: c.reasons })),
        };
      }),
  };
}

export function deadlines(q: Sql, at: Instant): DeadlineRow[] {
  const rows = q.all(
    presentAt(at)
      .where('pl.kind', '=', 'forced')
      .leftJoin('assignments as a', (j) =>
        j
          .onRef('a.placement_id', '=', 'pl.placement_id')
          .on('a.from_time', '<=', at)
          .on((eb) => eb.or([eb('a.to_time', 'is', null), eb('a.to_time', '>', at)])),
      )
      .leftJoin('rooms as r', 'r.room_id', 'a.room_id')
      .select([
        'pl.placement_id',
        'pe.person_id',
        'pe.family_name',
        'pe.given_names',
        'r.name as room_name',
        sql<string | null>`(SELECT max(o.expires_at) FROM orders o WHERE o.placement_id = pl.placement_id AND o.starts_at <= ${at})`.as('deadline'),
        sql<string | null>`(SELECT o.basis FROM orders o WHERE o.placement_id = pl.placement_id AND o.starts_at <= ${at} ORDER BY o.starts_at DESC LIMIT 1)`.as('basis'),
        'pl.admitted_at',
      ]),
  );
  const atMs = toMs(at);
  return rows
    .map((r) => {
      // A forced placement without any order in force is overdue from admission.
      const deadline = r.deadline ?? r.admitted_at;
      const msLeft = toMs(deadline) - atMs;
      const urgency: DeadlineRow['urgency'] =
        msLeft <= 0 ? 'overdue' : msLeft <= 24 * HOUR_MS ? 'within_24h' : msLeft <= 72 * HOUR_MS ? 'within_72h' : 'later';
      return {
        placementId: r.placement_id,
        personId: r.person_id,
        familyName: r.family_name,
        givenNames: r.given_names,
        basis: r.basis ?? 'none',
        deadline,
        msLeft,
        urgency,
        roomName: r.room_name,
      };
    })
    .sort((a, b) => a.msLeft - b.msLeft);
}
