import type { z } from 'zod';
import { checkTotalCap, linkedPlacements, type OrderTerm } from '../../domain/deadline.ts';
import type { orderInput } from '../../domain/api/inputs.ts';
import type { OrderIssued } from '../../domain/events.ts';
import { decideAdmission, decideExtension } from '../../domain/placement.ts';
import { reason, type Reason } from '../../domain/reasons.ts';
import { HOUR_MS, toMs, type Instant } from '../../domain/time.ts';
import type { OrderRow } from '../../db/queries/decision-reads.ts';
import { FUTURE_TOLERANCE_MS, type Ctx } from '../context.ts';
import { notFound, refused } from '../errors.ts';
import { assignmentBars } from './occupancy.ts';
import type { Handler, Handlers } from './types.ts';

type OrderInput = z.output<typeof orderInput>;

function orderPayload(order: OrderInput, orderId: string, placementId: string, startsAt: Instant, expiresAt: Instant): OrderIssued {
  return {
    orderId,
    placementId,
    basis: order.basis,
    authority: order.authority,
    reference: order.reference,
    issuedAt: order.issuedAt,
    startsAt,
    expiresAt,
    term: order.term ?? null,
  };
}

function termOf(order: OrderInput): OrderTerm | null {
  return order.term ?? null;
}

/**
 * The orders of the forced placements that one of the person's admitted at `admittedAt` continues (a
 * readmission within the profile's window): they count towards its total caps.
 */
function linkedOrders(ctx: Ctx, personId: string, admittedAt: Instant): OrderRow[] {
  const earlier = ctx.reads
    .placementsBefore(personId, admittedAt)
    .map((p) => ({ ...p, admittedMs: toMs(p.admittedAt), endedMs: p.endedAt === null ? null : toMs(p.endedAt) }));
  return linkedPlacements(earlier, toMs(admittedAt), ctx.profile.readmissionLinkHours * HOUR_MS).flatMap((p) => ctx.reads.orders(p.placementId));
}

/** Reasons an admission would be refused, and what it would compute: shared by check and admit. */
function decide(ctx: Ctx, input: Parameters<Handler<'placements.admit'>>[1]) {
  const admittedAt = ctx.eventTime(input.at);
  const person = ctx.reads.person(input.personId);
  if (!person) throw notFound('person.not_found', 'personId', input.personId);
  const reasons: Reason[] = [];
  const startsAt = input.order?.startsAt ?? admittedAt;
  const decision = decideAdmission(ctx.profile, ctx.timeZone, person, {
    kind: input.kind,
    admittedAt,
    alreadyPlaced: ctx.reads.openPlacementOf(input.personId) !== undefined,
    order: input.order ? { basis: input.order.basis, startsAt, term: termOf(input.order) } : null,
  });
  if (!decision.ok) reasons.push(...decision.reasons);
  if (input.kind === 'forced') {
    if (!input.admission.screening) reasons.push(reason('admission.screening_required', 'admission.screening'));
    if (!input.admission.alternativesNotUsedBecause.trim()) {
      reasons.push(reason('admission.alternatives_required', 'admission.alternativesNotUsedBecause'));
    }
  }
  if (input.order) {
    // The order is what makes the admission lawful: it must be issued, and running, when the person comes in.
    if (toMs(input.order.issuedAt) > toMs(admittedAt)) {
      reasons.push(reason('order.issued_after_admission', 'order.issuedAt', { admittedAt }));
    }
    if (toMs(startsAt) > toMs(admittedAt)) {
      reasons.push(reason('order.starts_after_admission', 'order.startsAt', { admittedAt }));
    }
    const computed = decision.ok ? decision.value.order : null;
    // Released and admitted again at once: the total cap counts from the first of those stays.
    if (computed?.basis.maxTotal) reasons.push(...checkTotalCap(ctx.profile, linkedOrders(ctx, input.personId, admittedAt), computed, ctx.timeZone));
    const expiresAt = computed?.expiresAt;
    if (expiresAt !== undefined && toMs(expiresAt) <= toMs(admittedAt)) {
      reasons.push(reason('order.expired_at_admission', 'order.startsAt', { expiresAt, admittedAt }));
    }
  }
  const lastEnded = ctx.reads.lastEndedAt(input.personId);
  if (lastEnded !== null && toMs(admittedAt) < toMs(lastEnded)) {
    reasons.push(reason('placement.overlaps_previous', 'at', { endedAt: lastEnded }));
  }
  const placementId = ctx.nextId('S');
  const room = input.roomId ? ctx.reads.room(input.roomId) : undefined;
  let full = false;
  if (input.roomId && !room) reasons.push(reason('room.not_found', 'roomId', { id: input.roomId }));
  if (room) {
    const bars = assignmentBars(ctx, person, { placementId, kind: input.kind }, room, admittedAt, input.acceptOverCapacity);
    reasons.push(...bars.reasons);
    full = bars.occupied !== null && bars.occupied >= room.capacity;
  }
  const order = decision.ok ? decision.value.order : null;
  return { admittedAt, person, reasons, order, startsAt, placementId, room, full };
}

export const placementHandlers: Handlers<'placements.check' | 'placements.admit' | 'placements.addOrder' | 'placements.end'> = {
  'placements.check': (ctx, input) => {
    const d = decide(ctx, input);
    return { ok: d.reasons.length === 0, reasons: d.reasons, deadline: d.order?.expiresAt ?? null };
  },

  'placements.admit': (ctx, input) => {
    const d = decide(ctx, input);
    if (d.reasons.length) throw refused(...d.reasons);
    const placementId = d.placementId;
    const order =
      input.order && d.order
        ? orderPayload(input.order, `O${placementId.slice(1)}`, placementId, d.startsAt, d.order.expiresAt)
        : null;
    let entry = ctx.append(
      'placement.admitted',
      { placementId, personId: input.personId, kind: input.kind, admission: input.admission, order },
      { eventTime: d.admittedAt },
    );
    if (input.admission.screening?.asylumIntent) {
      // A wish to seek asylum voiced at screening is a claim: it must be resolved, and is flagged until it is.
      entry = ctx.append(
        'asylum.claimed',
        { claimId: ctx.nextId('C'), placementId, personId: input.personId, note: 'asylum intent stated at admission screening' },
        { eventTime: d.admittedAt },
      );
    }
    if (input.roomId) {
      entry = ctx.append(
        'assignment.made',
        {
          assignmentId: ctx.nextId('A'),
          placementId,
          personId: input.personId,
          roomId: input.roomId,
          replaces: null,
          familyException: d.room?.family ? d.person.familyGroup : null,
          overCapacity: input.acceptOverCapacity && d.full,
        },
        { eventTime: d.admittedAt },
      );
    }
    return { seq: entry.seq, id: placementId, deadline: order?.expiresAt ?? null };
  },

  'placements.addOrder': (ctx, input) => {
    // The entry records the order's issue: dated by it where that is earlier than the entry's time, so
    // that an order entered long after it was issued shows as a late entry (an overstay it covers
    // after the fact would otherwise vanish without trace).
    const at = ctx.eventTime(input.at);
    const eventTime = toMs(input.order.issuedAt) < toMs(at) ? ctx.eventTime(input.order.issuedAt, 'order.issuedAt') : at;
    const placement = ctx.reads.placement(input.placementId);
    if (!placement) throw notFound('placement.not_found', 'placementId', input.placementId);
    const person = ctx.reads.person(placement.personId)!;
    const own = ctx.reads.orders(input.placementId);
    const latest = own.reduce<Instant | null>((m, o) => (m === null || o.expiresAt > m ? o.expiresAt : m), null);
    // An extension issued before the current order runs out continues it; one issued later starts at issue.
    const startsAt =
      input.order.startsAt ?? (latest !== null && input.order.issuedAt <= latest ? latest : input.order.issuedAt);
    if (toMs(startsAt) < toMs(placement.admittedAt)) {
      throw refused(reason('order.starts_before_admission', 'order.startsAt', { admittedAt: placement.admittedAt }));
    }
    // An order authorises detention from its issue on, never before: one issued after the last ran out
    // cannot cover the gap.
    if (toMs(startsAt) < toMs(input.order.issuedAt)) {
      throw refused(reason('order.starts_before_issue', 'order.startsAt', { issuedAt: input.order.issuedAt }));
    }
    if (toMs(input.order.issuedAt) > ctx.nowMs() + FUTURE_TOLERANCE_MS) {
      throw refused(reason('order.issued_in_future', 'order.issuedAt'));
    }
    // A claim for asylum made during the stay must be resolved by release or transfer, not by more detention.
    if (ctx.reads.openClaims(input.placementId).length) {
      throw refused(reason('order.open_asylum_claim', 'placementId'));
    }
    const previous = [...linkedOrders(ctx, placement.personId, placement.admittedAt), ...own];
    const decision = decideExtension(ctx.profile, ctx.timeZone, person, placement, previous, {
      basis: input.order.basis,
      startsAt,
      term: termOf(input.order),
    });
    if (!decision.ok) throw refused(...decision.reasons);
    const orderId = ctx.nextId('O');
    const entry = ctx.append(
      'order.issued',
      orderPayload(input.order, orderId, input.placementId, startsAt, decision.value.expiresAt),
      { eventTime },
    );
    return { seq: entry.seq, id: orderId, deadline: decision.value.expiresAt };
  },

  'placements.end': (ctx, input) => {
    const eventTime = ctx.eventTime(input.at);
    const placement = ctx.reads.placement(input.placementId);
    if (!placement) throw notFound('placement.not_found', 'placementId', input.placementId);
    const reasons: Reason[] = [];
    if (placement.endedAt !== null) reasons.push(reason('placement.ended', 'placementId', { endedAt: placement.endedAt }));
    if (toMs(eventTime) < toMs(placement.admittedAt)) {
      reasons.push(reason('placement.end_before_admission', 'at', { admittedAt: placement.admittedAt }));
    }
    // An end dated before what was recorded in the stay would hide an overstay: refuse it.
    const latest = ctx.reads.latestEventAt(input.placementId);
    if (latest !== null && toMs(eventTime) < toMs(latest)) {
      reasons.push(reason('placement.end_before_last_event', 'at', { last: latest }));
    }
    const openClaims = ctx.reads.openClaims(input.placementId);
    // Non-refoulement: nobody is removed while their claim for asylum is open.
    if (input.reason === 'removal' && openClaims.length) {
      reasons.push(reason('placement.removal_with_open_claim', 'reason', { claims: openClaims.length }));
    }
    // A claim made in forced detention is resolved by release or transfer to asylum premises (or its
    // own end: withdrawn, finally inadmissible); a transfer to other detention would carry it off unresolved.
    if (input.reason === 'transfer' && placement.kind === 'forced' && openClaims.length) {
      reasons.push(reason('placement.transfer_with_open_claim', 'reason', { claims: openClaims.length }));
    }
    if (reasons.length) throw refused(...reasons);
    const who = { eventTime };
    const resolution =
      input.reason === 'asylum_premises' ? 'transferred_to_asylum_premises' : input.reason === 'release' ? 'released' : null;
    if (resolution) {
      for (const c of openClaims) {
        ctx.append('asylum.resolved', { claimId: c.claimId, resolution, note: 'placement ended' }, who);
      }
    }
    for (const measureId of ctx.reads.openMeasures(input.placementId)) {
      ctx.append('measure.ended', { measureId, note: 'placement ended' }, who);
    }
    const entry = ctx.append(
      'placement.ended',
      { placementId: input.placementId, reason: input.reason, destination: input.destination, note: input.note },
      who,
    );
    return { seq: entry.seq, id: input.placementId };
  },
};
