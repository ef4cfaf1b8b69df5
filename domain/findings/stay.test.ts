import { describe, expect, it } from 'vitest';
import { azDefaultProfile } from '../profile/az-default.ts';
import { addCalendarMonths, addHours, toMs } from '../time.ts';
import { computeFindings } from './engine.ts';
import { h, hMs, input, order, person, placement, T0, ZONE } from './facts.ts';
import type { Finding, FindingCode } from './types.ts';

const STAY_CODES: FindingCode[] = ['stay.exceeded', 'stay.near_limit', 'order.gap', 'order.chained'];
const stay = (fs: Finding[]) => fs.filter((f) => STAY_CODES.includes(f.code));
const one = (fs: Finding[], code: FindingCode) => {
  const matching = fs.filter((f) => f.code === code);
  expect(matching).toHaveLength(1);
  return matching[0]!;
};

describe('stay.exceeded and stay.near_limit', () => {
  it('a 24-hour order: warned from 20 h, not exceeded at 23:59, exceeded at 24:01', () => {
    const p = placement();
    expect(stay(computeFindings(input({ at: h(19.99), placements: [p] })))).toEqual([]);

    const at2359 = stay(computeFindings(input({ at: h(23 + 59 / 60), placements: [p] })));
    expect(at2359.map((f) => f.code)).toEqual(['stay.near_limit']);
    expect(at2359[0]).toMatchObject({
      severity: 'medium',
      from: h(20),
      to: null,
      personIds: [p.personId],
      placementIds: [p.placementId],
      params: { basis: 'service_order', deadline: h(24), hoursLeft: 0 },
    });
    expect(at2359[0]!.evidence).toEqual([p.seq, p.orders[0]!.seq]);

    const at2401 = stay(computeFindings(input({ at: h(24 + 1 / 60), placements: [p] })));
    expect(at2401.map((f) => f.code)).toEqual(['stay.exceeded']);
    expect(at2401[0]).toMatchObject({
      severity: 'critical',
      from: h(24),
      to: null,
      params: { basis: 'service_order', deadline: h(24), hoursOver: 0 },
    });
  });

  it('at the deadline instant itself the person is not yet held past it', () => {
    const fs = stay(computeFindings(input({ at: h(24), placements: [placement()] })));
    expect(fs.map((f) => f.code)).toEqual(['stay.near_limit']);
    expect(fs[0]!.params['hoursLeft']).toBe(0);
  });

  it('a 72-hour court order: warned at 71 h, exceeded by 1 hour at 73 h', () => {
    const p = placement({ orders: [order({ basis: 'court_order', expiresMs: hMs(72) })] });
    const at71 = stay(computeFindings(input({ at: h(71), placements: [p] })));
    expect(at71.map((f) => f.code)).toEqual(['stay.near_limit']);
    expect(at71[0]).toMatchObject({ from: h(60), params: { basis: 'court_order', hoursLeft: 1 } });

    const at73 = one(computeFindings(input({ at: h(73), placements: [p] })), 'stay.exceeded');
    expect(at73).toMatchObject({ from: h(72), to: null, params: { basis: 'court_order', deadline: h(72), hoursOver: 1 } });
  });

  it('the deadline is the latest expiry of the orders in force', () => {
    const p = placement({
      orders: [order({ startsMs: hMs(0), expiresMs: hMs(24) }), order({ basis: 'court_order', startsMs: hMs(20), expiresMs: hMs(92) })],
    });
    expect(stay(computeFindings(input({ at: h(30), placements: [p] })))).toEqual([]);
  });

  it('a warning period in months is counted back on the calendar', () => {
    const profile = {
      ...azDefaultProfile,
      bases: azDefaultProfile.bases.map((b) =>
        b.id === 'expulsion_evasion' ? { ...b, warnBefore: { unit: 'months' as const, value: 1 } } : b,
      ),
    };
    const deadline = addCalendarMonths(T0, 6, ZONE);
    const warnFrom = addCalendarMonths(deadline, -1, ZONE);
    const p = placement({ orders: [order({ basis: 'expulsion_evasion', expiresMs: toMs(deadline) })] });
    expect(stay(computeFindings(input({ profile, at: addHours(warnFrom, -1), placements: [p] })))).toEqual([]);
    const f = one(computeFindings(input({ profile, at: warnFrom, placements: [p] })), 'stay.near_limit');
    expect(f.from).toBe(warnFrom);
  });

  it('a forced placement without any order is held unlawfully from admission', () => {
    const p = placement({ orders: [] });
    const f = one(computeFindings(input({ at: h(2), placements: [p] })), 'stay.exceeded');
    expect(f).toMatchObject({ from: T0, to: null, params: { basis: null, deadline: null, hoursOver: 2 } });
  });

  it('history: held 5 hours past the deadline, then released', () => {
    const p = placement({ endedMs: hMs(29), endSeq: 77 });
    const f = one(computeFindings(input({ mode: 'history', at: h(100), placements: [p] })), 'stay.exceeded');
    expect(f).toMatchObject({ from: h(24), to: h(29), params: { deadline: h(24), hoursOver: 5 } });
    expect(f.evidence).toEqual([p.seq, p.orders[0]!.seq, 77].sort((a, b) => a - b));
    // Released in time: nothing in the audit.
    const onTime = placement({ endedMs: hMs(23) });
    expect(stay(computeFindings(input({ mode: 'history', at: h(100), placements: [onTime] })))).toEqual([]);
    // Not present any more: nothing in the current state.
    expect(computeFindings(input({ at: h(100), placements: [p] }))).toEqual([]);
  });

  it('a voluntary placement has no deadline', () => {
    const p = placement({ kind: 'voluntary', orders: [] });
    expect(stay(computeFindings(input({ at: h(500), placements: [p] })))).toEqual([]);
  });

  it('an order that starts after the instant of the check does not count', () => {
    const p = placement({ orders: [order({ startsMs: hMs(0) }), order({ startsMs: hMs(26), expiresMs: hMs(50) })] });
    const fs = stay(computeFindings(input({ at: h(25), placements: [p] })));
    expect(fs.map((f) => f.code)).toEqual(['stay.exceeded']);
    expect(fs[0]!.from).toBe(h(24));
  });
});

describe('order.gap', () => {
  it('a stretch between two orders is a gap, closed by the later order', () => {
    const first = order({ startsMs: hMs(0), expiresMs: hMs(24) });
    const second = order({ basis: 'court_order', startsMs: hMs(30), expiresMs: hMs(102) });
    const p = placement({ orders: [first, second] });
    const fs = stay(computeFindings(input({ at: h(31), placements: [p] })));
    expect(fs.map((f) => f.code)).toEqual(['order.gap']);
    expect(fs[0]).toMatchObject({
      severity: 'high',
      from: h(24),
      to: h(30),
      params: { hours: 6, previousBasis: 'service_order', basis: 'court_order' },
    });
    expect(fs[0]!.evidence).toEqual([p.seq, first.seq, second.seq].sort((a, b) => a - b));
  });

  it('a first order starting after admission leaves a gap from admission', () => {
    const p = placement({ orders: [order({ startsMs: hMs(2), expiresMs: hMs(26) })] });
    const f = one(computeFindings(input({ at: h(3), placements: [p] })), 'order.gap');
    expect(f).toMatchObject({ from: T0, to: h(2), params: { hours: 2, previousBasis: null } });
  });

  it('gaps under a minute are clerical, not findings', () => {
    const p = placement({
      orders: [order({ startsMs: hMs(0), expiresMs: hMs(24) }), order({ basis: 'court_order', startsMs: toMs(addHours(h(24), 30 / 3600)), expiresMs: hMs(96) })],
    });
    expect(stay(computeFindings(input({ at: h(25), placements: [p] })))).toEqual([]);
  });

  it('the open stretch after the last order is stay.exceeded, not a gap', () => {
    const p = placement({ orders: [order({ startsMs: hMs(0), expiresMs: hMs(24) })] });
    expect(stay(computeFindings(input({ at: h(30), placements: [p] }))).map((f) => f.code)).toEqual(['stay.exceeded']);
  });
});

describe('order.chained', () => {
  it('a second consecutive service order is a chain beyond the limit of one', () => {
    const first = order({ startsMs: hMs(0), expiresMs: hMs(24) });
    const second = order({ startsMs: hMs(24), expiresMs: hMs(48) });
    const p = placement({ orders: [first, second] });
    const f = one(computeFindings(input({ at: h(30), placements: [p] })), 'order.chained');
    expect(f).toMatchObject({
      severity: 'high',
      from: h(24),
      to: null,
      params: { basis: 'service_order', orders: 2, maxChainedOrders: 1 },
    });
    expect(f.evidence).toEqual(expect.arrayContaining([first.seq, second.seq]));

    // The audit closes it when the chain's cover ends with the release.
    const ended = { ...p, endedMs: hMs(40) };
    const closed = one(computeFindings(input({ mode: 'history', at: h(60), placements: [ended] })), 'order.chained');
    expect(closed).toMatchObject({ from: h(24), to: h(40) });
  });

  it('orders on different bases, or on a basis without a chain limit, are not a chain', () => {
    const mixed = placement({
      orders: [order({ startsMs: hMs(0), expiresMs: hMs(24) }), order({ basis: 'court_order', startsMs: hMs(24), expiresMs: hMs(96) })],
    });
    const expulsion = placement({
      orders: [
        order({ basis: 'expulsion_evasion', startsMs: hMs(0), expiresMs: hMs(300) }),
        order({ basis: 'expulsion_evasion', startsMs: hMs(30), expiresMs: hMs(400) }),
      ],
    });
    expect(stay(computeFindings(input({ at: h(50), placements: [mixed, expulsion] })))).toEqual([]);
  });

  it('short orders taking turns are a chain: a Service order after a court order that followed one', () => {
    const orders = [
      order({ startsMs: hMs(0), expiresMs: hMs(24) }),
      order({ basis: 'court_order', startsMs: hMs(24), expiresMs: hMs(96) }),
      order({ startsMs: hMs(96), expiresMs: hMs(120) }),
      order({ basis: 'court_order', startsMs: hMs(120), expiresMs: hMs(192) }),
    ];
    const p = placement({ orders });
    const found = computeFindings(input({ at: h(150), placements: [p] })).filter((f) => f.code === 'order.chained');
    expect(found.map((f) => [f.params.basis, f.params.orders, f.from])).toEqual([
      ['service_order', 2, h(96)],
      ['court_order', 2, h(120)],
    ]);
    expect(found[0]!.evidence).toEqual(expect.arrayContaining(orders.map((o) => o.seq)));
    // Before the third order started, the Service order and the court's were the usual pair.
    expect(computeFindings(input({ at: h(90), placements: [{ ...p, orders: orders.slice(0, 2) }] })).filter((f) => f.code === 'order.chained')).toEqual([]);
  });

  it('a release on paper does not break a chain: a new stay on a new Service order at once continues it', () => {
    const who = person({ personId: 'p-daily' });
    const stay = (id: string, fromH: number, toH: number | null) =>
      placement({ placementId: id, person: who, admittedMs: hMs(fromH), endedMs: toH === null ? null : hMs(toH), orders: [order({ startsMs: hMs(fromH), expiresMs: hMs(fromH + 24) })] });
    const stays = [stay('a', 0, 23), stay('b', 23.5, 46), stay('c', 47, null)];
    const chained = (mode: 'current' | 'history') =>
      computeFindings(input({ mode, at: h(50), placements: stays })).filter((f) => f.code === 'order.chained');
    const audit = chained('history');
    expect(audit.map((f) => [f.placementIds[0], f.from, f.params.orders])).toEqual([
      ['b', h(23.5), 2],
      ['c', h(47), 3],
    ]);
    expect(chained('current').map((f) => f.placementIds[0])).toEqual(['c']);
    // Readmitted more than the profile's 24 hours after the release: a new detention, counted on its own.
    const later = [stay('a', 0, 23), stay('d', 48, null)];
    expect(computeFindings(input({ mode: 'history', at: h(60), placements: later })).filter((f) => f.code === 'order.chained')).toEqual([]);
  });

  it('a gap breaks a chain (the gap is its own finding)', () => {
    const p = placement({ orders: [order({ startsMs: hMs(0), expiresMs: hMs(24) }), order({ startsMs: hMs(26), expiresMs: hMs(50) })] });
    expect(stay(computeFindings(input({ at: h(30), placements: [p] }))).map((f) => f.code)).toEqual(['order.gap']);
  });
});
