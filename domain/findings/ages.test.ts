import { describe, expect, it } from 'vitest';
import { isMinorAt, isUnderStayRuleAgeAt, type AgeEvidence } from '../age.ts';
import { azDefaultProfile as profile } from '../profile/az-default.ts';
import { HOUR_MS, toIso, toMs } from '../time.ts';
import { comingOfAgeWithin, isMinorAtMs, isUnderStayRuleAgeAtMs, minorityLine } from './ages.ts';

// The fast checks must give exactly what age.ts gives, in any zone, around every threshold date.
const zones = ['Asia/Baku', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/New_York', 'UTC'];
const people: AgeEvidence[] = [
  { birthDate: '2008-03-04', claimedAge: null, claimedAgeOn: null, ageAssessment: 'documented' },
  { birthDate: '2008-02-29', claimedAge: null, claimedAgeOn: null, ageAssessment: 'documented' },
  { birthDate: '2010-03-01', claimedAge: null, claimedAgeOn: null, ageAssessment: 'assessed_adult' },
  { birthDate: null, claimedAge: 17, claimedAgeOn: '2025-03-03', ageAssessment: 'pending' },
  { birthDate: null, claimedAge: 15, claimedAgeOn: '2025-03-02', ageAssessment: 'claimed' },
  { birthDate: null, claimedAge: 19, claimedAgeOn: '2025-03-02', ageAssessment: 'claimed' },
  { birthDate: null, claimedAge: 17, claimedAgeOn: '2025-03-02', ageAssessment: 'assessed_minor' },
  { birthDate: null, claimedAge: 16, claimedAgeOn: '2025-03-02', ageAssessment: 'assessed_adult' },
  { birthDate: null, claimedAge: null, claimedAgeOn: null, ageAssessment: 'pending' },
];

describe('fast age checks', () => {
  it('agree with age.ts hour by hour around the thresholds', () => {
    const start = toMs('2026-02-25T00:00:00.000Z');
    for (const timeZone of zones) {
      for (const e of people) {
        for (let t = start; t < start + 10 * 24 * HOUR_MS; t += HOUR_MS / 2) {
          const at = toIso(t);
          expect(isMinorAtMs(e, t, profile, timeZone), `${timeZone} ${JSON.stringify(e)} ${at}`).toBe(isMinorAt(e, at, profile, timeZone));
          expect(isUnderStayRuleAgeAtMs(e, t, profile, timeZone)).toBe(isUnderStayRuleAgeAt(e, at, profile, timeZone));
        }
      }
    }
  });

  it('agree with age.ts for the under-16 rule around the 16th birthday', () => {
    const e: AgeEvidence = { birthDate: '2010-03-04', claimedAge: null, claimedAgeOn: null, ageAssessment: 'documented' };
    const start = toMs('2026-03-02T00:00:00.000Z');
    for (const timeZone of zones) {
      for (let t = start; t < start + 4 * 24 * HOUR_MS; t += HOUR_MS / 4) {
        expect(isUnderStayRuleAgeAtMs(e, t, profile, timeZone)).toBe(isUnderStayRuleAgeAt(e, toIso(t), profile, timeZone));
      }
    }
  });

  it('find the instant of coming of age: the first local instant of the 18th birthday', () => {
    const e = people[0]!;
    const from = toMs('2026-03-01T00:00:00.000Z');
    const to = toMs('2026-03-10T00:00:00.000Z');
    expect(comingOfAgeWithin(minorityLine(e, profile), from, to, 'Asia/Baku')).toBe(toMs('2026-03-03T20:00:00.000Z'));
    expect(comingOfAgeWithin(minorityLine(e, profile), from, to, 'America/New_York')).toBe(toMs('2026-03-04T05:00:00.000Z'));
    // Born on 29 February: of age on 1 March in a common year.
    expect(comingOfAgeWithin(minorityLine(people[1]!, profile), from - 5 * 24 * HOUR_MS, to, 'UTC')).toBe(toMs('2026-03-01T00:00:00.000Z'));
    // Outside the interval, or fixed by an assessment: none.
    expect(comingOfAgeWithin(minorityLine(e, profile), to, to + HOUR_MS, 'Asia/Baku')).toBeNull();
    expect(comingOfAgeWithin(minorityLine(people[6]!, profile), from, to, 'Asia/Baku')).toBeNull();
  });
});
