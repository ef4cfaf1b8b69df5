// Dates and times in the centre's zone, whatever the workstation's; durations and terms in our own
// words; datetime-local inputs read back in the centre's zone, across a DST change.

import { describe, expect, it } from 'vitest';
import { formatDuration, formatTerm, fromLocalInput, makeFormatters, toLocalInput } from './format.ts';

describe('formatting', () => {
  it('shows instants in the centre’s time zone, day first', () => {
    const baku = makeFormatters('en', 'Asia/Baku');
    expect(baku.dateTime('2026-03-02T08:00:00.000Z')).toBe('02/03/2026, 12:00');
    expect(makeFormatters('ru', 'Asia/Baku').dateTime('2026-03-02T08:00:00.000Z')).toBe('02.03.2026, 12:00');
    // Azerbaijani numeric conventions even where the browser has no Azerbaijani locale data.
    expect(makeFormatters('az', 'Asia/Baku').date('2026-03-02T08:00:00.000Z')).toBe('02.03.2026');
    expect(baku.dateTime(null)).toBe('—');
  });

  it('says durations and legal terms in the user’s language', () => {
    const ms = (d: number, h: number, m: number) => ((d * 24 + h) * 60 + m) * 60_000;
    expect(formatDuration('en', ms(0, 3, 12))).toBe('3 h 12 min');
    expect(formatDuration('ru', ms(1, 18, 5))).toBe('1 д 18 ч');
    expect(formatDuration('az', ms(0, 0, 40))).toBe('40 dəq');
    expect(formatDuration('en', -ms(0, 1, 0))).toBe('1 h');
    expect(formatTerm('ru', 6, 'months')).toBe('6 месяцев');
    expect(formatTerm('ru', 24, 'hours')).toBe('24 часа');
    expect(formatTerm('en', 1, 'hours')).toBe('1 hour');
    expect(formatTerm('az', 6, 'months')).toBe('6 ay');
  });

  it('reads a datetime-local value in the centre’s zone, across a DST change', () => {
    expect(fromLocalInput('2026-03-02T12:00', 'Asia/Baku')).toBe('2026-03-02T08:00:00.000Z');
    expect(fromLocalInput('2026-03-29T03:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z'); // after the spring-forward gap
    expect(toLocalInput('2026-10-25T00:30:00.000Z', 'Europe/Berlin')).toBe('2026-10-25T02:30');
    expect(fromLocalInput('not a time', 'Asia/Baku')).toBeNull();
    for (const at of ['2026-01-15T09:45:00.000Z', '2026-07-01T23:59:00.000Z']) {
      expect(fromLocalInput(toLocalInput(at, 'America/New_York'), 'America/New_York')).toBe(at);
    }
  });
});
