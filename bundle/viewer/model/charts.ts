// The figures behind the viewer's two charts, over the whole history the bundle holds: the centre's
// population by regime at regular instants (at most about 400 points, so ten years draw and tabulate
// quickly), and the lengths of the stays that ended, by legal basis, in buckets.

import type { PersonStatus, PlacementKind, Regime } from '../../../domain/profile/types.ts';
import { regimeOf } from '../../../domain/separation.ts';
import { DAY_MS, HOUR_MS, toIso, toMs } from '../../../domain/time.ts';
import type { ViewerData } from './data.ts';

export const REGIMES: readonly Regime[] = ['forced', 'voluntary', 'asylum'];

export interface PopulationPoint {
  at: string;
  byRegime: Record<Regime, number>;
  total: number;
}

export interface PopulationSeries {
  from: string;
  to: string;
  stepDays: number;
  points: PopulationPoint[];
  max: number;
}

const MAX_POINTS = 400;

/**
 * People present at each sample instant, by the regime of their stay (the kind of placement and the
 * person's status on admission). Samples fall every `stepDays` days from the first admission up to the
 * export, the last one at the export itself.
 */
export function populationSeries(data: ViewerData): PopulationSeries {
  const end = toMs(data.exportedAt);
  const events: { ms: number; regime: Regime; delta: number }[] = [];
  let first = end;
  for (const p of data.tables.placements.values()) {
    const from = Date.parse(p.admittedAt);
    if (!(from <= end)) continue;
    const regime = regimeOf(p.kind as PlacementKind, (data.statusAt(p.personId, p.admittedAt) ?? 'irregular_migrant') as PersonStatus);
    events.push({ ms: from, regime, delta: 1 });
    if (p.endedAt !== null) {
      const to = Date.parse(p.endedAt);
      if (to <= end) events.push({ ms: to, regime, delta: -1 });
    }
    if (from < first) first = from;
  }
  events.sort((a, b) => a.ms - b.ms);
  const spanDays = Math.max(1, Math.ceil((end - first) / DAY_MS));
  const stepDays = Math.max(1, Math.ceil(spanDays / MAX_POINTS));
  const samples: number[] = [];
  for (let ms = end; ms >= first; ms -= stepDays * DAY_MS) samples.push(ms);
  samples.reverse();
  const counts: Record<Regime, number> = { forced: 0, voluntary: 0, asylum: 0 };
  const points: PopulationPoint[] = [];
  let e = 0;
  let max = 0;
  for (const ms of samples) {
    // Present at an instant: admitted at or before it, not yet gone.
    for (; e < events.length && events[e]!.ms <= ms; e++) counts[events[e]!.regime] += events[e]!.delta;
    const total = counts.forced + counts.voluntary + counts.asylum;
    if (total > max) max = total;
    points.push({ at: toIso(ms), byRegime: { ...counts }, total });
  }
  return { from: toIso(samples[0] ?? end), to: toIso(end), stepDays, points, max };
}

/** Buckets of length of stay: upper bounds in hours (the last is open). */
export const STAY_BUCKETS: readonly { key: string; maxHours: number }[] = [
  { key: 'under24h', maxHours: 24 },
  { key: 'd1to3', maxHours: 72 },
  { key: 'd3to7', maxHours: 7 * 24 },
  { key: 'w1to4', maxHours: 28 * 24 },
  { key: 'm1to3', maxHours: 91 * 24 },
  { key: 'm3to6', maxHours: 183 * 24 },
  { key: 'over6m', maxHours: Infinity },
];

export interface StaysByBasis {
  /** Bases in the profile's order, then 'voluntary', then any other found. */
  bases: string[];
  /** counts[basis][bucket index] */
  counts: Record<string, number[]>;
  medianHours: Record<string, number>;
  total: number;
}

/** The stays that ended by the export, by basis (of the order that gave the last deadline) and length. */
export function staysByBasis(data: ViewerData): StaysByBasis {
  const lengths = new Map<string, number[]>();
  for (const p of data.tables.placements.values()) {
    if (p.endedAt === null || p.endedAt > data.exportedAt) continue;
    const hours = (Date.parse(p.endedAt) - Date.parse(p.admittedAt)) / HOUR_MS;
    if (!Number.isFinite(hours)) continue;
    const basis = p.kind === 'voluntary' ? 'voluntary' : (p.basis ?? 'none');
    const list = lengths.get(basis);
    if (list) list.push(hours);
    else lengths.set(basis, [hours]);
  }
  const order = [...data.profile.bases.map((b) => b.id), 'voluntary', 'none'];
  const bases = [...order.filter((b) => lengths.has(b)), ...[...lengths.keys()].filter((b) => !order.includes(b)).sort()];
  const counts: Record<string, number[]> = {};
  const medianHours: Record<string, number> = {};
  let total = 0;
  for (const basis of bases) {
    const list = lengths.get(basis)!.sort((a, b) => a - b);
    const row = STAY_BUCKETS.map(() => 0);
    for (const h of list) row[STAY_BUCKETS.findIndex((b) => h < b.maxHours)]!++;
    counts[basis] = row;
    medianHours[basis] = list.length % 2 ? list[list.length >> 1]! : (list[list.length / 2 - 1]! + list[list.length / 2]!) / 2;
    total += list.length;
  }
  return { bases, counts, medianHours, total };
}
