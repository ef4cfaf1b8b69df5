// Output types of the API: what the renderer, the CLI and the tests receive. Plain JSON values.

import type { AgeGroup, PersonStatus, PlacementKind, Regime, RightKind, Sex } from '../profile/types.ts';
import type { Finding, Severity } from '../findings/types.ts';
import type { Reason } from '../reasons.ts';
import type { Role } from '../roles.ts';
import type { Instant } from '../time.ts';

export interface WriteResult {
  /** Sequence number of the last journal entry the call appended. */
  seq: number;
  /** Id of what the call created, where it created something. */
  id?: string;
}

export interface AdmitResult extends WriteResult {
  id: string;
  deadline: Instant | null;
}

export interface AccountView {
  accountId: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
}

export interface Session {
  token: string;
  account: AccountView;
  expiresAt: Instant;
}

export interface CentreView {
  configured: boolean;
  centreId: string | null;
  name: string | null;
  timeZone: string | null;
  profileId: string | null;
  /** Hex SHA-256 of the centre's Ed25519 public key. */
  keyFingerprint: string | null;
}

export interface PersonView {
  personId: string;
  familyName: string;
  givenNames: string;
  nameOriginal: string;
  sex: Sex;
  birthDate: string | null;
  claimedAge: number | null;
  claimedAgeOn: string | null;
  ageAssessment: string;
  nationality: string | null;
  stateless: boolean;
  languages: string[];
  interpreterNeeded: boolean;
  status: PersonStatus;
  unaccompanied: boolean;
  familyGroup: string | null;
  vulnerabilities: string[];
  traffickingIndicators: string[];
  alerts: string[];
  registeredSeq: number;
}

export interface PopulationRow {
  personId: string;
  placementId: string;
  familyName: string;
  givenNames: string;
  sex: Sex;
  age: number | null;
  ageGroup: AgeGroup;
  nationality: string | null;
  status: PersonStatus;
  kind: PlacementKind;
  regime: Regime;
  basis: string | null;
  deadline: Instant | null;
  roomId: string | null;
  roomName: string | null;
  admittedAt: Instant;
  /** A voluntary resident who has gone out and not yet come back. */
  out: boolean;
}

export interface Population {
  at: Instant;
  total: number;
  rows: PopulationRow[];
  counts: {
    bySex: Record<string, number>;
    byAgeGroup: Record<string, number>;
    byRegime: Record<string, number>;
    byStatus: Record<string, number>;
  };
}

export interface SearchRow {
  personId: string;
  familyName: string;
  givenNames: string;
  nameOriginal: string;
  sex: Sex;
  birthDate: string | null;
  nationality: string | null;
  status: PersonStatus;
  present: boolean;
  lastPlacementId: string | null;
  lastAdmittedAt: Instant | null;
}

export interface SearchResult {
  rows: SearchRow[];
  /** Whether more rows match beyond this page. */
  more: boolean;
}

export interface OrderView {
  orderId: string;
  basis: string;
  authority: string;
  reference: string;
  issuedAt: Instant;
  startsAt: Instant;
  expiresAt: Instant;
  seq: number;
}

export interface AssignmentView {
  assignmentId: string;
  roomId: string;
  roomName: string;
  from: Instant;
  to: Instant | null;
  actor: string;
  seq: number;
}

export interface MovementView {
  direction: 'exit' | 'return';
  purpose: string;
  at: Instant;
  seq: number;
}

export interface RightView {
  rightEntryId: string;
  right: RightKind;
  state: 'offered' | 'exercised' | 'declined';
  language: string | null;
  version: string | null;
  interpreter: { name: string; mode: string } | null;
  detail: string;
  at: Instant;
  actor: string;
  seq: number;
}

export interface MeasureView {
  measureId: string;
  kind: 'disciplinary' | 'isolation';
  measure: string;
  reason: string;
  authorisedBy: string | null;
  startAt: Instant;
  endAt: Instant | null;
  reviews: { at: Instant; outcome: string; note: string; seq: number }[];
  seq: number;
}

export interface ClaimView {
  claimId: string;
  at: Instant;
  resolvedAt: Instant | null;
  resolution: string | null;
  seq: number;
}

export interface ConcernView {
  concernId: string;
  kind: string;
  /** Medical details: empty unless the reader is medical staff or an inspector. */
  note: string;
  at: Instant;
  reviewDue: Instant;
  seq: number;
}

export interface DetentionReviewView {
  reviewId: string;
  concernId: string | null;
  outcome: string;
  note: string;
  at: Instant;
  seq: number;
}

export interface PlacementView {
  placementId: string;
  kind: PlacementKind;
  admittedAt: Instant;
  endedAt: Instant | null;
  endReason: string | null;
  admission: unknown;
  deadline: Instant | null;
  orders: OrderView[];
  assignments: AssignmentView[];
  movements: MovementView[];
  rights: RightView[];
  measures: MeasureView[];
  claims: ClaimView[];
  concerns: ConcernView[];
  detentionReviews: DetentionReviewView[];
  seq: number;
}

export interface ReferralView {
  referralId: string;
  placementId: string | null;
  kind: string;
  to: string;
  note: string;
  at: Instant;
  seq: number;
}

export interface JournalEntryView {
  seq: number;
  eventTime: Instant;
  recordedTime: Instant;
  actor: string;
  type: string;
  corrects: number | null;
  payload: unknown;
  hash: string;
}

export interface PersonFile {
  person: PersonView;
  statusHistory: { status: PersonStatus; at: Instant; reason: string; seq: number }[];
  placements: PlacementView[];
  referrals: ReferralView[];
  corrections: JournalEntryView[];
  findings: Finding[];
}

export interface RoomOccupant {
  personId: string;
  placementId: string;
  familyName: string;
  givenNames: string;
  sex: Sex;
  ageGroup: AgeGroup;
  regime: Regime;
  familyGroup: string | null;
  since: Instant;
}

export interface RoomBoardRow {
  roomId: string;
  name: string;
  capacity: number;
  floorAreaM2: number;
  sex: Sex | null;
  ageGroup: AgeGroup | null;
  regime: Regime;
  family: boolean;
  retired: boolean;
  occupants: RoomOccupant[];
  m2PerPerson: number | null;
  conflicts: { personId: string; reasons: Reason[] }[];
}

export interface RoomBoard {
  at: Instant;
  rooms: RoomBoardRow[];
}

export interface DeadlineRow {
  placementId: string;
  personId: string;
  familyName: string;
  givenNames: string;
  basis: string;
  deadline: Instant;
  msLeft: number;
  urgency: 'overdue' | 'within_24h' | 'within_72h' | 'later';
  roomName: string | null;
}

/** The population by regime at sampled instants (dashboard chart). */
export interface PopulationSeries {
  at: Instant;
  from: Instant;
  stepDays: number;
  points: { at: Instant; byRegime: Record<Regime, number>; total: number }[];
}

/** Lengths of the stays that ended in a period, by basis, in buckets (dashboard chart). */
export interface StayLengths {
  at: Instant;
  from: Instant;
  /** Upper bounds of the buckets in hours; one more bucket follows, open-ended. */
  bucketsHours: number[];
  byBasis: { basis: string; counts: number[]; total: number; medianHours: number | null }[];
}

export interface FindingsResult {
  at: Instant;
  mode: 'current' | 'history';
  findings: Finding[];
  bySeverity: Record<Severity, number>;
  byCode: Record<string, number>;
}

export interface JournalHead {
  seq: number;
  hash: string;
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  head: JournalHead;
  /** The first entry that does not match, and what is wrong with it. */
  firstBad: { seq: number; problem: 'hash_mismatch' | 'prev_hash_mismatch' | 'gap' | 'out_of_order' } | null;
}

export interface MethodInfo {
  name: string;
  kind: 'read' | 'write' | 'session';
  roles: string[];
  summary: string;
  input: unknown;
}
