// Protection: people who may never be forcibly placed, unaccompanied children, asylum claims made
// during a forced stay, possible victims of trafficking. Status counts while it held (its history
// is kept); indicators are the current facts.

import { ageAt } from '../age.ts';
import { HOUR_MS, toIso } from '../time.ts';
import { isMinorAtMs, isUnderStayRuleAgeAtMs } from './ages.ts';
import { factMs, hoursBetween, makeContext, placementFinding, type RuleContext } from './context.ts';
import type { Finding, FindingsInput, PlacementFacts, ReferralFacts } from './types.ts';

/**
 * forced.status_never_forced: a forced placement while the person is an asylum seeker or refugee
 * (report §19, §36): one finding per stretch of such a status within the stay, so that a status
 * granted after release does not reach back into a lawful stay.
 */
export function statusNeverForced(input: FindingsInput, ctx: RuleContext = makeContext(input)): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < ctx.placements.length; i++) {
    const p = ctx.placements[i]!;
    if (p.kind !== 'forced') continue;
    // Nearly everyone: one status throughout, and not one that is never forced.
    if (p.person.statusHistory === undefined && !ctx.profile.neverForced.includes(p.person.status)) continue;
    const ended = factMs(p.endedMs, ctx.atMs);
    const stayFrom = p.admittedMs;
    const stayTo = ended ?? Number.POSITIVE_INFINITY;
    const history = p.person.statusHistory?.filter((h) => h.atMs <= ctx.atMs) ?? [
      { status: p.person.status, atMs: p.admittedMs, seq: p.person.seq },
    ];
    for (let i = 0; i < history.length; i++) {
      const h = history[i]!;
      if (!ctx.profile.neverForced.includes(h.status)) continue;
      // Earlier entries of the history hold until the next one; the first holds from the start.
      const from = Math.max(stayFrom, i === 0 ? Number.NEGATIVE_INFINITY : h.atMs);
      const until = i + 1 < history.length ? history[i + 1]!.atMs : Number.POSITIVE_INFINITY;
      const to = Math.min(stayTo, until);
      if (to <= from) continue;
      out.push(
        placementFinding(p, {
          code: 'forced.status_never_forced',
          severity: 'critical',
          from,
          to: Number.isFinite(to) ? to : null,
          params: { status: h.status },
          evidence: [h.seq, to === ended && ended !== null ? p.endSeq : null],
        }),
      );
    }
  }
  return out;
}

/** forced.child_under_age: a forced placement of a child under the age of responsibility (report §30). */
export function childUnderAge(input: FindingsInput, ctx: RuleContext = makeContext(input)): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < ctx.placements.length; i++) {
    const p = ctx.placements[i]!;
    if (p.kind !== 'forced') continue;
    if (!isUnderStayRuleAgeAtMs(p.person, p.admittedMs, ctx.profile, ctx.timeZone)) continue;
    const ended = factMs(p.endedMs, ctx.atMs);
    out.push(
      placementFinding(p, {
        code: 'forced.child_under_age',
        severity: 'critical',
        from: p.admittedMs,
        to: ended,
        params: {
          age: ageAt(p.person, toIso(p.admittedMs), ctx.timeZone),
          minAge: ctx.profile.minAgeForStayRuleBreach,
        },
        evidence: [p.person.seq, ended !== null ? p.endSeq : null],
      }),
    );
  }
  return out;
}

/** The earliest referral of a kind that is a fact at `atMs`. */
function firstReferral(p: PlacementFacts, kind: ReferralFacts['kind'], atMs: number): ReferralFacts | null {
  let first: ReferralFacts | null = null;
  for (const r of p.referrals) {
    if (r.kind !== kind || r.atMs > atMs) continue;
    if (first === null || r.atMs < first.atMs) first = r;
  }
  return first;
}

/**
 * minor.unaccompanied_not_referred: an unaccompanied minor (a minor at admission or now) held with no
 * referral to the guardianship authority. Open from admission until referred (report §26–27: the
 * child goes to guardianship, not detention). In the audit, a referral within the profile's window
 * is no finding; a later one closes the finding at the referral, and release closes an unreferred one.
 * A referral made before admission (in an earlier stay) counts.
 */
export function unaccompaniedNotReferred(input: FindingsInput, ctx: RuleContext = makeContext(input)): Finding[] {
  const out: Finding[] = [];
  const windowMs = ctx.profile.unaccompaniedReferralHours * HOUR_MS;
  for (let i = 0; i < ctx.placements.length; i++) {
    const p = ctx.placements[i]!;
    if (!p.person.unaccompanied) continue;
    const admittedMs = p.admittedMs;
    const ended = factMs(p.endedMs, ctx.atMs);
    const until = ended ?? ctx.atMs;
    const minor =
      isMinorAtMs(p.person, admittedMs, ctx.profile, ctx.timeZone) ||
      isMinorAtMs(p.person, until, ctx.profile, ctx.timeZone);
    if (!minor) continue;
    const referral = firstReferral(p, 'guardianship', ctx.atMs);
    const referredMs = referral ? referral.atMs : null;
    if (referredMs !== null && referredMs <= admittedMs + windowMs) continue;
    const to = referredMs !== null ? (ended !== null ? Math.min(referredMs, ended) : referredMs) : ended;
    out.push(
      placementFinding(p, {
        code: 'minor.unaccompanied_not_referred',
        severity: 'high',
        from: admittedMs,
        to,
        params: {
          age: ageAt(p.person, toIso(until), ctx.timeZone),
          windowHours: ctx.profile.unaccompaniedReferralHours,
          referredAt: referral ? toIso(referral.atMs) : null,
        },
        evidence: [p.person.seq, referral?.seq],
      }),
    );
  }
  return out;
}

/**
 * asylum.claim_unresolved: a claim for asylum made during a forced stay must be resolved (release or
 * transfer to asylum premises). Only forced placements: a voluntary stay holds no one. The end of the
 * placement resolves a claim the register left open. Open claims are high once the profile's window
 * has passed, medium before; in the audit, claims resolved after the window are medium, closed.
 */
export function asylumClaimUnresolved(input: FindingsInput, ctx: RuleContext = makeContext(input)): Finding[] {
  const out: Finding[] = [];
  const windowMs = ctx.profile.asylumClaimResolveHours * HOUR_MS;
  for (let i = 0; i < ctx.placements.length; i++) {
    const p = ctx.placements[i]!;
    if (p.kind !== 'forced' || p.claims.length === 0) continue;
    const ended = factMs(p.endedMs, ctx.atMs);
    for (const c of p.claims) {
      const claimMs = c.atMs;
      if (claimMs > ctx.atMs) continue;
      const resolvedMs = factMs(c.resolvedMs, ctx.atMs);
      const byResolution = resolvedMs !== null && (ended === null || resolvedMs <= ended);
      const closedMs = byResolution ? resolvedMs : ended;
      if (closedMs !== null && closedMs - claimMs <= windowMs) continue;
      const open = closedMs === null;
      out.push(
        placementFinding(p, {
          code: 'asylum.claim_unresolved',
          severity: open && ctx.atMs - claimMs > windowMs ? 'high' : 'medium',
          from: claimMs,
          to: closedMs,
          params: {
            claimId: c.claimId,
            hoursOpen: hoursBetween(claimMs, closedMs ?? ctx.atMs),
            windowHours: ctx.profile.asylumClaimResolveHours,
          },
          evidence: [c.seq, byResolution ? c.resolvedSeq : closedMs !== null ? p.endSeq : null],
        }),
      );
    }
  }
  return out;
}

/**
 * trafficking.not_referred: indicators of trafficking met on screening and no referral to the police
 * special unit within the profile's window of admission (report §40–48). Open from the window's end
 * until the referral (late: closed at it) or the end of the stay. A stay that ended before the
 * window closed is no finding (the window never ran out in the centre).
 */
export function traffickingNotReferred(input: FindingsInput, ctx: RuleContext = makeContext(input)): Finding[] {
  const out: Finding[] = [];
  const windowMs = ctx.profile.traffickingReferralHours * HOUR_MS;
  for (let i = 0; i < ctx.placements.length; i++) {
    const p = ctx.placements[i]!;
    if (p.person.traffickingIndicators.length === 0) continue;
    const dueMs = p.admittedMs + windowMs;
    const ended = factMs(p.endedMs, ctx.atMs);
    if (ctx.atMs <= dueMs || (ended !== null && ended <= dueMs)) continue;
    const referral = firstReferral(p, 'trafficking_police', ctx.atMs);
    const referredMs = referral ? referral.atMs : null;
    if (referredMs !== null && referredMs <= dueMs) continue;
    const to = referredMs !== null ? (ended !== null ? Math.min(referredMs, ended) : referredMs) : ended;
    out.push(
      placementFinding(p, {
        code: 'trafficking.not_referred',
        severity: 'high',
        from: dueMs,
        to,
        params: {
          indicators: p.person.traffickingIndicators.join(','),
          windowHours: ctx.profile.traffickingReferralHours,
          referredAt: referral ? toIso(referral.atMs) : null,
        },
        evidence: [p.person.seq, referral?.seq],
      }),
    );
  }
  return out;
}
