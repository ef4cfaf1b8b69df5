// Oversight: entries recorded long after the event (possible backdating) and inspectors'
// recommendations left unanswered past their deadline.

import { toIso } from '../time.ts';
import { factMs, finding, hoursBetween, makeContext, type RuleContext } from './context.ts';
import type { Finding, FindingsInput } from './types.ts';

/**
 * entry.late: one finding per late entry. The db has already chosen them (recorded time − event time
 * over the profile's threshold, within the look-back in the current state); entries recorded after
 * `at` are not facts yet.
 */
export function lateEntries(input: FindingsInput, ctx: RuleContext = makeContext(input)): Finding[] {
  const out: Finding[] = [];
  for (const e of input.lateEntries) {
    const recordedMs = e.recordedMs;
    if (recordedMs > ctx.atMs) continue;
    const eventMs = e.eventMs;
    out.push(
      finding({
        code: 'entry.late',
        severity: 'medium',
        personIds: e.personId !== null ? [e.personId] : [],
        placementIds: e.placementId !== null ? [e.placementId] : [],
        from: eventMs,
        to: recordedMs,
        params: { type: e.type, hoursLate: hoursBetween(eventMs, recordedMs), actor: e.actor },
        evidence: [e.seq],
      }),
    );
  }
  return out;
}

/**
 * recommendation.overdue: past its response deadline and not answered by `at` (medium, open). In the
 * audit, one answered after its deadline is a closed finding (low).
 */
export function recommendationsOverdue(input: FindingsInput, ctx: RuleContext = makeContext(input)): Finding[] {
  const out: Finding[] = [];
  for (const r of input.recommendations) {
    const dueMs = r.responseDueMs;
    if (dueMs >= ctx.atMs) continue;
    const answeredMs = factMs(r.answeredMs, ctx.atMs);
    if (answeredMs !== null && answeredMs <= dueMs) continue;
    out.push(
      finding({
        code: 'recommendation.overdue',
        severity: answeredMs === null ? 'medium' : 'low',
        from: dueMs,
        to: answeredMs,
        params: {
          recommendationId: r.recommendationId,
          visitId: r.visitId,
          responseDue: toIso(dueMs),
          hoursOverdue: hoursBetween(dueMs, answeredMs ?? ctx.atMs),
        },
        evidence: [r.seq],
      }),
    );
  }
  return out;
}
