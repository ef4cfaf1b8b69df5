// What the viewer shows, once a bundle is verified: the register replayed from its journal (never
// the centre's own tables: only what the verified journal gives), the findings and the legal profile
// it carries, the medical notes, and the journal itself for evidence. Indexes by person and by stay
// are built on first use, once: ten years hold two million rows, and a screen needs a few of them.
//
// Pure: no DOM, so every screen's logic is tested in Node (the *.test.ts beside each module).

import type { Finding } from '../../../domain/findings/types.ts';
import type { LegalProfile, PersonStatus } from '../../../domain/profile/types.ts';
import type {
  AsylumClaimRow,
  AssignmentRow,
  DetentionReviewRow,
  MeasureReviewRow,
  MeasureRow,
  MedicalConcernRow,
  MovementRow,
  OrderRow,
  PersonCorrectionRow,
  PersonStatusRow,
  PlacementRow,
  ReferralRow,
  RegisterTables,
  RightRow,
} from '../../../domain/replay/tables.ts';
import type { BundleJournal } from '../../format/journal.ts';
import type { RightsMaterialiser } from '../../format/rights-aside.ts';
import type { Manifest } from '../../format/manifest.ts';
import type { FindingsSection } from '../../format/sections.ts';

export interface ViewerInput {
  manifest: Manifest;
  tables: RegisterTables;
  findings: FindingsSection;
  profile: LegalProfile;
  journal: BundleJournal | null;
  medicalNotes: Map<string, string>;
  /** Rights rows kept aside by verification, built into `tables.rights` on first use. */
  rights?: RightsMaterialiser | null;
}

function groupBy<T>(rows: Iterable<T>, key: (row: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

const EMPTY: never[] = [];

/** The verified register with indexes built on demand. */
export class ViewerData {
  readonly manifest: Manifest;
  readonly tables: RegisterTables;
  readonly findings: FindingsSection;
  readonly profile: LegalProfile;
  readonly journal: BundleJournal | null;
  readonly medicalNotes: Map<string, string>;
  /** The centre's time zone: every instant is shown in it. */
  readonly timeZone: string;
  /** The instant of export: "now" for deadlines and the state of things. */
  readonly exportedAt: string;
  private readonly memo = new Map<string, unknown>();
  private readonly pendingRights: RightsMaterialiser | null;

  constructor(input: ViewerInput) {
    this.manifest = input.manifest;
    this.tables = input.tables;
    this.findings = input.findings;
    this.profile = input.profile;
    this.journal = input.journal;
    this.medicalNotes = input.medicalNotes;
    this.pendingRights = input.rights ?? null;
    this.timeZone = input.manifest.centre.timeZone;
    this.exportedAt = input.manifest.exportedAt;
  }

  /** The rights rows, built first if verification kept them aside. */
  private rights(): Iterable<RightRow> {
    this.pendingRights?.finish();
    return this.tables.rights.values();
  }

  /** Builds a little more of the rights rows kept aside (for idle time); false once all are built. */
  buildRightsStep(): boolean {
    return this.pendingRights !== null && !this.pendingRights.done && this.pendingRights.step();
  }

  private lazy<T>(name: string, build: () => T): T {
    if (!this.memo.has(name)) this.memo.set(name, build());
    return this.memo.get(name) as T;
  }

  get placementsByPerson(): Map<string, PlacementRow[]> {
    return this.lazy('placementsByPerson', () => groupBy(this.tables.placements.values(), (r) => r.personId));
  }
  get ordersByPlacement(): Map<string, OrderRow[]> {
    return this.lazy('ordersByPlacement', () => groupBy(this.tables.orders.values(), (r) => r.placementId));
  }
  get rightsByPlacement(): Map<string, RightRow[]> {
    return this.lazy('rightsByPlacement', () => groupBy(this.rights(), (r) => r.placementId));
  }
  get rightsByPerson(): Map<string, RightRow[]> {
    return this.lazy('rightsByPerson', () => groupBy(this.rights(), (r) => r.personId));
  }
  get assignmentsByPerson(): Map<string, AssignmentRow[]> {
    return this.lazy('assignmentsByPerson', () => groupBy(this.tables.assignments.values(), (r) => r.personId));
  }
  get assignmentsByRoom(): Map<string, AssignmentRow[]> {
    return this.lazy('assignmentsByRoom', () => groupBy(this.tables.assignments.values(), (r) => r.roomId));
  }
  get movementsByPlacement(): Map<string, MovementRow[]> {
    return this.lazy('movementsByPlacement', () => groupBy(this.tables.movements, (r) => r.placementId));
  }
  get measuresByPerson(): Map<string, MeasureRow[]> {
    return this.lazy('measuresByPerson', () => groupBy(this.tables.measures.values(), (r) => r.personId));
  }
  get reviewsByMeasure(): Map<string, MeasureReviewRow[]> {
    return this.lazy('reviewsByMeasure', () => groupBy(this.tables.measureReviews, (r) => r.measureId));
  }
  get referralsByPerson(): Map<string, ReferralRow[]> {
    return this.lazy('referralsByPerson', () => groupBy(this.tables.referrals.values(), (r) => r.personId));
  }
  get claimsByPerson(): Map<string, AsylumClaimRow[]> {
    return this.lazy('claimsByPerson', () => groupBy(this.tables.asylumClaims.values(), (r) => r.personId));
  }
  get concernsByPerson(): Map<string, MedicalConcernRow[]> {
    return this.lazy('concernsByPerson', () => groupBy(this.tables.medicalConcerns.values(), (r) => r.personId));
  }
  get detentionReviewsByPlacement(): Map<string, DetentionReviewRow[]> {
    return this.lazy('detentionReviewsByPlacement', () => groupBy(this.tables.detentionReviews.values(), (r) => r.placementId));
  }
  get statusByPerson(): Map<string, PersonStatusRow[]> {
    return this.lazy('statusByPerson', () => groupBy(this.tables.personStatus, (r) => r.personId));
  }
  get correctionsByPerson(): Map<string, PersonCorrectionRow[]> {
    return this.lazy('correctionsByPerson', () => groupBy(this.tables.personCorrections, (r) => r.personId));
  }
  get currentFindingsByPerson(): Map<string, Finding[]> {
    return this.lazy('currentFindingsByPerson', () => findingsByPerson(this.findings.current.findings as Finding[]));
  }
  get historyFindingsByPerson(): Map<string, Finding[]> {
    return this.lazy('historyFindingsByPerson', () => findingsByPerson(this.findings.history.findings as Finding[]));
  }
  /** Account display names by username (journal actors are usernames). */
  get accountNames(): Map<string, string> {
    return this.lazy('accountNames', () => new Map([...this.tables.accounts.values()].map((a) => [a.username, a.displayName])));
  }

  rowsOf<T>(map: Map<string, T[]>, key: string): readonly T[] {
    return map.get(key) ?? EMPTY;
  }

  /** "Full Name (username)" for a journal actor. */
  actorName(username: string): string {
    const name = this.accountNames.get(username);
    return name && name !== username ? `${name} (${username})` : username;
  }

  /** The person's status at an instant: the last change at or before it (the first one if none). */
  statusAt(personId: string, at: string): PersonStatus | null {
    const history = this.statusByPerson.get(personId);
    if (!history || history.length === 0) return (this.tables.persons.get(personId)?.status as PersonStatus | undefined) ?? null;
    let status = history[0]!.status;
    for (const h of history) {
      if (h.at <= at) status = h.status;
      else break;
    }
    return status as PersonStatus;
  }

  /** The medical note a reference points to, if the bundle carries it. */
  note(ref: string | null): string | null {
    return ref === null ? null : (this.medicalNotes.get(ref) ?? null);
  }

  /**
   * A medical concern's kind: older entries hold it, newer ones keep it beside the journal as a note
   * (DESIGN §7: never sent to HQ) that the inspection bundle carries. Null where the bundle lacks it.
   */
  concernKind(c: { kind: string; kindRef: string | null }): string | null {
    return c.kind !== '' ? c.kind : this.note(c.kindRef);
  }
}

function findingsByPerson(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    for (const id of f.personIds) {
      const list = out.get(id);
      if (list) list.push(f);
      else out.set(id, [f]);
    }
  }
  return out;
}

/** The display name of a person: "FAMILY, Given" (as the register lists people). */
export function personName(p: { familyName: string; givenNames: string }): string {
  return p.givenNames ? `${p.familyName}, ${p.givenNames}` : p.familyName;
}
