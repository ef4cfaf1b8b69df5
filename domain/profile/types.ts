// A legal profile is the law as data: bases and caps, who may never be forcibly placed, age
// thresholds, separation categories, required rights and their windows, finding thresholds.
// Another jurisdiction is a new profile, not a fork of the rules.

export type Sex = 'male' | 'female';
export type AgeGroup = 'minor' | 'adult';
export type Regime = 'forced' | 'voluntary' | 'asylum';
export type PlacementKind = 'forced' | 'voluntary';

export const STATUSES = [
  'irregular_migrant',
  'asylum_seeker',
  'refugee',
  'stateless_person',
  'possible_trafficking_victim',
  'returnee_readmission',
  'other',
] as const;
export type PersonStatus = (typeof STATUSES)[number];

export const RIGHTS = [
  'information_on_rights',
  'lawyer',
  'consular_notification',
  'family_contact',
  'call_ombudsman',
  'call_unhcr',
  'medical_examination',
  'complaint',
  'property_inventory',
  'visit_received',
] as const;
export type RightKind = (typeof RIGHTS)[number];

/** A term is either counted in hours (exact elapsed time) or in calendar months in the centre's zone. */
export type TermLength = { unit: 'hours'; value: number } | { unit: 'months'; value: number };

export interface LegalBasis {
  id: string;
  /** Citation shown next to the basis, e.g. "Migration Code art. 82.2.1". */
  citation: string;
  /** Maximum term of one order on this basis. */
  maxTerm: TermLength;
  /**
   * Maximum total forced stay under consecutive orders on this basis, counted from the start of the
   * first one; absent where each order stands alone (the short bases are capped per order and their
   * chaining is a finding rather than a refusal).
   */
  maxTotal?: TermLength;
  /** Whether the term is fixed by the deciding authority (then the order states it). */
  termSetByDecision: boolean;
  /** The basis punishes a breach of stay rules: children under the age of responsibility are exempt. */
  forStayRuleBreach: boolean;
  /** How long before the deadline a placement counts as "about to exceed". */
  warnBefore: TermLength;
  /** More than this many consecutive orders on this basis in one placement is a finding. */
  maxChainedOrders?: number;
}

export interface RequiredRight {
  right: RightKind;
  /** Which placement kinds must record this right (offered, exercised or declined). */
  for: readonly PlacementKind[];
  /** Hours after admission by which it must be recorded. */
  withinHours: number;
}

export interface LegalProfile {
  id: string;
  name: string;
  sources: readonly string[];
  bases: readonly LegalBasis[];
  /** Statuses that may never be forcibly placed (report §19, §36). */
  neverForced: readonly PersonStatus[];
  /** Age below which a child does not answer for administrative breaches of stay rules (report §30). */
  minAgeForStayRuleBreach: number;
  /** Age of majority: separation of minors from adults (art. 84.3). */
  ageOfMajority: number;
  requiredRights: readonly RequiredRight[];
  /** Floor area per person below which a room is overcrowded (CPT standard: 4 m² in shared cells). */
  minFloorAreaPerPersonM2: number;
  /** An entry recorded longer than this after the event is a late entry (possible backdating). */
  lateEntryHours: number;
  /** A claim for asylum during a forced stay becomes serious if not resolved within this time. */
  asylumClaimResolveHours: number;
  /** Unaccompanied minors must be referred to the guardianship authority within this time. */
  unaccompaniedReferralHours: number;
  /** Trafficking indicators on screening must lead to a police special-unit referral within this time. */
  traffickingReferralHours: number;
  /** A medical concern opens a detention review due within this time. */
  medicalReviewHours: number;
  /** Isolation must be reviewed at most this long after it starts or after its last review. */
  isolationReviewHours: number;
  /** Isolation not authorised within this time of its start is a finding. */
  isolationAuthoriseHours: number;
  /** How far back late entries are reported in the current-state findings. */
  currentLookbackDays: number;
  /**
   * A forced placement begun within this many hours of the end of the person's previous forced
   * placement continues it for the total caps and the chain limits: a release on paper followed by a
   * new admission must not start the counts again.
   */
  readmissionLinkHours: number;
}
