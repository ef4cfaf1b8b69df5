// Age checks for the audit at scale. age.ts reads the local calendar date through Intl, which costs
// about 10 µs a call: fine for one decision, too slow for 150,000 assignments. A person's age
// crosses a threshold once, on a known local date, so whether they are under it is a step in time.
// Far from that date (more than any zone offset away) the answer follows from UTC arithmetic alone;
// near it, these functions ask age.ts itself, so the result is always the one age.ts gives.

import { isMinorAt, isUnderStayRuleAgeAt, type AgeEvidence } from '../age.ts';
import type { LegalProfile } from '../profile/types.ts';
import { daysInMonth, fromLocal, HOUR_MS, toIso } from '../time.ts';

/** Zone offsets run from −12 h to +14 h: a local midnight lies within this of the UTC midnight. */
const ZONE_MARGIN_MS = 15 * HOUR_MS;

type Threshold = { year: number; month: number; day: number; utcMidnight: number } | 'reached' | null;

/** Thresholds per age evidence and number of years: the audit asks about the same person often. */
const thresholds = new WeakMap<AgeEvidence, Map<number, Threshold>>();

/** The local date on which the person reaches `years`, 'reached' if their claimed age already does, null if unknown. */
export function thresholdDate(evidence: AgeEvidence, years: number): Threshold {
  let byYears = thresholds.get(evidence);
  if (!byYears) thresholds.set(evidence, (byYears = new Map()));
  let t = byYears.get(years);
  if (t === undefined) byYears.set(years, (t = computeThreshold(evidence, years)));
  return t;
}

function computeThreshold(evidence: AgeEvidence, years: number): Threshold {
  let base: string;
  let add: number;
  if (evidence.birthDate) {
    base = evidence.birthDate;
    add = years;
  } else if (evidence.claimedAge !== null && evidence.claimedAgeOn) {
    // age.ts: the claimed age counts from the day it was claimed and grows from there.
    if (evidence.claimedAge >= years) return 'reached';
    base = evidence.claimedAgeOn;
    add = years - evidence.claimedAge;
  } else {
    return null;
  }
  const [y, m, d] = base.split('-').map(Number) as [number, number, number];
  let year = y + add;
  let month = m;
  let day = d;
  // completedYears: someone born on 29 Feb turns a year older on 1 Mar in a common year.
  if (day > daysInMonth(year, month)) {
    month += 1;
    day = 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return { year, month, day, utcMidnight: Date.UTC(year, month - 1, day) };
}

/** The first instant of the local date on which the person reaches `years`, when it is a date. */
export function thresholdInstant(evidence: AgeEvidence, years: number, timeZone: string): number | null {
  const date = thresholdDate(evidence, years);
  if (date === null || date === 'reached') return null;
  return fromLocal({ year: date.year, month: date.month, day: date.day, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}

/**
 * Whether someone is under `years` at `ms` from the UTC calendar alone; undefined when `ms` is
 * within a zone offset of the threshold date and only the local calendar can tell.
 */
function underByUtc(evidence: AgeEvidence, years: number, ms: number): boolean | undefined {
  const date = thresholdDate(evidence, years);
  if (date === null || date === 'reached') return false;
  const midnight = date.utcMidnight;
  if (ms < midnight - ZONE_MARGIN_MS) return true;
  if (ms >= midnight + ZONE_MARGIN_MS) return false;
  return undefined;
}

/** isMinorAt, at an instant in milliseconds. */
export function isMinorAtMs(evidence: AgeEvidence, ms: number, profile: LegalProfile, timeZone: string): boolean {
  if (!evidence.birthDate && evidence.ageAssessment === 'assessed_minor') return true;
  if (!evidence.birthDate && evidence.ageAssessment === 'assessed_adult') return false;
  return underByUtc(evidence, profile.ageOfMajority, ms) ?? isMinorAt(evidence, toIso(ms), profile, timeZone);
}

/** isUnderStayRuleAgeAt, at an instant in milliseconds. */
export function isUnderStayRuleAgeAtMs(
  evidence: AgeEvidence,
  ms: number,
  profile: LegalProfile,
  timeZone: string,
): boolean {
  if (!evidence.birthDate && evidence.ageAssessment === 'assessed_adult') return false;
  return (
    underByUtc(evidence, profile.minAgeForStayRuleBreach, ms) ??
    isUnderStayRuleAgeAt(evidence, toIso(ms), profile, timeZone)
  );
}

/**
 * The instant within (fromMs, toMs) at which the person comes of age, if the age group can change
 * there; null otherwise. Cheap unless the threshold date is near the interval.
 */
export function comingOfAgeWithin(
  evidence: AgeEvidence,
  fromMs: number,
  toMsValue: number,
  profile: LegalProfile,
  timeZone: string,
): number | null {
  if (!evidence.birthDate && (evidence.ageAssessment === 'assessed_minor' || evidence.ageAssessment === 'assessed_adult')) {
    return null;
  }
  const date = thresholdDate(evidence, profile.ageOfMajority);
  if (date === null || date === 'reached') return null;
  const midnight = date.utcMidnight;
  if (midnight + ZONE_MARGIN_MS <= fromMs || midnight - ZONE_MARGIN_MS >= toMsValue) return null;
  const exact = thresholdInstant(evidence, profile.ageOfMajority, timeZone);
  return exact !== null && exact > fromMs && exact < toMsValue ? exact : null;
}
