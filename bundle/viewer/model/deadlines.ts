// Deadlines at export time: every forced placement still running then, by the time left before its
// order runs out (overdue first), as the app's deadlines screen computes them (db/queries/register.ts):
// the latest expiry of the orders in force, and a forced stay without any order is overdue from its
// admission.

import { HOUR_MS, toMs } from '../../../domain/time.ts';
import type { ViewerData } from './data.ts';

export type Urgency = 'overdue' | 'within_24h' | 'within_72h' | 'later';

export interface DeadlineRow {
  placementId: string;
  personId: string;
  name: string;
  basis: string;
  deadline: string;
  msLeft: number;
  urgency: Urgency;
  roomName: string | null;
  admittedAt: string;
}

export function urgencyOf(msLeft: number): Urgency {
  return msLeft <= 0 ? 'overdue' : msLeft <= 24 * HOUR_MS ? 'within_24h' : msLeft <= 72 * HOUR_MS ? 'within_72h' : 'later';
}

export function deadlinesAt(data: ViewerData, at: string = data.exportedAt): DeadlineRow[] {
  const t = data.tables;
  const atMs = toMs(at);
  const rows: DeadlineRow[] = [];
  for (const p of t.placements.values()) {
    if (p.kind !== 'forced' || p.admittedAt > at || (p.endedAt !== null && p.endedAt <= at)) continue;
    let deadline: string | null = null;
    let basis: string | null = null;
    let latestStart = '';
    for (const o of data.rowsOf(data.ordersByPlacement, p.placementId)) {
      if (o.startsAt > at) continue;
      if (deadline === null || o.expiresAt > deadline) deadline = o.expiresAt;
      if (o.startsAt >= latestStart) {
        latestStart = o.startsAt;
        basis = o.basis;
      }
    }
    const due = deadline ?? p.admittedAt;
    const msLeft = toMs(due) - atMs;
    let roomName: string | null = null;
    for (const a of data.rowsOf(data.assignmentsByPerson, p.personId)) {
      if (a.placementId === p.placementId && a.fromTime <= at && (a.toTime === null || a.toTime > at)) roomName = t.rooms.get(a.roomId)?.name ?? a.roomId;
    }
    const person = t.persons.get(p.personId);
    rows.push({
      placementId: p.placementId,
      personId: p.personId,
      name: person ? (person.givenNames ? `${person.familyName}, ${person.givenNames}` : person.familyName) : p.personId,
      basis: basis ?? 'none',
      deadline: due,
      msLeft,
      urgency: urgencyOf(msLeft),
      roomName,
      admittedAt: p.admittedAt,
    });
  }
  return rows.sort((a, b) => a.msLeft - b.msLeft);
}
