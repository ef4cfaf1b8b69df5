// The comparison with the last visit's checkpoint, line by line, for reading: each difference that
// bundle/format/checkpoint.ts found (changed, removed, moved, inserted) with the entries it concerns
// then and now, and what today's journal holds at the new place (type, time, actor).

import type { CheckpointComparison, DifferenceKind } from '../../format/checkpoint.ts';
import type { BundleJournal } from '../../format/journal.ts';

export interface EntrySummary {
  seq: number;
  type: string;
  eventTime: string;
  actor: string;
}

export interface DifferenceLine {
  kind: DifferenceKind;
  /** Entries at the checkpoint: first and last seq (equal for one entry); null for an insertion. */
  then: [number, number] | null;
  /** Where they are now; null for a removal. */
  now: [number, number] | null;
  /** Today's entry at the first new place, if today's journal has it. */
  entryNow: EntrySummary | null;
}

export function entrySummary(journal: BundleJournal | null, seq: number | undefined): EntrySummary | null {
  if (seq === undefined || !journal || seq < journal.firstSeq || seq > journal.lastSeq) return null;
  const e = journal.bySeq(seq);
  return { seq, type: e.type, eventTime: e.eventTime, actor: e.actor };
}

export function differenceLines(c: CheckpointComparison, journal: BundleJournal | null): DifferenceLine[] {
  if (c.status !== 'diverged') return [];
  return c.differences.map((d) => {
    const run = Math.max(1, d.run ?? 1);
    return {
      kind: d.kind,
      then: d.seq === undefined ? null : [d.seq, d.seq + run - 1],
      now: d.newSeq === undefined || d.kind === 'removed' ? null : [d.newSeq, d.newSeq + run - 1],
      entryNow: d.kind === 'removed' ? null : entrySummary(journal, d.newSeq),
    };
  });
}
