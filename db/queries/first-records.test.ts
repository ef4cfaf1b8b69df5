import { describe, expect, it } from 'vitest';
import { placement } from '../../domain/findings/facts.ts';
import { azDefaultProfile } from '../../domain/profile/az-default.ts';
import type { LegalProfile } from '../../domain/profile/types.ts';
import { HOUR_MS } from '../../domain/time.ts';
import { readFirstRecords, rightRequirements } from './first-records.ts';

const T = Date.parse('2026-03-02T04:00:00.000Z');
/** A first_rights text from [kind, hours after T] records. */
const text = (...records: [string, number][]) => records.map(([k, h]) => `${k} ${T + h * HOUR_MS}`).join(' ');
/** Bits of rightsInTime, as the rights they stand for. */
const inTime = (profile: LegalProfile, mask: number) => profile.requiredRights.filter((_, k) => mask & (1 << k)).map((r) => r.right);
/** Bits of the late rights readFirstRecords returns, as the rights they stand for. */
const late = (profile: LegalProfile, mask: number) => rightRequirements(profile).kinds.filter((_, i) => mask & (1 << i));

describe('readFirstRecords', () => {
  const requirements = rightRequirements(azDefaultProfile);

  it('marks the rights first recorded within their window, and names the late ones that are facts', () => {
    const p = placement({ admittedMs: T, rights: [] });
    const lateOnes = readFirstRecords(
      requirements,
      p,
      T + 40 * HOUR_MS,
      text(
        ['information_on_rights', 1], // in time (2 hours)
        ['property_inventory', 3], // late
        ['lawyer', 24], // in time (24 hours, the window's last instant)
        ['complaint', 0.5], // not a required right
        ['family_contact', 30], // late
        ['call_unhcr', 50], // late, and after the instant
        ['call_ombudsman', -1], // recorded before admission: in time
      ),
    );
    expect(inTime(azDefaultProfile, p.rightsInTime).sort()).toEqual(['call_ombudsman', 'information_on_rights', 'lawyer']);
    expect(late(azDefaultProfile, lateOnes).sort()).toEqual(['family_contact', 'property_inventory']);
  });

  it('asks of each placement only what its kind requires', () => {
    const p = placement({ kind: 'voluntary', admittedMs: T, orders: [], rights: [] });
    const lateOnes = readFirstRecords(requirements, p, T + 40 * HOUR_MS, text(['lawyer', 30], ['medical_examination', 2]));
    expect(inTime(azDefaultProfile, p.rightsInTime)).toEqual(['medical_examination']);
    expect(lateOnes).toBe(0);
  });

  it('judges a right the profile requires twice against each requirement', () => {
    const profile: LegalProfile = {
      ...azDefaultProfile,
      requiredRights: [
        { right: 'lawyer', for: ['forced'], withinHours: 2 },
        { right: 'lawyer', for: ['forced'], withinHours: 24 },
      ],
    };
    const p = placement({ admittedMs: T, rights: [] });
    expect(readFirstRecords(rightRequirements(profile), p, T + 40 * HOUR_MS, text(['lawyer', 5]))).toBe(1);
    expect(p.rightsInTime).toBe(0b10);
  });

  it('refuses a text that is not in pairs of a kind and an instant in milliseconds', () => {
    const p = placement({ admittedMs: T, rights: [] });
    expect(() => readFirstRecords(requirements, p, T, 'lawyer 7 call_unhcr')).toThrow(/not a pair/);
    expect(() => readFirstRecords(requirements, p, T, 'lawyer 7h')).toThrow(/not an instant in milliseconds: "7h"/);
  });
});
