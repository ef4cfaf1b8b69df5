// Instants are stored and exchanged as ISO-8601 UTC strings with millisecond precision
// ("2026-03-01T08:00:00.000Z"): fixed width, so they sort and compare as text in SQLite.
// Calendar arithmetic (months, local dates, birthdays) happens in the centre's time zone,
// because a court's "6 months" and a child's birthday are local-calendar facts.
// Only ECMAScript built-ins (Date, Intl) are used: this file runs in Node and in browsers.

export type Instant = string;

/** The clock is injected everywhere so tests and the CLI's --clock can move time. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

export function fixedClock(at: Instant | number): Clock {
  const ms = typeof at === 'number' ? at : toMs(at);
  return () => ms;
}

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export function isInstant(text: string): boolean {
  return !Number.isNaN(instantMs(text));
}

/**
 * The milliseconds of an ISO instant with a zone, or NaN if the text is not one. The text must name a
 * real day and time: Date.parse reads 30 February as 2 March and 24:00 as the next day's midnight,
 * and a date typed wrong must be refused, not stored as another one.
 */
export function instantMs(text: string): number {
  const ms = storedFormMs(text);
  if (!Number.isNaN(ms)) return ms;
  const m = ISO_INSTANT.exec(text);
  if (!m) return Number.NaN;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as number[];
  const real =
    month! >= 1 &&
    month! <= 12 &&
    day! >= 1 &&
    day! <= gregorianDaysInMonth(year!, month!) &&
    hour! <= 23 &&
    minute! <= 59 &&
    second! <= 59 &&
    offsetHours! <= 23 &&
    offsetMinutes! <= 59;
  return real ? Date.parse(text) : Number.NaN;
}

/** Days in a month of the proleptic Gregorian calendar, for any year (Date.UTC reads 0–99 as 19xx). */
function gregorianDaysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return MONTH_DAYS[month - 1]!;
}

/**
 * The milliseconds of an instant in its stored form, YYYY-MM-DDTHH:MM:SS.mmmZ naming a real day and
 * time, read digit by digit; NaN for any other text (which instantMs then reads more slowly). Nearly
 * every instant the app handles is in this form, and Date.parse is the slow part of reading it. For
 * such a text, toIso(storedFormMs(text)) is the text itself.
 */
export function storedFormMs(text: string): number {
  if (
    text.length !== 24 ||
    text.charCodeAt(4) !== 45 || // -
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 || // T
    text.charCodeAt(13) !== 58 || // :
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(19) !== 46 || // .
    text.charCodeAt(23) !== 90 // Z
  ) {
    return Number.NaN;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  const milli = digits(text, 20, 23);
  // Years before 100 are left to Date.parse (Date.UTC would read them as 19xx), as is anything that
  // does not name a real day and time (Date.parse rolls 30 February over into March).
  if ((year | month | day | hour | minute | second | milli) < 0 || year < 100) return Number.NaN;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return Number.NaN;
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, milli);
}

/** The decimal number in text[from, to), or -1 if a character there is not a digit. */
function digits(text: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Normalises any ISO instant with an offset to the canonical UTC form. */
export function normaliseInstant(text: string): Instant {
  if (!isInstant(text)) throw new RangeError(`not an ISO-8601 instant with a zone: ${text}`);
  return new Date(Date.parse(text)).toISOString();
}

export function toMs(at: Instant): number {
  const stored = storedFormMs(at);
  if (!Number.isNaN(stored)) return stored;
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${at}`);
  return ms;
}

export function toIso(ms: number): Instant {
  return new Date(ms).toISOString();
}

export function addHours(at: Instant, hours: number): Instant {
  return toIso(toMs(at) + hours * HOUR_MS);
}

export function isCalendarDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of the proleptic Gregorian calendar (as Date counts them). */
export function daysInMonth(year: number, month: number): number {
  // Date.UTC reads years 0–99 as 19xx: those, and months out of range, are counted as Date counts them.
  if (!(month >= 1 && month <= 12) || !Number.isInteger(month) || (year >= 0 && year < 100)) {
    return new Date(Date.UTC(year, month, 0)).getUTCDate();
  }
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return MONTH_DAYS[month - 1]!;
}

export interface LocalDateTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * Zone offsets by UTC day: where the offset is the same at both ends of a day it holds through the
 * day (no zone changes its clocks twice in one day), and the local reading is plain arithmetic.
 * Days with a transition (NaN) are read through Intl, as are zones the cache has not seen.
 */
const dayOffsets = new Map<string, Map<number, number>>();
const DAY_OFFSETS_MAX = 50_000;

const CACHE_FROM_MS = Date.UTC(1900, 0, 1);
const CACHE_TO_MS = Date.UTC(2200, 0, 1);

export function localParts(ms: number, timeZone: string): LocalDateTime {
  if (!(ms >= CACHE_FROM_MS && ms < CACHE_TO_MS)) return exactLocalParts(ms, timeZone);
  let byDay = dayOffsets.get(timeZone);
  if (!byDay) dayOffsets.set(timeZone, (byDay = new Map()));
  const day = Math.floor(ms / DAY_MS);
  let off = byDay.get(day);
  if (off === undefined) {
    if (byDay.size >= DAY_OFFSETS_MAX) byDay.clear();
    const start = exactOffsetMs(day * DAY_MS, timeZone);
    off = start === exactOffsetMs((day + 1) * DAY_MS - 1, timeZone) ? start : Number.NaN;
    byDay.set(day, off);
  }
  if (Number.isNaN(off)) return exactLocalParts(ms, timeZone);
  const d = new Date(ms + off);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
}

function exactOffsetMs(ms: number, timeZone: string): number {
  const p = exactLocalParts(ms, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond) - ms;
}

function exactLocalParts(ms: number, timeZone: string): LocalDateTime {
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
}

function offsetMs(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
  return asUtc - ms;
}

/**
 * The UTC instant of a local wall-clock time. Where the wall-clock time falls in a DST gap the
 * later reading wins; where it is ambiguous (clocks set back) the earlier instant is taken.
 */
export function fromLocal(local: LocalDateTime, timeZone: string): number {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second, local.millisecond);
  const first = guess - offsetMs(guess, timeZone);
  const second = guess - offsetMs(first, timeZone);
  return Math.min(first, second);
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(at: Instant | number, timeZone: string): string {
  const p = localParts(typeof at === 'number' ? at : toMs(at), timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * Adds calendar months in the centre's zone, keeping the wall-clock time. A day that does not exist
 * in the target month is clamped to that month's last day (31 Aug + 6 months = 28/29 Feb), never
 * rolled over into the next month: rolling over would let a "6 months" term run past the legal cap.
 */
export function addCalendarMonths(at: Instant, months: number, timeZone: string): Instant {
  const p = localParts(toMs(at), timeZone);
  const totalMonths = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(totalMonths / 12);
  const month = (totalMonths % 12) + 1;
  const day = Math.min(p.day, daysInMonth(year, month));
  return toIso(fromLocal({ ...p, year, month, day }, timeZone));
}

export function addCalendarDays(at: Instant, days: number, timeZone: string): Instant {
  const p = localParts(toMs(at), timeZone);
  const shifted = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return toIso(
    fromLocal(
      { ...p, year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() },
      timeZone,
    ),
  );
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function minInstant(a: Instant, b: Instant): Instant {
  return a < b ? a : b;
}

export function maxInstant(a: Instant, b: Instant): Instant {
  return a > b ? a : b;
}
