// What every rule module shares: the instant of the check as milliseconds, the placements that count
// as facts at that instant, and small helpers to build findings. Instants are compared as
// milliseconds (the facts hold them so), never as text.

import { linkedPlacements } from '../deadline.ts';
import type { LegalProfile } from '../profile/types.ts';
import type { ReasonParams } from '../reasons.ts';
import { HOUR_MS, toIso, toMs, type Instant } from '../time.ts';
import type { Finding, FindingCode, FindingsInput, PlacementFacts, Severity } from './types.ts';

/** Gaps between orders shorter than this are clerical (an order typed in a minute late), not findings. */
export const GAP_TOLERANCE_MS = 60_000;

export interface RuleContext {
  input: FindingsInput;
  profile: LegalProfile;
  timeZone: string;
  mode: FindingsInput['mode'];
  at: Instant;
  atMs: number;
  /** Placements that are facts at `at`: admitted at or before it (and, in current mode, not ended). */
  placements: PlacementFacts[];
  /**
   * The earlier forced placements that `p` continues (a readmission within the profile's window, see
   * linkedPlacements), oldest first; empty for nearly all. Those the input holds: the full audit holds
   * every placement, the current state the present ones and those they continue.
   */
  linkedBefore(p: PlacementFacts): PlacementFacts[];
}

export function makeContext(input: FindingsInput): RuleContext {
  const atMs = toMs(input.at);
  const placements = input.placements.filter((p) => {
    if (p.admittedMs > atMs) return false;
    if (input.mode === 'current') return factMs(p.endedMs, atMs) === null;
    return true;
  });
  let byPerson: Map<string, PlacementFacts[]> | null = null;
  const linkMs = input.profile.readmissionLinkHours * HOUR_MS;
  const linkedBefore = (p: PlacementFacts): PlacementFacts[] => {
    if (p.kind !== 'forced') return [];
    if (byPerson === null) {
      // The forced placements that are facts at `at` and ended by then, each person's newest first.
      byPerson = new Map();
      for (const q of input.placements) {
        if (q.kind !== 'forced' || q.admittedMs > atMs || factMs(q.endedMs, atMs) === null) continue;
        const list = byPerson.get(q.personId);
        if (list) list.push(q);
        else byPerson.set(q.personId, [q]);
      }
      for (const list of byPerson.values()) if (list.length > 1) list.sort((a, b) => b.admittedMs - a.admittedMs);
    }
    const earlier = byPerson.get(p.personId);
    if (!earlier) return [];
    return linkedPlacements(earlier.filter((q) => q.admittedMs < p.admittedMs), p.admittedMs, linkMs).reverse();
  };
  return {
    input,
    profile: input.profile,
    timeZone: input.timeZone,
    mode: input.mode,
    at: input.at,
    atMs,
    placements,
    linkedBefore,
  };
}

/**
 * A time (an end, an answer, a review) as a fact at `atMs`: null when there is none, or when it lies
 * after the check — an end after `at` has not happened yet.
 */
export function factMs(time: number | null, atMs: number): number | null {
  return time !== null && time <= atMs ? time : null;
}

export function hoursBetween(fromMs: number, toMsValue: number): number {
  return round1((toMsValue - fromMs) / HOUR_MS);
}

export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Sorts in place and drops repeats. */
function sortedUnique(values: number[]): number[] {
  if (values.length > 1) values.sort((a, b) => a - b);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[n - 1]) values[n++] = values[i]!;
  values.length = n;
  return values;
}

export interface FindingSpec {
  code: FindingCode;
  severity: Severity;
  personIds?: string[];
  placementIds?: string[];
  roomId?: string;
  from: number;
  to: number | null;
  params?: ReasonParams;
  evidence: Iterable<number | null | undefined>;
}

export function finding(spec: FindingSpec): Finding {
  const evidence: number[] = [];
  for (const seq of spec.evidence) if (typeof seq === 'number') evidence.push(seq);
  return build(spec, spec.personIds ?? [], spec.placementIds ?? [], evidence);
}

/** A finding about one placement: its person and placement, its admission entry as evidence. */
export function placementFinding(p: PlacementFacts, spec: Omit<FindingSpec, 'personIds' | 'placementIds'>): Finding {
  const evidence: number[] = [p.seq];
  for (const seq of spec.evidence) if (typeof seq === 'number') evidence.push(seq);
  return build(spec, [p.personId], [p.placementId], evidence);
}

function build(
  spec: Omit<FindingSpec, 'personIds' | 'placementIds'>,
  personIds: string[],
  placementIds: string[],
  evidence: number[],
): Finding {
  const f: Finding = {
    code: spec.code,
    severity: spec.severity,
    personIds,
    placementIds,
    from: toIso(spec.from),
    to: spec.to === null ? null : toIso(spec.to),
    params: spec.params ?? {},
    evidence: sortedUnique(evidence),
  };
  if (spec.roomId !== undefined) f.roomId = spec.roomId;
  return f;
}
