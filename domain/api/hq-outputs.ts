// What HQ mode's API returns: centres and their pinned keys, the import log, the national figures.

import type { Instant } from '../time.ts';

export interface HqCentreView {
  centreId: string;
  /** From the centre's journal; null for a key registered ahead of any import. */
  name: string | null;
  timeZone: string | null;
  profileId: string | null;
  keyFingerprint: string;
  publicKey: string | null;
  pinnedHow: 'registered' | 'first_import';
  pinnedBy: string;
  pinnedAt: Instant;
  note: string;
  /** The last entry HQ holds (0 before the first import). */
  head: { seq: number; hash: string };
  /** When the centre exported the slice that brought the head, and when HQ imported it. */
  exportedAt: Instant | null;
  importedAt: Instant | null;
  imports: number;
}

export interface HqImportView {
  importId: number;
  centreId: string;
  centreName: string | null;
  file: string;
  importedAt: Instant;
  importedBy: string;
  fromSeq: number;
  headSeq: number;
  entriesAdded: number;
  exportedAt: Instant;
  exportedBy: string;
}

/** The figures of one centre as of its last slice, or national (summed over centres). */
export interface HqFigures {
  /** Present at the slice's export (the centre's "now"). */
  population: number;
  populationForced: number;
  populationVoluntary: number;
  placements: number;
  /** Stays held past their deadline (ended late, or still held past it). */
  staysPastLimit: number;
  /** Of those, still held past the deadline at the slice's export. */
  presentPastLimit: number;
  minorsAdmitted: number;
  minorsPresent: number;
  unaccompaniedMinors: number;
  /** Unaccompanied minors referred to the guardianship authority or a child-care institution. */
  unaccompaniedMinorsReferred: number;
  unaccompaniedMinorsPresent: number;
  asylumSeekersPresent: number;
  refugeesPresent: number;
  traffickingReferrals: number;
  /** Findings that held at the slice's export, as the centre computed them. */
  findingsCurrent: number;
  recommendationsOverdue: number;
}

export interface HqCentreFigures extends HqFigures {
  centreId: string;
  name: string;
  /** The figures hold as of this instant: the export of the centre's last slice. */
  asOf: Instant;
  headSeq: number;
}

export interface HqBasisFigures {
  centreId: string | null;
  basis: string;
  placements: number;
  staysPastLimit: number;
  /** Stays that ended: their number, mean and longest length in hours. */
  ended: number;
  meanHours: number | null;
  longestHours: number | null;
}

export interface HqStayLengths {
  /** Upper bounds of the buckets in hours; the last bucket is open-ended. */
  bucketsHours: number[];
  byBasis: { basis: string; counts: number[]; total: number }[];
}

export interface HqFindingFigures {
  centreId: string;
  code: string;
  severity: string;
  current: number;
  history: number;
}

export interface HqOverdueRecommendation {
  centreId: string;
  recommendationId: string;
  body: string;
  responseDue: Instant;
  /** Days past the due date as of the centre's last slice. */
  daysOverdue: number;
}

export interface HqReport {
  /** When the report was made. */
  at: Instant;
  centres: HqCentreFigures[];
  national: HqFigures;
  /** Population at the start of each month, per centre (null before a centre's first admission). */
  populationSeries: { months: string[]; byCentre: { centreId: string; name: string; values: (number | null)[] }[]; national: number[] };
  /** Placements and lengths of stay by basis, per centre and national (centreId null). */
  byBasis: HqBasisFigures[];
  /** The distribution of lengths of the stays that ended, national, by basis. */
  stayLengths: HqStayLengths;
  findings: HqFindingFigures[];
  overdueRecommendations: HqOverdueRecommendation[];
}

export interface HqImportOutcome {
  /** The file or upload it came from. */
  source: string;
  result: 'imported' | 'already_held' | 'refused';
  centreId: string | null;
  centreName: string | null;
  fromSeq: number | null;
  headSeq: number | null;
  entriesAdded: number;
  /** Why it was refused: a reason code with its parameters, and the message in English. */
  reason: { code: string; params: Record<string, string | number | boolean | null> } | null;
  message: string;
  /** HQ's receipt for the centre (after an import or for a slice already held). */
  receipt: import('../hq/receipt.ts').HqReceipt | null;
}
