// Fixture builders for the findings tests (and for anyone who needs facts by hand): every field has a
// sensible default, so a test states only what it is about. Pure, like the rest of the domain.

import { azDefaultProfile } from '../profile/az-default.ts';
import { addHours, HOUR_MS, toMs, type Instant } from '../time.ts';
import type {
  AssignmentFacts,
  AssignmentTable,
  FindingsInput,
  OrderFacts,
  PersonFacts,
  PlacementFacts,
  RoomFacts,
} from './types.ts';

/** Admission time of the default placement: 08:00 in Baku (UTC+4, no daylight saving). */
export const T0: Instant = '2026-03-02T04:00:00.000Z';
export const ZONE = 'Asia/Baku';

/** T0 plus hours (fractions allowed). */
export function h(hours: number): Instant {
  return addHours(T0, hours);
}

/** T0 plus hours, in milliseconds: the instants of facts. */
export function hMs(hours: number): number {
  return toMs(h(hours));
}

let nextSeq = 1000;
/** A fresh journal sequence number for facts whose seq a test does not care about. */
export function seq(): number {
  return nextSeq++;
}

export function person(overrides: Partial<PersonFacts> = {}): PersonFacts {
  return {
    personId: 'person-1',
    sex: 'male',
    birthDate: '1990-05-10',
    claimedAge: null,
    claimedAgeOn: null,
    ageAssessment: 'documented',
    status: 'irregular_migrant',
    unaccompanied: false,
    traffickingIndicators: [],
    familyGroup: null,
    seq: seq(),
    ...overrides,
  };
}

export function order(overrides: Partial<OrderFacts> = {}): OrderFacts {
  const startsMs = overrides.startsMs ?? hMs(0);
  return {
    basis: 'service_order',
    startsMs,
    expiresMs: startsMs + 24 * HOUR_MS,
    seq: seq(),
    ...overrides,
  };
}

/** Every required right of a forced placement, recorded as offered an hour after admission. */
export function allRights(admittedMs: number = hMs(0)): PlacementFacts['rights'] {
  return azDefaultProfile.requiredRights.map((r) => ({ right: r.right, state: 'offered' as const, atMs: admittedMs + HOUR_MS, seq: seq() }));
}

/**
 * A forced placement admitted at T0 on a 24-hour service order with every right recorded in time:
 * by default it yields no finding before the order expires.
 */
export function placement(overrides: Partial<PlacementFacts> = {}): PlacementFacts {
  const placementId = overrides.placementId ?? `placement-${seq()}`;
  const p = overrides.person ?? person(overrides.personId ? { personId: overrides.personId } : {});
  const admittedMs = overrides.admittedMs ?? hMs(0);
  const kind = overrides.kind ?? 'forced';
  return {
    placementId,
    personId: p.personId,
    kind,
    admittedMs,
    endedMs: null,
    seq: seq(),
    endSeq: null,
    person: p,
    orders: kind === 'forced' ? [order({ startsMs: admittedMs })] : [],
    rights: allRights(admittedMs),
    rightsInTime: 0,
    claims: [],
    referrals: [],
    measures: [],
    concerns: [],
    ...overrides,
  };
}

export function room(overrides: Partial<RoomFacts> = {}): RoomFacts {
  return {
    roomId: 'room-1',
    name: 'A-101',
    capacity: 4,
    floorAreaM2: 20,
    sex: 'male',
    ageGroup: 'adult',
    regime: 'forced',
    family: false,
    seq: seq(),
    ...overrides,
  };
}

export function assignment(p: PlacementFacts, overrides: Partial<AssignmentFacts> = {}): AssignmentFacts {
  return {
    placementId: p.placementId,
    roomId: 'room-1',
    fromMs: p.admittedMs,
    untilMs: null,
    actor: 'officer-1',
    seq: seq(),
    ...overrides,
  };
}

/** The assignments as the engine is given them. */
export function assignmentTable(assignments: readonly AssignmentFacts[]): AssignmentTable {
  return {
    placementId: assignments.map((a) => a.placementId),
    roomId: assignments.map((a) => a.roomId),
    fromMs: assignments.map((a) => a.fromMs),
    untilMs: assignments.map((a) => a.untilMs ?? NaN),
    actor: assignments.map((a) => a.actor),
    seq: assignments.map((a) => a.seq),
  };
}

/** Findings input; assignments given as a list of AssignmentFacts. */
export function input(overrides: Omit<Partial<FindingsInput>, 'assignments'> & { assignments?: readonly AssignmentFacts[] } = {}): FindingsInput {
  const { assignments = [], ...rest } = overrides;
  return {
    profile: azDefaultProfile,
    timeZone: ZONE,
    at: h(1),
    mode: 'current',
    placements: [],
    rooms: [],
    recommendations: [],
    lateEntries: [],
    ...rest,
    assignments: assignmentTable(assignments),
  };
}
