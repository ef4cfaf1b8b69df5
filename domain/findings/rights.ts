// The rights log: each right the profile requires for the placement's kind must be recorded
// (offered, exercised or declined — declining consular contact is the person's choice and satisfies
// the requirement) within its window after admission.

import { HOUR_MS } from '../time.ts';
import { endMs, hoursBetween, makeContext, msOf, placementFinding, type RuleContext } from './context.ts';
import type { Finding, FindingsInput, RightFacts } from './types.ts';

/**
 * rights.missing (high): the window has passed, the placement was still running when it closed, and
 * nothing is recorded for the right; open until a record or, in the audit, the end of the stay.
 * rights.late (low): the first record came after the window; closed at that record.
 */
export function rightsFindings(input: FindingsInput, ctx: RuleContext = makeContext(input)): Finding[] {
  const out: Finding[] = [];
  for (const p of ctx.placements) {
    const admittedMs = msOf(p.admittedAt);
    const ended = endMs(p.endedAt, ctx.atMs);
    const first = firstRecords(p.rights, ctx.atMs);
    for (const req of ctx.profile.requiredRights) {
      if (!req.for.includes(p.kind)) continue;
      const dueMs = admittedMs + req.withinHours * HOUR_MS;
      const record = first.get(req.right);
      const recordMs = record ? msOf(record.at) : null;
      if (recordMs !== null && recordMs <= dueMs) continue;
      if (ctx.atMs <= dueMs || (ended !== null && ended <= dueMs)) continue;
      const params = { right: req.right, windowHours: req.withinHours };
      if (record && recordMs !== null) {
        out.push(
          placementFinding(p, {
            code: 'rights.late',
            severity: 'low',
            from: dueMs,
            to: recordMs,
            params: { ...params, state: record.state, hoursLate: hoursBetween(dueMs, recordMs) },
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

/** The first record of each right that is a fact at `atMs`. */
function firstRecords(rights: readonly RightFacts[], atMs: number): Map<RightFacts['right'], RightFacts> {
  const first = new Map<RightFacts['right'], RightFacts>();
  for (const r of rights) {
    const t = msOf(r.at);
    if (t > atMs) continue;
    const known = first.get(r.right);
    if (!known || t < msOf(known.at)) first.set(r.right, r);
  }
  return first;
}
