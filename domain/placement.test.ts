import { describe, expect, it } from 'vitest';
import { decideAdmission, decideExtension, type PersonForDecision } from './placement.ts';
import { STATUSES } from './profile/types.ts';
import { azDefaultProfile as profile } from './profile/az-default.ts';

const TZ = 'Asia/Baku';
const at = '2026-06-01T08:00:00.000Z';
const adult: PersonForDecision = {
  birthDate: '1990-01-01',
  claimedAge: null,
  claimedAgeOn: null,
  ageAssessment: 'documented',
  status: 'irregular_migrant',
  unaccompanied: false,
};
const serviceOrder = { basis: 'service_order', startsAt: at, term: null };

function codes(person: PersonForDecision, kind: 'forced' | 'voluntary' = 'forced', order: typeof serviceOrder | null = serviceOrder) {
  const d = decideAdmission(profile, TZ, person, { kind, admittedAt: at, order, alreadyPlaced: false });
  return d.ok ? [] : d.reasons.map((r) => r.code);
}

describe('who may be forcibly placed (report §19, §30, §36)', () => {
  for (const status of STATUSES) {
    const never = status === 'asylum_seeker' || status === 'refugee';
    it(`${status}: ${never ? 'never' : 'may be'}`, () => {
      expect(codes({ ...adult, status })).toEqual(never ? ['forced.status_never_forced'] : []);
    });
  }
  it('asylum seekers and refugees may stay voluntarily', () => {
    expect(codes({ ...adult, status: 'asylum_seeker' }, 'voluntary', null)).toEqual([]);
    expect(codes({ ...adult, status: 'refugee' }, 'voluntary', null)).toEqual([]);
  });
  it('a child of 15 may not; of 16 may', () => {
    expect(codes({ ...adult, birthDate: '2011-01-01' })).toEqual(['forced.child_under_age']);
    expect(codes({ ...adult, birthDate: '2010-01-01' })).toEqual([]);
  });
  it('gives every reason at once', () => {
    expect(codes({ ...adult, birthDate: '2012-01-01', status: 'refugee' }, 'forced', null).sort()).toEqual(
      ['forced.child_under_age', 'forced.status_never_forced', 'order.required'].sort(),
    );
  });
  it('a voluntary placement carries no order; a forced one needs one', () => {
    expect(codes(adult, 'voluntary', serviceOrder)).toEqual(['placement.voluntary_with_order']);
    expect(codes(adult, 'forced', null)).toEqual(['order.required']);
  });
  it('refuses a second open placement', () => {
    const d = decideAdmission(profile, TZ, adult, { kind: 'voluntary', admittedAt: at, order: null, alreadyPlaced: true });
    expect(!d.ok && d.reasons.map((r) => r.code)).toEqual(['placement.already_placed']);
  });
});

describe('extensions', () => {
  const placement = { kind: 'forced' as const, endedAt: null };
  it('a new order on an ended or voluntary placement is refused', () => {
    const d = decideExtension(profile, TZ, adult, { kind: 'forced', endedAt: at }, [], serviceOrder);
    expect(!d.ok && d.reasons.map((r) => r.code)).toContain('placement.ended');
    const v = decideExtension(profile, TZ, adult, { kind: 'voluntary', endedAt: null }, [], serviceOrder);
    expect(!v.ok && v.reasons.map((r) => r.code)).toContain('placement.voluntary_with_order');
  });
  it('a court order after a Service order is accepted and computes its own deadline', () => {
    const previous = [{ basis: 'service_order', startsAt: at, expiresAt: '2026-06-02T08:00:00.000Z' }];
    const d = decideExtension(profile, TZ, adult, placement, previous, {
      basis: 'court_order',
      startsAt: '2026-06-02T08:00:00.000Z',
      term: null,
    });
    expect(d.ok && d.value.expiresAt).toBe('2026-06-05T08:00:00.000Z');
  });
  it('an extension is refused for a person who has since become a refugee', () => {
    const d = decideExtension(profile, TZ, { ...adult, status: 'refugee' }, placement, [], serviceOrder);
    expect(!d.ok && d.reasons.map((r) => r.code)).toEqual(['forced.status_never_forced']);
  });
});
