// Rooms and separation at any instant, computed in the browser from the verified replay: who was in
// which room, the room's categories then, beds and m² per person, and every occupant whose presence
// broke separation (art. 84.3), by the same rule the app applies (domain/separation.ts). A person's
// age group and regime are taken at that instant (age from the evidence, status from its history).

import { ageGroupAt } from '../../../domain/age.ts';
import type { AgeAssessment } from '../../../domain/age.ts';
import type { AgeGroup, PersonStatus, PlacementKind, Regime, Sex } from '../../../domain/profile/types.ts';
import type { Reason } from '../../../domain/reasons.ts';
import { regimeOf, separationConflicts, type OccupantCategories } from '../../../domain/separation.ts';
import type { ViewerData } from './data.ts';
import { roomAt, type RoomVersion } from './room-versions.ts';

export interface RoomOccupantAt {
  personId: string;
  placementId: string;
  name: string;
  sex: Sex;
  ageGroup: AgeGroup;
  regime: Regime;
  familyGroup: string | null;
  since: string;
}

export interface RoomAt {
  room: RoomVersion;
  occupants: RoomOccupantAt[];
  /** Floor area per occupant, to one decimal; null when empty. */
  m2PerPerson: number | null;
  overCapacity: boolean;
  /** Less floor area per person than the profile's minimum. */
  crowded: boolean;
  conflicts: { personId: string; reasons: Reason[] }[];
}

export interface RoomsAt {
  at: string;
  rooms: RoomAt[];
  /** People in the centre at that instant without a room. */
  unassigned: { personId: string; placementId: string; name: string }[];
}

export function roomsAt(data: ViewerData, versions: Map<string, RoomVersion[]>, at: string): RoomsAt {
  const t = data.tables;
  const byRoom = new Map<string, RoomOccupantAt[]>();
  const housed = new Set<string>();
  for (const a of t.assignments.values()) {
    if (!(a.fromTime <= at && (a.toTime === null || a.toTime > at))) continue;
    const placement = t.placements.get(a.placementId);
    const person = t.persons.get(a.personId);
    if (!placement || !person) continue;
    const status = (data.statusAt(person.personId, at) ?? person.status) as PersonStatus;
    const occupant: RoomOccupantAt = {
      personId: person.personId,
      placementId: placement.placementId,
      name: person.givenNames ? `${person.familyName}, ${person.givenNames}` : person.familyName,
      sex: person.sex as Sex,
      ageGroup: ageGroupAt(
        { birthDate: person.birthDate, claimedAge: person.claimedAge, claimedAgeOn: person.claimedAgeOn, ageAssessment: person.ageAssessment as AgeAssessment },
        at,
        data.profile,
        data.timeZone,
      ),
      regime: regimeOf(placement.kind as PlacementKind, status),
      familyGroup: person.familyGroup,
      since: a.fromTime,
    };
    housed.add(placement.placementId);
    const list = byRoom.get(a.roomId);
    if (list) list.push(occupant);
    else byRoom.set(a.roomId, [occupant]);
  }
  const rooms: RoomAt[] = [];
  for (const [roomId, history] of versions) {
    const room = roomAt(history, at);
    if (!room || room.from > at) continue; // not yet defined then
    const occupants = (byRoom.get(roomId) ?? []).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (room.retired && occupants.length === 0) continue;
    const categories = { sex: room.sex as Sex | null, ageGroup: room.ageGroup as AgeGroup | null, regime: room.regime as Regime, family: room.family };
    const conflicts = separationConflicts(categories, occupants as OccupantCategories[]).map((c) => ({ personId: c.personId, reasons: c.reasons }));
    const n = occupants.length;
    const area = n ? room.floorAreaM2 / n : null;
    rooms.push({
      room,
      occupants,
      m2PerPerson: area === null ? null : Math.round(area * 10) / 10,
      overCapacity: n > room.capacity,
      crowded: area !== null && area < data.profile.minFloorAreaPerPersonM2,
      conflicts,
    });
  }
  rooms.sort((a, b) => (a.room.name < b.room.name ? -1 : a.room.name > b.room.name ? 1 : 0));
  const unassigned: RoomsAt['unassigned'] = [];
  for (const p of t.placements.values()) {
    if (p.admittedAt > at || (p.endedAt !== null && p.endedAt <= at) || housed.has(p.placementId)) continue;
    const person = t.persons.get(p.personId);
    unassigned.push({ personId: p.personId, placementId: p.placementId, name: person ? (person.givenNames ? `${person.familyName}, ${person.givenNames}` : person.familyName) : p.personId });
  }
  return { at, rooms, unassigned };
}
