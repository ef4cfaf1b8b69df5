import { describe, expect, it } from 'vitest';
import { computeFindings } from './engine.ts';
import { h, hMs, input } from './facts.ts';
import type { LateEntryFacts, RecommendationFacts } from './types.ts';

describe('entry.late', () => {
  const late: LateEntryFacts = {
    seq: 77,
    type: 'placement.released',
    eventMs: hMs(1),
    recordedMs: hMs(31),
    actor: 'officer-3',
    personId: 'person-1',
    placementId: 'placement-1',
  };

  it('one finding per late entry, with how late and by whom', () => {
    const fs = computeFindings(input({ at: h(40), lateEntries: [late] }));
    expect(fs).toEqual([
      {
        code: 'entry.late',
        severity: 'medium',
        personIds: ['person-1'],
        placementIds: ['placement-1'],
        from: h(1),
        to: h(31),
        params: { type: 'placement.released', hoursLate: 30, actor: 'officer-3' },
        evidence: [77],
      },
    ]);
  });

  it('an entry about no person names none; one recorded after the check is not a fact yet', () => {
    const roomEntry = { ...late, personId: null, placementId: null };
    expect(computeFindings(input({ at: h(40), lateEntries: [roomEntry] }))[0]).toMatchObject({ personIds: [], placementIds: [] });
    expect(computeFindings(input({ at: h(30), lateEntries: [late] }))).toEqual([]);
  });
});

describe('recommendation.overdue', () => {
  const rec = (answeredMs: number | null): RecommendationFacts => ({
    recommendationId: 'r1',
    visitId: 'v1',
    responseDueMs: hMs(100),
    answeredMs,
    seq: 88,
  });

  it('past its deadline and unanswered', () => {
    expect(computeFindings(input({ at: h(100), recommendations: [rec(null)] }))).toEqual([]);
    const [f] = computeFindings(input({ at: h(110), recommendations: [rec(null)] }));
    expect(f).toMatchObject({
      code: 'recommendation.overdue',
      severity: 'medium',
      personIds: [],
      from: h(100),
      to: null,
      params: { recommendationId: 'r1', visitId: 'v1', responseDue: h(100), hoursOverdue: 10 },
      evidence: [88],
    });
  });

  it('an answer after the check is not a fact yet; answered in time is none', () => {
    expect(computeFindings(input({ at: h(110), recommendations: [rec(hMs(120))] }))[0]).toMatchObject({ to: null });
    expect(computeFindings(input({ mode: 'history', at: h(200), recommendations: [rec(hMs(90))] }))).toEqual([]);
  });

  it('history: answered late is a closed, low finding; the current state no longer shows it', () => {
    const [f] = computeFindings(input({ mode: 'history', at: h(200), recommendations: [rec(hMs(150))] }));
    expect(f).toMatchObject({ severity: 'low', from: h(100), to: h(150) });
    expect(computeFindings(input({ at: h(200), recommendations: [rec(hMs(150))] }))).toEqual([]);
  });
});
