// What every rule module shares: the instant of the check as milliseconds, the placements that count
// as facts at that instant, and small helpers to build findings. Instants are compared as
// milliseconds, never as text, so a non-canonical instant cannot sort wrongly.

import type { LegalProfile } from '../profile/types.ts';
import type { ReasonParams } from '../reasons.ts';
import { daysInMonth, HOUR_MS, toIso, toMs, type Instant } from '../time.ts';
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
  placementById: Map<string, PlacementFacts>;
}

export function makeContext(input: FindingsInput): RuleContext {
  const atMs = toMs(input.at);
  const placements = input.placements.filter((p) => {
    if (ms(p.admittedAt) > atMs) return false;
    if (input.mode === 'current') return endMs(p.endedAt, atMs) === null;
    return true;
  });
  return {
    input,
    profile: input.profile,
    timeZone: input.timeZone,
    mode: input.mode,
    at: input.at,
    atMs,
    placements,
    placementById: new Map(placements.map((p) => [p.placementId, p])),
  };
}

/**
 * toMs, fast for the canonical form the register stores ("2026-03-01T08:00:00.000Z"): the audit reads
 * hundreds of thousands of instants and Date.parse is the larger part of its cost. Any other form
 * goes through toMs.
 */
export function ms(at: Instant): number {
  if (at.length !== 24 || !CANONICAL_SHAPE.test(at)) return toMs(at);
  const d = (i: number) => at.charCodeAt(i) - 48;
  const year = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3);
  const month = d(5) * 10 + d(6);
  const day = d(8) * 10 + d(9);
  const hour = d(11) * 10 + d(12);
  const minute = d(14) * 10 + d(15);
  const second = d(17) * 10 + d(18);
  const milli = d(20) * 100 + d(21) * 10 + d(22);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return toMs(at); // throws, as toMs does for any impossible instant
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, milli);
}

const CANONICAL_SHAPE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** An end as a fact at `atMs`: null when there is none yet, or when it lies after the check. */
export function endMs(end: Instant | null, atMs: number): number | null {
  if (end === null) return null;
  const t = ms(end);
  return t <= atMs ? t : null;
}

/** A time as a fact at `atMs`: null when absent or when it lies after the check. */
export function factMs(time: Instant | null, atMs: number): number | null {
  return endMs(time, atMs);
}

export function hoursBetween(fromMs: number, toMsValue: number): number {
  return round1((toMsValue - fromMs) / HOUR_MS);
}

export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

export function uniqueSorted(values: Iterable<number>): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
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
  const f: Finding = {
    code: spec.code,
    severity: spec.severity,
    personIds: spec.personIds ?? [],
    placementIds: spec.placementIds ?? [],
    from: toIso(spec.from),
    to: spec.to === null ? null : toIso(spec.to),
    params: spec.params ?? {},
    evidence: uniqueSorted([...spec.evidence].filter((s): s is number => typeof s === 'number')),
  };
  if (spec.roomId !== undefined) f.roomId = spec.roomId;
  return f;
}

/** A finding about one placement: its person and placement, its admission entry as evidence. */
export function placementFinding(
  p: PlacementFacts,
  spec: Omit<FindingSpec, 'personIds' | 'placementIds'>,
): Finding {
  return finding({ ...spec, personIds: [p.personId], placementIds: [p.placementId], evidence: [p.seq, ...spec.evidence] });
}
