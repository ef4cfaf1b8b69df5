import { describe, expect, it } from 'vitest';
import { computeFindings } from './engine.ts';
import { h, hMs, input, person, placement, T0 } from './facts.ts';
import type { Finding, FindingCode } from './types.ts';

const codes = (fs: Finding[], code: FindingCode) => fs.filter((f) => f.code === code);

describe('forced.status_never_forced', () => {
  it('an asylum seeker or refugee in a forced placement is a critical finding from admission', () => {
    for (const status of ['asylum_seeker', 'refugee'] as const) {
      const p = placement({ person: person({ status }) });
      const [f, ...rest] = codes(computeFindings(input({ placements: [p] })), 'forced.status_never_forced');
      expect(rest).toEqual([]);
      expect(f).toMatchObject({ severity: 'critical', from: T0, to: null, params: { status } });
      expect(f!.evidence).toContain(p.person.seq);
    }
  });

  it('not for an irregular migrant, nor for an asylum seeker staying voluntarily', () => {
    const forced = placement();
    const voluntary = placement({ kind: 'voluntary', person: person({ personId: 'p2', status: 'asylum_seeker' }) });
    expect(codes(computeFindings(input({ placements: [forced, voluntary] })), 'forced.status_never_forced')).toEqual([]);
  });
});

describe('forced.child_under_age', () => {
  // T0 is 08:00 on 2 March 2026 in Baku.
  it('a child of 15 at admission, but not one who turned 16 that day', () => {
    const fifteen = placement({ person: person({ personId: 'c15', birthDate: '2010-03-03' }) });
    const sixteen = placement({ person: person({ personId: 'c16', birthDate: '2010-03-02' }) });
    const fs = codes(computeFindings(input({ placements: [fifteen, sixteen] })), 'forced.child_under_age');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: 'critical', personIds: ['c15'], from: T0, params: { age: 15, minAge: 16 } });
  });

  it('the local calendar decides: 02:00 on the birthday in Baku is still 22:00 the day before in UTC', () => {
    const admittedAt = '2026-03-01T22:00:00.000Z';
    const p = placement({ admittedMs: Date.parse(admittedAt), person: person({ birthDate: '2010-03-02' }) });
    expect(codes(computeFindings(input({ at: admittedAt, placements: [p] })), 'forced.child_under_age')).toEqual([]);
  });

  it('a claimed age under 16 counts until assessed as adult', () => {
    const claimed = person({ birthDate: null, claimedAge: 15, claimedAgeOn: '2026-03-01', ageAssessment: 'pending' });
    expect(codes(computeFindings(input({ placements: [placement({ person: claimed })] })), 'forced.child_under_age')).toHaveLength(1);
    const assessed = { ...claimed, ageAssessment: 'assessed_adult' as const };
    expect(codes(computeFindings(input({ placements: [placement({ person: assessed })] })), 'forced.child_under_age')).toEqual([]);
  });
});

describe('minor.unaccompanied_not_referred', () => {
  const child = () => person({ birthDate: '2008-09-01', unaccompanied: true }); // 17 at T0

  it('an unaccompanied 17-year-old with no guardianship referral: open from admission', () => {
    const p = placement({ person: child() });
    const [f, ...rest] = codes(computeFindings(input({ at: h(3), placements: [p] })), 'minor.unaccompanied_not_referred');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'high', from: T0, to: null, params: { age: 17, windowHours: 24, referredAt: null } });
  });

  it('referred: no finding; a child-care referral alone is not a guardianship referral', () => {
    const referred = placement({ person: child(), referrals: [{ kind: 'guardianship', atMs: hMs(2), seq: 5 }] });
    expect(codes(computeFindings(input({ at: h(3), placements: [referred] })), 'minor.unaccompanied_not_referred')).toEqual([]);
    const other = placement({ person: child(), referrals: [{ kind: 'child_care', atMs: hMs(2), seq: 5 }] });
    expect(codes(computeFindings(input({ at: h(3), placements: [other] })), 'minor.unaccompanied_not_referred')).toHaveLength(1);
  });

  it('history: a referral after the window closes the finding at the referral; one within it is none', () => {
    const late = placement({ person: child(), referrals: [{ kind: 'guardianship', atMs: hMs(30), seq: 88 }] });
    const [f] = codes(computeFindings(input({ mode: 'history', at: h(40), placements: [late] })), 'minor.unaccompanied_not_referred');
    expect(f).toMatchObject({ from: T0, to: h(30), params: { referredAt: h(30) } });
    expect(f!.evidence).toContain(88);
    // A referral after the instant of the check is not a fact yet.
    expect(codes(computeFindings(input({ at: h(20), placements: [late] })), 'minor.unaccompanied_not_referred')[0]!.to).toBeNull();

    const timely = placement({ person: child(), referrals: [{ kind: 'guardianship', atMs: hMs(5), seq: 89 }] });
    expect(codes(computeFindings(input({ mode: 'history', at: h(40), placements: [timely] })), 'minor.unaccompanied_not_referred')).toEqual([]);
  });

  it('not for an unaccompanied adult, nor for an accompanied child', () => {
    const adult = placement({ person: person({ unaccompanied: true }) });
    const accompanied = placement({ person: person({ personId: 'p2', birthDate: '2008-09-01' }) });
    expect(codes(computeFindings(input({ placements: [adult, accompanied] })), 'minor.unaccompanied_not_referred')).toEqual([]);
  });
});

describe('asylum.claim_unresolved', () => {
  const claim = (resolvedMs: number | null = null) => ({ claimId: 'c1', atMs: hMs(2), resolvedMs, seq: 50, resolvedSeq: resolvedMs ? 51 : null });

  it('an open claim is medium within the window and high after it', () => {
    const p = placement({ claims: [claim()] });
    const [early] = codes(computeFindings(input({ at: h(10), placements: [p] })), 'asylum.claim_unresolved');
    expect(early).toMatchObject({ severity: 'medium', from: h(2), to: null, params: { claimId: 'c1', hoursOpen: 8, windowHours: 24 } });
    const [late] = codes(computeFindings(input({ at: h(27), placements: [p] })), 'asylum.claim_unresolved');
    expect(late).toMatchObject({ severity: 'high', to: null });
  });

  it('a resolution after the instant of the check is not a fact yet', () => {
    const p = placement({ claims: [claim(hMs(40))] });
    expect(codes(computeFindings(input({ at: h(27), placements: [p] })), 'asylum.claim_unresolved')[0]).toMatchObject({ severity: 'high', to: null });
  });

  it('history: resolved in time is none; resolved late is a closed medium finding', () => {
    const inTime = placement({ claims: [claim(hMs(20))] });
    expect(codes(computeFindings(input({ mode: 'history', at: h(50), placements: [inTime] })), 'asylum.claim_unresolved')).toEqual([]);
    const late = placement({ claims: [claim(hMs(40))] });
    const [f] = codes(computeFindings(input({ mode: 'history', at: h(50), placements: [late] })), 'asylum.claim_unresolved');
    expect(f).toMatchObject({ severity: 'medium', from: h(2), to: h(40), params: { hoursOpen: 38 } });
    expect(f!.evidence).toEqual(expect.arrayContaining([50, 51]));
    // Closed findings are not part of the current state.
    expect(codes(computeFindings(input({ at: h(50), placements: [late] })), 'asylum.claim_unresolved')).toEqual([]);
  });

  it('release ends a claim the register left open; a voluntary stay holds no one', () => {
    const released = placement({ claims: [claim()], endedMs: hMs(30), endSeq: 60 });
    const [f] = codes(computeFindings(input({ mode: 'history', at: h(50), placements: [released] })), 'asylum.claim_unresolved');
    expect(f).toMatchObject({ to: h(30) });
    expect(f!.evidence).toContain(60);
    const voluntary = placement({ kind: 'voluntary', claims: [claim()] });
    expect(codes(computeFindings(input({ at: h(30), placements: [voluntary] })), 'asylum.claim_unresolved')).toEqual([]);
  });
});

describe('trafficking.not_referred', () => {
  const screened = () => person({ traffickingIndicators: ['debt_bondage', 'documents_withheld'] });

  it('indicators and no police referral once the window has passed', () => {
    const p = placement({ person: screened() });
    expect(codes(computeFindings(input({ at: h(23), placements: [p] })), 'trafficking.not_referred')).toEqual([]);
    const [f] = codes(computeFindings(input({ at: h(25), placements: [p] })), 'trafficking.not_referred');
    expect(f).toMatchObject({
      severity: 'high',
      from: h(24),
      to: null,
      params: { indicators: 'debt_bondage,documents_withheld', windowHours: 24 },
    });
  });

  it('referred in time: none; referred late: closed at the referral in the audit', () => {
    const inTime = placement({ person: screened(), referrals: [{ kind: 'trafficking_police', atMs: hMs(10), seq: 70 }] });
    expect(codes(computeFindings(input({ at: h(30), placements: [inTime] })), 'trafficking.not_referred')).toEqual([]);
    const late = placement({ person: screened(), referrals: [{ kind: 'trafficking_police', atMs: hMs(30), seq: 71 }] });
    const [f] = codes(computeFindings(input({ mode: 'history', at: h(40), placements: [late] })), 'trafficking.not_referred');
    expect(f).toMatchObject({ from: h(24), to: h(30) });
    expect(f!.evidence).toContain(71);
  });

  it('no indicators, no finding', () => {
    expect(codes(computeFindings(input({ at: h(30), placements: [placement()] })), 'trafficking.not_referred')).toEqual([]);
  });
});
