import type { Instant } from '../time.ts';
import type { JournalHead } from './outputs.ts';

/** The last acknowledgement HQ gave, as the centre recorded it. */
export interface HqAcknowledgementView {
  /** The last entry HQ holds. */
  seq: number;
  hash: string;
  importedAt: Instant | null;
  /** When it was recorded here, and by whom (the journal entry). */
  at: Instant;
  by: string;
  entrySeq: number;
}

export interface ExportsStatus {
  centreId: string;
  centreName: string;
  keyFingerprint: string;
  head: JournalHead;
  hqAcknowledged: HqAcknowledgementView | null;
  /** Where the next HQ slice starts: after the acknowledged entry (0 before any acknowledgement). */
  nextSliceSince: number;
  /** Entries HQ does not yet hold. */
  pendingEntries: number;
}
