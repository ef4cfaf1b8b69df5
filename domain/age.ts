import type { AgeGroup, LegalProfile } from './profile/types.ts';
import { localDate, type Instant } from './time.ts';

/**
 * What is known of a person's age: a documented birth date, or an age the person claimed on a given
 * day with the state of its assessment.
 */
export interface AgeEvidence {
  birthDate: string | null; // YYYY-MM-DD
  claimedAge: number | null;
  claimedAgeOn: string | null; // YYYY-MM-DD, the day the age was claimed
  ageAssessment: AgeAssessment;
}

export type AgeAssessment = 'documented' | 'claimed' | 'pending' | 'assessed_minor' | 'assessed_adult';

/** Completed years on a local calendar date. Someone born on 29 Feb turns a year older on 1 Mar. */
export function completedYears(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  let years = y - by;
  if (m < bm || (m === bm && d < bd)) years -= 1;
  return years;
}

/**
 * Best estimate of age at an instant, in the centre's zone. A claimed age counts from the day it was
 * claimed; the person is taken at their word until an assessment says otherwise (benefit of the doubt).
 * Returns null when nothing is known.
 */
export function ageAt(evidence: AgeEvidence, at: Instant, timeZone: string): number | null {
  const day = localDate(at, timeZone);
  if (evidence.birthDate) return completedYears(evidence.birthDate, day);
  if (evidence.claimedAge !== null && evidence.claimedAgeOn) {
    return evidence.claimedAge + Math.max(0, completedYears(evidence.claimedAgeOn, day));
  }
  return null;
}

/**
 * Whether a person counts as a minor. Where age is unknown or only claimed and under assessment,
 * an assessment result decides; a pending claim of minority is honoured.
 */
export function isMinorAt(evidence: AgeEvidence, at: Instant, profile: LegalProfile, timeZone: string): boolean {
  if (evidence.ageAssessment === 'assessed_minor' && !evidence.birthDate) return true;
  if (evidence.ageAssessment === 'assessed_adult' && !evidence.birthDate) return false;
  const age = ageAt(evidence, at, timeZone);
  return age !== null && age < profile.ageOfMajority;
}

export function ageGroupAt(evidence: AgeEvidence, at: Instant, profile: LegalProfile, timeZone: string): AgeGroup {
  return isMinorAt(evidence, at, profile, timeZone) ? 'minor' : 'adult';
}

/** Under the age of responsibility for stay-rule breaches (report §30), or claims to be. */
export function isUnderStayRuleAgeAt(
  evidence: AgeEvidence,
  at: Instant,
  profile: LegalProfile,
  timeZone: string,
): boolean {
  if (evidence.ageAssessment === 'assessed_adult' && !evidence.birthDate) return false;
  const age = ageAt(evidence, at, timeZone);
  return age !== null && age < profile.minAgeForStayRuleBreach;
}
