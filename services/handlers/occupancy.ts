import { ageGroupAt } from '../../domain/age.ts';
import type { PlacementKind } from '../../domain/profile/types.ts';
import { reason, type Reason } from '../../domain/reasons.ts';
import { occupantConflicts, regimeOf, type OccupantCategories } from '../../domain/separation.ts';
import type { Instant } from '../../domain/time.ts';
import type { OccupantRow, PersonRow, RoomRow } from '../../db/queries/decision-reads.ts';
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
 * Why a person may not be put in a room at an instant (categories, family rule, beds), and how many
 * others are assigned to it then (null for a retired room, which takes nobody): the caller records
 * whether the move puts the room over capacity.
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
  const others = room.family
    ? ctx.reads
        .occupantsAt(room.roomId, at)
        .filter((o: OccupantRow) => o.placementId !== placement.placementId)
        .map((o) => categoriesOf(ctx, o, o, at))
    : [];
  const occupied = room.family ? others.length : ctx.reads.occupantCountAt(room.roomId, at, placement.placementId);
  const reasons: Reason[] = occupantConflicts(room, categoriesOf(ctx, person, placement, at), others).map((r) => ({
    ...r,
    params: { ...r.params, roomName: room.name },
  }));
  if (occupied >= room.capacity && !acceptOverCapacity) {
    reasons.push(reason('room.full', 'roomId', { room: room.name, capacity: room.capacity, occupants: occupied }));
  }
  return { reasons, occupied };
}
