// Stay limits: held past the deadline, about to be, held between orders, and short orders chained.
// Every order is taken as the half-open interval [startsAt, expiresAt): at the expiry instant the
// order no longer holds the person.

import { basisById } from '../deadline.ts';
import { addCalendarMonths, HOUR_MS, toIso, toMs } from '../time.ts';
import { factMs, GAP_TOLERANCE_MS, hoursBetween, makeContext, placementFinding, type RuleContext } from './context.ts';
import type { Finding, FindingsInput, OrderFacts, PlacementFacts } from './types.ts';

/** The placement's orders that are facts at `at` (started at or before it), sorted by start, expiry, seq. */
export function ordersAsOf(p: PlacementFacts, atMs: number): OrderFacts[] {
  // Index loops: this runs for every placement of the audit, and the lists are nearly always
  // already as asked (one or two orders, in order, started long ago).
  let held = p.orders;
  for (let i = 0; i < held.length; i++) {
    if (held[i]!.startsMs > atMs) {
      held = p.orders.filter((o) => o.startsMs <= atMs);
      break;
    }
  }
  for (let i = 1; i < held.length; i++) if (byStart(held[i - 1]!, held[i]!) > 0) return [...held].sort(byStart);
  return held;
}

/** By start, expiry, seq: the seq settles ties, so the order never depends on the order the orders were loaded in. */
function byStart(a: OrderFacts, b: OrderFacts): number {
  return a.startsMs - b.startsMs || a.expiresMs - b.expiresMs || a.seq - b.seq;
}

/** A placement with its times and its orders as facts at `at`, worked out once for all the stay rules. */
export interface StayFacts {
  p: PlacementFacts;
  admittedMs: number;
  /** The end as a fact at `at`; null while the placement runs. */
  ended: number | null;
  /** The end, or `at` while the placement runs. */
  until: number;
  /** Orders started by `until`, sorted by start. */
  orders: readonly OrderFacts[];
}

export function stayFacts(p: PlacementFacts, ctx: RuleContext): StayFacts {
  const ended = factMs(p.endedMs, ctx.atMs);
  const until = ended ?? ctx.atMs;
  return { p, admittedMs: p.admittedMs, ended, until, orders: ordersAsOf(p, until) };
}

type StayCheck = (s: StayFacts, ctx: RuleContext, out: Finding[]) => void;

function perPlacement(check: StayCheck, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < ctx.placements.length; i++) check(stayFacts(ctx.placements[i]!, ctx), ctx, out);
  return out;
}

/** All four stay rules in one pass over the placements (what the engine runs). */
export function stayFindings(input: FindingsInput, ctx: RuleContext = makeContext(input)): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < ctx.placements.length; i++) {
    const p = ctx.placements[i]!;
    const s = stayFacts(p, ctx);
    checkExceeded(s, ctx, out);
    checkNearLimit(s, ctx, out);
    checkGaps(s, ctx, out);
    checkChained(s, ctx, out);
  }
  return out;
}

/** The order that runs latest: it sets the stay deadline. */
function latestOrder(orders: readonly OrderFacts[]): OrderFacts | null {
  let latest: OrderFacts | null = null;
  for (let i = 0; i < orders.length; i++) if (latest === null || orders[i]!.expiresMs > latest.expiresMs) latest = orders[i]!;
  return latest;
}

/**
 * stay.exceeded: a forced placement past the expiry of the order that runs latest (or with no order
 * at all), still held at `at` or, in the audit, held until its end. Held exactly at the deadline
 * instant is not yet past it (that instant is still a near-limit warning).
 */
export function stayExceeded(input: FindingsInput, ctx: RuleContext = makeContext(input)): Finding[] {
  return perPlacement(checkExceeded, ctx);
}

function checkExceeded({ p, admittedMs, ended, until, orders }: StayFacts, _ctx: RuleContext, out: Finding[]): void {
  if (p.kind !== 'forced') return;
  const latest = latestOrder(orders);
  const from = latest === null ? admittedMs : Math.max(latest.expiresMs, admittedMs);
  if (until <= from) return;
  out.push(
    placementFinding(p, {
      code: 'stay.exceeded',
      severity: 'critical',
      from,
      to: ended,
      params: {
        basis: latest?.basis ?? null,
        deadline: latest ? toIso(latest.expiresMs) : null,
        hoursOver: hoursBetween(from, until),
      },
      evidence: [latest?.seq, ended !== null ? p.endSeq : null],
    }),
  );
}

/**
 * stay.near_limit: the deadline falls within the basis's warning period (current state only). The
 * warning starts `warnBefore` ahead of the deadline: exact hours, or calendar months in the centre's zone.
 */
export function stayNearLimit(input: FindingsInput, ctx: RuleContext = makeContext(input)): Finding[] {
  return perPlacement(checkNearLimit, ctx);
}

function checkNearLimit({ p, ended, orders }: StayFacts, ctx: RuleContext, out: Finding[]): void {
  if (ctx.mode !== 'current' || p.kind !== 'forced' || ended !== null) return;
  const latest = latestOrder(orders);
  if (!latest) return;
  const basis = basisById(ctx.profile, latest.basis);
  if (!basis) return;
  const warn = basis.warnBefore;
  const warnFrom =
    warn.unit === 'hours'
      ? latest.expiresMs - warn.value * HOUR_MS
      : toMs(addCalendarMonths(toIso(latest.expiresMs), -warn.value, ctx.timeZone));
  if (ctx.atMs < warnFrom || ctx.atMs > latest.expiresMs) return;
  out.push(
    placementFinding(p, {
      code: 'stay.near_limit',
      severity: 'medium',
      from: warnFrom,
      to: null,
      params: {
        basis: basis.id,
        deadline: toIso(latest.expiresMs),
        hoursLeft: hoursBetween(ctx.atMs, latest.expiresMs),
      },
      evidence: [latest.seq],
    }),
  );
}

/**
 * order.gap: a stretch of a forced placement, before its end and before `at`, that no order covers
 * and that a later order closes (a first order starting after admission, or a new order after the
 * previous one expired). The uncovered stretch still open at the end is stay.exceeded, not a gap.
 */
export function orderGaps(input: FindingsInput, ctx: RuleContext = makeContext(input)): Finding[] {
  return perPlacement(checkGaps, ctx);
}

function checkGaps({ p, admittedMs, ended, until, orders }: StayFacts, _ctx: RuleContext, out: Finding[]): void {
  if (p.kind !== 'forced') return;
  let coveredTo = admittedMs;
  let previous: OrderFacts | null = null;
  for (const o of orders) {
    // An order starting exactly when the placement ends closes nothing inside it.
    if (o.startsMs >= until && ended !== null) break;
    if (o.startsMs - coveredTo >= GAP_TOLERANCE_MS) {
      out.push(
        placementFinding(p, {
          code: 'order.gap',
          severity: 'high',
          from: coveredTo,
          to: o.startsMs,
          params: {
            hours: hoursBetween(coveredTo, o.startsMs),
            previousBasis: previous?.basis ?? null,
            basis: o.basis,
          },
          evidence: [previous?.seq, o.seq],
        }),
      );
    }
    if (o.expiresMs > coveredTo) {
      coveredTo = o.expiresMs;
      previous = o;
    }
  }
}

/**
 * order.chained: more orders on one basis in a chain of consecutive orders than the basis allows (the
 * short bases are capped per order: a new 24-hour order on expiry of the last one is a chain, and so
 * is one after a court order that followed it, or "24 hours" would stretch without end by taking turns
 * with the court). Orders are consecutive when the next starts no later than those before it expire
 * (give or take the gap tolerance, so a sub-minute gap, which is not an order.gap, does not break a
 * chain either), whatever their bases. The finding runs from the start of the first order on the basis
 * beyond the limit until the chain's cover ends (its last expiry or the placement's end).
 */
export function orderChained(input: FindingsInput, ctx: RuleContext = makeContext(input)): Finding[] {
  return perPlacement(checkChained, ctx);
}

function checkChained({ p, ended, orders: own }: StayFacts, ctx: RuleContext, out: Finding[]): void {
  // A placement that continues earlier ones (released and admitted again at once) continues their
  // chain: their orders come first, and each readmission joins the chain whatever the time between.
  const linked = ctx.linkedBefore(p);
  let orders = own;
  const joins = new Set<number>();
  if (linked.length) {
    const combined: OrderFacts[] = [];
    for (const q of [...linked, p]) {
      if (combined.length) joins.add(combined.length);
      combined.push(...(q === p ? own : ordersAsOf(q, q.endedMs!)));
    }
    orders = combined;
  }
  if (orders.length < 2) return;
  const ownFrom = orders.length - own.length;
  // Runs are the stretches [start, i) of the sorted orders, found without a list of lists.
  let start = 0;
  let coveredTo = orders[0]!.expiresMs;
  for (let i = 1; i <= orders.length; i++) {
    const o = orders[i];
    if (o && (joins.has(i) || o.startsMs - coveredTo < GAP_TOLERANCE_MS)) {
      if (o.expiresMs > coveredTo) coveredTo = o.expiresMs;
      continue;
    }
    if (i > ownFrom) checkRun(orders, start, i, ownFrom, p, ended, ctx, out);
    start = i;
    if (o) coveredTo = o.expiresMs;
  }
}

/**
 * order.chained for the run orders[start, end): one finding for each basis it holds more of than
 * allowed, when one of those beyond the limit is the placement's own (orders[ownFrom] on): an earlier
 * placement it continues has its own finding for its own.
 */
function checkRun(
  orders: readonly OrderFacts[],
  start: number,
  end: number,
  ownFrom: number,
  p: PlacementFacts,
  ended: number | null,
  ctx: RuleContext,
  out: Finding[],
): void {
  if (end - start < 2) return;
  const run = orders.slice(start, end);
  const coverEnd = Math.max(...run.map((o) => o.expiresMs));
  const endOfChain = ended !== null ? Math.min(ended, coverEnd) : coverEnd;
  for (const basisId of new Set(run.map((o) => o.basis))) {
    const basis = basisById(ctx.profile, basisId);
    const max = basis?.maxChainedOrders;
    if (!basis || max === undefined) continue;
    const onBasis = run.filter((o) => o.basis === basisId);
    const beyond = onBasis.slice(max).find((o) => orders.indexOf(o, ownFrom) >= 0);
    if (!beyond) continue;
    out.push(
      placementFinding(p, {
        code: 'order.chained',
        severity: 'high',
        from: Math.max(beyond.startsMs, p.admittedMs),
        to: endOfChain <= ctx.atMs ? endOfChain : null,
        params: { basis: basis.id, orders: onBasis.length, maxChainedOrders: max },
        evidence: run.map((o) => o.seq),
      }),
    );
  }
}
