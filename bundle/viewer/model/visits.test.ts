// Visits and recommendations at export: a response on time, a late one, one still open and one
// overdue.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCentre, type TestCentre } from '../../../test/support/harness.ts';
import { viewerDataOf } from '../../../test/support/viewer-data.ts';
import { visitsView } from './visits.ts';

let c: TestCentre;
beforeAll(() => {
  c = createTestCentre();
  const visitId = c.call('inspections.recordVisit', { body: 'npm', inspectors: ['A. Mammadova', 'R. Guliyev'], startedAt: c.clock.iso, note: 'unannounced' }, 'head').id!;
  const due = (hours: number) => new Date(c.clock.now() + hours * 3_600_000).toISOString();
  const onTime = c.call('inspections.recommend', { visitId, text: 'Interpreters in person', responseDue: due(48) }, 'head').id!;
  const late = c.call('inspections.recommend', { visitId, text: 'Repair the showers', responseDue: due(24) }, 'head').id!;
  c.call('inspections.recommend', { visitId, text: 'Outdoor exercise daily', responseDue: due(30) }, 'head');
  c.call('inspections.recommend', { visitId, text: 'Phone access', responseDue: due(200) }, 'head');
  c.clock.advanceHours(10);
  c.call('inspections.respond', { recommendationId: onTime, text: 'Two hired.' }, 'head');
  c.clock.advanceHours(20);
  c.call('inspections.respond', { recommendationId: late, text: 'Repaired.' }, 'head');
  c.clock.advanceHours(5);
});
afterAll(() => c?.close());

describe('visits and recommendations', () => {
  it('marks each recommendation answered, answered late, overdue or open at export', () => {
    const [visit] = visitsView(viewerDataOf(c));
    expect(visit!.inspectors).toEqual(['A. Mammadova', 'R. Guliyev']);
    expect(visit!.recommendations.map((r) => [r.recommendation.text, r.state, r.responses.map((x) => x.text)])).toEqual([
      ['Interpreters in person', 'answered', ['Two hired.']],
      ['Repair the showers', 'answered_late', ['Repaired.']],
      ['Outdoor exercise daily', 'overdue', []],
      ['Phone access', 'open', []],
    ]);
  });
});
