// The register tables as plain objects: what the in-memory replay (replay.ts) builds from the journal,
// column for column the SQL projections of db/migrations/0001 and 0003 (db/projections/projector.ts writes
// those). Field names are the SQL column names in camelCase; JSON columns hold parsed values and
// 0/1 columns hold booleans. `TABLES` says, for each table, which SQL column each field mirrors and in
// which order rows are compared, so that the SQL tables and the replay can be digested the same way
// (bundle/format/projections.ts) and proven equal.

import type { Role } from '../roles.ts';

export interface CentreRow {
  centreId: string;
  name: string;
  timeZone: string;
  profileId: string;
  publicKey: string;
  keyFingerprint: string;
  seq: number;
}

export interface AccountRow {
  accountId: string;
  username: string;
  displayName: string;
  role: Role | string;
  active: boolean;
  seq: number;
}

export interface PersonRow {
  personId: string;
  familyName: string;
  givenNames: string;
  nameOriginal: string;
  sex: string;
  birthDate: string | null;
  claimedAge: number | null;
  claimedAgeOn: string | null;
  ageAssessment: string;
  nationality: string | null;
  stateless: boolean;
  languages: string[] | null;
  interpreterNeeded: boolean;
  status: string;
  unaccompanied: boolean;
  familyGroup: string | null;
  vulnerabilities: string[] | null;
  traffickingIndicators: string[] | null;
  alerts: string[] | null;
  registeredSeq: number;
  /** Seq of the entry that last wrote the person's identity or status. */
  seq: number;
  lastPlacementId: string | null;
  present: boolean;
}

export interface PersonStatusRow {
  personId: string;
  status: string;
  at: string;
  reason: string;
  seq: number;
}

export interface PersonCorrectionRow {
  personId: string;
  seq: number;
}

export interface PlacementRow {
  placementId: string;
  personId: string;
  kind: string;
  admittedAt: string;
  endedAt: string | null;
  endReason: string | null;
  /** The admission record (Mandela Rule 7) as the payload gave it. */
  admission: unknown;
  deadline: string | null;
  basis: string | null;
  outSince: string | null;
  seq: number;
  endSeq: number | null;
}

export interface OrderRow {
  orderId: string;
  placementId: string;
  basis: string;
  authority: string;
  reference: string;
  issuedAt: string;
  startsAt: string;
  expiresAt: string;
  seq: number;
}

export interface RoomRow {
  roomId: string;
  name: string;
  capacity: number;
  floorAreaM2: number;
  sex: string | null;
  ageGroup: string | null;
  regime: string;
  family: boolean;
  retired: boolean;
  seq: number;
}

/** A room as a room.defined or room.updated entry left it, in force from that entry's event time. */
export interface RoomVersionRow {
  roomId: string;
  capacity: number;
  floorAreaM2: number;
  sex: string | null;
  ageGroup: string | null;
  regime: string;
  family: boolean;
  retired: boolean;
  fromTime: string;
  seq: number;
}

export interface AssignmentRow {
  assignmentId: string;
  placementId: string;
  personId: string;
  roomId: string;
  fromTime: string;
  toTime: string | null;
  actor: string;
  seq: number;
  endSeq: number | null;
}

export interface MovementRow {
  placementId: string;
  direction: string;
  purpose: string;
  at: string;
  seq: number;
}

export interface RightRow {
  rightEntryId: string;
  placementId: string;
  personId: string;
  rightKind: string;
  state: string;
  language: string | null;
  version: string | null;
  interpreter: unknown;
  detail: string;
  at: string;
  actor: string;
  seq: number;
  /** Not a SQL column: the medical note a medical examination refers to (its text is in the notes). */
  detailRef: string | null;
}

export interface AsylumClaimRow {
  claimId: string;
  placementId: string;
  personId: string;
  at: string;
  note: string;
  resolvedAt: string | null;
  resolution: string | null;
  seq: number;
  resolvedSeq: number | null;
}

export interface ReferralRow {
  referralId: string;
  personId: string;
  placementId: string | null;
  kind: string;
  toWhom: string;
  note: string;
  at: string;
  seq: number;
}

export interface MeasureRow {
  measureId: string;
  placementId: string;
  personId: string;
  kind: string;
  measure: string;
  reason: string;
  authorisedBy: string | null;
  authorisedAt: string | null;
  startAt: string;
  endAt: string | null;
  seq: number;
  endSeq: number | null;
}

export interface MeasureReviewRow {
  measureId: string;
  at: string;
  outcome: string;
  note: string;
  seq: number;
}

export interface MedicalConcernRow {
  concernId: string;
  placementId: string;
  personId: string;
  /** '' where the entry keeps the kind beside the journal: see kindRef. */
  kind: string;
  noteRef: string | null;
  /** Not a SQL column: the medical note holding the kind (entries since the kind is kept apart). */
  kindRef: string | null;
  at: string;
  reviewDue: string;
  seq: number;
}

export interface DetentionReviewRow {
  reviewId: string;
  placementId: string;
  concernId: string | null;
  outcome: string;
  noteRef: string | null;
  at: string;
  seq: number;
}

export interface VisitRow {
  visitId: string;
  body: string;
  inspectors: unknown;
  startedAt: string;
  endedAt: string | null;
  note: string;
  seq: number;
}

export interface RecommendationRow {
  recommendationId: string;
  visitId: string;
  text: string;
  responseDue: string;
  answeredAt: string | null;
  seq: number;
}

export interface ResponseRow {
  recommendationId: string;
  text: string;
  at: string;
  seq: number;
}

export interface LateEntryRow {
  seq: number;
  type: string;
  eventTime: string;
  recordedTime: string;
  actor: string;
  personId: string | null;
  placementId: string | null;
}

/** Every table the replay builds. Keyed tables are Maps in creation order; event tables are arrays in seq order. */
export interface RegisterTables {
  centre: CentreRow | null;
  accounts: Map<string, AccountRow>;
  persons: Map<string, PersonRow>;
  personStatus: PersonStatusRow[];
  personCorrections: PersonCorrectionRow[];
  placements: Map<string, PlacementRow>;
  orders: Map<string, OrderRow>;
  rooms: Map<string, RoomRow>;
  roomVersions: RoomVersionRow[];
  assignments: Map<string, AssignmentRow>;
  movements: MovementRow[];
  rights: Map<string, RightRow>;
  asylumClaims: Map<string, AsylumClaimRow>;
  referrals: Map<string, ReferralRow>;
  measures: Map<string, MeasureRow>;
  measureReviews: MeasureReviewRow[];
  medicalConcerns: Map<string, MedicalConcernRow>;
  detentionReviews: Map<string, DetentionReviewRow>;
  visits: Map<string, VisitRow>;
  recommendations: Map<string, RecommendationRow>;
  responses: ResponseRow[];
  lateEntries: LateEntryRow[];
}

export type TableKey = Exclude<keyof RegisterTables, never>;

/**
 * How a replay field becomes its SQL value: as is; a boolean as 0/1; a JSON value as the text
 * JSON.stringify gives it (`json`: null is the text "null"; `json?`: null is SQL NULL).
 */
export type ColumnKind = 'value' | 'bool' | 'json' | 'json?';

export interface ColumnSpec {
  sql: string;
  field: string;
  kind: ColumnKind;
  /** A REAL column: SQLite's JSON text of a REAL is not always JSON.stringify's (20.0, not 20). */
  real?: true;
}

export interface TableSpec {
  /** Key in RegisterTables. */
  key: TableKey;
  /** The SQL table. */
  sql: string;
  /**
   * The order rows are compared in. `creation`: the SQL column holding the seq of the entry that
   * created the row (never updated), which is also the replay's insertion order; `key`: sorted by
   * the primary key (small tables whose rows carry no creation seq).
   */
  order: { by: 'creation'; column: string } | { by: 'key'; column: string; field: string };
  columns: readonly ColumnSpec[];
}

function camel(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

const BOOL = new Set(['active', 'stateless', 'interpreter_needed', 'unaccompanied', 'present', 'family', 'retired']);
const JSON_COLUMNS = new Set(['languages', 'vulnerabilities', 'trafficking_indicators', 'alerts', 'admission', 'inspectors']);
/** rights.interpreter is NULL when there was none (the others hold the text "null"). */
const JSON_OR_NULL = new Set(['interpreter']);
const FIELD_NAMES: Record<string, string> = { right_kind: 'rightKind', floor_area_m2: 'floorAreaM2' };
const REAL = new Set(['floor_area_m2']);

function columns(list: string): ColumnSpec[] {
  return list
    .split(',')
    .map((c) => c.trim())
    .map((sql) => ({
      sql,
      field: FIELD_NAMES[sql] ?? camel(sql),
      kind: BOOL.has(sql) ? 'bool' : JSON_COLUMNS.has(sql) ? 'json' : JSON_OR_NULL.has(sql) ? 'json?' : 'value',
      ...(REAL.has(sql) ? { real: true as const } : {}),
    }));
}

const creation = (column = 'seq') => ({ by: 'creation' as const, column });
const byKey = (column: string) => ({ by: 'key' as const, column, field: camel(column) });

/** The projections a bundle proves, in the order they are listed in the bundle. */
export const TABLES: readonly TableSpec[] = [
  { key: 'centre', sql: 'centre', order: byKey('centre_id'), columns: columns('centre_id, name, time_zone, profile_id, public_key, key_fingerprint, seq') },
  { key: 'accounts', sql: 'accounts', order: byKey('account_id'), columns: columns('account_id, username, display_name, role, active, seq') },
  {
    key: 'persons',
    sql: 'persons',
    order: creation('registered_seq'),
    columns: columns(
      'person_id, family_name, given_names, name_original, sex, birth_date, claimed_age, claimed_age_on, age_assessment, nationality, stateless, languages, interpreter_needed, status, unaccompanied, family_group, vulnerabilities, trafficking_indicators, alerts, registered_seq, seq, last_placement_id, present',
    ),
  },
  { key: 'personStatus', sql: 'person_status', order: creation(), columns: columns('person_id, status, at, reason, seq') },
  { key: 'personCorrections', sql: 'person_corrections', order: creation(), columns: columns('person_id, seq') },
  {
    key: 'placements',
    sql: 'placements',
    order: creation(),
    columns: columns('placement_id, person_id, kind, admitted_at, ended_at, end_reason, admission, deadline, basis, out_since, seq, end_seq'),
  },
  { key: 'orders', sql: 'orders', order: creation(), columns: columns('order_id, placement_id, basis, authority, reference, issued_at, starts_at, expires_at, seq') },
  { key: 'rooms', sql: 'rooms', order: byKey('room_id'), columns: columns('room_id, name, capacity, floor_area_m2, sex, age_group, regime, family, retired, seq') },
  {
    key: 'roomVersions',
    sql: 'room_versions',
    order: creation(),
    columns: columns('room_id, capacity, floor_area_m2, sex, age_group, regime, family, retired, from_time, seq'),
  },
  {
    key: 'assignments',
    sql: 'assignments',
    order: creation(),
    columns: columns('assignment_id, placement_id, person_id, room_id, from_time, to_time, actor, seq, end_seq'),
  },
  { key: 'movements', sql: 'movements', order: creation(), columns: columns('placement_id, direction, purpose, at, seq') },
  {
    key: 'rights',
    sql: 'rights',
    order: creation(),
    columns: columns('right_entry_id, placement_id, person_id, right_kind, state, language, version, interpreter, detail, at, actor, seq'),
  },
  {
    key: 'asylumClaims',
    sql: 'asylum_claims',
    order: creation(),
    columns: columns('claim_id, placement_id, person_id, at, note, resolved_at, resolution, seq, resolved_seq'),
  },
  { key: 'referrals', sql: 'referrals', order: creation(), columns: columns('referral_id, person_id, placement_id, kind, to_whom, note, at, seq') },
  {
    key: 'measures',
    sql: 'measures',
    order: creation(),
    columns: columns('measure_id, placement_id, person_id, kind, measure, reason, authorised_by, authorised_at, start_at, end_at, seq, end_seq'),
  },
  { key: 'measureReviews', sql: 'measure_reviews', order: creation(), columns: columns('measure_id, at, outcome, note, seq') },
  {
    key: 'medicalConcerns',
    sql: 'medical_concerns',
    order: creation(),
    columns: columns('concern_id, placement_id, person_id, kind, note_ref, at, review_due, seq'),
  },
  { key: 'detentionReviews', sql: 'detention_reviews', order: creation(), columns: columns('review_id, placement_id, concern_id, outcome, note_ref, at, seq') },
  { key: 'visits', sql: 'visits', order: creation(), columns: columns('visit_id, body, inspectors, started_at, ended_at, note, seq') },
  { key: 'recommendations', sql: 'recommendations', order: creation(), columns: columns('recommendation_id, visit_id, text, response_due, answered_at, seq') },
  { key: 'responses', sql: 'responses', order: creation(), columns: columns('recommendation_id, text, at, seq') },
  { key: 'lateEntries', sql: 'late_entries', order: creation(), columns: columns('seq, type, event_time, recorded_time, actor, person_id, placement_id') },
];

export function emptyTables(): RegisterTables {
  return {
    centre: null,
    accounts: new Map(),
    persons: new Map(),
    personStatus: [],
    personCorrections: [],
    placements: new Map(),
    orders: new Map(),
    rooms: new Map(),
    roomVersions: [],
    assignments: new Map(),
    movements: [],
    rights: new Map(),
    asylumClaims: new Map(),
    referrals: new Map(),
    measures: new Map(),
    measureReviews: [],
    medicalConcerns: new Map(),
    detentionReviews: new Map(),
    visits: new Map(),
    recommendations: new Map(),
    responses: [],
    lateEntries: [],
  };
}

/** A table's rows in the order they are compared (see TableSpec.order). */
export function tableRows(tables: RegisterTables, spec: TableSpec): readonly object[] {
  const value = tables[spec.key];
  let rows: object[];
  if (value === null) rows = [];
  else if (Array.isArray(value)) rows = value;
  else if (value instanceof Map) rows = [...value.values()];
  else rows = [value];
  if (spec.order.by === 'key') {
    const field = spec.order.field;
    const key = (r: object) => String((r as Record<string, unknown>)[field]);
    rows = [...rows].sort((a, b) => compareText(key(a), key(b)));
  }
  return rows;
}

/** SQLite's BINARY collation: UTF-8 byte order, which is code point order (not UTF-16 unit order). */
export function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}
