import { describe, expect, it } from 'vitest';
import { ageAt, completedYears, isMinorAt, isUnderStayRuleAgeAt, type AgeEvidence } from './age.ts';
import { azDefaultProfile as profile } from './profile/az-default.ts';

const TZ = 'Asia/Baku';
const documented = (birthDate: string): AgeEvidence => ({ birthDate, claimedAge: null, claimedAgeOn: null, ageAssessment: 'documented' });

describe('age on a date', () => {
  it('turns a year older on the birthday, in the centre’s zone', () => {
    // 2026-03-01T21:00Z is already 2 March in Baku.
    expect(ageAt(documented('2010-03-02'), '2026-03-01T19:59:00.000Z', TZ)).toBe(15);
    expect(ageAt(documented('2010-03-02'), '2026-03-01T20:00:00.000Z', TZ)).toBe(16);
  });
  it('a 29 February birthday counts from 1 March in common years', () => {
    expect(completedYears('2008-02-29', '2024-02-28')).toBe(15);
    expect(completedYears('2008-02-29', '2024-02-29')).toBe(16);
    expect(completedYears('2008-02-29', '2025-02-28')).toBe(16);
    expect(completedYears('2008-02-29', '2026-03-01')).toBe(18);
  });
});

describe('thresholds: 16 (stay-rule breaches) and 18 (majority)', () => {
  const at = '2026-06-01T08:00:00.000Z';
  const cases: [string, number, boolean, boolean][] = [
    ['2011-01-01', 15, true, true],
    ['2010-01-01', 16, false, true],
    ['2009-01-01', 17, false, true],
    ['2008-01-01', 18, false, false],
  ];
  for (const [birth, age, under16, minor] of cases) {
    it(`age ${age}: under 16 ${under16}, minor ${minor}`, () => {
      expect(ageAt(documented(birth), at, TZ)).toBe(age);
      expect(isUnderStayRuleAgeAt(documented(birth), at, profile, TZ)).toBe(under16);
      expect(isMinorAt(documented(birth), at, profile, TZ)).toBe(minor);
    });
  }
});

describe('claimed age', () => {
  const claimed = (age: number, state: AgeEvidence['ageAssessment'] = 'claimed'): AgeEvidence => ({
    birthDate: null,
    claimedAge: age,
    claimedAgeOn: '2026-01-10',
    ageAssessment: state,
  });
  it('counts from the day it was claimed', () => {
    expect(ageAt(claimed(15), '2027-01-09T08:00:00.000Z', TZ)).toBe(15);
    expect(ageAt(claimed(15), '2027-01-10T08:00:00.000Z', TZ)).toBe(16);
  });
  it('is believed while unassessed: a claimed 15-year-old is under 16 and a minor', () => {
    expect(isUnderStayRuleAgeAt(claimed(15), '2026-02-01T08:00:00.000Z', profile, TZ)).toBe(true);
    expect(isMinorAt(claimed(17, 'pending'), '2026-02-01T08:00:00.000Z', profile, TZ)).toBe(true);
  });
  it('gives way to an assessment', () => {
    expect(isMinorAt(claimed(17, 'assessed_adult'), '2026-02-01T08:00:00.000Z', profile, TZ)).toBe(false);
    expect(isUnderStayRuleAgeAt(claimed(15, 'assessed_adult'), '2026-02-01T08:00:00.000Z', profile, TZ)).toBe(false);
    expect(isMinorAt(claimed(19, 'assessed_minor'), '2026-02-01T08:00:00.000Z', profile, TZ)).toBe(true);
  });
  it('unknown age is neither a minor nor under 16', () => {
    const unknown: AgeEvidence = { birthDate: null, claimedAge: null, claimedAgeOn: null, ageAssessment: 'pending' };
    expect(ageAt(unknown, '2026-02-01T08:00:00.000Z', TZ)).toBeNull();
    expect(isMinorAt(unknown, '2026-02-01T08:00:00.000Z', profile, TZ)).toBe(false);
  });
});
