// Kysely's view of the tables created by the migrations. Booleans are 0/1 integers, JSON columns are
// text, instants are ISO text.

export interface JournalTable {
  seq: number;
  event_time: string;
  recorded_time: string;
  actor: string;
  type: string;
  corrects: number | null;
  payload: string;
  prev_hash: string;
  hash: string;
}

export interface CentreTable {
  singleton: number;
  centre_id: string;
  name: string;
  time_zone: string;
  profile_id: string;
  public_key: string;
  key_fingerprint: string;
  seq: number;
}

export interface CentreKeysTable {
  singleton: number;
  public_key: string;
  private_seed: string;
}

export interface AccountsTable {
  account_id: string;
  username: string;
  display_name: string;
  role: string;
  active: number;
  seq: number;
}

export interface CredentialsTable {
  account_id: string;
  password_hash: string;
  failed_attempts: number;
  locked_until: string | null;
}

export interface SessionsTable {
  token: string;
  account_id: string;
  expires_at: string;
}

export interface PersonsTable {
  person_id: string;
  family_name: string;
  given_names: string;
  name_original: string;
  sex: string;
  birth_date: string | null;
  claimed_age: number | null;
  claimed_age_on: string | null;
  age_assessment: string;
  nationality: string | null;
  stateless: number;
  languages: string;
  interpreter_needed: number;
  status: string;
  unaccompanied: number;
  family_group: string | null;
  vulnerabilities: string;
  trafficking_indicators: string;
  alerts: string;
  registered_seq: number;
  seq: number;
  last_placement_id: string | null;
  present: number;
}

export interface PersonNamesTable {
  token: string;
  person_id: string;
}

export interface PersonCorrectionsTable {
  person_id: string;
  seq: number;
}

export interface PersonStatusTable {
  person_id: string;
  status: string;
  at: string;
  reason: string;
  seq: number;
}

export interface PlacementsTable {
  placement_id: string;
  person_id: string;
  kind: string;
  admitted_at: string;
  ended_at: string | null;
  end_reason: string | null;
  admission: string;
  deadline: string | null;
  basis: string | null;
  out_since: string | null;
  seq: number;
  end_seq: number | null;
}

export interface OrdersTable {
  order_id: string;
  placement_id: string;
  basis: string;
  authority: string;
  reference: string;
  issued_at: string;
  starts_at: string;
  expires_at: string;
  seq: number;
}

export interface RoomsTable {
  room_id: string;
  name: string;
  capacity: number;
  floor_area_m2: number;
  sex: string | null;
  age_group: string | null;
  regime: string;
  family: number;
  retired: number;
  seq: number;
}

export interface RoomVersionsTable {
  room_id: string;
  capacity: number;
  floor_area_m2: number;
  sex: string | null;
  age_group: string | null;
  regime: string;
  family: number;
  retired: number;
  from_time: string;
  seq: number;
}

export interface AssignmentsTable {
  assignment_id: string;
  placement_id: string;
  person_id: string;
  room_id: string;
  from_time: string;
  to_time: string | null;
  actor: string;
  seq: number;
  end_seq: number | null;
}

export interface MovementsTable {
  placement_id: string;
  direction: string;
  purpose: string;
  at: string;
  seq: number;
}

export interface RightsTable {
  right_entry_id: string;
  placement_id: string;
  person_id: string;
  right_kind: string;
  state: string;
  language: string | null;
  version: string | null;
  interpreter: string | null;
  detail: string;
  at: string;
  actor: string;
  seq: number;
}

export interface AsylumClaimsTable {
  claim_id: string;
  placement_id: string;
  person_id: string;
  at: string;
  note: string;
  resolved_at: string | null;
  resolution: string | null;
  seq: number;
  resolved_seq: number | null;
}

export interface ReferralsTable {
  referral_id: string;
  person_id: string;
  placement_id: string | null;
  kind: string;
  to_whom: string;
  note: string;
  at: string;
  seq: number;
}

export interface MeasuresTable {
  measure_id: string;
  placement_id: string;
  person_id: string;
  kind: string;
  measure: string;
  reason: string;
  authorised_by: string | null;
  authorised_at: string | null;
  start_at: string;
  end_at: string | null;
  seq: number;
  end_seq: number | null;
}

export interface MeasureReviewsTable {
  measure_id: string;
  at: string;
  outcome: string;
  note: string;
  seq: number;
}

export interface MedicalNotesTable {
  ref: string;
  salt: string;
  text: string;
}

export interface MedicalConcernsTable {
  concern_id: string;
  placement_id: string;
  person_id: string;
  kind: string;
  note_ref: string | null;
  at: string;
  review_due: string;
  seq: number;
}

export interface DetentionReviewsTable {
  review_id: string;
  placement_id: string;
  concern_id: string | null;
  outcome: string;
  note_ref: string | null;
  at: string;
  seq: number;
}

export interface VisitsTable {
  visit_id: string;
  body: string;
  inspectors: string;
  started_at: string;
  ended_at: string | null;
  note: string;
  seq: number;
}

export interface RecommendationsTable {
  recommendation_id: string;
  visit_id: string;
  text: string;
  response_due: string;
  answered_at: string | null;
  seq: number;
}

export interface ResponsesTable {
  recommendation_id: string;
  text: string;
  at: string;
  seq: number;
}

export interface LateEntriesTable {
  seq: number;
  type: string;
  event_time: string;
  recorded_time: string;
  actor: string;
  person_id: string | null;
  placement_id: string | null;
}

export interface DB {
  journal: JournalTable;
  centre: CentreTable;
  centre_keys: CentreKeysTable;
  accounts: AccountsTable;
  credentials: CredentialsTable;
  sessions: SessionsTable;
  persons: PersonsTable;
  person_names: PersonNamesTable;
  person_status: PersonStatusTable;
  person_corrections: PersonCorrectionsTable;
  placements: PlacementsTable;
  orders: OrdersTable;
  rooms: RoomsTable;
  room_versions: RoomVersionsTable;
  assignments: AssignmentsTable;
  movements: MovementsTable;
  rights: RightsTable;
  asylum_claims: AsylumClaimsTable;
  referrals: ReferralsTable;
  measures: MeasuresTable;
  measure_reviews: MeasureReviewsTable;
  medical_notes: MedicalNotesTable;
  medical_concerns: MedicalConcernsTable;
  detention_reviews: DetentionReviewsTable;
  visits: VisitsTable;
  recommendations: RecommendationsTable;
  responses: ResponsesTable;
  late_entries: LateEntriesTable;
}
