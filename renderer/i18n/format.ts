// Dates, times, durations and numbers as the user reads them: in the user's language, and always in
// the CENTRE's time zone (a deadline is a local fact of the centre, whatever the workstation's clock
// says). Inputs of type datetime-local are read back in the same zone.

import { fromLocal, localParts, toIso, toMs, type Instant } from '../../domain/time.ts';
import { formatLocale, formatNumber, translate, type UiLanguage } from './core.ts';

export interface Formatters {
  lang: UiLanguage;
  timeZone: string;
  dateTime(at: Instant | null | undefined): string;
  date(at: Instant | null | undefined): string;
  time(at: Instant | null | undefined): string;
  /** A calendar date (YYYY-MM-DD, e.g. a birth date), shown without any zone shift. */
  calendarDate(day: string | null | undefined): string;
  number(n: number, options?: Intl.NumberFormatOptions): string;
  /** A length of time such as "3 h 12 min" or "4 d 2 h": two largest units. */
  duration(ms: number): string;
  /** A day and month label for chart axes. */
  dayMonth(at: Instant): string;
}

const dtfCache = new Map<string, Intl.DateTimeFormat>();
function dtf(lang: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}|${JSON.stringify(options)}`;
  let f = dtfCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { ...options, timeZone });
    dtfCache.set(key, f);
  }
  return f;
}

/** A length of time in our own words ("3 h 12 min", "3 ч 12 мин", "3 saat 12 dəq"), two largest units. */
export function formatDuration(lang: UiLanguage, ms: number): string {
  const totalMinutes = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(totalMinutes / (24 * 60));
  const h = Math.floor((totalMinutes % (24 * 60)) / 60);
  const m = totalMinutes % 60;
  if (d > 0) return h > 0 ? translate(lang, 'duration.dh', { d, h }) : translate(lang, 'duration.d', { d });
  if (h > 0) return m > 0 ? translate(lang, 'duration.hm', { h, m }) : translate(lang, 'duration.h', { h });
  return translate(lang, 'duration.m', { m });
}

/** A legal term ("24 hours", "6 месяцев", "6 ay"). */
export function formatTerm(lang: UiLanguage, value: number, unit: 'hours' | 'months'): string {
  return translate(lang, unit === 'hours' ? 'term.hours' : 'term.months', { count: value });
}

export function makeFormatters(lang: UiLanguage, timeZone: string): Formatters {
  // English dates read day-first (29/10/2026), as in the region; see formatLocale for Azerbaijani.
  const dl = formatLocale(lang);
  const safe = (f: (ms: number) => string) => (at: Instant | null | undefined) => {
    if (!at) return '—';
    const ms = Date.parse(at);
    return Number.isNaN(ms) ? at : f(ms);
  };
  return {
    lang,
    timeZone,
    dateTime: safe((ms) =>
      dtf(dl, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms),
    ),
    date: safe((ms) => dtf(dl, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms)),
    time: safe((ms) => dtf(dl, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms)),
    calendarDate: (day) => {
      if (!day) return '—';
      const ms = Date.parse(`${day}T12:00:00Z`);
      return Number.isNaN(ms) ? day : dtf(dl, 'UTC', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
    },
    number: (n, options) => formatNumber(lang, n, options),
    duration: (ms) => formatDuration(lang, ms),
    dayMonth: (at) => dtf(dl, timeZone, { day: '2-digit', month: '2-digit' }).format(Date.parse(at)),
  };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** An instant as the value of an <input type="datetime-local">, in the centre's zone. */
export function toLocalInput(at: Instant | number, timeZone: string): string {
  const p = localParts(typeof at === 'number' ? at : toMs(at), timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** The instant a datetime-local value means in the centre's zone, or null if it is not a time. */
export function fromLocalInput(value: string, timeZone: string): Instant | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => Number(x ?? 0)) as number[];
  const ms = fromLocal(
    { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: second ?? 0, millisecond: 0 },
    timeZone,
  );
  return Number.isNaN(ms) ? null : toIso(ms);
}

/** An instant as a local calendar date (YYYY-MM-DD) in the centre's zone, for <input type="date">. */
export function toDateInput(at: Instant | number, timeZone: string): string {
  return toLocalInput(at, timeZone).slice(0, 10);
}
