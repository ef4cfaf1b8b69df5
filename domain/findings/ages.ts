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

export type Threshold = { year: number; month: number; day: number; utcMidnight: number } | 'reached' | null;

/** The local date on which the person reaches `years`, 'reached' if their claimed age already does, null if unknown. */
export function thresholdDate(evidence: AgeEvidence, years: number): Threshold {
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
  // YYYY-MM-DD, read by character codes: this runs once per placement in the audit.
  let year = number(base, 0, 4) + add;
  let month = number(base, 5, 2);
  let day = number(base, 8, 2);
  // completedYears: someone born on 29 Feb turns a year older on 1 Mar in a common year.
  if (day > 28 && day > daysInMonth(year, month)) {
    month += 1;
    day = 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return { year, month, day, utcMidnight: Date.UTC(year, month - 1, day) };
}

function number(text: string, from: number, length: number): number {
  let value = 0;
  for (let i = from; i < from + length; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

/** The first instant of the local date on which the person reaches `years`, when it is a date. */
export function thresholdInstant(evidence: AgeEvidence, years: number, timeZone: string): number | null {
  const date = thresholdDate(evidence, years);
  if (date === null || date === 'reached') return null;
  return fromLocal({ year: date.year, month: date.month, day: date.day, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}

/**
 * Whether someone is under a threshold at `ms` from the UTC calendar alone; undefined when `ms` is
 * within a zone offset of the threshold date and only the local calendar can tell.
 */
function underByUtc(threshold: Threshold, ms: number): boolean | undefined {
  if (threshold === null || threshold === 'reached') return false;
  if (ms < threshold.utcMidnight - ZONE_MARGIN_MS) return true;
  if (ms >= threshold.utcMidnight + ZONE_MARGIN_MS) return false;
  return undefined;
}

/**
 * A person's minority over time, worked out once: fixed by an assessment, or a step at the date of
 * majority. The room sweep asks it at every change point.
 */
export interface MinorityLine {
  evidence: AgeEvidence;
  /** Set where an assessment without a birth date decides (isMinorAt's first two rules). */
  fixed: boolean | null;
  majority: Threshold;
}

export function minorityLine(evidence: AgeEvidence, profile: LegalProfile): MinorityLine {
  const fixed =
    !evidence.birthDate && evidence.ageAssessment === 'assessed_minor'
      ? true
      : !evidence.birthDate && evidence.ageAssessment === 'assessed_adult'
        ? false
        : null;
  return { evidence, fixed, majority: fixed === null ? thresholdDate(evidence, profile.ageOfMajority) : null };
}

/** isMinorAt on a precomputed line. */
export function isMinorOnLine(line: MinorityLine, ms: number, profile: LegalProfile, timeZone: string): boolean {
  if (line.fixed !== null) return line.fixed;
  return underByUtc(line.majority, ms) ?? isMinorAt(line.evidence, toIso(ms), profile, timeZone);
}

/** isMinorAt, at an instant in milliseconds. */
export function isMinorAtMs(evidence: AgeEvidence, ms: number, profile: LegalProfile, timeZone: string): boolean {
  return isMinorOnLine(minorityLine(evidence, profile), ms, profile, timeZone);
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
    underByUtc(thresholdDate(evidence, profile.minAgeForStayRuleBreach), ms) ??
    isUnderStayRuleAgeAt(evidence, toIso(ms), profile, timeZone)
  );
}

/**
 * The instant within (fromMs, toMs) at which the person comes of age, if their age group can change
 * there; null otherwise. Cheap unless the date of majority is near the interval.
 */
export function comingOfAgeWithin(
  line: MinorityLine,
  fromMs: number,
  toMsValue: number,
  timeZone: string,
): number | null {
  const date = line.majority;
  if (line.fixed !== null || date === null || date === 'reached') return null;
  if (date.utcMidnight + ZONE_MARGIN_MS <= fromMs || date.utcMidnight - ZONE_MARGIN_MS >= toMsValue) return null;
  const exact = fromLocal({ year: date.year, month: date.month, day: date.day, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
  return exact > fromMs && exact < toMsValue ? exact : null;
}
