import { describe, expect, it } from 'vitest';
import { countTicks } from './ticks.ts';

describe('countTicks', () => {
  it('labels each gridline with the whole number it stands at, one by one for small counts', () => {
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(1)).toEqual([0, 1]);
    expect(countTicks(2)).toEqual([0, 1, 2]);
    expect(countTicks(5)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('steps by 1, 2 or 5 times a power of ten, reaching the largest value in at most five steps', () => {
    expect(countTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(countTicks(10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(countTicks(11)).toEqual([0, 5, 10, 15]);
    expect(countTicks(37)).toEqual([0, 10, 20, 30, 40]);
    expect(countTicks(501)).toEqual([0, 200, 400, 600]);
    expect(countTicks(2.3)).toEqual([0, 1, 2, 3]);
  });

  it('always covers the largest value, with whole-number steps, for any count', () => {
    for (let max = 0; max <= 3000; max += 7) {
      const ticks = countTicks(max);
      expect(ticks[0]).toBe(0);
      expect(ticks.at(-1)!).toBeGreaterThanOrEqual(max);
      expect(ticks.length - 1).toBeLessThanOrEqual(5);
      expect(ticks.every((t) => Number.isInteger(t))).toBe(true);
    }
  });
});
