import { describe, expect, it } from 'vitest';
import { checkTotalCap, computeOrder, linkedPlacements, termEnd } from './deadline.ts';
import { azDefaultProfile as profile } from './profile/az-default.ts';
import { addCalendarMonths } from './time.ts';

const TZ = 'Asia/Baku'; // UTC+4, no DST
const start = '2026-03-02T08:00:00.000Z';

function order(basis: string, term?: Parameters<typeof computeOrder>[1]['term']) {
  return computeOrder(profile, { basis, startsAt: start, term: term ?? null }, TZ);
}

describe('24-hour Service order (art. 82.2)', () => {
  it('runs 24 hours by default', () => {
    const r = order('service_order');
    expect(r.ok && r.value.expiresAt).toBe('2026-03-03T08:00:00.000Z');
  });
  it('accepts a term of 23 h 59', () => {
    expect(order('service_order', { unit: 'until', value: '2026-03-03T07:59:00.000Z' }).ok).toBe(true);
  });
  it('accepts exactly 24 h', () => {
    expect(order('service_order', { unit: 'hours', value: 24 }).ok).toBe(true);
  });
  it('refuses 24 h 01 and says the cap', () => {
    const r = order('service_order', { unit: 'until', value: '2026-03-03T08:01:00.000Z' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reasons[0]!.code).toBe('order.term_over_cap');
      expect(r.reasons[0]!.params!.capEnd).toBe('2026-03-03T08:00:00.000Z');
    }
  });
});

describe('3-day court order', () => {
  it('accepts 71 h', () => expect(order('court_order', { unit: 'hours', value: 71 }).ok).toBe(true));
  it('accepts 72 h', () => expect(order('court_order', { unit: 'hours', value: 72 }).ok).toBe(true));
  it('refuses 73 h', () => {
    const r = order('court_order', { unit: 'hours', value: 73 });
    expect(r.ok).toBe(false);
  });
});

describe('up to 6 months, term set by the decision', () => {
  it('requires the term', () => {
    const r = order('expulsion_evasion');
    expect(!r.ok && r.reasons[0]!.code).toBe('order.term_required');
  });
  it('accepts 6 calendar months and refuses 6 months and a day', () => {
    const six = order('expulsion_evasion', { unit: 'months', value: 6 });
    expect(six.ok && six.value.expiresAt).toBe('2026-09-02T08:00:00.000Z');
    expect(order('expulsion_evasion', { unit: 'months', value: 7 }).ok).toBe(false);
    expect(order('expulsion_evasion', { unit: 'until', value: '2026-09-03T08:00:00.000Z' }).ok).toBe(false);
  });
  it('counts months in the centre’s zone and clamps to month end (31 Aug + 6 months = 28 Feb)', () => {
    // 31 Aug 10:00 in Baku is 06:00 UTC.
    expect(addCalendarMonths('2026-08-31T06:00:00.000Z', 6, TZ)).toBe('2027-02-28T06:00:00.000Z');
    // In a leap year the clamp lands on 29 Feb.
    expect(addCalendarMonths('2027-08-31T06:00:00.000Z', 6, TZ)).toBe('2028-02-29T06:00:00.000Z');
    // 31 Mar + 6 months = 30 Sep, never 1 Oct.
    expect(addCalendarMonths('2026-03-31T06:00:00.000Z', 6, TZ)).toBe('2026-09-30T06:00:00.000Z');
  });
  it('uses the local date, not the UTC one, near midnight', () => {
    // 1 Mar 02:00 in Baku is 28 Feb 22:00 UTC: six local months later is 1 Sep 02:00 local.
    expect(addCalendarMonths('2026-02-28T22:00:00.000Z', 6, TZ)).toBe('2026-08-31T22:00:00.000Z');
  });
  it('keeps the wall-clock time across a DST change', () => {
    // Berlin: 1 Mar 12:00 CET (11:00Z) + 6 months = 1 Sep 12:00 CEST (10:00Z).
    expect(addCalendarMonths('2026-03-01T11:00:00.000Z', 6, 'Europe/Berlin')).toBe('2026-09-01T10:00:00.000Z');
  });
  it('caps consecutive orders at 6 months in total', () => {
    const first = { basis: 'expulsion_evasion', startsAt: start, expiresAt: termEnd(start, { unit: 'months', value: 4 }, TZ) };
    const ok = computeOrder(profile, { basis: 'expulsion_evasion', startsAt: first.expiresAt, term: { unit: 'months', value: 2 } }, TZ);
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(checkTotalCap(profile, [first], ok.value, TZ)).toEqual([]);
    const over = computeOrder(profile, { basis: 'expulsion_evasion', startsAt: first.expiresAt, term: { unit: 'months', value: 3 } }, TZ);
    expect(over.ok).toBe(true);
    if (over.ok) expect(checkTotalCap(profile, [first], over.value, TZ).map((r) => r.code)).toEqual(['order.total_over_cap']);
  });
});

it('refuses an unknown basis and a term that ends before it starts', () => {
  expect(!order('detention_at_will').ok).toBe(true);
  const r = order('court_order', { unit: 'until', value: '2026-03-01T00:00:00.000Z' });
  expect(!r.ok && r.reasons.map((x) => x.code)).toEqual(['order.term_not_positive']);
});

describe('the 6-month total cannot be restarted', () => {
  const six = { basis: 'expulsion_evasion', startsAt: start, expiresAt: termEnd(start, { unit: 'months', value: 6 }, TZ) };
  const next = (startsAt: string, months: number) => {
    const r = computeOrder(profile, { basis: 'expulsion_evasion', startsAt, term: { unit: 'months', value: months } }, TZ);
    if (!r.ok) throw new Error('unexpected');
    return r.value;
  };
  it('by an order on another basis in between', () => {
    const service = { basis: 'service_order', startsAt: six.expiresAt, expiresAt: termEnd(six.expiresAt, { unit: 'hours', value: 24 }, TZ) };
    expect(checkTotalCap(profile, [six, service], next(service.expiresAt, 6), TZ).map((r) => r.code)).toEqual(['order.total_over_cap']);
  });
  it('by a gap between orders', () => {
    const later = new Date(Date.parse(six.expiresAt) + 60_000).toISOString();
    expect(checkTotalCap(profile, [six], next(later, 1), TZ).map((r) => r.code)).toEqual(['order.total_over_cap']);
  });
});

describe('linkedPlacements', () => {
  const H = 3_600_000;
  const stay = (kind: string, admittedH: number, endedH: number | null) => ({ kind, admittedMs: admittedH * H, endedMs: endedH === null ? null : endedH * H });

  it('follows back the forced stays each ended within the window before the next began', () => {
    const a = stay('forced', 0, 100);
    const b = stay('forced', 101, 200);
    const c = stay('forced', 210, 300);
    expect(linkedPlacements([c, b, a], 302 * H, 24 * H)).toEqual([c, b, a]);
    // More than the window between b and c: the chain stops at c.
    expect(linkedPlacements([c, b, a], 302 * H, 5 * H)).toEqual([c]);
  });

  it('stops at a voluntary stay, an open one, or one that ended after the new one began', () => {
    expect(linkedPlacements([stay('voluntary', 0, 100)], 101 * H, 24 * H)).toEqual([]);
    expect(linkedPlacements([stay('forced', 0, null)], 101 * H, 24 * H)).toEqual([]);
    expect(linkedPlacements([stay('forced', 0, 102)], 101 * H, 24 * H)).toEqual([]);
    expect(linkedPlacements([stay('forced', 0, 101)], 101 * H, 24 * H)).toHaveLength(1);
  });
});
