import { describe, expect, it } from 'vitest';
import { computeFindings } from './engine.ts';
import { h, hMs, input, person, placement } from './facts.ts';
import type { Finding, FindingCode, MeasureFacts } from './types.ts';

const codes = (fs: Finding[], code: FindingCode) => fs.filter((f) => f.code === code);

function isolation(overrides: Partial<MeasureFacts> = {}): MeasureFacts {
  return {
    measureId: 'm1',
    kind: 'isolation',
    startMs: hMs(1),
    endMs: null,
    authorisedMs: hMs(1.5),
    reviewsMs: [],
    seq: 300,
    ...overrides,
  };
}

describe('measure.on_minor', () => {
  it('isolation of a minor, but not of an adult', () => {
    const minor = placement({ person: person({ personId: 'kid', birthDate: '2009-06-01' }), measures: [isolation()] });
    const adult = placement({ measures: [isolation()] });
    const fs = codes(computeFindings(input({ at: h(2), placements: [minor, adult] })), 'measure.on_minor');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: 'high', personIds: ['kid'], from: h(1), to: null, params: { measureId: 'm1', kind: 'isolation' } });
    expect(fs[0]!.evidence).toContain(300);
  });

  it('a disciplinary measure too, closed in the audit when it ends', () => {
    const minor = placement({
      person: person({ birthDate: '2009-06-01' }),
      measures: [isolation({ kind: 'disciplinary', endMs: hMs(3) })],
    });
    const [f] = codes(computeFindings(input({ mode: 'history', at: h(10), placements: [minor] })), 'measure.on_minor');
    expect(f).toMatchObject({ from: h(1), to: h(3) });
  });
});

describe('isolation.unauthorised', () => {
  it('not authorised within the window: open from the window’s end', () => {
    const p = placement({ measures: [isolation({ authorisedMs: null })] });
    expect(codes(computeFindings(input({ at: h(2), placements: [p] })), 'isolation.unauthorised')).toEqual([]);
    const [f] = codes(computeFindings(input({ at: h(3), placements: [p] })), 'isolation.unauthorised');
    expect(f).toMatchObject({ severity: 'critical', from: h(2), to: null, params: { measureId: 'm1', windowHours: 1 } });
  });

  it('authorised in time: none; authorised late: closed at the authorisation', () => {
    const inTime = placement({ measures: [isolation()] });
    expect(codes(computeFindings(input({ at: h(5), placements: [inTime] })), 'isolation.unauthorised')).toEqual([]);
    const late = placement({ measures: [isolation({ authorisedMs: hMs(4) })] });
    const [f] = codes(computeFindings(input({ mode: 'history', at: h(5), placements: [late] })), 'isolation.unauthorised');
    expect(f).toMatchObject({ from: h(2), to: h(4) });
    // An authorisation after the instant of the check is not a fact yet.
    expect(codes(computeFindings(input({ at: h(3), placements: [late] })), 'isolation.unauthorised')[0]!.to).toBeNull();
  });

  it('a short isolation never authorised is still a finding, over the isolation itself', () => {
    const p = placement({ measures: [isolation({ authorisedMs: null, endMs: hMs(1.5) })] });
    const [f] = codes(computeFindings(input({ mode: 'history', at: h(5), placements: [p] })), 'isolation.unauthorised');
    expect(f).toMatchObject({ from: h(1), to: h(1.5), params: { neverAuthorised: true } });
  });
});

describe('isolation.review_overdue', () => {
  it('an active isolation with no review within the window', () => {
    const p = placement({ measures: [isolation({ reviewsMs: [hMs(20)] })] });
    expect(codes(computeFindings(input({ at: h(44), placements: [p] })), 'isolation.review_overdue')).toEqual([]);
    const [f] = codes(computeFindings(input({ at: h(50), placements: [p] })), 'isolation.review_overdue');
    expect(f).toMatchObject({ severity: 'high', from: h(44), to: null, params: { hoursOverdue: 6, windowHours: 24 } });
  });

  it('history: a late review closes its overrun; an ended isolation owes no more reviews', () => {
    const p = placement({ measures: [isolation({ reviewsMs: [hMs(30)], endMs: hMs(40) })] });
    const fs = codes(computeFindings(input({ mode: 'history', at: h(100), placements: [p] })), 'isolation.review_overdue');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ from: h(25), to: h(30) });
    expect(codes(computeFindings(input({ at: h(100), placements: [p] })), 'isolation.review_overdue')).toEqual([]);
  });
});

describe('medical.review_overdue', () => {
  const concern = (reviewedMs: number | null) => ({ concernId: 'c1', atMs: hMs(1), reviewedMs, seq: 400, reviewSeq: reviewedMs ? 401 : null });

  it('no detention review within the window of the concern', () => {
    const p = placement({ concerns: [concern(null)] });
    expect(codes(computeFindings(input({ at: h(72), placements: [p] })), 'medical.review_overdue')).toEqual([]);
    const [f] = codes(computeFindings(input({ at: h(74), placements: [p] })), 'medical.review_overdue');
    expect(f).toMatchObject({ severity: 'high', from: h(73), to: null, params: { concernId: 'c1', windowHours: 72, hoursOverdue: 1 } });
  });

  it('reviewed in time: none; reviewed late: closed at the review in the audit', () => {
    const inTime = placement({ concerns: [concern(hMs(10))] });
    expect(codes(computeFindings(input({ mode: 'history', at: h(100), placements: [inTime] })), 'medical.review_overdue')).toEqual([]);
    const late = placement({ concerns: [concern(hMs(80))] });
    const [f] = codes(computeFindings(input({ mode: 'history', at: h(100), placements: [late] })), 'medical.review_overdue');
    expect(f).toMatchObject({ from: h(73), to: h(80) });
    expect(f!.evidence).toEqual(expect.arrayContaining([400, 401]));
  });
});
