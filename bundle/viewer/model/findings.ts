// Findings as the bundle carries them (computed by the centre's own app at export, from the same
// journal): the current ones and the full history audit, grouped by code, the most severe first,
// each with the people, stays and room it concerns and the journal entries that show it.

import type { Finding, Severity } from '../../../domain/findings/types.ts';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export interface FindingGroup {
  code: string;
  severity: Severity;
  findings: Finding[];
}

export interface FindingsFilter {
  /** '' for any. */
  severity: string;
  /** '' for any. */
  code: string;
  /** Only findings concerning this person ('' for anyone). */
  personId: string;
}

export const NO_FILTER: FindingsFilter = { severity: '', code: '', personId: '' };

const rank = (s: string) => {
  const i = SEVERITIES.indexOf(s as Severity);
  return i < 0 ? SEVERITIES.length : i;
};

/** Groups by code: most severe first, then the most frequent; within a group the latest first. */
export function groupFindings(findings: readonly Finding[], filter: FindingsFilter = NO_FILTER): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    if (filter.severity && f.severity !== filter.severity) continue;
    if (filter.code && f.code !== filter.code) continue;
    if (filter.personId && !f.personIds.includes(filter.personId)) continue;
    let g = groups.get(f.code);
    if (!g) groups.set(f.code, (g = { code: f.code, severity: f.severity, findings: [] }));
    if (rank(f.severity) < rank(g.severity)) g.severity = f.severity;
    g.findings.push(f);
  }
  for (const g of groups.values()) g.findings.sort((a, b) => (a.from < b.from ? 1 : a.from > b.from ? -1 : 0));
  return [...groups.values()].sort((a, b) => rank(a.severity) - rank(b.severity) || b.findings.length - a.findings.length || (a.code < b.code ? -1 : 1));
}

/** Counts by severity, for the summary line. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const f of findings) if (f.severity in out) out[f.severity]++;
  return out;
}
