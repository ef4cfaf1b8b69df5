import { describe, expect, it } from 'vitest';
import { compareFindings, computeFindings, summariseFindings } from './engine.ts';
import { assignment, h, hMs, input, order, person, placement, room, T0 } from './facts.ts';
import type { Finding } from './types.ts';

describe('computeFindings', () => {
  it('a lawful stay gives nothing, now or in the audit', () => {
    const p = placement();
    const data = input({ at: h(19), placements: [p], rooms: [room()], assignments: [assignment(p)] });
    expect(computeFindings(data)).toEqual([]);
    expect(computeFindings({ ...data, mode: 'history' })).toEqual([]);
  });

  it('sorts by severity, then start, then code', () => {
    const woman = placement({
      person: person({ personId: 'w', sex: 'female', status: 'asylum_seeker' }),
      orders: [order({ startsMs: hMs(1), expiresMs: hMs(25) })],
      rights: [],
    });
    const fs = computeFindings(
      input({ at: h(3), placements: [woman], rooms: [room()], assignments: [assignment(woman, { fromMs: hMs(2) })] }),
    );
    expect(fs.map((f) => [f.severity, f.code, f.from])).toEqual([
      ['critical', 'forced.status_never_forced', T0],
      ['critical', 'separation.breach', h(2)],
      ['high', 'order.gap', T0],
      ['high', 'rights.missing', h(2)],
      ['high', 'rights.missing', h(2)],
    ]);
    expect([...fs].reverse().sort(compareFindings)).toEqual(fs);
  });

  it('the current state: present placements only, open findings plus gaps and late rights of their record', () => {
    const gap = placement({
      orders: [order({ startsMs: hMs(1), expiresMs: hMs(25) })],
      rights: [...placement().rights.filter((r) => r.right !== 'lawyer'), { right: 'lawyer', state: 'offered', atMs: hMs(30), seq: 1 }],
    });
    const released = placement({ orders: [], endedMs: hMs(5) });
    const fs = computeFindings(input({ at: h(31), placements: [gap, released] }));
    expect(fs.map((f) => f.code).sort()).toEqual(['order.gap', 'rights.late', 'stay.exceeded']);
    expect(fs.every((f) => f.placementIds[0] === gap.placementId)).toBe(true);
    // The audit shows the released one too: held without an order until release.
    const audit = computeFindings(input({ mode: 'history', at: h(31), placements: [gap, released] }));
    expect(audit.find((f) => f.placementIds[0] === released.placementId)).toMatchObject({
      code: 'stay.exceeded',
      from: T0,
      to: h(5),
    });
  });

  it('facts after the instant of the check are ignored: a placement admitted later', () => {
    const later = placement({ admittedMs: hMs(10), orders: [] });
    expect(computeFindings(input({ at: h(9), placements: [later] }))).toEqual([]);
    expect(computeFindings(input({ mode: 'history', at: h(9), placements: [later] }))).toEqual([]);
  });

  it('every finding names a code, an interval and evidence', () => {
    const p = placement({ orders: [], rights: [], person: person({ birthDate: '2011-01-01', unaccompanied: true }) });
    const fs = computeFindings(input({ mode: 'history', at: h(30), placements: [p] }));
    expect(fs.length).toBeGreaterThan(3);
    for (const f of fs) {
      expect(f.evidence.length).toBeGreaterThan(0);
      expect(f.evidence).toEqual([...new Set(f.evidence)].sort((a, b) => a - b));
      expect(f.to === null || f.to >= f.from).toBe(true);
    }
  });
});

describe('summariseFindings', () => {
  it('counts by severity and by code', () => {
    const f = (code: Finding['code'], severity: Finding['severity'], to: string | null = null): Finding => ({
      code,
      severity,
      personIds: [],
      placementIds: [],
      from: T0,
      to,
      params: {},
      evidence: [1],
    });
    const summary = summariseFindings([
      f('stay.exceeded', 'critical'),
      f('stay.exceeded', 'critical', h(2)),
      f('rights.late', 'low', h(3)),
    ]);
    expect(summary.total).toBe(3);
    expect(summary.open).toBe(1);
    expect(summary.bySeverity).toEqual({ critical: 2, high: 0, medium: 0, low: 1 });
    expect(summary.byCode['stay.exceeded']).toBe(2);
    expect(summary.byCode['rights.late']).toBe(1);
    expect(summary.byCode['order.gap']).toBe(0);
  });
});
