import { reason, type Reason } from '../../domain/reasons.ts';
import { separationConflicts, validateRoomCategories, type RoomCategories } from '../../domain/separation.ts';
import { toMs } from '../../domain/time.ts';
import type { Ctx } from '../context.ts';
import { notFound, refused } from '../errors.ts';
import { assignmentBars, categoriesSince } from './occupancy.ts';
import type { Handlers } from './types.ts';

function openPlacementAt(ctx: Ctx, placementId: string, at: string) {
  const placement = ctx.reads.placement(placementId);
  if (!placement) throw notFound('placement.not_found', 'placementId', placementId);
  const reasons: Reason[] = [];
  if (toMs(at) < toMs(placement.admittedAt)) {
    reasons.push(reason('placement.not_yet_admitted', 'at', { admittedAt: placement.admittedAt }));
  }
  if (placement.endedAt !== null && toMs(at) >= toMs(placement.endedAt)) {
    reasons.push(reason('placement.ended', 'placementId', { endedAt: placement.endedAt }));
  }
  return { placement, reasons };
}

export { openPlacementAt };

export const roomHandlers: Handlers<'rooms.define' | 'rooms.update' | 'rooms.assign'> = {
  'rooms.define': (ctx, input) => {
    const eventTime = ctx.eventTime(input.at);
    const reasons = validateRoomCategories(input);
    if (ctx.reads.roomNameTaken(input.name)) reasons.push(reason('room.name_taken', 'name', { name: input.name }));
    if (reasons.length) throw refused(...reasons);
    const roomId = ctx.nextId('R');
    const { at: _at, ...room } = input;
    const entry = ctx.append('room.defined', { ...room, roomId }, { eventTime });
    return { seq: entry.seq, id: roomId };
  },

  'rooms.update': (ctx, input) => {
    const eventTime = ctx.eventTime(input.at);
    const room = ctx.reads.room(input.roomId);
    if (!room) throw notFound('room.not_found', 'roomId', input.roomId);
    const { at: _at, roomId, ...changes } = input;
    if (Object.keys(changes).length === 0) throw refused(reason('room.no_change'));
    const next: RoomCategories = {
      sex: changes.sex !== undefined ? changes.sex : room.sex,
      ageGroup: changes.ageGroup !== undefined ? changes.ageGroup : room.ageGroup,
      regime: changes.regime ?? room.regime,
      family: changes.family ?? room.family,
    };
    const reasons = validateRoomCategories(next);
    // The room's versions stay a timeline (migration 0003): each holds until the next, so a change
    // may not be slipped in before the last one.
    const changedAt = ctx.reads.roomChangedAt(roomId);
    if (changedAt !== null && toMs(eventTime) < toMs(changedAt)) reasons.push(reason('room.before_last_change', 'at', { changedAt }));
    if (changes.name && ctx.reads.roomNameTaken(changes.name, roomId)) {
      reasons.push(reason('room.name_taken', 'name', { name: changes.name }));
    }
    // Whoever is in the room at the change or since: a backdated change must not slip past them.
    const occupants = ctx.reads.occupantsSince(roomId, eventTime);
    if (changes.retired && occupants.length) {
      reasons.push(reason('room.retire_occupied', 'retired', { occupants: occupants.length }));
    }
    // Categories may not change under the people they would then exclude.
    const conflicts = separationConflicts(next, occupants.map((o) => categoriesSince(ctx, o, eventTime)));
    for (const c of conflicts) {
      reasons.push(reason('room.categories_exclude_occupant', 'roomId', { personId: c.personId, reason: c.reasons[0]!.code }));
    }
    if (reasons.length) throw refused(...reasons);
    const entry = ctx.append('room.updated', { roomId, ...changes }, { eventTime });
    return { seq: entry.seq, id: roomId };
  },

  'rooms.assign': (ctx, input) => {
    const eventTime = ctx.eventTime(input.at);
    const { placement, reasons } = openPlacementAt(ctx, input.placementId, eventTime);
    const person = ctx.reads.person(placement.personId)!;
    const room = ctx.reads.room(input.roomId);
    if (!room) throw notFound('room.not_found', 'roomId', input.roomId);
    const current = ctx.reads.currentAssignment(input.placementId);
    if (current?.roomId === input.roomId) reasons.push(reason('room.already_there', 'roomId', { room: room.name }));
    // The room history stays a timeline: a move may not be slipped in before the last one.
    if (current && toMs(current.fromTime) > toMs(eventTime)) {
      reasons.push(reason('assignment.before_last_move', 'at', { movedAt: current.fromTime }));
    } else if (!current && ctx.reads.hasAssignmentAfter(input.placementId, eventTime)) {
      reasons.push(reason('assignment.before_last_move', 'at', { movedAt: eventTime }));
    }
    const bars = assignmentBars(ctx, person, placement, room, eventTime, input.acceptOverCapacity);
    reasons.push(...bars.reasons);
    if (reasons.length) throw refused(...reasons);
    const assignmentId = ctx.nextId('A');
    const entry = ctx.append(
      'assignment.made',
      {
        assignmentId,
        placementId: placement.placementId,
        personId: placement.personId,
        roomId: room.roomId,
        replaces: current?.assignmentId ?? null,
        familyException: room.family ? person.familyGroup : null,
        overCapacity: bars.occupied! >= room.capacity,
      },
      { eventTime },
    );
    return { seq: entry.seq, id: assignmentId };
  },
};
