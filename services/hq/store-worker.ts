// The thread that stores a large slice while the main thread is still verifying it (store-worker-
// client.ts). It holds HQ's write transaction from the start: entries go in chunk by chunk as their
// chain is checked; at the end the main thread says finish (head, read models, log: commit) or abort
// (rollback), so that a slice refused late changes nothing, exactly as one refused early.

import { parentPort, workerData } from 'node:worker_threads';
import type { HqReadModels } from '../../domain/hq/read-models.ts';
import { openHqDatabase } from '../../db/hq/connection.ts';
import { HqStore, type FindingCount, type HqCentreRow, type NewImport } from '../../db/hq/store.ts';

export type StoreRequest =
  | { type: 'begin'; centreId: string; held: number; keyFingerprint: string; publicKey: string; operator: string; at: string }
  | { type: 'entries'; firstSeq: number; count: number; raw: Uint8Array; starts: Uint32Array; ends: Uint32Array; digests: Uint8Array }
  | {
      type: 'finish';
      head: { name: string; timeZone: string; profileId: string; lateEntryHours: number | null; publicKey: string; headSeq: number; headHash: string; exportedAt: string; importedAt: string };
      models: HqReadModels;
      findings: FindingCount[];
      log: Omit<NewImport, 'centreNo'>;
    }
  | { type: 'abort' };

export type StoreReply = { type: 'ready' } | { type: 'changed' } | { type: 'done'; row: HqCentreRow } | { type: 'aborted' } | { type: 'error'; message: string };

function main(): void {
  const port = parentPort!;
  const db = openHqDatabase((workerData as { dbPath: string }).dbPath);
  const store = new HqStore(db);
  let centreNo = 0;
  let held = 0;
  /** A failure while storing entries (which get no answer): said at finish. */
  let failed: string | null = null;
  const reply = (r: StoreReply) => port.postMessage(r);
  const rollback = () => {
    if (db.inTransaction) db.exec('ROLLBACK');
  };
  port.on('message', (m: StoreRequest) => {
    try {
      switch (m.type) {
        case 'begin': {
          db.exec('BEGIN IMMEDIATE');
          let c = store.centre(m.centreId);
          if ((c?.head_seq ?? 0) !== m.held || (c && c.key_fingerprint !== m.keyFingerprint)) {
            rollback();
            failed = 'changed';
            reply({ type: 'changed' });
            return;
          }
          c ??= store.addCentre(m.centreId, m.publicKey, m.keyFingerprint, 'first_import', m.operator, m.at);
          centreNo = c.centre_no;
          held = m.held;
          reply({ type: 'ready' });
          return;
        }
        case 'entries': {
          if (failed !== null) return;
          // Entries HQ holds already (an overlapping slice) are skipped.
          store.insertEntries(centreNo, m.firstSeq, m.raw, m.starts, m.ends, m.digests, Math.max(0, Math.min(m.count, held - m.firstSeq + 1)), m.count);
          return;
        }
        case 'finish': {
          if (failed !== null) {
            rollback();
            reply(failed === 'changed' ? { type: 'changed' } : { type: 'error', message: failed });
            return;
          }
          if (!store.updateHead(centreNo, held, m.head)) {
            rollback();
            reply({ type: 'changed' });
            return;
          }
          store.replaceReadModels(centreNo, m.models, m.findings);
          store.logImport({ ...m.log, centreNo });
          const row = db.prepare('SELECT * FROM hq_centres WHERE centre_no = ?').get(centreNo) as HqCentreRow;
          db.exec('COMMIT');
          reply({ type: 'done', row });
          return;
        }
        case 'abort':
          rollback();
          reply({ type: 'aborted' });
          return;
      }
    } catch (err) {
      failed = err instanceof Error ? err.message : String(err);
      rollback();
      if (m.type !== 'entries') reply({ type: 'error', message: failed });
    }
  });
  port.once('close', () => db.close());
}

main();
