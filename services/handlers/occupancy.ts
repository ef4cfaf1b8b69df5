import { ageGroupAt } from '../../domain/age.ts';
import type { PlacementKind } from '../../domain/profile/types.ts';
import { reason, type Reason } from '../../domain/reasons.ts';
import { occupantConflicts, regimeOf, type OccupantCategories } from '../../domain/separation.ts';
import type { Instant } from '../../domain/time.ts';
import type { OccupantStay, PersonRow, RoomRow } from '../../db/queries/decision-reads.ts';
import type { Ctx } from '../context.ts';

export function categoriesOf(
  ctx: Ctx,
  person: Pick<PersonRow, 'personId' | 'sex' | 'birthDate' | 'claimedAge' | 'claimedAgeOn' | 'ageAssessment' | 'status' | 'familyGroup'>,
  placement: { placementId: string; kind: PlacementKind },
  at: Instant,
): OccupantCategories {
  return {
    personId: person.personId,
    placementId: placement.placementId,
    sex: person.sex,
    ageGroup: ageGroupAt(person, at, ctx.profile, ctx.timeZone),
    regime: regimeOf(placement.kind, person.status),
    familyGroup: person.familyGroup,
  };
}

/**
 * An occupant of a room at `at` or since, as they were once both they and a change dated `at` were
 * in the room: from `at`, or from their own arrival after it.
 */
export function categoriesSince(ctx: Ctx, o: OccupantStay, at: Instant): OccupantCategories {
  return categoriesOf(ctx, o, o, o.fromTime > at ? o.fromTime : at);
}

/**
 * Why a person may not be put in a room from an instant on (categories, family rule, beds), and the
 * most others assigned to it at once from then (null for a retired room, which takes nobody): the
 * caller records whether the move puts the room over capacity. A move dated in the past is checked
 * against everyone in the room from its time on, those who came after it included: their own checks
 * could not see a move not yet recorded.
 */
export function assignmentBars(
  ctx: Ctx,
  person: PersonRow,
  placement: { placementId: string; kind: PlacementKind },
  room: RoomRow,
  at: Instant,
  acceptOverCapacity: boolean,
): { reasons: Reason[]; occupied: number | null } {
  if (room.retired) return { reasons: [reason('room.retired', 'roomId', { room: room.name })], occupied: null };
  // Only a family room's rule looks at the other occupants' categories (one family per room); elsewhere
  // each person is checked against the room alone, and only the number of the others counts.
  let others: OccupantCategories[] = [];
  let occupied: number;
  if (room.family) {
    const stays = ctx.reads.occupantsSince(room.roomId, at).filter((o: OccupantStay) => o.placementId !== placement.placementId);
    others = stays.map((o) => categoriesSince(ctx, o, at));
    occupied = peakOccupancy(stays.map((o) => [o.fromTime, o.toTime]), at);
  } else {
    occupied = peakOccupancy(ctx.reads.staysSince(room.roomId, at, placement.placementId), at);
  }
  const reasons: Reason[] = occupantConflicts(room, categoriesOf(ctx, person, placement, at), others).map((r) => ({
    ...r,
    params: { ...r.params, roomName: room.name },
  }));
  if (occupied >= room.capacity && !acceptOverCapacity) {
    reasons.push(reason('room.full', 'roomId', { room: room.name, capacity: room.capacity, occupants: occupied }));
  }
  return { reasons, occupied };
}

/**
 * The most of the intervals [from, to) (to null: still open) that hold at once at `at` or after. The
 * count only rises where one starts, so it is enough to count at `at` and at each later start.
 */
export function peakOccupancy(stays: readonly (readonly [from: Instant, to: Instant | null])[], at: Instant): number {
  let peak = 0;
  for (const [start] of [[at, null] as const, ...stays]) {
    if (start < at) continue;
    let n = 0;
    for (const [from, to] of stays) if (from <= start && (to === null || to > start)) n++;
    if (n > peak) peak = n;
  }
  return peak;
}
