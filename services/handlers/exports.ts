// The centre's side of HQ slices (DESIGN §4: "HQ export is entries after the last one HQ
// acknowledged"): where the next slice starts, and recording HQ's receipt. The slices themselves are
// made by the `export` job (bundle/node/job.ts).

import type { ExportsStatus } from '../../domain/api/outputs-exports.ts';
import { reason } from '../../domain/reasons.ts';
import { journalHead } from '../../db/journal/writer.ts';
import { lastHqAcknowledgement } from '../../db/queries/exports.ts';
import { refused } from '../errors.ts';
import type { Handlers } from './types.ts';

export const exportHandlers: Handlers<'exports.status' | 'exports.acknowledgeHq'> = {
  'exports.status': (ctx) => {
    const centre = ctx.db.prepare('SELECT centre_id, name, key_fingerprint FROM centre').get() as { centre_id: string; name: string; key_fingerprint: string } | undefined;
    if (!centre) throw refused(reason('centre.not_configured'));
    const h = journalHead(ctx.db);
    const ack = lastHqAcknowledgement(ctx.db);
    const since = ack?.seq ?? 0;
    const status: ExportsStatus = {
      centreId: centre.centre_id,
      centreName: centre.name,
      keyFingerprint: centre.key_fingerprint,
      head: h,
      hqAcknowledged: ack,
      nextSliceSince: since,
      pendingEntries: Math.max(0, h.seq - since),
    };
    return status;
  },

  'exports.acknowledgeHq': (ctx, input) => {
    const centreId = ctx.centre.centreId;
    if (input.centreId !== centreId) {
      throw refused(reason('exports.hq_receipt_other_centre', 'centreId', { given: input.centreId, centreId }));
    }
    const h = journalHead(ctx.db);
    if (input.seq > h.seq) throw refused(reason('exports.hq_receipt_beyond_head', 'seq', { seq: input.seq, head: h.seq }));
    const ours = ctx.db.prepare('SELECT hash FROM journal WHERE seq = ?').pluck().get(input.seq) as string | undefined;
    if (ours !== input.hash) {
      // HQ holds a different entry at this seq than the journal does: one of the two was rewritten.
      throw refused(reason('exports.hq_receipt_hash_differs', 'hash', { seq: input.seq }));
    }
    const previous = lastHqAcknowledgement(ctx.db);
    if (previous && input.seq <= previous.seq) {
      throw refused(reason('exports.hq_receipt_not_newer', 'seq', { seq: input.seq, acknowledged: previous.seq }));
    }
    const entry = ctx.append('hq.acknowledged', { centreId, seq: input.seq, hash: input.hash, importedAt: input.importedAt ?? null }, { eventTime: ctx.now });
    return { seq: entry.seq, id: `HQ${input.seq}` };
  },
};
