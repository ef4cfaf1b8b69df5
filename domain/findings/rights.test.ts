import { describe, expect, it } from 'vitest';
import { computeFindings } from './engine.ts';
import { h, hMs, input, placement } from './facts.ts';
import type { Finding, PlacementFacts } from './types.ts';

const rights = (fs: Finding[]) => fs.filter((f) => f.code === 'rights.missing' || f.code === 'rights.late');
const record = (right: PlacementFacts['rights'][number]['right'], at: string, state: 'offered' | 'exercised' | 'declined' = 'offered', seq = 500) => ({ right, atMs: Date.parse(at), state, seq });

describe('rights.missing and rights.late', () => {
  it('nothing is missing while the window is open; once it has closed, each unrecorded right is', () => {
    const p = placement({ rights: [] });
    expect(rights(computeFindings(input({ at: h(2), placements: [p] })))).toEqual([]);
    const at3 = rights(computeFindings(input({ at: h(3), placements: [p] })));
    expect(at3.map((f) => f.params['right']).sort()).toEqual(['information_on_rights', 'property_inventory']);
    expect(at3[0]).toMatchObject({ code: 'rights.missing', severity: 'high', from: h(2), to: null, params: { windowHours: 2 } });
    // After 24 hours, every right a forced placement requires.
    expect(rights(computeFindings(input({ at: h(25), placements: [p] })))).toHaveLength(8);
  });

  it('a voluntary placement owes fewer rights', () => {
    const p = placement({ kind: 'voluntary', orders: [], rights: [] });
    expect(rights(computeFindings(input({ at: h(25), placements: [p] }))).map((f) => f.params['right']).sort()).toEqual([
      'information_on_rights',
      'medical_examination',
      'property_inventory',
    ]);
  });

  it('recorded after the window: late, closed at the record, shown in the current state too', () => {
    const p = placement({
      rights: [record('information_on_rights', h(5), 'exercised', 42), record('property_inventory', h(1))],
    });
    const fs = rights(computeFindings(input({ at: h(6), placements: [p] })));
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({
      code: 'rights.late',
      severity: 'low',
      from: h(2),
      to: h(5),
      params: { right: 'information_on_rights', windowHours: 2, state: 'exercised', hoursLate: 3 },
    });
    expect(fs[0]!.evidence).toContain(42);
  });

  it('declining is a record: consular contact is the person’s choice', () => {
    const p = placement({ rights: placement().rights.map((r) => (r.right === 'consular_notification' ? { ...r, state: 'declined' as const } : r)) });
    expect(rights(computeFindings(input({ at: h(30), placements: [p] })))).toEqual([]);
  });

  it('a record after the instant of the check is not a fact yet', () => {
    const p = placement({ rights: [record('property_inventory', h(1)), record('information_on_rights', h(5))] });
    const fs = rights(computeFindings(input({ at: h(4), placements: [p] })));
    expect(fs.map((f) => [f.code, f.params['right']])).toEqual([['rights.missing', 'information_on_rights']]);
  });

  it('history: a stay that ended before the window closed owes nothing; one that ended after it closes the finding', () => {
    const short = placement({ rights: [], endedMs: hMs(1), endSeq: 9 });
    expect(rights(computeFindings(input({ mode: 'history', at: h(50), placements: [short] })))).toEqual([]);
    const longer = placement({ rights: [], endedMs: hMs(10), endSeq: 9 });
    const fs = rights(computeFindings(input({ mode: 'history', at: h(50), placements: [longer] })));
    expect(fs.map((f) => f.params['right']).sort()).toEqual(['information_on_rights', 'property_inventory']);
    expect(fs[0]).toMatchObject({ from: h(2), to: h(10) });
    expect(fs[0]!.evidence).toEqual(expect.arrayContaining([longer.seq, 9]));
  });

  it('windows count from admission', () => {
    const later = placement({ admittedMs: hMs(10), rights: [] });
    expect(rights(computeFindings(input({ at: h(11), placements: [later] })))).toEqual([]);
    expect(rights(computeFindings(input({ at: h(12.5), placements: [later] })))[0]!.from).toBe(h(12));
  });
});
