// The fast reading of stored instants must agree with Date.parse wherever it answers. Instants in
// other forms are read by Date.parse too, but only where the text names a real day and time: Date.parse
// rolls 30 February over into March, and the API must refuse such a date, not store another one.

import { describe, expect, it } from 'vitest';
import { instant } from './api/fields.ts';
import { daysInMonth, instantMs, normaliseInstant, storedFormMs, toIso, toMs } from './time.ts';

/** Texts in and around the stored form: real instants, impossible days and times, other shapes. */
function corpus(): string[] {
  const out: string[] = [];
  let s = 20_261_207;
  const next = (n: number) => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s % n;
  };
  const pad = (v: number, w: number) => String(v).padStart(w, '0');
  for (let i = 0; i < 20_000; i++) {
    const y = [0, 50, 99, 100, 1600, 1900, 1999, 2000, 2024, 2026, 2100, 9999][next(12)]! + (next(4) === 0 ? next(3) : 0);
    const text = `${pad(y, 4)}-${pad(next(14), 2)}-${pad(next(33), 2)}T${pad(next(26), 2)}:${pad(next(62), 2)}:${pad(next(62), 2)}.${pad(next(1000), 3)}Z`;
    out.push(text);
  }
  out.push(
    '2026-02-29T00:00:00.000Z',
    '2024-02-29T23:59:59.999Z',
    '2026-02-30T08:00:00.000Z',
    '2026-04-31T08:00:00.000Z',
    '2026-01-01T24:00:00.000Z',
    '2026-01-01T23:59:60.000Z',
    '2026-03-01T08:00:00Z',
    '2026-03-01T08:00Z',
    '2026-03-01T12:00:00.000+04:00',
    '2026-03-01T08:00:00.000z',
    '2026-03-01 08:00:00.000Z',
    '+2026-03-01T08:00:00.000Z',
    '2026-3-01T08:00:00.000Z',
    '2026-03-01T08:00:00.0000Z',
    '２０２６-03-01T08:00:00.000Z',
    '',
  );
  return out;
}

describe('storedFormMs', () => {
  it('agrees with Date.parse wherever it answers, and answers exactly for real stored-form instants', () => {
    let answered = 0;
    for (const text of corpus()) {
      const ms = storedFormMs(text);
      if (Number.isNaN(ms)) continue;
      answered++;
      expect(ms).toBe(Date.parse(text));
      expect(toIso(ms)).toBe(text);
    }
    expect(answered).toBeGreaterThan(3000);
    expect(storedFormMs('2026-02-30T08:00:00.000Z')).toBeNaN();
    expect(storedFormMs('2026-01-01T24:00:00.000Z')).toBeNaN();
    expect(storedFormMs('0050-01-01T00:00:00.000Z')).toBeNaN();
  });

  it('reads every other ISO instant as Date.parse does where it names a real day and time, and refuses the rest', () => {
    let refused = 0;
    for (const text of corpus()) {
      const parsed = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ? Date.parse(text) : Number.NaN;
      const real = !Number.isNaN(parsed) && namesItsOwnDayAndTime(text, parsed);
      if (!Number.isNaN(parsed) && !real) refused++;
      expect(instantMs(text)).toBe(real ? parsed : Number.NaN);
      if (Number.isNaN(Date.parse(text))) expect(() => toMs(text)).toThrow(RangeError);
      else expect(toMs(text)).toBe(Date.parse(text));
      const field = instant.safeParse(text);
      expect(field.success).toBe(real);
      if (real) expect(field.data).toBe(normaliseInstant(text));
    }
    expect(refused).toBeGreaterThan(100);
  });

  it('refuses impossible days and times in every form the API accepts, and says what it expects', () => {
    for (const text of [
      '2026-02-30T09:00:00Z',
      '2026-02-30T11:00:00.000Z',
      '2026-04-31T08:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01T23:60:00Z',
      '2026-01-01T23:59:60+04:00',
      '2026-13-01T08:00:00+04:00',
      '2026-03-01T08:00:00+04:60',
      '2025-02-29T12:00:00+04:00',
    ]) {
      expect(instantMs(text), text).toBeNaN();
      const field = instant.safeParse(text);
      expect(field.success, text).toBe(false);
      expect(field.error?.issues[0]?.message).toMatch(/ISO-8601 date and time/);
    }
    expect(instantMs('2024-02-29T12:00:00+04:00')).toBe(Date.UTC(2024, 1, 29, 8));
    expect(instantMs('0000-02-29T00:00Z')).toBe(Date.parse('0000-02-29T00:00Z'));
  });
});

/** Whether the instant `ms` is, in the text's own offset, the day and time the text writes. */
function namesItsOwnDayAndTime(text: string, ms: number): boolean {
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(text);
  const offsetMs = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) * 60_000 : 0;
  const local = new Date(ms + offsetMs).toISOString(); // always 4-digit years here (0000–9999)
  return local.slice(0, 16) === text.slice(0, 16) && (text[16] !== ':' || local.slice(17, 19) === text.slice(17, 19));
}

describe('daysInMonth', () => {
  it('counts as Date does, leap years and out-of-range months included', () => {
    for (const year of [-400, -1, 0, 4, 100, 1600, 1900, 2000, 2023, 2024, 2100, 2400]) {
      for (let month = -1; month <= 14; month++) {
        expect(daysInMonth(year, month)).toBe(new Date(Date.UTC(year, month, 0)).getUTCDate());
      }
    }
  });
});
