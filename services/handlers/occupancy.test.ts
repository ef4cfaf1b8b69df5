import { describe, expect, it } from 'vitest';
import { peakOccupancy } from './occupancy.ts';

const t = (h: number) => `2026-03-01T${String(h).padStart(2, '0')}:00:00.000Z`;

describe('peakOccupancy', () => {
  it('counts those there at the instant, and the most at once after it as others come', () => {
    expect(peakOccupancy([], t(8))).toBe(0);
    expect(peakOccupancy([[t(6), null]], t(8))).toBe(1);
    // One leaves at 10 before the next comes at 11: never two at once.
    expect(peakOccupancy([[t(6), t(10)], [t(11), null]], t(8))).toBe(1);
    // One comes at 9 while the first is still there: two at once.
    expect(peakOccupancy([[t(6), t(10)], [t(9), null]], t(8))).toBe(2);
  });

  it('leaves out stays over before the instant, and counts an interval as [from, to)', () => {
    expect(peakOccupancy([[t(5), t(7)]], t(8))).toBe(0);
    expect(peakOccupancy([[t(5), t(8)]], t(8))).toBe(0);
    expect(peakOccupancy([[t(8), t(9)], [t(9), null]], t(8))).toBe(1);
  });
});
