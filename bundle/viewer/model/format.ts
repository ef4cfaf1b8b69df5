// Dates, times, durations and numbers in the reader's language and always in the centre's time zone
// (a deadline is a local fact of the centre, whatever the inspector's laptop says). Only numeric
// formats come from Intl; words (units, months) come from the viewer's own catalogues.

import type { Language } from '../../../domain/i18n/describe.ts';
import { fromLocal, localParts, toIso } from '../../../domain/time.ts';
import { t } from '../i18n/translate.ts';

/**
 * The locale whose numeric conventions are used. Browsers may lack Azerbaijani locale data and fall
 * back to ISO forms; Turkish writes numbers and numeric dates exactly as Azerbaijani does. English is
 * British: day first, as in the region.
 */
const FORMAT_LOCALE: Record<Language, string> = { en: 'en-GB', az: 'tr', ru: 'ru' };

export interface Formatters {
  lang: Language;
  timeZone: string;
  dateTime(at: string | null | undefined): string;
  date(at: string | null | undefined): string;
  /** A calendar date (YYYY-MM-DD, a birth date): no zone shift. */
  calendarDate(day: string | null | undefined): string;
  number(n: number, digits?: number): string;
  /** "3 h 12 min", "4 d 2 h": the two largest units. */
  duration(ms: number): string;
}

const cache = new Map<string, Intl.DateTimeFormat>();
function dtf(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch {
      // A zone this browser does not know: UTC, and the zone named beside every time says so.
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    }
    cache.set(key, f);
  }
  return f;
}

export function formatDuration(lang: Language, ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h > 0 ? t(lang, 'duration.dh', { d, h }) : t(lang, 'duration.d', { d });
  if (h > 0) return m > 0 ? t(lang, 'duration.hm', { h, m }) : t(lang, 'duration.h', { h });
  return t(lang, 'duration.m', { m });
}

export function makeFormatters(lang: Language, timeZone: string): Formatters {
  const locale = FORMAT_LOCALE[lang];
  const instant = (options: Intl.DateTimeFormatOptions) => (at: string | null | undefined) => {
    if (!at) return '—';
    const ms = Date.parse(at);
    return Number.isNaN(ms) ? at : dtf(locale, timeZone, options).format(ms);
  };
  return {
    lang,
    timeZone,
    dateTime: instant({ year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    date: instant({ year: 'numeric', month: '2-digit', day: '2-digit' }),
    calendarDate: (day) => {
      if (!day) return '—';
      const ms = Date.parse(`${day}T12:00:00Z`);
      return Number.isNaN(ms) ? day : dtf(locale, 'UTC', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
    },
    number: (n, digits) => new Intl.NumberFormat(locale, digits === undefined ? {} : { maximumFractionDigits: digits }).format(n),
    duration: (ms) => formatDuration(lang, ms),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An instant as the value of an <input type="datetime-local">, read in the centre's zone. */
export function toLocalInput(at: string, timeZone: string): string {
  const p = localParts(Date.parse(at), timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** The instant a datetime-local value means in the centre's zone, or null if it is not one. */
export function fromLocalInput(value: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const ms = fromLocal({ year, month, day, hour, minute, second, millisecond: 0 }, timeZone);
  return Number.isNaN(ms) ? null : toIso(ms);
}
