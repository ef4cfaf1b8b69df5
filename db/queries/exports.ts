// Reads for the centre's side of HQ slices: HQ's last acknowledgement (hq_acknowledgements, projected
// from `hq.acknowledged` entries).

import type { HqAcknowledgementView } from '../../domain/api/outputs-exports.ts';
import type { Db } from '../connection.ts';

/** HQ's last acknowledgement recorded in this centre's journal, or null. */
export function lastHqAcknowledgement(db: Db): HqAcknowledgementView | null {
  const row = db.prepare('SELECT seq, acked_seq, acked_hash, imported_at, at, actor FROM hq_acknowledgements ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; acked_seq: number; acked_hash: string; imported_at: string | null; at: string; actor: string }
    | undefined;
  return row ? { seq: row.acked_seq, hash: row.acked_hash, importedAt: row.imported_at, at: row.at, by: row.actor, entrySeq: row.seq } : null;
}
