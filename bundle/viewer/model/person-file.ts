// A person's file, as the inspector reads it: identity, status history, every stay with its orders
// and deadline, the rights log (who, when, in which language, with which interpreter), rooms over
// time, movements, measures and isolation with their reviews, referrals, asylum claims, medical
// concerns and detention reviews, corrections of identity, and the findings concerning the person.
// Everything comes from the verified replay; corrections are read back from their journal entries.

import type { Finding } from '../../../domain/findings/types.ts';
import type {
  AsylumClaimRow,
  AssignmentRow,
  DetentionReviewRow,
  MeasureReviewRow,
  MeasureRow,
  MedicalConcernRow,
  MovementRow,
  OrderRow,
  PersonRow,
  PersonStatusRow,
  PlacementRow,
  ReferralRow,
  RightRow,
} from '../../../domain/replay/tables.ts';
import type { ViewerData } from './data.ts';

export interface RoomStay {
  assignment: AssignmentRow;
  roomName: string;
}

export interface MeasureWithReviews {
  measure: MeasureRow;
  reviews: MeasureReviewRow[];
}

export interface StayFile {
  placement: PlacementRow;
  orders: OrderRow[];
  rights: RightRow[];
  rooms: RoomStay[];
  movements: MovementRow[];
  measures: MeasureWithReviews[];
  claims: AsylumClaimRow[];
  concerns: MedicalConcernRow[];
  detentionReviews: DetentionReviewRow[];
}

export interface Correction {
  seq: number;
  at: string;
  actor: string;
  reason: string;
  /** The fields the correction changed, with their new values (as the entry gives them). */
  changes: [string, unknown][];
}

export interface PersonFile {
  person: PersonRow;
  statusHistory: PersonStatusRow[];
  /** Stays, the latest first. */
  stays: StayFile[];
  referrals: ReferralRow[];
  corrections: Correction[];
  currentFindings: Finding[];
  /** Past breaches too (the audit carried in the bundle), latest first. */
  historyFindings: Finding[];
}

const byTime = <T>(at: (r: T) => string) => (a: T, b: T) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : 0);

export function personFile(data: ViewerData, personId: string): PersonFile | null {
  const person = data.tables.persons.get(personId);
  if (!person) return null;
  const stays = [...data.rowsOf(data.placementsByPerson, personId)]
    .sort(byTime((p) => p.admittedAt))
    .reverse()
    .map((placement) => stayFile(data, placement));
  return {
    person,
    statusHistory: [...data.rowsOf(data.statusByPerson, personId)],
    stays,
    referrals: [...data.rowsOf(data.referralsByPerson, personId)].sort(byTime((r) => r.at)),
    corrections: data.rowsOf(data.correctionsByPerson, personId).map((c) => correction(data, c.seq)),
    currentFindings: [...data.rowsOf(data.currentFindingsByPerson, personId)],
    historyFindings: [...data.rowsOf(data.historyFindingsByPerson, personId)].sort(byTime((f) => f.from)).reverse(),
  };
}

function stayFile(data: ViewerData, placement: PlacementRow): StayFile {
  const id = placement.placementId;
  const inStay = <T extends { placementId: string | null }>(rows: readonly T[]) => rows.filter((r) => r.placementId === id);
  const personId = placement.personId;
  return {
    placement,
    orders: [...data.rowsOf(data.ordersByPlacement, id)].sort(byTime((o) => o.startsAt)),
    rights: [...data.rowsOf(data.rightsByPlacement, id)].sort(byTime((r) => r.at)),
    rooms: inStay(data.rowsOf(data.assignmentsByPerson, personId))
      .sort(byTime((a) => a.fromTime))
      .map((assignment) => ({ assignment, roomName: data.tables.rooms.get(assignment.roomId)?.name ?? assignment.roomId })),
    movements: [...data.rowsOf(data.movementsByPlacement, id)].sort(byTime((m) => m.at)),
    measures: inStay(data.rowsOf(data.measuresByPerson, personId))
      .sort(byTime((m) => m.startAt))
      .map((measure) => ({ measure, reviews: [...data.rowsOf(data.reviewsByMeasure, measure.measureId)] })),
    claims: inStay(data.rowsOf(data.claimsByPerson, personId)).sort(byTime((c) => c.at)),
    concerns: inStay(data.rowsOf(data.concernsByPerson, personId)).sort(byTime((c) => c.at)),
    detentionReviews: [...data.rowsOf(data.detentionReviewsByPlacement, id)].sort(byTime((r) => r.at)),
  };
}

/** A correction as its journal entry records it (the register keeps only its seq). */
function correction(data: ViewerData, seq: number): Correction {
  const out: Correction = { seq, at: '', actor: '', reason: '', changes: [] };
  if (!data.journal) return out;
  try {
    const entry = data.journal.bySeq(seq);
    out.at = entry.eventTime;
    out.actor = entry.actor;
    const payload = JSON.parse(entry.payload) as unknown;
    if (payload && typeof payload === 'object') {
      const p = payload as Record<string, unknown>;
      if (typeof p['reason'] === 'string') out.reason = p['reason'];
      const changes = p['changes'];
      if (changes && typeof changes === 'object' && !Array.isArray(changes)) out.changes = Object.entries(changes as Record<string, unknown>);
    }
  } catch {
    // The entry is verified; a payload the replay accepted parses. Nothing more to show otherwise.
  }
  return out;
}

/** The admission record's fields that are text, for showing (the record is the payload's, untyped). */
export interface AdmissionRecordView {
  reasons: string;
  authority: string;
  apprehensionPlace: string;
  apprehensionAt: string;
  visibleInjuries: string;
  illTreatmentAllegation: string;
  ownClothingOrCivilian: boolean | null;
  property: { item: string; quantity: number | null; note: string }[];
  familyMembers: { name: string; relation: string; age: number | null; whereabouts: string }[];
  emergencyContact: { name: string; relation: string; phone: string } | null;
  screening: { vulnerabilities: string[]; indicators: string[]; asylumIntent: boolean; notes: string } | null;
  alternativesNotUsedBecause: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const obj = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Reads the admission record defensively: it is bundle data (hostile input), shown as text only. */
export function admissionRecordView(record: unknown): AdmissionRecordView | null {
  const r = obj(record);
  if (!r) return null;
  const apprehension = obj(r['apprehension']);
  const contact = obj(r['emergencyContact']);
  const screening = obj(r['screening']);
  return {
    reasons: str(r['reasons']),
    authority: str(r['authority']),
    apprehensionPlace: str(apprehension?.['place']),
    apprehensionAt: str(apprehension?.['at']),
    visibleInjuries: str(r['visibleInjuries']),
    illTreatmentAllegation: str(r['illTreatmentAllegation']),
    ownClothingOrCivilian: typeof r['ownClothingOrCivilian'] === 'boolean' ? r['ownClothingOrCivilian'] : null,
    property: arr(r['property']).map((x) => ({ item: str(obj(x)?.['item']), quantity: num(obj(x)?.['quantity']), note: str(obj(x)?.['note']) })),
    familyMembers: arr(r['familyMembers']).map((x) => ({
      name: str(obj(x)?.['name']),
      relation: str(obj(x)?.['relation']),
      age: num(obj(x)?.['age']),
      whereabouts: str(obj(x)?.['whereabouts']),
    })),
    emergencyContact: contact ? { name: str(contact['name']), relation: str(contact['relation']), phone: str(contact['phone']) } : null,
    screening: screening
      ? {
          vulnerabilities: arr(screening['vulnerabilitiesFound']).map(str),
          indicators: arr(screening['traffickingIndicators']).map(str),
          asylumIntent: screening['asylumIntent'] === true,
          notes: str(screening['notes']),
        }
      : null,
    alternativesNotUsedBecause: str(r['alternativesNotUsedBecause']),
  };
}

/** The interpreter of a rights entry, read defensively. */
export function interpreterOf(value: unknown): { name: string; mode: string } | null {
  const o = obj(value);
  return o ? { name: str(o['name']), mode: str(o['mode']) } : null;
}

/** A JSON list column (languages, vulnerabilities, …) as strings. */
export function listOf(value: unknown): string[] {
  return arr(value).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
}
