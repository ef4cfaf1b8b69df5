import type { Database } from 'better-sqlite3';
import type { Migration } from './types.ts';

// A room's categories, capacity and floor area as they stood over time: one row per room.defined or
// room.updated entry, holding the whole room as that entry left it, in force from the entry's event
// time. The audit of the past and the room board at a past instant read the version in force then,
// not the room as it is today (a room re-categorised after it was emptied would otherwise show past
// breaches that were none, and hide ones that were).
//
// Existing databases are filled from the journal's room entries, exactly as the projector writes
// the rows (db/projections/projector.ts), so that a rebuilt database and a migrated one agree.

export const ROOM_VERSIONS_SQL = `
CREATE TABLE room_versions (
  room_id        TEXT    NOT NULL REFERENCES rooms(room_id),
  capacity       INTEGER NOT NULL,
  floor_area_m2  REAL    NOT NULL,
  sex            TEXT,
  age_group      TEXT,
  regime         TEXT    NOT NULL,
  family         INTEGER NOT NULL,
  retired        INTEGER NOT NULL,
  from_time      TEXT    NOT NULL,
  seq            INTEGER NOT NULL
) STRICT;
CREATE INDEX room_versions_room ON room_versions(room_id, from_time);
`;

interface RoomState {
  capacity: number;
  floorAreaM2: number;
  sex: string | null;
  ageGroup: string | null;
  regime: string;
  family: number;
  retired: number;
}

function backfill(db: Database): void {
  const insert = db.prepare(
    `INSERT INTO room_versions (room_id, capacity, floor_area_m2, sex, age_group, regime, family, retired, from_time, seq)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const rooms = new Map<string, RoomState>();
  const entries = db
    .prepare(`SELECT seq, event_time, type, payload FROM journal WHERE type IN ('room.defined', 'room.updated') ORDER BY seq`)
    .raw()
    .all() as [number, string, string, string][];
  for (const [seq, eventTime, type, payload] of entries) {
    const p = JSON.parse(payload) as Record<string, unknown>;
    const roomId = p.roomId as string;
    let room = rooms.get(roomId);
    if (type === 'room.defined') {
      room = {
        capacity: p.capacity as number,
        floorAreaM2: p.floorAreaM2 as number,
        sex: (p.sex as string | null | undefined) ?? null,
        ageGroup: (p.ageGroup as string | null | undefined) ?? null,
        regime: p.regime as string,
        family: p.family ? 1 : 0,
        retired: 0,
      };
    } else {
      // As the projector: a key present in the payload replaces the value, null included.
      if (!room) throw new Error(`migration 0003: journal entry ${seq} updates room ${roomId}, which no earlier entry defines`);
      const has = (k: string) => Object.prototype.hasOwnProperty.call(p, k);
      room = {
        capacity: has('capacity') ? (p.capacity as number) : room.capacity,
        floorAreaM2: has('floorAreaM2') ? (p.floorAreaM2 as number) : room.floorAreaM2,
        sex: has('sex') ? ((p.sex as string | null) ?? null) : room.sex,
        ageGroup: has('ageGroup') ? ((p.ageGroup as string | null) ?? null) : room.ageGroup,
        regime: has('regime') ? (p.regime as string) : room.regime,
        family: has('family') ? (p.family ? 1 : 0) : room.family,
        retired: has('retired') ? (p.retired ? 1 : 0) : room.retired,
      };
    }
    rooms.set(roomId, room);
    insert.run(roomId, room.capacity, room.floorAreaM2, room.sex, room.ageGroup, room.regime, room.family, room.retired, eventTime, seq);
  }
}

export const migration0003: Migration = {
  version: 3,
  name: 'room-versions',
  up: (db) => {
    db.exec(ROOM_VERSIONS_SQL);
    backfill(db);
  },
};
