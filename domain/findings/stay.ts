// Stay limits: held past the deadline, about to be, held between orders, and short orders chained.
// Every order is taken as the half-open interval [startsAt, expiresAt): at the expiry instant the
// order no longer holds the person.

import { basisById } from '../deadline.ts';
import { addCalendarMonths, addHours } from '../time.ts';
import { endMs, GAP_TOLERANCE_MS, hoursBetween, makeContext, msOf, placementFinding, type RuleContext } from './context.ts';
import type { Finding, FindingsInput, OrderFacts, PlacementFacts } from './types.ts';

interface HeldOrderMs {
  order: OrderFacts;
  startMs: number;
  expiresMs: number;
}

/** The placement's orders that are facts at `at` (started at or before it), sorted by start. */
export function ordersAsOf(p: PlacementFacts, atMs: number): HeldOrderMs[] {
  return p.orders
    .map((order) => ({ order, startMs: msOf(order.startsAt), expiresMs: msOf(order.expiresAt) }))
    .filter((o) => o.startMs <= atMs)
    .sort((a, b) => a.startMs - b.startMs || a.expiresMs - b.expiresMs);
}

/** The order that runs latest: it sets the stay deadline. */
function latestOrder(orders: readonly HeldOrderMs[]): HeldOrderMs | null {
  let latest: HeldOrderMs | null = null;
  for (const o of orders) if (latest === null || o.expiresMs > latest.expiresMs) latest = o;
  return latest;
}

/**
 * stay.exceeded: a forced placement past the expiry of the order that runs latest (or with no order
 * at all), still held at `at` or, in the audit, held until its end. Held exactly at the deadline
 * instant is not yet past it (that instant is still a near-limit warning).
 */
export function stayExceeded(input: FindingsInput, ctx: RuleContext = makeContext(input)): Finding[] {
  const out: Finding[] = [];
  for (const p of ctx.placements) {
    if (p.kind !== 'forced') continue;
    const admittedMs = msOf(p.admittedAt);
    const ended = endMs(p.endedAt, ctx.atMs);
    const latest = latestOrder(ordersAsOf(p, ended ?? ctx.atMs));
    const from = latest === null ? admittedMs : Math.max(latest.expiresMs, admittedMs);
    const until = ended ?? ctx.atMs;
    if (until <= from) continue;
    out.push(
      placementFinding(p, {
        code: 'stay.exceeded',
        severity: 'critical',
        from,
        to: ended,
        params: {
          basis: latest?.order.basis ?? null,
          deadline: latest?.order.expiresAt ?? null,
          hoursOver: hoursBetween(from, until),
        },
        evidence: [latest?.order.seq, ended !== null ? p.endSeq : null],
      }),
    );
  }
  return out;
}

/**
 * stay.near_limit: the deadline falls within the basis's warning period (current state only). The
 * warning starts `warnBefore` ahead of the deadline: exact hours, or calendar months in the centre's zone.
 */
export function stayNearLimit(input: FindingsInput, ctx: RuleContext = makeContext(input)): Finding[] {
  if (ctx.mode !== 'current') return [];
  const out: Finding[] = [];
  for (const p of ctx.placements) {
    if (p.kind !== 'forced' || endMs(p.endedAt, ctx.atMs) !== null) continue;
    const latest = latestOrder(ordersAsOf(p, ctx.atMs));
    if (!latest) continue;
    const basis = basisById(ctx.profile, latest.order.basis);
    if (!basis) continue;
    const warn = basis.warnBefore;
    const warnFrom = msOf(
      warn.unit === 'hours'
        ? addHours(latest.order.expiresAt, -warn.value)
        : addCalendarMonths(latest.order.expiresAt, -warn.value, ctx.timeZone),
    );
    if (ctx.atMs < warnFrom || ctx.atMs > latest.expiresMs) continue;
    out.push(
      placementFinding(p, {
        code: 'stay.near_limit',
        severity: 'medium',
        from: warnFrom,
        to: null,
        params: {
          basis: basis.id,
          deadline: latest.order.expiresAt,
          hoursLeft: hoursBetween(ctx.atMs, latest.expiresMs),
        },
        evidence: [latest.order.seq],
      }),
    );
  }
  return out;
}

/**
 * order.gap: a stretch of a forced placement, before its end and before `at`, that no order covers
 * and that a later order closes (a first order starting after admission, or a new order after the
 * previous one expired). The uncovered stretch still open at the end is stay.exceeded, not a gap.
 */
export function orderGaps(input: FindingsInput, ctx: RuleContext = makeContext(input)): Finding[] {
  const out: Finding[] = [];
  for (const p of ctx.placements) {
    if (p.kind !== 'forced') continue;
    const ended = endMs(p.endedAt, ctx.atMs);
    const until = ended ?? ctx.atMs;
    let coveredTo = msOf(p.admittedAt);
    let previous: OrderFacts | null = null;
    for (const o of ordersAsOf(p, until)) {
      // An order starting exactly when the placement ends closes nothing inside it.
      if (o.startMs >= until && ended !== null) break;
      if (o.startMs - coveredTo >= GAP_TOLERANCE_MS) {
        out.push(
          placementFinding(p, {
            code: 'order.gap',
            severity: 'high',
            from: coveredTo,
            to: o.startMs,
            params: {
              hours: hoursBetween(coveredTo, o.startMs),
              previousBasis: previous?.basis ?? null,
              basis: o.order.basis,
            },
            evidence: [previous?.seq, o.order.seq],
          }),
        );
      }
      if (o.expiresMs > coveredTo) {
        coveredTo = o.expiresMs;
        previous = o.order;
      }
    }
  }
  return out;
}

/**
 * order.chained: more consecutive orders on one basis than the basis allows (the short bases are
 * capped per order; a new 24-hour order on expiry of the last one is a chain). Orders are consecutive
 * as in trailingRun: the next on the same basis starts no later than the previous expires (give or
 * take the gap tolerance, so a sub-minute gap, which is not an order.gap, does not break a chain
 * either). The finding runs from the start of the first order beyond the limit until the chain's
 * cover ends (its last expiry or the placement's end).
 */
export function orderChained(input: FindingsInput, ctx: RuleContext = makeContext(input)): Finding[] {
  const out: Finding[] = [];
  for (const p of ctx.placements) {
    const ended = endMs(p.endedAt, ctx.atMs);
    const orders = ordersAsOf(p, ended ?? ctx.atMs);
    const runs: HeldOrderMs[][] = [];
    for (const o of orders) {
      const run = runs[runs.length - 1];
      const last = run?.[run.length - 1];
      if (run && last && last.order.basis === o.order.basis && o.startMs - last.expiresMs < GAP_TOLERANCE_MS) {
        run.push(o);
      } else {
        runs.push([o]);
      }
    }
    for (const run of runs) {
      const basis = basisById(ctx.profile, run[0]!.order.basis);
      const max = basis?.maxChainedOrders;
      if (!basis || max === undefined || run.length <= max) continue;
      const beyond = run[max]!;
      const coverEnd = Math.max(...run.map((o) => o.expiresMs));
      const endOfChain = ended !== null ? Math.min(ended, coverEnd) : coverEnd;
      out.push(
        placementFinding(p, {
          code: 'order.chained',
          severity: 'high',
          from: beyond.startMs,
          to: endOfChain <= ctx.atMs ? endOfChain : null,
          params: { basis: basis.id, orders: run.length, maxChainedOrders: max },
          evidence: run.map((o) => o.order.seq),
        }),
      );
    }
  }
  return out;
}
