// HQ's read models of one centre, derived from the replay of its journal (domain/replay) as of its
// last slice: what the national figures are computed from. Pure: db/hq writes the rows.
//
// Nothing here reads a medical detail: medical concerns and detention reviews are not used at all.

import { isMinorAt, type AgeAssessment } from '../age.ts';
import type { LegalProfile } from '../profile/types.ts';
import type { RegisterTables } from '../replay/tables.ts';
import { fromLocal, localParts, toMs, type Instant } from '../time.ts';

export interface HqPlacementRow {
  placementId: string;
  personId: string;
  kind: string;
  basis: string | null;
  admittedAt: Instant;
  endedAt: Instant | null;
  endReason: string | null;
  deadline: Instant | null;
  /** A minor at admission. */
  minor: boolean;
  unaccompanied: boolean;
  /** The person's status as of the slice. */
  status: string;
}

export interface HqReferralRow {
  referralId: string;
  personId: string;
  placementId: string | null;
  kind: string;
  at: Instant;
}

export interface HqRecommendationRow {
  recommendationId: string;
  visitId: string;
  body: string;
  responseDue: Instant;
  answeredAt: Instant | null;
}

export interface HqPopulationRow {
  /** YYYY-MM, the centre's calendar. */
  month: string;
  /** Present at the first instant of the month (local midnight on the 1st). */
  population: number;
  admissions: number;
  departures: number;
}

export interface HqReadModels {
  placements: HqPlacementRow[];
  referrals: HqReferralRow[];
  recommendations: HqRecommendationRow[];
  population: HqPopulationRow[];
}

export function placementRows(tables: RegisterTables, profile: LegalProfile, timeZone: string): HqPlacementRow[] {
  const out: HqPlacementRow[] = [];
  for (const p of tables.placements.values()) {
    const person = tables.persons.get(p.personId);
    out.push({
      placementId: p.placementId,
      personId: p.personId,
      kind: p.kind,
      basis: p.basis,
      admittedAt: p.admittedAt,
      endedAt: p.endedAt,
      endReason: p.endReason,
      deadline: p.deadline,
      minor: person
        ? isMinorAt(
            { birthDate: person.birthDate, claimedAge: person.claimedAge, claimedAgeOn: person.claimedAgeOn, ageAssessment: person.ageAssessment as AgeAssessment },
            p.admittedAt,
            profile,
            timeZone,
          )
        : false,
      unaccompanied: person?.unaccompanied ?? false,
      status: person?.status ?? 'unknown',
    });
  }
  return out;
}

/** Index of the first element > x in a sorted array (the count of elements <= x). */
function countAtMost(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first instant of the local calendar month `index` months after year 0 (ms). */
function monthStart(index: number, timeZone: string): number {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return fromLocal({ year, month, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}

/**
 * Population at the start of each calendar month (the centre's zone) from the month of the first
 * admission to the month of `asOf`, with each month's admissions and departures (up to `asOf`).
 */
export function populationRows(placements: readonly Pick<HqPlacementRow, 'admittedAt' | 'endedAt'>[], timeZone: string, asOf: Instant): HqPopulationRow[] {
  if (placements.length === 0) return [];
  const asOfMs = toMs(asOf);
  const admits = Float64Array.from(placements.map((p) => toMs(p.admittedAt))).sort();
  const ends = Float64Array.from(placements.filter((p) => p.endedAt !== null).map((p) => toMs(p.endedAt!))).sort();
  const first = localParts(admits[0]!, timeZone);
  const last = localParts(asOfMs, timeZone);
  const out: HqPopulationRow[] = [];
  for (let m = first.year * 12 + first.month - 1; m <= last.year * 12 + last.month - 1; m++) {
    const start = monthStart(m, timeZone);
    const next = Math.min(monthStart(m + 1, timeZone), asOfMs + 1);
    const year = Math.floor(m / 12);
    const month = (m % 12) + 1;
    out.push({
      month: `${year}-${month < 10 ? '0' : ''}${month}`,
      population: countAtMost(admits, start) - countAtMost(ends, start),
      // Admissions and departures in [start, next): counts of instants < next minus those < start.
      admissions: countAtMost(admits, next - 1) - countAtMost(admits, start - 1),
      departures: countAtMost(ends, next - 1) - countAtMost(ends, start - 1),
    });
  }
  return out;
}

export function hqReadModels(tables: RegisterTables, profile: LegalProfile, timeZone: string, asOf: Instant): HqReadModels {
  const placements = placementRows(tables, profile, timeZone);
  const bodies = new Map([...tables.visits.values()].map((v) => [v.visitId, v.body]));
  return {
    placements,
    referrals: [...tables.referrals.values()].map((r) => ({ referralId: r.referralId, personId: r.personId, placementId: r.placementId, kind: r.kind, at: r.at })),
    recommendations: [...tables.recommendations.values()].map((r) => ({
      recommendationId: r.recommendationId,
      visitId: r.visitId,
      body: bodies.get(r.visitId) ?? 'other',
      responseDue: r.responseDue,
      answeredAt: r.answeredAt,
    })),
    population: populationRows(placements, timeZone, asOf),
  };
}

