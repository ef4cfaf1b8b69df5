import { isUnderStayRuleAgeAt, ageAt, type AgeEvidence } from './age.ts';
import { checkTotalCap, computeOrder, type ComputedOrder, type HeldOrder, type OrderTiming } from './deadline.ts';
import type { LegalProfile, PersonStatus, PlacementKind } from './profile/types.ts';
import { reason, type Decision, type Reason } from './reasons.ts';
import type { Instant } from './time.ts';

export interface PersonForDecision extends AgeEvidence {
  status: PersonStatus;
  unaccompanied: boolean;
}

export interface AdmissionRequest {
  kind: PlacementKind;
  admittedAt: Instant;
  order: OrderTiming | null;
  /** The person already has a placement that has not ended. */
  alreadyPlaced: boolean;
}

/**
 * The placement decision: accept with the computed deadline, or refuse with every reason at once
 * (the admission form shows them all before saving, not one per attempt).
 */
export function decideAdmission(
  profile: LegalProfile,
  timeZone: string,
  person: PersonForDecision,
  request: AdmissionRequest,
): Decision<{ order: ComputedOrder | null }> {
  const reasons: Reason[] = [];
  if (request.alreadyPlaced) reasons.push(reason('placement.already_placed', 'personId'));
  let order: ComputedOrder | null = null;
  if (request.kind === 'voluntary') {
    if (request.order) reasons.push(reason('placement.voluntary_with_order', 'order'));
  } else {
    reasons.push(...forcedPlacementBars(profile, timeZone, person, request.admittedAt));
    if (!request.order) {
      reasons.push(reason('order.required', 'order'));
    } else {
      const computed = computeOrder(profile, request.order, timeZone);
      if (computed.ok) order = computed.value;
      else reasons.push(...computed.reasons);
    }
  }
  return reasons.length ? { ok: false, reasons } : { ok: true, value: { order } };
}

/** Who may never be forcibly placed: asylum seekers, refugees (§19, §36), children under 16 (§30). */
export function forcedPlacementBars(
  profile: LegalProfile,
  timeZone: string,
  person: PersonForDecision,
  at: Instant,
): Reason[] {
  const reasons: Reason[] = [];
  if (profile.neverForced.includes(person.status)) {
    reasons.push(reason('forced.status_never_forced', 'status', { status: person.status }));
  }
  if (isUnderStayRuleAgeAt(person, at, profile, timeZone)) {
    reasons.push(
      reason('forced.child_under_age', 'birthDate', {
        age: ageAt(person, at, timeZone),
        minAge: profile.minAgeForStayRuleBreach,
      }),
    );
  }
  return reasons;
}

/** An extension: a new order on an open forced placement, capped per order and in total per basis. */
export function decideExtension(
  profile: LegalProfile,
  timeZone: string,
  person: PersonForDecision,
  placement: { kind: PlacementKind; endedAt: Instant | null },
  previous: readonly HeldOrder[],
  order: OrderTiming,
): Decision<ComputedOrder> {
  const reasons: Reason[] = [];
  if (placement.endedAt !== null) reasons.push(reason('placement.ended', 'placementId'));
  if (placement.kind !== 'forced') reasons.push(reason('placement.voluntary_with_order', 'placementId'));
  reasons.push(...forcedPlacementBars(profile, timeZone, person, order.startsAt));
  const computed = computeOrder(profile, order, timeZone);
  if (!computed.ok) return { ok: false, reasons: [...reasons, ...computed.reasons] };
  reasons.push(...checkTotalCap(profile, previous, computed.value, timeZone));
  return reasons.length ? { ok: false, reasons } : { ok: true, value: computed.value };
}
