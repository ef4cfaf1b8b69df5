// Read models for the dashboard's charts: the population by regime sampled over a period, and the
// lengths of the stays that ended in a period, by legal basis. One query each (not one call per
// sampled day), so the dashboard stays fast on ten years of history.

import type { PopulationSeries, StayLengths } from '../../domain/api/outputs.ts';
import type { PersonStatus, PlacementKind, Regime } from '../../domain/profile/types.ts';
import { regimeOf } from '../../domain/separation.ts';
import { DAY_MS, HOUR_MS, toIso, toMs, type Instant } from '../../domain/time.ts';
import { kysely, type Sql } from '../sql.ts';

const REGIMES: readonly Regime[] = ['forced', 'voluntary', 'asylum'];

/**
 * Who was present at each sampled instant from `at − days` to `at`, by regime. The regime is derived
 * from the placement kind and the person's current status (as the population read model does).
 */
export function populationSeries(q: Sql, at: Instant, days: number, stepDays: number): PopulationSeries {
  const atMs = toMs(at);
  const fromMs = atMs - days * DAY_MS;
  const from = toIso(fromMs);
  // Placements overlapping [from, at]: still open, or ended after `from`; both halves use an index.
  const rows = q.all(
    kysely
      .selectFrom('placements as pl')
      .innerJoin('persons as pe', 'pe.person_id', 'pl.person_id')
      .where('pl.placement_id', 'in', (eb) =>
        eb
          .selectFrom('placements')
          .select('placement_id')
          .where('ended_at', 'is', null)
          .where('admitted_at', '<=', at)
          .unionAll(eb.selectFrom('placements').select('placement_id').where('ended_at', '>', from).where('admitted_at', '<=', at)),
      )
      .select(['pl.kind', 'pl.admitted_at', 'pl.ended_at', 'pe.status']),
  );
  const stays = rows.map((r) => ({
    from: toMs(r.admitted_at),
    to: r.ended_at === null ? Infinity : toMs(r.ended_at),
    regime: regimeOf(r.kind as PlacementKind, r.status as PersonStatus),
  }));
  const points: PopulationSeries['points'] = [];
  const steps = Math.floor(days / stepDays);
  for (let i = steps; i >= 0; i--) {
    const t = atMs - i * stepDays * DAY_MS;
    const byRegime = { forced: 0, voluntary: 0, asylum: 0 } as Record<Regime, number>;
    for (const s of stays) if (s.from <= t && s.to > t) byRegime[s.regime] += 1;
    points.push({ at: toIso(t), byRegime, total: REGIMES.reduce((n, r) => n + byRegime[r], 0) });
  }
  return { at, from, stepDays, points };
}

/** Upper bounds of the stay-length buckets, in hours; the last bucket is open-ended. */
export const STAY_BUCKETS_HOURS: readonly number[] = [24, 72, 7 * 24, 30 * 24, 90 * 24, 183 * 24];

/**
 * Lengths of the stays that ended in (at − days, at], bucketed, by basis: the basis of the order the
 * stay ended under for forced placements, `voluntary` for voluntary ones.
 */
export function stayLengths(q: Sql, at: Instant, days: number): StayLengths {
  const from = toIso(toMs(at) - days * DAY_MS);
  const rows = q.all(
    kysely
      .selectFrom('placements')
      .select(['kind', 'basis', 'admitted_at', 'ended_at'])
      .where('ended_at', '>', from)
      .where('ended_at', '<=', at),
  );
  const groups = new Map<string, number[]>();
  for (const r of rows) {
    const key = r.kind === 'voluntary' ? 'voluntary' : (r.basis ?? 'none');
    const hours = (toMs(r.ended_at!) - toMs(r.admitted_at)) / HOUR_MS;
    const list = groups.get(key) ?? [];
    list.push(hours);
    groups.set(key, list);
  }
  const byBasis = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([basis, hours]) => {
      const counts = new Array<number>(STAY_BUCKETS_HOURS.length + 1).fill(0);
      for (const h of hours) {
        const i = STAY_BUCKETS_HOURS.findIndex((limit) => h <= limit);
        counts[i === -1 ? STAY_BUCKETS_HOURS.length : i]! += 1;
      }
      const sorted = [...hours].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
      return { basis, counts, total: hours.length, medianHours: Math.round(median * 10) / 10 };
    });
  return { at, from, bucketsHours: [...STAY_BUCKETS_HOURS], byBasis };
}
