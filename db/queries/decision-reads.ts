// The reads a write needs before it is decided (the person, their open placement, the room and who
// is in it at the event time). Prepared once: this is the hot path of every append.

import type { Statement } from 'better-sqlite3';
import type { AgeAssessment } from '../../domain/age.ts';
import type { PersonStatus, PlacementKind, Regime, Sex, AgeGroup } from '../../domain/profile/types.ts';
import type { Db } from '../connection.ts';

export interface PersonRow {
  personId: string;
  sex: Sex;
  birthDate: string | null;
  claimedAge: number | null;
  claimedAgeOn: string | null;
  ageAssessment: AgeAssessment;
  status: PersonStatus;
  unaccompanied: boolean;
  familyGroup: string | null;
  traffickingIndicators: string[];
  seq: number;
}

export interface PlacementRow {
  placementId: string;
  personId: string;
  kind: PlacementKind;
  admittedAt: string;
  endedAt: string | null;
  outSince: string | null;
  seq: number;
}

export interface RoomRow {
  roomId: string;
  name: string;
  capacity: number;
  floorAreaM2: number;
  sex: Sex | null;
  ageGroup: AgeGroup | null;
  regime: Regime;
  family: boolean;
  retired: boolean;
}

export interface OccupantRow {
  assignmentId: string;
  placementId: string;
  personId: string;
  kind: PlacementKind;
  sex: Sex;
  birthDate: string | null;
  claimedAge: number | null;
  claimedAgeOn: string | null;
  ageAssessment: AgeAssessment;
  status: PersonStatus;
  familyGroup: string | null;
}

/** An occupant, with the assignment's interval (toTime null while it is open). */
export interface OccupantStay extends OccupantRow {
  fromTime: string;
  toTime: string | null;
}

export interface OrderRow {
  orderId: string;
  basis: string;
  startsAt: string;
  expiresAt: string;
  seq: number;
}

const PERSON_COLUMNS = `person_id AS personId, sex, birth_date AS birthDate, claimed_age AS claimedAge,
  claimed_age_on AS claimedAgeOn, age_assessment AS ageAssessment, status, unaccompanied,
  family_group AS familyGroup, trafficking_indicators AS traffickingIndicators, seq`;

export class DecisionReads {
  private readonly s: Record<string, Statement>;
  /**
   * The rows a write reads most, kept for the length of one transaction: a sitting's calls about one
   * stay read the same placement, person and room again and again. The service drops them when a
   * transaction begins (another connection may have written since), and the projector whenever it
   * writes one of these tables. Rows handed out are frozen: callers share them.
   */
  private readonly kept = {
    persons: new Map<string, PersonRow>(),
    placements: new Map<string, PlacementRow>(),
    rooms: new Map<string, RoomRow>(),
  };

  constructor(db: Db) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      person: p(`SELECT ${PERSON_COLUMNS} FROM persons WHERE person_id = ?`),
      personLanguages: p('SELECT languages FROM persons WHERE person_id = ?').pluck(),
      placementsBefore: p(
        'SELECT placement_id AS placementId, kind, admitted_at AS admittedAt, ended_at AS endedAt FROM placements WHERE person_id = ? AND admitted_at < ? ORDER BY admitted_at DESC',
      ),
      personExists: p('SELECT 1 FROM persons WHERE person_id = ?').pluck(),
      openPlacementOf: p(
        `SELECT placement_id AS placementId, person_id AS personId, kind, admitted_at AS admittedAt, ended_at AS endedAt,
                out_since AS outSince, seq
         FROM placements WHERE person_id = ? AND ended_at IS NULL`,
      ),
      placement: p(
        `SELECT placement_id AS placementId, person_id AS personId, kind, admitted_at AS admittedAt, ended_at AS endedAt,
                out_since AS outSince, seq
         FROM placements WHERE placement_id = ?`,
      ),
      room: p(
        `SELECT room_id AS roomId, name, capacity, floor_area_m2 AS floorAreaM2, sex, age_group AS ageGroup, regime,
                family, retired FROM rooms WHERE room_id = ?`,
      ),
      roomNameTaken: p('SELECT 1 FROM rooms WHERE name = ? AND retired = 0 AND room_id <> ?').pluck(),
      roomChangedAt: p('SELECT max(from_time) FROM room_versions WHERE room_id = ?').pluck(),
      // Two indexed halves: the open assignments, and the closed ones that were still running at t.
      // INDEXED BY: left to itself the planner may take a (room_id, …) index for the first half and walk
      // the room's whole history, which grows with every year of the register.
      // Everyone assigned to the room at @at or since (open, or closed after @at): a backdated move is
      // checked against those who came after it as well as those there then.
      occupantsSince: p(
        `SELECT a.assignment_id AS assignmentId, a.placement_id AS placementId, a.person_id AS personId, pl.kind,
                pe.sex, pe.birth_date AS birthDate, pe.claimed_age AS claimedAge, pe.claimed_age_on AS claimedAgeOn,
                pe.age_assessment AS ageAssessment, pe.status, pe.family_group AS familyGroup,
                a.from_time AS fromTime, a.to_time AS toTime
         FROM (SELECT * FROM assignments INDEXED BY assignments_open WHERE room_id = @room AND to_time IS NULL
               UNION ALL
               SELECT * FROM assignments WHERE room_id = @room AND to_time > @at) a
         JOIN placements pl ON pl.placement_id = a.placement_id
         JOIN persons pe ON pe.person_id = a.person_id`,
      ),
      // The same intervals alone, for rooms whose rule counts only beds: no joins.
      staysSince: p(
        `SELECT from_time, to_time FROM assignments INDEXED BY assignments_open WHERE room_id = @room AND to_time IS NULL AND placement_id <> @except
         UNION ALL
         SELECT from_time, to_time FROM assignments WHERE room_id = @room AND to_time > @at AND placement_id <> @except`,
      ).raw(),
      currentAssignment: p(
        'SELECT assignment_id AS assignmentId, room_id AS roomId, from_time AS fromTime FROM assignments WHERE placement_id = ? AND to_time IS NULL',
      ),
      laterAssignment: p('SELECT 1 FROM assignments WHERE placement_id = ? AND from_time > ? LIMIT 1').pluck(),
      orders: p(
        'SELECT order_id AS orderId, basis, starts_at AS startsAt, expires_at AS expiresAt, seq FROM orders WHERE placement_id = ? ORDER BY starts_at',
      ),
      openClaims: p('SELECT claim_id AS claimId, at FROM asylum_claims WHERE placement_id = ? AND resolved_at IS NULL'),
      claim: p(
        'SELECT claim_id AS claimId, placement_id AS placementId, person_id AS personId, at, resolved_at AS resolvedAt FROM asylum_claims WHERE claim_id = ?',
      ),
      openMeasures: p('SELECT measure_id AS measureId FROM measures WHERE placement_id = ? AND end_at IS NULL'),
      measure: p(
        `SELECT measure_id AS measureId, placement_id AS placementId, person_id AS personId, kind, start_at AS startAt,
                end_at AS endAt, authorised_by AS authorisedBy FROM measures WHERE measure_id = ?`,
      ),
      concern: p('SELECT concern_id AS concernId, placement_id AS placementId, at FROM medical_concerns WHERE concern_id = ?'),
      visit: p('SELECT visit_id AS visitId, started_at AS startedAt FROM visits WHERE visit_id = ?'),
      recommendation: p('SELECT recommendation_id AS recommendationId, visit_id AS visitId FROM recommendations WHERE recommendation_id = ?'),
      account: p(
        'SELECT account_id AS accountId, username, display_name AS displayName, role, active FROM accounts WHERE account_id = ?',
      ),
      lastEndedAt: p('SELECT max(ended_at) FROM placements WHERE person_id = ?').pluck(),
      // The latest thing recorded in a stay: an end may not be dated before it.
      latestEventAt: p(
        `SELECT max(t) FROM (
           SELECT max(at) AS t FROM rights WHERE placement_id = @p
           UNION ALL SELECT max(at) FROM movements WHERE placement_id = @p
           UNION ALL SELECT max(issued_at) FROM orders WHERE placement_id = @p
           UNION ALL SELECT max(start_at) FROM measures WHERE placement_id = @p
           UNION ALL SELECT max(at) FROM asylum_claims WHERE placement_id = @p
           UNION ALL SELECT max(at) FROM medical_concerns WHERE placement_id = @p
           UNION ALL SELECT max(at) FROM detention_reviews WHERE placement_id = @p
           UNION ALL SELECT max(from_time) FROM assignments WHERE placement_id = @p)`,
      ).pluck(),
      lastMovement: p('SELECT direction, at FROM movements WHERE placement_id = ? ORDER BY at DESC, seq DESC LIMIT 1'),
    };
  }

  /** Drops the rows kept so far: at the start of a transaction, and after a write to their tables. */
  forget(): void {
    this.kept.persons.clear();
    this.kept.placements.clear();
    this.kept.rooms.clear();
  }

  person(personId: string): PersonRow | undefined {
    const kept = this.kept.persons.get(personId);
    if (kept) return kept;
    const r = this.s.person!.get(personId) as (Omit<PersonRow, 'unaccompanied' | 'traffickingIndicators'> & { unaccompanied: number; traffickingIndicators: string }) | undefined;
    if (!r) return undefined;
    const row = Object.freeze({ ...r, unaccompanied: r.unaccompanied === 1, traffickingIndicators: JSON.parse(r.traffickingIndicators) as string[] });
    this.kept.persons.set(personId, row);
    return row;
  }

  /** The languages the person speaks, as registered (language codes); empty when none were given. */
  personLanguages(personId: string): string[] {
    const text = this.s.personLanguages!.get(personId) as string | undefined;
    return text ? (JSON.parse(text) as string[]) : [];
  }

  /** The person's placements admitted before `before`, newest first. */
  placementsBefore(personId: string, before: string): { placementId: string; kind: PlacementKind; admittedAt: string; endedAt: string | null }[] {
    return this.s.placementsBefore!.all(personId, before) as ReturnType<DecisionReads['placementsBefore']>;
  }

  personExists(personId: string): boolean {
    return this.s.personExists!.get(personId) === 1;
  }

  openPlacementOf(personId: string): PlacementRow | undefined {
    return this.s.openPlacementOf!.get(personId) as PlacementRow | undefined;
  }

  placement(placementId: string): PlacementRow | undefined {
    const kept = this.kept.placements.get(placementId);
    if (kept) return kept;
    const r = this.s.placement!.get(placementId) as PlacementRow | undefined;
    if (!r) return undefined;
    const row = Object.freeze(r);
    this.kept.placements.set(placementId, row);
    return row;
  }

  room(roomId: string): RoomRow | undefined {
    const kept = this.kept.rooms.get(roomId);
    if (kept) return kept;
    const r = this.s.room!.get(roomId) as (Omit<RoomRow, 'family' | 'retired'> & { family: number; retired: number }) | undefined;
    if (!r) return undefined;
    const row = Object.freeze({ ...r, family: r.family === 1, retired: r.retired === 1 });
    this.kept.rooms.set(roomId, row);
    return row;
  }

  /** When the room's latest definition or change took effect (the event time of its entry). */
  roomChangedAt(roomId: string): string | null {
    return (this.s.roomChangedAt!.get(roomId) as string | null | undefined) ?? null;
  }

  roomNameTaken(name: string, exceptRoomId = ''): boolean {
    return this.s.roomNameTaken!.get(name, exceptRoomId) === 1;
  }

  /** Who is assigned to the room at `at` or was at any time since. */
  occupantsSince(roomId: string, at: string): OccupantStay[] {
    return this.s.occupantsSince!.all({ room: roomId, at }) as OccupantStay[];
  }

  /** The intervals [from, to) of the room's assignments at `at` or since, leaving out one placement. */
  staysSince(roomId: string, at: string, exceptPlacementId = ''): [from: string, to: string | null][] {
    return this.s.staysSince!.all({ room: roomId, at, except: exceptPlacementId }) as [string, string | null][];
  }

  currentAssignment(placementId: string): { assignmentId: string; roomId: string; fromTime: string } | undefined {
    return this.s.currentAssignment!.get(placementId) as { assignmentId: string; roomId: string; fromTime: string } | undefined;
  }

  hasAssignmentAfter(placementId: string, at: string): boolean {
    return this.s.laterAssignment!.get(placementId, at) === 1;
  }

  orders(placementId: string): OrderRow[] {
    return this.s.orders!.all(placementId) as OrderRow[];
  }

  openClaims(placementId: string): { claimId: string; at: string }[] {
    return this.s.openClaims!.all(placementId) as { claimId: string; at: string }[];
  }

  claim(claimId: string): { claimId: string; placementId: string; personId: string; at: string; resolvedAt: string | null } | undefined {
    return this.s.claim!.get(claimId) as ReturnType<DecisionReads['claim']>;
  }

  openMeasures(placementId: string): string[] {
    return (this.s.openMeasures!.all(placementId) as { measureId: string }[]).map((r) => r.measureId);
  }

  measure(measureId: string):
    | { measureId: string; placementId: string; personId: string; kind: string; startAt: string; endAt: string | null; authorisedBy: string | null }
    | undefined {
    return this.s.measure!.get(measureId) as ReturnType<DecisionReads['measure']>;
  }

  concern(concernId: string): { concernId: string; placementId: string; at: string } | undefined {
    return this.s.concern!.get(concernId) as ReturnType<DecisionReads['concern']>;
  }

  visit(visitId: string): { visitId: string; startedAt: string } | undefined {
    return this.s.visit!.get(visitId) as ReturnType<DecisionReads['visit']>;
  }

  recommendation(recommendationId: string): { recommendationId: string; visitId: string } | undefined {
    return this.s.recommendation!.get(recommendationId) as ReturnType<DecisionReads['recommendation']>;
  }

  account(accountId: string): { accountId: string; username: string; displayName: string; role: string; active: number } | undefined {
    return this.s.account!.get(accountId) as ReturnType<DecisionReads['account']>;
  }

  /** When the person's latest ended placement ended: a new stay may not begin before it. */
  lastEndedAt(personId: string): string | null {
    return (this.s.lastEndedAt!.get(personId) as string | null) ?? null;
  }

  latestEventAt(placementId: string): string | null {
    return (this.s.latestEventAt!.get({ p: placementId }) as string | null) ?? null;
  }

  lastMovement(placementId: string): { direction: 'exit' | 'return'; at: string } | undefined {
    return this.s.lastMovement!.get(placementId) as ReturnType<DecisionReads['lastMovement']>;
  }
}
