// Discipline, isolation and medical concerns: never silent on a minor, isolation authorised and
// reviewed in time, a medical concern followed by a detention review in time.

import { HOUR_MS, toIso } from '../time.ts';
import { isMinorAtMs } from './ages.ts';
import { factMs, hoursBetween, makeContext, placementFinding, type RuleContext } from './context.ts';
import type { Finding, FindingsInput, MeasureFacts, PlacementFacts } from './types.ts';

const NONE: readonly MeasureFacts[] = [];

/** Measures started by `atMs` (most placements have none: no list is made for them). */
function startedMeasures(measures: readonly MeasureFacts[], atMs: number): readonly MeasureFacts[] {
  return measures.length === 0 ? NONE : measures.filter((m) => m.startMs <= atMs);
}

/** A measure ends with its own end or, failing that, with the stay. */
function measureEnd(m: MeasureFacts, p: PlacementFacts, atMs: number): number | null {
  const own = factMs(m.endMs, atMs);
  const stay = factMs(p.endedMs, atMs);
  return own === null ? stay : stay === null ? own : Math.min(own, stay);
}

/** measure.on_minor: a disciplinary measure or isolation started while the person was a minor. */
export function measureOnMinor(input: FindingsInput, ctx: RuleContext = makeContext(input)): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < ctx.placements.length; i++) {
    const p = ctx.placements[i]!;
    if (p.measures.length === 0) continue;
    for (const m of startedMeasures(p.measures, ctx.atMs)) {
      if (!isMinorAtMs(p.person, m.startMs, ctx.profile, ctx.timeZone)) continue;
      out.push(
        placementFinding(p, {
          code: 'measure.on_minor',
          severity: 'high',
          from: m.startMs,
          to: measureEnd(m, p, ctx.atMs),
          params: { measureId: m.measureId, kind: m.kind },
          evidence: [m.seq, p.person.seq],
        }),
      );
    }
  }
  return out;
}

/**
 * isolation.unauthorised: isolation not authorised within the profile's window of its start. Open from
 * the window's end until authorised or ended. An isolation that ended within the window and was never
 * authorised is still a finding once the window has passed, over the isolation itself.
 */
export function isolationUnauthorised(input: FindingsInput, ctx: RuleContext = makeContext(input)): Finding[] {
  const out: Finding[] = [];
  const windowMs = ctx.profile.isolationAuthoriseHours * HOUR_MS;
  for (let i = 0; i < ctx.placements.length; i++) {
    const p = ctx.placements[i]!;
    if (p.measures.length === 0) continue;
    for (const m of startedMeasures(p.measures, ctx.atMs)) {
      if (m.kind !== 'isolation') continue;
      const startMs = m.startMs;
      const dueMs = startMs + windowMs;
      if (ctx.atMs <= dueMs) continue;
      const authorisedMs = factMs(m.authorisedMs, ctx.atMs);
      if (authorisedMs !== null && authorisedMs <= dueMs) continue;
      const ended = measureEnd(m, p, ctx.atMs);
      const params = { measureId: m.measureId, windowHours: ctx.profile.isolationAuthoriseHours };
      if (ended !== null && ended <= dueMs) {
        if (authorisedMs !== null) continue; // authorised after the fact, but it had already ended
        out.push(
          placementFinding(p, {
            code: 'isolation.unauthorised',
            severity: 'critical',
            from: startMs,
            to: ended,
            params: { ...params, neverAuthorised: true },
            evidence: [m.seq],
          }),
        );
        continue;
      }
      const closes = [authorisedMs, ended].filter((x): x is number => x !== null);
      out.push(
        placementFinding(p, {
          code: 'isolation.unauthorised',
          severity: 'critical',
          from: dueMs,
          to: closes.length ? Math.min(...closes) : null,
          params: { ...params, authorisedAt: authorisedMs !== null ? toIso(authorisedMs) : null },
          evidence: [m.seq],
        }),
      );
    }
  }
  return out;
}

/**
 * isolation.review_overdue: isolation must be reviewed at most the profile's window after its start
 * and after each review. Each overrun is one finding: from when the review fell due until the review
 * that came late, the end of the isolation, or still open at `at`.
 */
export function isolationReviewOverdue(input: FindingsInput, ctx: RuleContext = makeContext(input)): Finding[] {
  const out: Finding[] = [];
  const windowMs = ctx.profile.isolationReviewHours * HOUR_MS;
  for (let i = 0; i < ctx.placements.length; i++) {
    const p = ctx.placements[i]!;
    if (p.measures.length === 0) continue;
    for (const m of startedMeasures(p.measures, ctx.atMs)) {
      if (m.kind !== 'isolation') continue;
      const ended = measureEnd(m, p, ctx.atMs);
      const until = ended ?? ctx.atMs;
      const checkpoints = [m.startMs, ...m.reviewsMs.filter((r) => r <= until)].sort((a, b) => a - b);
      for (let i = 0; i < checkpoints.length; i++) {
        const dueMs = checkpoints[i]! + windowMs;
        const next = checkpoints[i + 1];
        const closedMs = next ?? ended;
        if ((closedMs ?? ctx.atMs) <= dueMs) continue;
        out.push(
          placementFinding(p, {
            code: 'isolation.review_overdue',
            severity: 'high',
            from: dueMs,
            to: closedMs,
            params: {
              measureId: m.measureId,
              windowHours: ctx.profile.isolationReviewHours,
              hoursOverdue: hoursBetween(dueMs, closedMs ?? ctx.atMs),
            },
            evidence: [m.seq],
          }),
        );
      }
    }
  }
  return out;
}

/**
 * medical.review_overdue: a medical concern opens a detention review due within the profile's window.
 * Open from the due time until the review (late: closed at it) or the end of the stay; a stay that
 * ended before the review fell due is no finding.
 */
export function medicalReviewOverdue(input: FindingsInput, ctx: RuleContext = makeContext(input)): Finding[] {
  const out: Finding[] = [];
  const windowMs = ctx.profile.medicalReviewHours * HOUR_MS;
  for (let i = 0; i < ctx.placements.length; i++) {
    const p = ctx.placements[i]!;
    if (p.concerns.length === 0) continue;
    const ended = factMs(p.endedMs, ctx.atMs);
    for (const c of p.concerns) {
      const concernMs = c.atMs;
      if (concernMs > ctx.atMs) continue;
      const dueMs = concernMs + windowMs;
      const reviewedMs = factMs(c.reviewedMs, ctx.atMs);
      if (reviewedMs !== null && reviewedMs <= dueMs) continue;
      if (ctx.atMs <= dueMs || (ended !== null && ended <= dueMs)) continue;
      const byReview = reviewedMs !== null && (ended === null || reviewedMs <= ended);
      const to = byReview ? reviewedMs : ended;
      out.push(
        placementFinding(p, {
          code: 'medical.review_overdue',
          severity: 'high',
          from: dueMs,
          to,
          params: {
            concernId: c.concernId,
            windowHours: ctx.profile.medicalReviewHours,
            hoursOverdue: hoursBetween(dueMs, to ?? ctx.atMs),
          },
          evidence: [c.seq, byReview ? c.reviewSeq : to !== null ? p.endSeq : null],
        }),
      );
    }
  }
  return out;
}
