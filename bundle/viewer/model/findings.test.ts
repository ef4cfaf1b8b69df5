// Findings grouped for reading: by code, the most severe group first, the latest finding first in a
// group; filters by severity, code and person.

import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../domain/findings/types.ts';
import { countBySeverity, groupFindings } from './findings.ts';

const f = (code: string, severity: Finding['severity'], from: string, personIds: string[] = ['P1']): Finding =>
  ({ code, severity, from, to: null, personIds, placementIds: [], params: {}, evidence: [1] }) as unknown as Finding;

const all = [
  f('rights.late', 'low', '2026-01-01T00:00:00.000Z'),
  f('stay.exceeded', 'critical', '2026-01-02T00:00:00.000Z', ['P2']),
  f('rights.late', 'low', '2026-01-03T00:00:00.000Z', ['P2']),
  f('room.over_capacity', 'high', '2026-01-01T00:00:00.000Z', []),
  f('stay.exceeded', 'critical', '2026-01-05T00:00:00.000Z'),
];

describe('findings grouped', () => {
  it('puts the most severe code first and the latest finding first', () => {
    const groups = groupFindings(all);
    expect(groups.map((g) => [g.code, g.severity, g.findings.length])).toEqual([
      ['stay.exceeded', 'critical', 2],
      ['room.over_capacity', 'high', 1],
      ['rights.late', 'low', 2],
    ]);
    expect(groups[0]!.findings.map((x) => x.from)).toEqual(['2026-01-05T00:00:00.000Z', '2026-01-02T00:00:00.000Z']);
  });

  it('filters by severity, code and person', () => {
    expect(groupFindings(all, { severity: 'low', code: '', personId: '' }).map((g) => g.code)).toEqual(['rights.late']);
    expect(groupFindings(all, { severity: '', code: 'room.over_capacity', personId: '' }).map((g) => g.findings.length)).toEqual([1]);
    expect(groupFindings(all, { severity: '', code: '', personId: 'P2' }).flatMap((g) => g.findings.map((x) => x.code))).toEqual(['stay.exceeded', 'rights.late']);
    expect(countBySeverity(all)).toEqual({ critical: 2, high: 1, medium: 0, low: 2 });
  });
});
