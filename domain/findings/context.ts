// What every rule module shares: the instant of the check as milliseconds, the placements that count
// as facts at that instant, and small helpers to build findings. Instants are compared as
// milliseconds, never as text, so a non-canonical instant cannot sort wrongly.

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
  placementById: Map<string, PlacementFacts>;
}

export function makeContext(input: FindingsInput): RuleContext {
  const atMs = toMs(input.at);
  const placements = input.placements.filter((p) => {
    if (msOf(p.admittedAt) > atMs) return false;
    if (input.mode === 'current') return factMs(p.endedAt, atMs) === null;
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
 * toMs, about twice as fast for the canonical form the register stores ("2026-03-01T08:00:00.000Z"):
 * the audit reads hundreds of thousands of instants, and parsing them was its largest single cost.
 * Any other form, and any day past the 28th (month lengths), goes through toMs.
 */
export function msOf(at: Instant): number {
  if (
    at.length !== 24 ||
    at.charCodeAt(4) !== 45 || // -
    at.charCodeAt(7) !== 45 ||
    at.charCodeAt(10) !== 84 || // T
    at.charCodeAt(13) !== 58 || // :
    at.charCodeAt(16) !== 58 ||
    at.charCodeAt(19) !== 46 || // .
    at.charCodeAt(23) !== 90 // Z
  ) {
    return toMs(at);
  }
  const year = digits(at, 0, 4);
  const month = digits(at, 5, 2);
  const day = digits(at, 8, 2);
  const hour = digits(at, 11, 2);
  const minute = digits(at, 14, 2);
  const second = digits(at, 17, 2);
  const milli = digits(at, 20, 3);
  const plausible = year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 28 && milli >= 0;
  if (!plausible || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return toMs(at);
  return Date.UTC(year, month - 1, day, hour, minute, second, milli);
}

/** The decimal number in `text` at [from, from + length), or −1 if a character is not a digit. */
function digits(text: string, from: number, length: number): number {
  let value = 0;
  for (let i = from; i < from + length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * A time (an end, an answer, a review) as a fact at `atMs`: null when there is none, or when it lies
 * after the check — an end after `at` has not happened yet.
 */
export function factMs(time: Instant | null, atMs: number): number | null {
  if (time === null) return null;
  const t = msOf(time);
  return t <= atMs ? t : null;
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
