// Journal entry types and their payloads. A payload holds the validated facts of the event with the
// ids the service assigned; projections are rebuilt from these alone, so nothing a projection shows
// may come from anywhere else. Payload types are part of the bundle format: change them only by
// adding optional fields, or by a new entry type.

import type { z } from 'zod';
import type * as I from './api/inputs.ts';
import type { AgeGroup, PersonStatus, PlacementKind, Regime, Sex } from './profile/types.ts';
import type { Role } from './roles.ts';
import type { Instant } from './time.ts';

type In<T extends z.ZodType> = Omit<z.output<T>, 'at'>;

export interface CentreConfigured {
  centreId: string;
  name: string;
  timeZone: string;
  profileId: string;
  /** The centre's Ed25519 public key (raw 32 bytes, base64) and its hex SHA-256: pinned by whoever holds the journal. */
  publicKey: string;
  keyFingerprint: string;
}

export interface AccountCreated {
  accountId: string;
  username: string;
  displayName: string;
  role: Role;
}

export interface AccountChanged {
  accountId: string;
  displayName?: string;
  role?: Role;
  active?: boolean;
}

export type PersonRegistered = In<typeof I.personRegister> & {
  personId: string;
  ageAssessment: NonNullable<z.output<typeof I.personRegister>['ageAssessment']>;
};

export interface PersonCorrected {
  personId: string;
  changes: z.output<typeof I.personCorrect>['changes'];
  reason: string;
}

export interface PersonStatusChanged {
  personId: string;
  status: PersonStatus;
  reason: string;
}

export interface OrderIssued {
  orderId: string;
  placementId: string;
  basis: string;
  authority: string;
  reference: string;
  issuedAt: Instant;
  startsAt: Instant;
  expiresAt: Instant;
  /** The term as the decision gave it, for the record; expiresAt is what it computes to. */
  term: z.output<typeof I.termInput> | null;
}

export interface PlacementAdmitted {
  placementId: string;
  personId: string;
  kind: PlacementKind;
  admission: z.output<typeof I.admissionRecord>;
  order: OrderIssued | null;
}

export interface PlacementEnded {
  placementId: string;
  reason: z.output<typeof I.placementEnd>['reason'];
  destination: string;
  note: string;
}

export interface RoomDefined {
  roomId: string;
  name: string;
  capacity: number;
  floorAreaM2: number;
  sex: Sex | null;
  ageGroup: AgeGroup | null;
  regime: Regime;
  family: boolean;
}

export type RoomUpdated = Partial<Omit<RoomDefined, 'roomId'>> & { roomId: string; retired?: boolean };

export interface AssignmentMade {
  assignmentId: string;
  placementId: string;
  personId: string;
  roomId: string;
  /** The assignment this one replaces (a move), closed at the same instant. */
  replaces: string | null;
  /** Placed in a family room under the family exception, recorded as such. */
  familyException: string | null;
  overCapacity: boolean;
}

export interface MovementRecorded {
  placementId: string;
  direction: 'exit' | 'return';
  purpose: string;
}

/**
 * A medical note is kept out of the journal (DESIGN §7: not exported to HQ): the payload holds
 * hex SHA-256 of salt + "\n" + text, and the note itself sits in the centre's medical_notes table.
 */
export type MedicalNoteRef = string;

/** For a medical examination the detail is a medical note: `detail` is empty and `detailRef` refers to it. */
export type RightRecorded = In<typeof I.rightRecord> & { rightEntryId: string; personId: string; detailRef?: MedicalNoteRef | null };

export interface AsylumClaimed {
  claimId: string;
  placementId: string;
  personId: string;
  note: string;
}

export type AsylumResolved = In<typeof I.asylumResolve>;

export type ReferralMade = In<typeof I.referralMake> & { referralId: string };

export type MeasureStarted = In<typeof I.measureStart> & { measureId: string; personId: string };
export type MeasureAuthorised = In<typeof I.measureAuthorise>;
export type MeasureReviewed = In<typeof I.measureReview>;
export type MeasureEnded = In<typeof I.measureEnd>;

/**
 * The kind of concern (health harmed by detention, risk of self-harm, possible torture victim) is a
 * medical detail too: since HQ slices, it is kept beside the journal like a note and the payload holds
 * only `kindRef`, a salted reference to it. Entries written before that hold `kind` itself (the hash
 * chain forbids changing them), so a reader takes `kind` where there is one, else the note `kindRef` names.
 */
export type MedicalConcernRaised = Omit<In<typeof I.medicalConcern>, 'note' | 'kind'> & {
  concernId: string;
  personId: string;
  reviewDue: Instant;
  noteRef: MedicalNoteRef | null;
  /** Entries written before the kind was kept apart. */
  kind?: In<typeof I.medicalConcern>['kind'];
  kindRef?: MedicalNoteRef | null;
};
export type DetentionReviewed = Omit<In<typeof I.detentionReview>, 'note'> & { reviewId: string; noteRef: MedicalNoteRef | null };

export type VisitRecorded = In<typeof I.inspectionVisit> & { visitId: string };
export type RecommendationMade = In<typeof I.inspectionRecommend> & { recommendationId: string };
export type RecommendationAnswered = In<typeof I.inspectionRespond>;

/**
 * HQ said it holds the journal up to entry `seq` (whose hash is `hash`): the next HQ slice starts
 * after it (DESIGN §4). Recorded from HQ's receipt by the head of centre.
 */
export interface HqAcknowledged {
  centreId: string;
  seq: number;
  hash: string;
  /** When HQ imported it, as the receipt says. */
  importedAt: Instant | null;
}

export interface EventPayloads {
  'centre.configured': CentreConfigured;
  'account.created': AccountCreated;
  'account.changed': AccountChanged;
  'person.registered': PersonRegistered;
  'person.corrected': PersonCorrected;
  'person.status_changed': PersonStatusChanged;
  'placement.admitted': PlacementAdmitted;
  'order.issued': OrderIssued;
  'placement.ended': PlacementEnded;
  'room.defined': RoomDefined;
  'room.updated': RoomUpdated;
  'assignment.made': AssignmentMade;
  'movement.recorded': MovementRecorded;
  'right.recorded': RightRecorded;
  'asylum.claimed': AsylumClaimed;
  'asylum.resolved': AsylumResolved;
  'referral.made': ReferralMade;
  'measure.started': MeasureStarted;
  'measure.authorised': MeasureAuthorised;
  'measure.reviewed': MeasureReviewed;
  'measure.ended': MeasureEnded;
  'medical.concern_raised': MedicalConcernRaised;
  'detention.reviewed': DetentionReviewed;
  'inspection.visited': VisitRecorded;
  'recommendation.made': RecommendationMade;
  'recommendation.answered': RecommendationAnswered;
  'hq.acknowledged': HqAcknowledged;
}

export type EventType = keyof EventPayloads;

export const EVENT_TYPES = [
  'centre.configured',
  'account.created',
  'account.changed',
  'person.registered',
  'person.corrected',
  'person.status_changed',
  'placement.admitted',
  'order.issued',
  'placement.ended',
  'room.defined',
  'room.updated',
  'assignment.made',
  'movement.recorded',
  'right.recorded',
  'asylum.claimed',
  'asylum.resolved',
  'referral.made',
  'measure.started',
  'measure.authorised',
  'measure.reviewed',
  'measure.ended',
  'medical.concern_raised',
  'detention.reviewed',
  'inspection.visited',
  'recommendation.made',
  'recommendation.answered',
  'hq.acknowledged',
] as const satisfies readonly EventType[];
