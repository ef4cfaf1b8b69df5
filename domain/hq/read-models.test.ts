import { describe, expect, it } from 'vitest';
import { populationRows } from './read-models.ts';

// Baku is UTC+4 all year: a month starts at 20:00 UTC on the last day of the month before.
const stays = [
  { admittedAt: '2026-01-10T08:00:00.000Z', endedAt: '2026-03-05T08:00:00.000Z' },
  { admittedAt: '2026-01-31T20:00:00.000Z', endedAt: null }, // exactly the start of February in Baku
  { admittedAt: '2026-02-15T08:00:00.000Z', endedAt: '2026-02-28T19:59:59.999Z' }, // leaves just before March begins
  { admittedAt: '2026-03-01T00:00:00.000Z', endedAt: '2026-03-01T01:00:00.000Z' },
];

describe('population by month', () => {
  it('counts who was present at the first instant of each month in the centre’s zone, and each month’s movements', () => {
    expect(populationRows(stays, 'Asia/Baku', '2026-03-20T00:00:00.000Z')).toEqual([
      { month: '2026-01', population: 0, admissions: 1, departures: 0 },
      { month: '2026-02', population: 2, admissions: 2, departures: 1 },
      { month: '2026-03', population: 2, admissions: 1, departures: 2 },
    ]);
  });

  it('stops at the slice’s instant, and is empty without placements', () => {
    expect(populationRows(stays, 'Asia/Baku', '2026-02-10T00:00:00.000Z').map((r) => r.month)).toEqual(['2026-01', '2026-02']);
    expect(populationRows([], 'Asia/Baku', '2026-02-10T00:00:00.000Z')).toEqual([]);
  });
});
