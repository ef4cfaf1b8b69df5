// The national figures (DESIGN §5), from HQ's read models: each centre as of its last slice (the
// export of that slice is the centre's "now": HQ knows nothing later), and the nation as their sum.
// Counts are SQL aggregates over the read models, so a report over ten years of many centres stays
// quick.

import type { HqBasisFigures, HqCentreFigures, HqFigures, HqFindingFigures, HqOverdueRecommendation, HqReport } from '../../domain/api/hq-outputs.ts';
import { toMs, type Instant } from '../../domain/time.ts';
import type { Db } from '../connection.ts';
import { STAY_BUCKETS_HOURS } from '../queries/charts.ts';

const DAY_MS = 86_400_000;

const FIGURE_KEYS = [
  'population',
  'populationForced',
  'populationVoluntary',
  'placements',
  'staysPastLimit',
  'presentPastLimit',
  'minorsAdmitted',
  'minorsPresent',
  'unaccompaniedMinors',
  'unaccompaniedMinorsReferred',
  'unaccompaniedMinorsPresent',
  'asylumSeekersPresent',
  'refugeesPresent',
  'traffickingReferrals',
  'findingsCurrent',
  'recommendationsOverdue',
] as const satisfies readonly (keyof HqFigures)[];

export const HQ_FIGURE_KEYS: readonly (keyof HqFigures)[] = FIGURE_KEYS;

/** The basis a stay is counted under: its order's basis for a forced stay, `voluntary` otherwise (as the centre's dashboard). */
const BASIS_KEY = "CASE WHEN p.kind = 'voluntary' THEN 'voluntary' ELSE coalesce(p.basis, 'none') END";
const HOURS = '(julianday(p.ended_at) - julianday(p.admitted_at)) * 24.0';

function zero(): HqFigures {
  return Object.fromEntries(FIGURE_KEYS.map((k) => [k, 0])) as unknown as HqFigures;
}

export function hqReport(db: Db, at: Instant): HqReport {
  const centres = db
    .prepare('SELECT centre_no, centre_id, coalesce(name, centre_id) AS name, exported_at, head_seq FROM hq_centres WHERE head_seq > 0 ORDER BY name, centre_id')
    .all() as { centre_no: number; centre_id: string; name: string; exported_at: string; head_seq: number }[];

  const figures = db.prepare(
    `SELECT
       count(*) FILTER (WHERE p.ended_at IS NULL) AS population,
       count(*) FILTER (WHERE p.ended_at IS NULL AND p.kind = 'forced') AS populationForced,
       count(*) FILTER (WHERE p.ended_at IS NULL AND p.kind = 'voluntary') AS populationVoluntary,
       count(*) AS placements,
       count(*) FILTER (WHERE p.deadline IS NOT NULL AND coalesce(p.ended_at, @asOf) > p.deadline) AS staysPastLimit,
       count(*) FILTER (WHERE p.deadline IS NOT NULL AND p.ended_at IS NULL AND @asOf > p.deadline) AS presentPastLimit,
       count(*) FILTER (WHERE p.minor = 1) AS minorsAdmitted,
       count(*) FILTER (WHERE p.minor = 1 AND p.ended_at IS NULL) AS minorsPresent,
       count(*) FILTER (WHERE p.minor = 1 AND p.unaccompanied = 1) AS unaccompaniedMinors,
       count(*) FILTER (WHERE p.minor = 1 AND p.unaccompanied = 1 AND EXISTS (
         SELECT 1 FROM hq_referrals r WHERE r.centre_no = p.centre_no AND r.person_id = p.person_id AND r.kind IN ('guardianship', 'child_care'))) AS unaccompaniedMinorsReferred,
       count(*) FILTER (WHERE p.minor = 1 AND p.unaccompanied = 1 AND p.ended_at IS NULL) AS unaccompaniedMinorsPresent,
       count(*) FILTER (WHERE p.ended_at IS NULL AND p.status = 'asylum_seeker') AS asylumSeekersPresent,
       count(*) FILTER (WHERE p.ended_at IS NULL AND p.status = 'refugee') AS refugeesPresent
     FROM hq_placements p WHERE p.centre_no = @centre`,
  );
  const trafficking = db.prepare("SELECT count(*) FROM hq_referrals WHERE centre_no = ? AND kind = 'trafficking_police'").pluck();
  const findingsCurrent = db.prepare("SELECT coalesce(sum(count), 0) FROM hq_findings WHERE centre_no = ? AND mode = 'current'").pluck();
  const overdueCount = db.prepare('SELECT count(*) FROM hq_recommendations WHERE centre_no = ? AND answered_at IS NULL AND response_due < ?').pluck();

  const national = zero();
  const centreFigures: HqCentreFigures[] = centres.map((c) => {
    const f = figures.get({ centre: c.centre_no, asOf: c.exported_at }) as Record<string, number>;
    const row: HqCentreFigures = {
      centreId: c.centre_id,
      name: c.name,
      asOf: c.exported_at,
      headSeq: c.head_seq,
      ...zero(),
      ...f,
      traffickingReferrals: trafficking.get(c.centre_no) as number,
      findingsCurrent: findingsCurrent.get(c.centre_no) as number,
      recommendationsOverdue: overdueCount.get(c.centre_no, c.exported_at) as number,
    };
    for (const k of FIGURE_KEYS) national[k] += row[k];
    return row;
  });

  return {
    at,
    centres: centreFigures,
    national,
    populationSeries: populationSeries(db, centres),
    byBasis: byBasis(db, centres),
    stayLengths: stayLengths(db),
    findings: findingFigures(db, centres),
    overdueRecommendations: overdue(db, centres),
  };
}

function populationSeries(db: Db, centres: { centre_no: number; centre_id: string; name: string }[]): HqReport['populationSeries'] {
  const rows = db.prepare('SELECT centre_no, month, population FROM hq_population ORDER BY month').raw().all() as [number, string, number][];
  const months = [...new Set(rows.map((r) => r[1]))].sort();
  const index = new Map(months.map((m, i) => [m, i]));
  const byCentre = centres.map((c) => ({ centreId: c.centre_id, name: c.name, values: new Array<number | null>(months.length).fill(null) }));
  const slot = new Map(centres.map((c, i) => [c.centre_no, i]));
  const national = new Array<number>(months.length).fill(0);
  for (const [centreNo, month, population] of rows) {
    const i = slot.get(centreNo);
    if (i === undefined) continue;
    const m = index.get(month)!;
    byCentre[i]!.values[m] = population;
    national[m]! += population;
  }
  return { months, byCentre, national };
}

function byBasis(db: Db, centres: { centre_no: number; centre_id: string }[]): HqBasisFigures[] {
  const ids = new Map(centres.map((c) => [c.centre_no, c.centre_id]));
  const rows = db
    .prepare(
      `SELECT p.centre_no AS centreNo, ${BASIS_KEY} AS basis, count(*) AS placements,
         count(*) FILTER (WHERE p.deadline IS NOT NULL AND coalesce(p.ended_at, c.exported_at) > p.deadline) AS staysPastLimit,
         count(p.ended_at) AS ended, avg(${HOURS}) AS meanHours, max(${HOURS}) AS longestHours
       FROM hq_placements p JOIN hq_centres c ON c.centre_no = p.centre_no
       GROUP BY p.centre_no, basis ORDER BY p.centre_no, basis`,
    )
    .all() as { centreNo: number; basis: string; placements: number; staysPastLimit: number; ended: number; meanHours: number | null; longestHours: number | null }[];
  const round = (h: number | null) => (h === null ? null : Math.round(h * 10) / 10);
  const out: HqBasisFigures[] = [];
  const nationalByBasis = new Map<string, { placements: number; staysPastLimit: number; ended: number; hoursSum: number; longest: number | null }>();
  for (const r of rows) {
    const centreId = ids.get(r.centreNo);
    if (!centreId) continue;
    out.push({ centreId, basis: r.basis, placements: r.placements, staysPastLimit: r.staysPastLimit, ended: r.ended, meanHours: round(r.meanHours), longestHours: round(r.longestHours) });
    const n = nationalByBasis.get(r.basis) ?? { placements: 0, staysPastLimit: 0, ended: 0, hoursSum: 0, longest: null };
    n.placements += r.placements;
    n.staysPastLimit += r.staysPastLimit;
    n.ended += r.ended;
    n.hoursSum += (r.meanHours ?? 0) * r.ended;
    if (r.longestHours !== null) n.longest = Math.max(n.longest ?? 0, r.longestHours);
    nationalByBasis.set(r.basis, n);
  }
  for (const [basis, n] of [...nationalByBasis.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out.push({ centreId: null, basis, placements: n.placements, staysPastLimit: n.staysPastLimit, ended: n.ended, meanHours: n.ended ? round(n.hoursSum / n.ended) : null, longestHours: round(n.longest) });
  }
  return out;
}

function stayLengths(db: Db): HqReport['stayLengths'] {
  // Bucket i holds stays of at most STAY_BUCKETS_HOURS[i] hours (and more than the bound before it).
  const bucket = `CASE ${STAY_BUCKETS_HOURS.map((h, i) => `WHEN ${HOURS} <= ${h} THEN ${i}`).join(' ')} ELSE ${STAY_BUCKETS_HOURS.length} END`;
  const rows = db
    .prepare(
      `SELECT ${BASIS_KEY} AS basis, ${bucket} AS bucket, count(*) AS n
       FROM hq_placements p JOIN hq_centres c ON c.centre_no = p.centre_no
       WHERE p.ended_at IS NOT NULL AND c.head_seq > 0 GROUP BY basis, bucket`,
    )
    .raw()
    .all() as [string, number, number][];
  const groups = new Map<string, number[]>();
  for (const [basis, b, n] of rows) {
    const counts = groups.get(basis) ?? new Array<number>(STAY_BUCKETS_HOURS.length + 1).fill(0);
    counts[b] = n;
    groups.set(basis, counts);
  }
  const byBasis = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([basis, counts]) => ({ basis, counts, total: counts.reduce((a, n) => a + n, 0) }));
  return { bucketsHours: [...STAY_BUCKETS_HOURS], byBasis };
}

function findingFigures(db: Db, centres: { centre_no: number; centre_id: string }[]): HqFindingFigures[] {
  const ids = new Map(centres.map((c) => [c.centre_no, c.centre_id]));
  const rows = db
    .prepare(
      `SELECT centre_no, code, severity,
         coalesce(sum(count) FILTER (WHERE mode = 'current'), 0) AS current,
         coalesce(sum(count) FILTER (WHERE mode = 'history'), 0) AS history
       FROM hq_findings GROUP BY centre_no, code, severity ORDER BY code, severity, centre_no`,
    )
    .raw()
    .all() as [number, string, string, number, number][];
  return rows.filter((r) => ids.has(r[0])).map(([n, code, severity, current, history]) => ({ centreId: ids.get(n)!, code, severity, current, history }));
}

function overdue(db: Db, centres: { centre_no: number; centre_id: string }[]): HqOverdueRecommendation[] {
  const ids = new Map(centres.map((c) => [c.centre_no, c.centre_id]));
  const rows = db
    .prepare(
      `SELECT r.centre_no, r.recommendation_id, r.body, r.response_due, c.exported_at
       FROM hq_recommendations r JOIN hq_centres c ON c.centre_no = r.centre_no
       WHERE r.answered_at IS NULL AND r.response_due < c.exported_at ORDER BY r.response_due`,
    )
    .raw()
    .all() as [number, string, string, string, string][];
  return rows
    .filter((r) => ids.has(r[0]))
    .map(([n, recommendationId, body, responseDue, asOf]) => ({
      centreId: ids.get(n)!,
      recommendationId,
      body,
      responseDue,
      daysOverdue: Math.floor((toMs(asOf) - toMs(responseDue)) / DAY_MS),
    }));
}
