// The rights log: each right the profile requires for the placement's kind must be recorded
// (offered, exercised or declined — declining consular contact is the person's choice and satisfies
// the requirement) within its window after admission.

import type { RightKind } from '../profile/types.ts';
import { HOUR_MS } from '../time.ts';
import { factMs, hoursBetween, makeContext, placementFinding, type RuleContext } from './context.ts';
import type { Finding, FindingsInput, RightFacts } from './types.ts';

/**
 * rights.missing (high): the window has passed, the placement was still running when it closed, and
 * nothing is recorded for the right; open until a record or, in the audit, the end of the stay.
 * rights.late (low): the first record came after the window; closed at that record.
 */
export function rightsFindings(input: FindingsInput, ctx: RuleContext = makeContext(input)): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < ctx.placements.length; i++) {
    const p = ctx.placements[i]!;
    const admittedMs = p.admittedMs;
    const ended = factMs(p.endedMs, ctx.atMs);
    const requirements = ctx.profile.requiredRights;
    for (let k = 0; k < requirements.length; k++) {
      const req = requirements[k]!;
      if (!req.for.includes(p.kind) || (p.rightsInTime & (1 << k)) !== 0) continue;
      const dueMs = admittedMs + req.withinHours * HOUR_MS;
      // The window is still open, or the stay ended before it closed: nothing to say yet.
      if (ctx.atMs <= dueMs || (ended !== null && ended <= dueMs)) continue;
      const record = firstRecord(p.rights, req.right, ctx.atMs);
      if (record !== null && record.atMs <= dueMs) continue;
      const params = { right: req.right, windowHours: req.withinHours };
      if (record) {
        const recordedMs = record.atMs;
        out.push(
          placementFinding(p, {
            code: 'rights.late',
            severity: 'low',
            from: dueMs,
            to: recordedMs,
            params: { ...params, state: record.state, hoursLate: hoursBetween(dueMs, recordedMs) },
            evidence: [record.seq],
          }),
        );
      } else {
        out.push(
          placementFinding(p, {
            code: 'rights.missing',
            severity: 'high',
            from: dueMs,
            to: ended,
            params,
            evidence: [ended !== null ? p.endSeq : null],
          }),
        );
      }
    }
  }
  return out;
}

/**
 * The first record of a right that is a fact at `atMs` (any state: offered, exercised, declined);
 * of two at one instant, the one listed first.
 */
function firstRecord(rights: readonly RightFacts[], right: RightKind, atMs: number): RightFacts | null {
  let first: RightFacts | null = null;
  let firstMs = Infinity;
  for (const r of rights) {
    if (r.right !== right) continue;
    const t = r.atMs;
    if (t <= atMs && t < firstMs) {
      first = r;
      firstMs = t;
    }
  }
  return first;
}
