// The comparison with the last visit, line by line: each difference with the entries it concerns then
// and now, and what today's journal holds at the new place.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckpointComparison } from '../../format/checkpoint.ts';
import { createVariedCentre, type VariedCentre } from '../../../test/support/varied-centre.ts';
import { viewerDataOf } from '../../../test/support/viewer-data.ts';
import { differenceLines } from './compare.ts';
import type { ViewerData } from './data.ts';

let v: VariedCentre;
let data: ViewerData;
beforeAll(() => {
  v = createVariedCentre(1);
  data = viewerDataOf(v.c);
});
afterAll(() => v?.c.close());

describe('differences with a checkpoint, for reading', () => {
  it('names the entries then and now, and what is there now', () => {
    const c: CheckpointComparison = {
      status: 'diverged',
      checkpointSeq: 40,
      firstDifferentSeq: 20,
      counts: { changed: 1, removed: 1, moved: 3, inserted: 1 },
      differences: [
        { kind: 'changed', seq: 20, newSeq: 20 },
        { kind: 'removed', seq: 25 },
        { kind: 'moved', seq: 26, newSeq: 25, run: 3 },
        { kind: 'inserted', newSeq: 30 },
      ],
      truncated: false,
      savedAt: '2026-03-01T00:00:00.000Z',
    };
    const lines = differenceLines(c, data.journal);
    expect(lines.map((l) => [l.kind, l.then, l.now])).toEqual([
      ['changed', [20, 20], [20, 20]],
      ['removed', [25, 25], null],
      ['moved', [26, 28], [25, 27]],
      ['inserted', null, [30, 30]],
    ]);
    const twenty = data.journal!.bySeq(20);
    expect(lines[0]!.entryNow).toEqual({ seq: 20, type: twenty.type, eventTime: twenty.eventTime, actor: twenty.actor });
    expect(lines[1]!.entryNow).toBeNull();
  });

  it('has no lines when the journal extends the checkpoint', () => {
    expect(differenceLines({ status: 'extends', checkpointSeq: 5, newEntries: 3, savedAt: '' }, data.journal)).toEqual([]);
  });
});
