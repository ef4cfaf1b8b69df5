import type { AgeGroup, PersonStatus, PlacementKind, Regime, Sex } from './profile/types.ts';
import { reason, type Reason } from './reasons.ts';

/**
 * Room categories (Migration Code art. 84.3): forced apart from voluntary, women from men, minors from
 * adults; asylum seekers in premises of their own. A family room is the one explicit exception: it
 * takes one family of any sexes and ages, but still only one regime.
 */
export interface RoomCategories {
  sex: Sex | null; // null only in a family room
  ageGroup: AgeGroup | null; // null only in a family room
  regime: Regime;
  family: boolean;
}

export interface OccupantCategories {
  personId: string;
  placementId: string;
  sex: Sex;
  ageGroup: AgeGroup;
  regime: Regime;
  familyGroup: string | null;
}

/** Which regime a placement belongs to. Asylum seekers and refugees stay, by consent, in asylum premises. */
export function regimeOf(kind: PlacementKind, status: PersonStatus): Regime {
  if (kind === 'forced') return 'forced';
  return status === 'asylum_seeker' || status === 'refugee' ? 'asylum' : 'voluntary';
}

export function validateRoomCategories(room: RoomCategories): Reason[] {
  const reasons: Reason[] = [];
  if (!room.family && room.sex === null) reasons.push(reason('room.sex_required', 'sex'));
  if (!room.family && room.ageGroup === null) reasons.push(reason('room.age_group_required', 'ageGroup'));
  return reasons;
}

/** Why one person may not be in a room with these categories and these other occupants. */
export function occupantConflicts(
  room: RoomCategories,
  person: OccupantCategories,
  others: readonly OccupantCategories[],
): Reason[] {
  const reasons: Reason[] = [];
  if (person.regime !== room.regime) {
    reasons.push(reason('separation.regime', 'roomId', { room: room.regime, person: person.regime }));
  }
  if (room.family) {
    if (person.familyGroup === null) {
      reasons.push(reason('separation.family_room_without_family', 'roomId'));
    } else {
      const stranger = others.find((o) => o.familyGroup !== person.familyGroup);
      if (stranger) {
        reasons.push(
          reason('separation.family_room_other_family', 'roomId', { family: person.familyGroup, other: stranger.personId }),
        );
      }
    }
    return reasons;
  }
  if (room.sex !== null && person.sex !== room.sex) {
    reasons.push(reason('separation.sex', 'roomId', { room: room.sex, person: person.sex }));
  }
  if (room.ageGroup !== null && person.ageGroup !== room.ageGroup) {
    reasons.push(reason('separation.age_group', 'roomId', { room: room.ageGroup, person: person.ageGroup }));
  }
  return reasons;
}

export interface SeparationConflict {
  personId: string;
  placementId: string;
  reasons: Reason[];
}

/**
 * The separation check of a room at one instant: every occupant that breaks the room's categories,
 * given everyone else in it at that instant.
 */
export function separationConflicts(
  room: RoomCategories,
  occupants: readonly OccupantCategories[],
): SeparationConflict[] {
  const conflicts: SeparationConflict[] = [];
  for (const o of occupants) {
    const others = occupants.filter((x) => x !== o);
    const reasons = occupantConflicts(room, o, others);
    if (reasons.length) conflicts.push({ personId: o.personId, placementId: o.placementId, reasons });
  }
  return conflicts;
}
