// Follow-up of interviewees (reprisal monitoring): the inspector loads, from their own device, the
// register numbers of the people they talked to; the viewer lists what happened to those people
// after the last visit — disciplinary measures, isolation, transfers and room moves, complaints.
// The list lives only in the page's memory: nothing here stores, sends or prints it anywhere else.

import type { AssignmentRow, MeasureRow, PersonRow, PlacementRow, RightRow } from '../../../domain/replay/tables.ts';
import type { ViewerData } from './data.ts';

/** At most this many ids are read from one list. */
export const MAX_IDS = 10_000;

export interface ParsedIds {
  ids: string[];
  /** Tokens that cannot be register numbers (too long, odd characters). */
  rejected: string[];
}

/** Register numbers from a file's or a paste's text: separated by spaces, commas, semicolons or lines. */
export function parseIdList(text: string): ParsedIds {
  const ids: string[] = [];
  const rejected: string[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/[\s,;]+/)) {
    const token = raw.replace(/^["']|["']$/g, '');
    if (!token) continue;
    if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(token)) {
      if (rejected.length < 20) rejected.push(token.length > 40 ? `${token.slice(0, 40)}…` : token);
      continue;
    }
    if (seen.has(token)) continue;
    seen.add(token);
    ids.push(token);
    if (ids.length >= MAX_IDS) break;
  }
  return { ids, rejected };
}

export type FollowUpKind = 'disciplinary' | 'isolation' | 'transfer' | 'room_move' | 'complaint';

export interface FollowUpEvent {
  kind: FollowUpKind;
  at: string;
  seq: number;
  measure?: MeasureRow;
  placement?: PlacementRow;
  assignment?: AssignmentRow;
  fromRoom?: string;
  toRoom?: string;
  right?: RightRow;
}

export interface FollowUpPerson {
  personId: string;
  person: PersonRow | null;
  events: FollowUpEvent[];
}

export interface FollowUp {
  since: string;
  people: FollowUpPerson[];
  /** Ids the register does not know. */
  unknown: string[];
}

/**
 * What happened to each listed person strictly after `since` (the instant of the bundle the inspector
 * saw last time), oldest first.
 */
export function followUp(data: ViewerData, ids: readonly string[], since: string): FollowUp {
  const t = data.tables;
  const people: FollowUpPerson[] = [];
  const unknown: string[] = [];
  for (const personId of ids) {
    const person = t.persons.get(personId) ?? null;
    if (!person) {
      unknown.push(personId);
      continue;
    }
    const events: FollowUpEvent[] = [];
    for (const m of data.rowsOf(data.measuresByPerson, personId)) {
      if (m.startAt > since) events.push({ kind: m.kind === 'isolation' ? 'isolation' : 'disciplinary', at: m.startAt, seq: m.seq, measure: m });
    }
    for (const p of data.rowsOf(data.placementsByPerson, personId)) {
      if (p.endReason === 'transfer' && p.endedAt !== null && p.endedAt > since) events.push({ kind: 'transfer', at: p.endedAt, seq: p.endSeq ?? p.seq, placement: p });
    }
    // A room move: an assignment after another in the same stay (the first one is the admission's).
    const assignments = data.rowsOf(data.assignmentsByPerson, personId);
    const previous = new Map<string, AssignmentRow>();
    for (const a of [...assignments].sort((x, y) => x.seq - y.seq)) {
      const before = previous.get(a.placementId);
      if (before && a.fromTime > since) {
        events.push({
          kind: 'room_move',
          at: a.fromTime,
          seq: a.seq,
          assignment: a,
          fromRoom: t.rooms.get(before.roomId)?.name ?? before.roomId,
          toRoom: t.rooms.get(a.roomId)?.name ?? a.roomId,
        });
      }
      previous.set(a.placementId, a);
    }
    for (const r of data.rowsOf(data.rightsByPerson, personId)) {
      if (r.rightKind === 'complaint' && r.at > since) events.push({ kind: 'complaint', at: r.at, seq: r.seq, right: r });
    }
    events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq));
    people.push({ personId, person, events });
  }
  return { since, people, unknown };
}
