import { describe, expect, it } from 'vitest';
import { msOf } from './context.ts';

describe('msOf', () => {
  it('reads every canonical instant as Date.parse does, month ends and leap days included', () => {
    const wrong: string[] = [];
    // About 7 hours apart, with odd seconds and milliseconds, over two centuries and more.
    for (let t = Date.UTC(1899, 0, 1); t < Date.UTC(2105, 0, 1); t += 7 * 3_600_000 + 123_457) {
      const iso = new Date(t).toISOString();
      if (msOf(iso) !== t) wrong.push(iso);
    }
    expect(wrong).toEqual([]);
  });

  it('leaves what is not a real canonical instant to Date.parse', () => {
    for (const text of ['2023-02-29T00:00:00.000Z', '2024-02-29T23:59:59.999Z', '2026-04-31T00:00:00.000Z', '2026-03-01T08:00:00Z', '2026-03-01T12:00:00.000+04:00']) {
      expect(msOf(text), text).toBe(Date.parse(text));
    }
    expect(() => msOf('2026-13-01T00:00:00.000Z')).toThrow(/not an instant/);
  });
});
