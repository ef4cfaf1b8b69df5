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
 * toMs for the canonical form the register stores ("2026-03-01T08:00:00.000Z"), by arithmetic alone:
 * the audit reads over a million instants, and parsing them was its largest single cost. Any other
 * form goes through toMs.
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
  const valid =
    year >= 0 && month >= 1 && month <= 12 && day >= 1 && milli >= 0 &&
    hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 &&
    (day <= 28 || day <= monthLength(year, month));
  if (!valid) return toMs(at);
  return (((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60 + second) * 1000 + milli;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function monthLength(year: number, month: number): number {
  if (month !== 2) return MONTH_LENGTHS[month - 1]!;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
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
