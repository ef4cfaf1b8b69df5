// The findings engine: every rule over the facts, at one instant. Pure: the db loads the facts, the
// engine decides, nothing is stored by hand.
//
// Each rule computes the full audit up to `at` (closed breaches with their intervals, open ones with
// to = null). The current state keeps what still holds at `at`, plus the closed findings that belong
// to a present stay's record (gaps between its orders, rights recorded late) and the late entries the
// db chose.

import { makeContext, type RuleContext } from './context.ts';
import { isolationReviewOverdue, isolationUnauthorised, measureOnMinor, medicalReviewOverdue } from './measures.ts';
import { lateEntries, recommendationsOverdue } from './oversight.ts';
import {
  asylumClaimUnresolved,
  childUnderAge,
  statusNeverForced,
  traffickingNotReferred,
  unaccompaniedNotReferred,
} from './protection.ts';
import { rightsFindings } from './rights.ts';
import { roomFindings } from './rooms.ts';
import { stayFindings } from './stay.ts';
import { FINDING_CODES, type Finding, type FindingCode, type FindingsInput, type Severity } from './types.ts';

export type Rule = (input: FindingsInput, ctx: RuleContext) => Finding[];

export const RULES: readonly Rule[] = [
  // stay.exceeded, stay.near_limit, order.gap, order.chained: one pass, the orders read once.
  stayFindings,
  statusNeverForced,
  childUnderAge,
  unaccompaniedNotReferred,
  asylumClaimUnresolved,
  traffickingNotReferred,
  roomFindings,
  rightsFindings,
  lateEntries,
  recommendationsOverdue,
  measureOnMinor,
  isolationUnauthorised,
  isolationReviewOverdue,
  medicalReviewOverdue,
];

/** Closed findings the current state still shows: they belong to the record of a present stay. */
const CURRENT_CLOSED: ReadonlySet<FindingCode> = new Set<FindingCode>(['order.gap', 'rights.late', 'entry.late']);

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export function computeFindings(input: FindingsInput): Finding[] {
  const ctx = makeContext(input);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    for (const f of rule(input, ctx)) {
      if (input.mode === 'current' && f.to !== null && !CURRENT_CLOSED.has(f.code)) continue;
      findings.push(f);
    }
  }
  return sortFindings(findings);
}

/** Severity (critical first), then start, then code; the rest only makes the order deterministic. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    cmp(a.from, b.from) ||
    cmp(a.code, b.code) ||
    cmp(a.roomId ?? '', b.roomId ?? '') ||
    cmp(a.personIds.join(','), b.personIds.join(',')) ||
    cmp(a.placementIds.join(','), b.placementIds.join(',')) ||
    cmp(a.to ?? '\uffff', b.to ?? '\uffff') ||
    (a.evidence[0] ?? 0) - (b.evidence[0] ?? 0) ||
    cmp(JSON.stringify(a.params), JSON.stringify(b.params))
  );
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(compareFindings);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface FindingsSummary {
  total: number;
  /** Findings still holding at the instant of the check (to = null). */
  open: number;
  bySeverity: Record<Severity, number>;
  byCode: Record<FindingCode, number>;
}

export function summariseFindings(findings: readonly Finding[]): FindingsSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byCode = Object.fromEntries(FINDING_CODES.map((c) => [c, 0])) as Record<FindingCode, number>;
  let open = 0;
  for (const f of findings) {
    bySeverity[f.severity] += 1;
    byCode[f.code] += 1;
    if (f.to === null) open += 1;
  }
  return { total: findings.length, open, bySeverity, byCode };
}
