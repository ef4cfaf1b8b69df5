// A placement's first_rights text (db/projections/first-rights.ts), read for the rights rule
// (domain/findings/rights.ts) in place. Of the first records of ten years, nearly all came within
// their window: such a right becomes a bit of the placement's rightsInTime, and only the rare late
// one is read in full, from the rights log.

import type { PlacementFacts } from '../../domain/findings/types.ts';
import type { LegalProfile, PlacementKind } from '../../domain/profile/types.ts';
import { HOUR_MS } from '../../domain/time.ts';

/** The profile's required rights as the rights text is read: requirement k is bit k of rightsInTime. */
export interface RightRequirements {
  /** Each required right once. */
  kinds: string[];
  /** For kinds[i], its requirements: bit, window, placement kinds. */
  of: { bit: number; withinMs: number; for: readonly PlacementKind[] }[][];
}

export function rightRequirements(profile: LegalProfile): RightRequirements {
  if (profile.requiredRights.length > 30) throw new Error(`profile ${profile.id}: more than 30 required rights`);
  const kinds: string[] = [];
  const of: RightRequirements['of'] = [];
  profile.requiredRights.forEach((req, k) => {
    let i = kinds.indexOf(req.right);
    if (i < 0) i = kinds.push(req.right) - 1;
    (of[i] ??= []).push({ bit: 1 << k, withinMs: req.withinHours * HOUR_MS, for: req.for });
  });
  return { kinds, of };
}

/**
 * Reads a placement's first_rights text at text[from, end): sets p.rightsInTime (a right first
 * recorded within its window is in time whatever the instant: it is a fact whenever the window has
 * passed), and returns the required rights whose first record came after their window and is a fact
 * at `untilMs`, as bits (bit i: kinds[i]); the caller reads those records from the rights log.
 */
export function readFirstRecords(requirements: RightRequirements, p: PlacementFacts, untilMs: number, text: string, from = 0, end = text.length): number {
  const { kinds, of } = requirements;
  let inTime = 0;
  let late = 0;
  let k = from;
  while (k < end) {
    const kEnd = tokenEnd(text, k, end);
    if (kEnd >= end) throw new Error(`first_rights: a record is not a pair: ${JSON.stringify(text.slice(k, end))}`);
    const dEnd = tokenEnd(text, kEnd + 1, end);
    for (let w = 0; w < kinds.length; w++) {
      const kind = kinds[w]!;
      if (kind.length !== kEnd - k || !text.startsWith(kind, k)) continue;
      const atMs = integerIn(text, kEnd + 1, dEnd);
      let owed = false;
      for (const req of of[w]!) {
        if (!req.for.includes(p.kind)) continue;
        if (atMs <= p.admittedMs + req.withinMs) inTime |= req.bit;
        else owed = true;
      }
      if (owed && atMs <= untilMs) late |= 1 << w;
      break;
    }
    k = dEnd + 1;
  }
  p.rightsInTime = inTime;
  return late;
}

function integerIn(text: string, from: number, end: number): number {
  const negative = text.charCodeAt(from) === 45; // -
  let value = 0;
  let i = negative ? from + 1 : from;
  if (i === end) throw new Error(`first_rights: not an instant in milliseconds: ${JSON.stringify(text.slice(from, end))}`);
  for (; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) throw new Error(`first_rights: not an instant in milliseconds: ${JSON.stringify(text.slice(from, end))}`);
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

/** The end of the space-separated token at `from`, no further than `end`. */
function tokenEnd(text: string, from: number, end: number): number {
  const space = text.indexOf(' ', from);
  return space < 0 || space > end ? end : space;
}
