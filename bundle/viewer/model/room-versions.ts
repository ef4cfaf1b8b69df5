// A room's categories, capacity and floor area as they were at any instant. The register keeps only
// a room's latest state, so the viewer reads the room entries (room.defined, room.updated) back out
// of the verified journal: only their type field is looked at for the two million others, as bytes.

import type { RoomRow } from '../../../domain/replay/tables.ts';
import type { BundleJournal } from '../../format/journal.ts';

export interface RoomVersion extends Omit<RoomRow, 'seq'> {
  /** From when this version holds (the event time of the entry that made it). */
  from: string;
  seq: number;
}

const PREFIX = [0x72, 0x6f, 0x6f, 0x6d, 0x2e]; // "room."

/** Every room's versions in journal order; the last one is the room as the register has it. */
export function roomVersions(journal: BundleJournal): Map<string, RoomVersion[]> {
  const out = new Map<string, RoomVersion[]>();
  for (const chunk of journal.chunks) {
    const raw = chunk.raw;
    for (let i = 0; i < chunk.count; i++) {
      const start = chunk.starts[i]!;
      const end = chunk.ends[i]!;
      // The type is the fifth line: find the fourth newline.
      let n = 0;
      let j = start;
      for (; j < end && n < 4; j++) if (raw[j] === 10) n++;
      if (n < 4 || PREFIX.some((b, k) => raw[j + k] !== b)) continue;
      const entry = journal.entry(chunk.first + i);
      if (entry.type !== 'room.defined' && entry.type !== 'room.updated') continue;
      apply(out, entry.type, entry.eventTime, entry.seq, JSON.parse(entry.payload) as Record<string, unknown>);
    }
  }
  return out;
}

function apply(out: Map<string, RoomVersion[]>, type: string, at: string, seq: number, p: Record<string, unknown>): void {
  const roomId = String(p['roomId']);
  const list = out.get(roomId) ?? [];
  const last = list[list.length - 1];
  if (type === 'room.defined') {
    list.push({
      roomId,
      name: String(p['name'] ?? ''),
      capacity: Number(p['capacity'] ?? 0),
      floorAreaM2: Number(p['floorAreaM2'] ?? 0),
      sex: (p['sex'] as string | null | undefined) ?? null,
      ageGroup: (p['ageGroup'] as string | null | undefined) ?? null,
      regime: String(p['regime'] ?? ''),
      family: Boolean(p['family']),
      retired: false,
      from: at,
      seq,
    });
  } else if (last) {
    // As the replay applies room.updated: only the fields the entry names change.
    const has = (k: string) => Object.prototype.hasOwnProperty.call(p, k);
    const next: RoomVersion = { ...last, from: at, seq };
    if (has('name')) next.name = String(p['name']);
    if (has('capacity')) next.capacity = Number(p['capacity']);
    if (has('floorAreaM2')) next.floorAreaM2 = Number(p['floorAreaM2']);
    if (has('sex')) next.sex = (p['sex'] as string | null) ?? null;
    if (has('ageGroup')) next.ageGroup = (p['ageGroup'] as string | null) ?? null;
    if (has('regime')) next.regime = String(p['regime']);
    if (has('family')) next.family = Boolean(p['family']);
    if (has('retired')) next.retired = Boolean(p['retired']);
    list.push(next);
  }
  out.set(roomId, list);
}

/** The version of a room that held at `at` (the first one before the room existed), or null. */
export function roomAt(versions: readonly RoomVersion[] | undefined, at: string): RoomVersion | null {
  if (!versions || versions.length === 0) return null;
  let v = versions[0]!;
  for (const x of versions) {
    if (x.from <= at) v = x;
    else break;
  }
  return v;
}

/** For tests and callers without a journal: the register's rooms as single versions. */
export function currentRoomsAsVersions(rooms: Iterable<RoomRow>): Map<string, RoomVersion[]> {
  const out = new Map<string, RoomVersion[]>();
  for (const r of rooms) out.set(r.roomId, [{ ...r, from: '' }]);
  return out;
}
