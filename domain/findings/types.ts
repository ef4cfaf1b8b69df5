// Facts the findings engine reads and the findings it derives. The engine is pure: the db layer
// loads these facts from the projections (only what the instant or the audit needs) and the engine
// decides. Findings are never stored by hand; they are recomputed at any instant.
//
// Instants in the facts are milliseconds since the epoch (fields named …Ms): the rules compare
// instants as numbers, and the full audit reads about a million of them, so each is read once, by
// the loader, never parsed again per rule. Findings give their instants as ISO text.

import type { AgeAssessment } from '../age.ts';
import type { LegalProfile, PersonStatus, PlacementKind, RightKind, Sex } from '../profile/types.ts';
import type { ReasonParams } from '../reasons.ts';
import type { RoomCategories } from '../separation.ts';
import type { Instant } from '../time.ts';

export type Severity = 'critical' | 'high' | 'medium' | 'low';

export const FINDING_CODES = [
  'stay.exceeded',
  'stay.near_limit',
  'order.gap',
  'order.chained',
  'forced.status_never_forced',
  'forced.child_under_age',
  'minor.unaccompanied_not_referred',
  'asylum.claim_unresolved',
  'trafficking.not_referred',
  'separation.breach',
  'room.over_capacity',
  'room.floor_area',
  'rights.missing',
  'rights.late',
  'entry.late',
  'recommendation.overdue',
  'measure.on_minor',
  'isolation.unauthorised',
  'isolation.review_overdue',
  'medical.review_overdue',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export interface Finding {
  code: FindingCode;
  severity: Severity;
  personIds: string[];
  placementIds: string[];
  roomId?: string;
  /** When the breach began (or is due to begin, for near-limit warnings). */
  from: Instant;
  /** When it ended; null while it still holds at the instant of the check. */
  to: Instant | null;
  params: ReasonParams;
  /** Journal sequence numbers of the entries that show it. */
  evidence: number[];
}

export interface PersonFacts {
  personId: string;
  sex: Sex;
  birthDate: string | null;
  claimedAge: number | null;
  claimedAgeOn: string | null;
  ageAssessment: AgeAssessment;
  status: PersonStatus;
  unaccompanied: boolean;
  traffickingIndicators: string[];
  familyGroup: string | null;
  /** The entry that registered the person, or last corrected them. */
  seq: number;
  /**
   * Status over time, ascending (registration first). Where given, a status counts only while it
   * held; where absent, `status` is taken to have held throughout (the loader leaves out a history
   * of one status that is not among the profile's neverForced: the rule finds nothing in it either way).
   */
  statusHistory?: { status: PersonStatus; atMs: number; seq: number }[];
}

export interface OrderFacts {
  basis: string;
  startsMs: number;
  expiresMs: number;
  seq: number;
}

export interface RightFacts {
  right: RightKind;
  state: 'offered' | 'exercised' | 'declined';
  atMs: number;
  seq: number;
}

export interface ClaimFacts {
  claimId: string;
  atMs: number;
  resolvedMs: number | null;
  seq: number;
  resolvedSeq: number | null;
}

export interface ReferralFacts {
  kind: 'guardianship' | 'child_care' | 'trafficking_police';
  atMs: number;
  seq: number;
}

export interface MeasureFacts {
  measureId: string;
  kind: 'disciplinary' | 'isolation';
  startMs: number;
  endMs: number | null;
  authorisedMs: number | null;
  /** Times of reviews, ascending. */
  reviewsMs: number[];
  seq: number;
}

export interface ConcernFacts {
  concernId: string;
  atMs: number;
  /** The first detention review recorded at or after the concern. */
  reviewedMs: number | null;
  seq: number;
  reviewSeq: number | null;
}

export interface PlacementFacts {
  placementId: string;
  personId: string;
  kind: PlacementKind;
  admittedMs: number;
  endedMs: number | null;
  seq: number;
  endSeq: number | null;
  person: PersonFacts;
  orders: OrderFacts[];
  /**
   * Records of the rights log: the rule reads the first record of each right the profile requires,
   * as of the instant. A right first recorded within its window needs no record here when it is
   * named in rightsInTime (the loader does so: most of the million records of ten years are in time).
   */
  rights: RightFacts[];
  /**
   * The profile's required rights (bit k: requiredRights[k]) whose first record came within the
   * window after admission: recorded in time, whatever the instant of the check. 0: none said so.
   */
  rightsInTime: number;
  claims: ClaimFacts[];
  /** Referrals of the person, from any placement. */
  referrals: ReferralFacts[];
  measures: MeasureFacts[];
  concerns: ConcernFacts[];
}

/** A room's categories, capacity and floor area from an instant on: what one room entry set. */
export interface RoomVersionFacts extends RoomCategories {
  capacity: number;
  floorAreaM2: number;
  /** The event time of the entry that set them. */
  fromMs: number;
  seq: number;
}

export interface RoomFacts extends RoomCategories {
  roomId: string;
  name: string;
  capacity: number;
  floorAreaM2: number;
  /** The entry that set the categories, capacity and floor area above. */
  seq: number;
  /**
   * The room over time, ascending by `fromMs` then seq (its definition first). Where given, each
   * version holds from its `fromMs` until the next one's, the first from the start; where absent, the
   * categories, capacity and floor area above are taken to have held throughout.
   */
  history?: RoomVersionFacts[];
}

/** One assignment of a placement to a room (see AssignmentTable: how the engine is given them). */
export interface AssignmentFacts {
  placementId: string;
  roomId: string;
  fromMs: number;
  /** The end of the assignment (a move to another room), null while it runs. */
  untilMs: number | null;
  actor: string;
  seq: number;
}

/**
 * Assignments as columns: assignment i put placementId[i] in roomId[i] from fromMs[i] until
 * untilMs[i] (NaN while it runs), made by actor[i] in entry seq[i]. Ten years hold a hundred and
 * twenty thousand; the room sweep reads each once, and a few arrays cost the audit far less than as
 * many objects living as long as it does (facts.ts: assignmentTable makes one from AssignmentFacts).
 */
export interface AssignmentTable {
  placementId: string[];
  roomId: string[];
  fromMs: number[];
  untilMs: number[];
  actor: string[];
  seq: number[];
}

export interface RecommendationFacts {
  recommendationId: string;
  visitId: string;
  responseDueMs: number;
  answeredMs: number | null;
  seq: number;
}

export interface LateEntryFacts {
  seq: number;
  type: string;
  eventMs: number;
  recordedMs: number;
  actor: string;
  personId: string | null;
  placementId: string | null;
}

export interface FindingsInput {
  profile: LegalProfile;
  timeZone: string;
  at: Instant;
  /**
   * current: what holds at `at` (present placements; recent late entries).
   * history: the full audit up to `at`, past breaches with their intervals included.
   */
  mode: 'current' | 'history';
  placements: PlacementFacts[];
  rooms: RoomFacts[];
  /** Assignments of the given placements (all of them in history mode). */
  assignments: AssignmentTable;
  recommendations: RecommendationFacts[];
  lateEntries: LateEntryFacts[];
}
