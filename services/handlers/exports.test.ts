// The centre's side of HQ slices: where the next slice starts, and HQ's receipt recorded only when it
// names an entry of this very journal, newer than the last one recorded.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCentre, ROLE_USERS, type TestCentre } from '../../test/support/harness.ts';

let c: TestCentre;
beforeEach(() => {
  c = createTestCentre();
  for (let i = 0; i < 3; i++) c.call('persons.register', { familyName: `Ack${i}`, givenNames: 'Test', sex: 'male', birthDate: '1990-01-01', status: 'irregular_migrant' });
});
afterEach(() => c.close());

const head = () => c.call('journal.head', {}, ROLE_USERS.head);
const centreId = () => c.db.prepare('SELECT centre_id FROM centre').pluck().get() as string;
const hashAt = (seq: number) => c.db.prepare('SELECT hash FROM journal WHERE seq = ?').pluck().get(seq) as string;

describe('exports.status and exports.acknowledgeHq', () => {
  it('start HQ slices at the beginning until HQ acknowledges, then after the acknowledged entry', () => {
    expect(c.call('exports.status', {}, ROLE_USERS.inspector)).toMatchObject({ centreId: centreId(), head: head(), hqAcknowledged: null, nextSliceSince: 0, pendingEntries: head().seq });
    const seq = head().seq - 1;
    const r = c.call('exports.acknowledgeHq', { centreId: centreId(), seq, hash: hashAt(seq), importedAt: '2026-03-02T07:00:00Z' }, ROLE_USERS.head);
    const entry = c.db.prepare('SELECT type, actor, payload FROM journal WHERE seq = ?').get(r.seq) as { type: string; actor: string; payload: string };
    expect(entry).toMatchObject({ type: 'hq.acknowledged', actor: 'head' });
    expect(JSON.parse(entry.payload)).toEqual({ centreId: centreId(), seq, hash: hashAt(seq), importedAt: '2026-03-02T07:00:00.000Z' });
    expect(c.call('exports.status', {}, ROLE_USERS.registrar)).toMatchObject({
      hqAcknowledged: { seq, hash: hashAt(seq), importedAt: '2026-03-02T07:00:00.000Z', by: 'head', entrySeq: r.seq },
      nextSliceSince: seq,
      pendingEntries: 2,
    });
  });

  it('refuse a receipt of another centre, beyond the head, with another hash, or not newer, changing nothing', () => {
    const seq = head().seq;
    const cases: [unknown, string][] = [
      [{ centreId: 'another-centre', seq, hash: hashAt(seq) }, 'exports.hq_receipt_other_centre'],
      [{ centreId: centreId(), seq: seq + 1, hash: hashAt(seq) }, 'exports.hq_receipt_beyond_head'],
      [{ centreId: centreId(), seq, hash: hashAt(seq - 1) }, 'exports.hq_receipt_hash_differs'],
    ];
    for (const [input, code] of cases) expect(c.refuse('exports.acknowledgeHq', input, ROLE_USERS.head).reasons[0]!.code).toBe(code);
    expect(head().seq).toBe(seq);
    c.call('exports.acknowledgeHq', { centreId: centreId(), seq, hash: hashAt(seq) }, ROLE_USERS.head);
    const after = head().seq;
    expect(c.refuse('exports.acknowledgeHq', { centreId: centreId(), seq, hash: hashAt(seq) }, ROLE_USERS.head).reasons[0]).toMatchObject({ code: 'exports.hq_receipt_not_newer', params: { seq, acknowledged: seq } });
    expect(c.refuse('exports.acknowledgeHq', { centreId: centreId(), seq: 2, hash: hashAt(2) }, ROLE_USERS.head).reasons[0]!.code).toBe('exports.hq_receipt_not_newer');
    expect(head().seq).toBe(after);
  });

  it('are for the head of centre (acknowledge) and those who export (status)', () => {
    const seq = head().seq;
    expect(c.refuse('exports.acknowledgeHq', { centreId: centreId(), seq, hash: hashAt(seq) }, ROLE_USERS.registrar).kind).toBe('forbidden');
    expect(c.refuse('exports.status', {}, ROLE_USERS.duty).kind).toBe('forbidden');
    expect(c.refuse('exports.acknowledgeHq', { centreId: centreId(), seq, hash: 'x' }, ROLE_USERS.head).kind).toBe('invalid_input');
  });
});
