// Local calendar dates in the centre's zone without an Intl call each time: the zone offset is
// looked up once per UTC day (at both ends of the day) and reused when it does not change within it.
// Days with a transition fall back to the exact conversion.

import { DAY_MS, localDate, localParts } from '../../domain/time.ts';

export class LocalTime {
  private readonly offsets = new Map<number, number | null>();

  constructor(readonly timeZone: string) {}

  /** Milliseconds to add to a UTC instant to read the local wall clock, or null near a transition. */
  private offsetFor(ms: number): number | null {
    const day = Math.floor(ms / DAY_MS);
    let off = this.offsets.get(day);
    if (off === undefined) {
      const a = this.offsetAt(day * DAY_MS);
      const b = this.offsetAt((day + 1) * DAY_MS - 1);
      off = a === b ? a : null;
      this.offsets.set(day, off);
    }
    return off;
  }

  private offsetAt(ms: number): number {
    const p = localParts(ms, this.timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond) - ms;
  }

  /** YYYY-MM-DD in the centre's zone, as domain/time.ts localDate gives it. */
  date(ms: number): string {
    const off = this.offsetFor(ms);
    if (off === null) return localDate(ms, this.timeZone);
    return new Date(ms + off).toISOString().slice(0, 10);
  }

  /** Local hour of day (0–23). */
  hour(ms: number): number {
    const off = this.offsetFor(ms);
    if (off === null) return localParts(ms, this.timeZone).hour;
    return new Date(ms + off).getUTCHours();
  }
}

/** Completed years between two calendar dates (as domain/age.ts completedYears). */
export function yearsBetween(birthDate: string, onDate: string): number {
  const by = +birthDate.slice(0, 4);
  const bm = +birthDate.slice(5, 7);
  const bd = +birthDate.slice(8, 10);
  const y = +onDate.slice(0, 4);
  const m = +onDate.slice(5, 7);
  const d = +onDate.slice(8, 10);
  let years = y - by;
  if (m < bm || (m === bm && d < bd)) years -= 1;
  return years;
}
