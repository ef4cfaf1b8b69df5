import type { LegalBasis, LegalProfile, TermLength } from './profile/types.ts';
import { reason, type Reason } from './reasons.ts';
import { addCalendarMonths, addHours, toMs, type Instant } from './time.ts';

/** The end of a term that starts at `start`: exact hours, or calendar months in the centre's zone. */
export function termEnd(start: Instant, term: TermLength, timeZone: string): Instant {
  return term.unit === 'hours' ? addHours(start, term.value) : addCalendarMonths(start, term.value, timeZone);
}

export function basisById(profile: LegalProfile, id: string): LegalBasis | undefined {
  return profile.bases.find((b) => b.id === id);
}

/** An order's term as the decision gives it: a length, or a date and time until which it runs. */
export type OrderTerm = TermLength | { unit: 'until'; value: Instant };

export interface OrderTiming {
  basis: string;
  startsAt: Instant;
  term?: OrderTerm | null;
}

export interface ComputedOrder {
  basis: LegalBasis;
  startsAt: Instant;
  expiresAt: Instant;
}

/**
 * Computes an order's expiry (the stay deadline it sets) and checks it against the basis's cap.
 * Where the basis does not let the authority set the term, an order without a term runs for the cap.
 */
export function computeOrder(
  profile: LegalProfile,
  order: OrderTiming,
  timeZone: string,
  fieldPrefix = 'order',
): { ok: true; value: ComputedOrder } | { ok: false; reasons: Reason[] } {
  const basis = basisById(profile, order.basis);
  if (!basis) {
    return { ok: false, reasons: [reason('order.unknown_basis', `${fieldPrefix}.basis`, { basis: order.basis })] };
  }
  const term = order.term ?? null;
  if (term === null && basis.termSetByDecision) {
    return { ok: false, reasons: [reason('order.term_required', `${fieldPrefix}.term`, { basis: basis.id })] };
  }
  const cap = termEnd(order.startsAt, basis.maxTerm, timeZone);
  const expiresAt =
    term === null ? cap : term.unit === 'until' ? term.value : termEnd(order.startsAt, term, timeZone);
  const reasons: Reason[] = [];
  if (toMs(expiresAt) <= toMs(order.startsAt)) {
    reasons.push(reason('order.term_not_positive', `${fieldPrefix}.term`));
  }
  if (toMs(expiresAt) > toMs(cap)) {
    reasons.push(
      reason('order.term_over_cap', `${fieldPrefix}.term`, {
        basis: basis.id,
        cap: formatTerm(basis.maxTerm),
        capEnd: cap,
        requestedEnd: expiresAt,
      }),
    );
  }
  if (reasons.length) return { ok: false, reasons };
  return { ok: true, value: { basis, startsAt: order.startsAt, expiresAt } };
}

export interface HeldOrder {
  basis: string;
  startsAt: Instant;
  expiresAt: Instant;
}

/**
 * Checks an order against the total cap of its basis: the cap counts from the start of the first
 * order on that basis in `previous` (the placement's orders, and those of the placements it
 * continues: see linkedPlacements). Neither an order on
 * another basis in between nor a gap between orders starts the count again: either would let
 * "6 months at most" stretch without end.
 */
export function checkTotalCap(
  profile: LegalProfile,
  previous: readonly HeldOrder[],
  next: ComputedOrder,
  timeZone: string,
  fieldPrefix = 'order',
): Reason[] {
  const total = next.basis.maxTotal;
  if (!total) return [];
  let runStart = next.startsAt;
  for (const o of previous) if (o.basis === next.basis.id && o.startsAt < runStart) runStart = o.startsAt;
  const capEnd = termEnd(runStart, total, timeZone);
  if (toMs(next.expiresAt) > toMs(capEnd)) {
    return [
      reason('order.total_over_cap', `${fieldPrefix}.term`, {
        basis: next.basis.id,
        cap: formatTerm(total),
        since: runStart,
        capEnd,
        requestedEnd: next.expiresAt,
      }),
    ];
  }
  return [];
}

export function formatTerm(term: TermLength): string {
  return `${term.value} ${term.unit}`;
}

/**
 * The earlier forced placements of a person that a forced placement admitted at `admittedMs`
 * continues (see LegalProfile.readmissionLinkHours): the one that ended within the window before it,
 * the one that ended within the window before that, and so on. `earlier` is the person's placements
 * admitted before it, newest first; the answer is newest first too.
 */
export function linkedPlacements<P extends { kind: string; admittedMs: number; endedMs: number | null }>(
  earlier: readonly P[],
  admittedMs: number,
  linkMs: number,
): P[] {
  const linked: P[] = [];
  let next = admittedMs;
  for (const p of earlier) {
    if (p.kind !== 'forced' || p.endedMs === null || p.endedMs > next || next - p.endedMs > linkMs) break;
    linked.push(p);
    next = p.admittedMs;
  }
  return linked;
}

/** The deadline of a forced placement: the expiry of the order that runs latest. */
export function stayDeadline(orders: readonly HeldOrder[]): Instant | null {
  let latest: Instant | null = null;
  for (const o of orders) if (latest === null || o.expiresAt > latest) latest = o.expiresAt;
  return latest;
}
