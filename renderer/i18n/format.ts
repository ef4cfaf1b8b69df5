// Dates, times, durations and numbers as the user reads them: in the user's language, and always in
// the CENTRE's time zone (a deadline is a local fact of the centre, whatever the workstation's clock
// says). Inputs of type datetime-local are read back in the same zone.

import { fromLocal, localParts, toIso, toMs, type Instant } from '../../domain/time.ts';
import { formatNumber, type UiLanguage } from './core.ts';

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

function unit(lang: UiLanguage, value: number, u: 'day' | 'hour' | 'minute'): string {
  return formatNumber(lang, value, { style: 'unit', unit: u, unitDisplay: 'short' });
}

export function makeFormatters(lang: UiLanguage, timeZone: string): Formatters {
  const safe = (f: (ms: number) => string) => (at: Instant | null | undefined) => {
    if (!at) return '—';
    const ms = Date.parse(at);
    return Number.isNaN(ms) ? at : f(ms);
  };
  return {
    lang,
    timeZone,
    dateTime: safe((ms) =>
      dtf(lang, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms),
    ),
    date: safe((ms) => dtf(lang, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms)),
    time: safe((ms) => dtf(lang, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms)),
    calendarDate: (day) => {
      if (!day) return '—';
      const ms = Date.parse(`${day}T12:00:00Z`);
      return Number.isNaN(ms) ? day : dtf(lang, 'UTC', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
    },
    number: (n, options) => formatNumber(lang, n, options),
    duration: (ms) => {
      const totalMinutes = Math.floor(Math.abs(ms) / 60_000);
      const days = Math.floor(totalMinutes / (24 * 60));
      const hours = Math.floor((totalMinutes % (24 * 60)) / 60);
      const minutes = totalMinutes % 60;
      if (days > 0) return hours > 0 ? `${unit(lang, days, 'day')} ${unit(lang, hours, 'hour')}` : unit(lang, days, 'day');
      if (hours > 0) return `${unit(lang, hours, 'hour')} ${unit(lang, minutes, 'minute')}`;
      return unit(lang, minutes, 'minute');
    },
    dayMonth: (at) => dtf(lang, timeZone, { day: '2-digit', month: '2-digit' }).format(Date.parse(at)),
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
