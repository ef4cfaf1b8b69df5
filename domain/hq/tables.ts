// The national figures as tables: what HQ mode shows, and what `centre hq report --csv` and the
// screen's "Download CSV" write. One definition for both, so the file is the table on the screen.
// Column keys are stable identifiers (the CSV header of the command line); the screen puts each
// key's label in the user's language, and the values are the same codes and numbers.

import type { HqFigures, HqReport } from '../api/hq-outputs.ts';

export type Cell = string | number | null;

export interface HqColumn {
  key: string;
  /** A label of its own (a centre's name, a bucket's bound) where the key is not a fixed word. */
  label?: string;
  numeric?: boolean;
}

export interface HqTable {
  name: 'centres' | 'population' | 'by_basis' | 'stay_lengths' | 'findings' | 'overdue_recommendations';
  columns: HqColumn[];
  rows: Cell[][];
}

export const FIGURE_COLUMNS: readonly [keyof HqFigures, string][] = [
  ['population', 'population'],
  ['populationForced', 'population_forced'],
  ['populationVoluntary', 'population_voluntary'],
  ['placements', 'placements'],
  ['staysPastLimit', 'stays_past_limit'],
  ['presentPastLimit', 'present_past_limit'],
  ['minorsAdmitted', 'minors_admitted'],
  ['minorsPresent', 'minors_present'],
  ['unaccompaniedMinors', 'unaccompanied_minors'],
  ['unaccompaniedMinorsReferred', 'unaccompanied_minors_referred'],
  ['unaccompaniedMinorsPresent', 'unaccompanied_minors_present'],
  ['asylumSeekersPresent', 'asylum_seekers_present'],
  ['refugeesPresent', 'refugees_present'],
  ['traffickingReferrals', 'trafficking_referrals'],
  ['findingsCurrent', 'findings_current'],
  ['recommendationsOverdue', 'recommendations_overdue'],
];

/** A stay-length bucket's bound as text: "<=24h" … ">4392h". */
export function bucketLabel(bucketsHours: readonly number[], i: number): string {
  return i < bucketsHours.length ? `<=${bucketsHours[i]}h` : `>${bucketsHours[bucketsHours.length - 1]}h`;
}

/** Every table of the report. `national` names the row and column of national totals. */
export function reportTables(r: HqReport, national = 'national'): HqTable[] {
  const name = new Map(r.centres.map((c) => [c.centreId, c.name]));
  const figureColumns: HqColumn[] = FIGURE_COLUMNS.map(([, key]) => ({ key, numeric: true }));
  return [
    {
      name: 'centres',
      columns: [{ key: 'centre_id' }, { key: 'centre' }, { key: 'as_of' }, { key: 'head_seq', numeric: true }, ...figureColumns],
      rows: [
        ...r.centres.map((c): Cell[] => [c.centreId, c.name, c.asOf, c.headSeq, ...FIGURE_COLUMNS.map(([k]) => c[k])]),
        ['', national, null, null, ...FIGURE_COLUMNS.map(([k]) => r.national[k])],
      ],
    },
    {
      name: 'population',
      columns: [
        { key: 'month' },
        ...r.populationSeries.byCentre.map((c) => ({ key: `centre:${c.centreId}`, label: c.name, numeric: true })),
        { key: 'national', label: national, numeric: true },
      ],
      rows: r.populationSeries.months.map((m, i) => [m, ...r.populationSeries.byCentre.map((c) => c.values[i] ?? null), r.populationSeries.national[i] ?? 0]),
    },
    {
      name: 'by_basis',
      columns: [
        { key: 'centre_id' },
        { key: 'centre' },
        { key: 'basis' },
        { key: 'placements', numeric: true },
        { key: 'stays_past_limit', numeric: true },
        { key: 'ended', numeric: true },
        { key: 'mean_hours', numeric: true },
        { key: 'longest_hours', numeric: true },
      ],
      rows: r.byBasis.map((b) => [b.centreId ?? '', b.centreId === null ? national : (name.get(b.centreId) ?? b.centreId), b.basis, b.placements, b.staysPastLimit, b.ended, b.meanHours, b.longestHours]),
    },
    {
      name: 'stay_lengths',
      columns: [
        { key: 'basis' },
        ...[...r.stayLengths.bucketsHours, null].map((_, i) => ({ key: `bucket_${i}`, label: bucketLabel(r.stayLengths.bucketsHours, i), numeric: true })),
        { key: 'total', numeric: true },
      ],
      rows: r.stayLengths.byBasis.map((b) => [b.basis, ...b.counts, b.total]),
    },
    {
      name: 'findings',
      columns: [{ key: 'centre_id' }, { key: 'centre' }, { key: 'code' }, { key: 'severity' }, { key: 'current', numeric: true }, { key: 'history', numeric: true }],
      rows: r.findings.map((f) => [f.centreId, name.get(f.centreId) ?? f.centreId, f.code, f.severity, f.current, f.history]),
    },
    {
      name: 'overdue_recommendations',
      columns: [{ key: 'centre_id' }, { key: 'centre' }, { key: 'recommendation_id' }, { key: 'body' }, { key: 'response_due' }, { key: 'days_overdue', numeric: true }],
      rows: r.overdueRecommendations.map((o) => [o.centreId, name.get(o.centreId) ?? o.centreId, o.recommendationId, o.body, o.responseDue, o.daysOverdue]),
    },
  ];
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
function field(v: Cell): string {
  if (v === null) return '';
  const s = String(v);
  // A leading =, +, - or @ would be read as a formula by spreadsheets: quote it with a leading apostrophe.
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV text with a header row, CRLF line ends (RFC 4180), and a byte-order mark so spreadsheets read UTF-8. */
export function toCsv(header: readonly string[], rows: readonly Cell[][]): string {
  return `\uFEFF${[header.map(field), ...rows.map((r) => r.map(field))].map((r) => r.join(',')).join('\r\n')}\r\n`;
}

/** A table as CSV with its column keys (or own labels) as the header. */
export function tableCsv(t: HqTable, label: (c: HqColumn) => string = (c) => c.label ?? c.key): string {
  return toCsv(t.columns.map(label), t.rows);
}
