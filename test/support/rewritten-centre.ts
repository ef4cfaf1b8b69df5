// A centre that rewrote its own history: a copy of a database whose journal is `edit(entries)`,
// re-chained and re-projected, with the same signing key and medical notes. Its bundles are intact on
// their own; only a checkpoint from before the rewrite shows what changed. (As in
// bundle/node/checkpoint.test.ts, for the viewer's tests.)

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db/connection.ts';
import { JournalWriter, readEntries, type NewEntry } from '../../db/journal/writer.ts';
import { Projector } from '../../db/projections/projector.ts';

export function rewrittenCentre(src: Db, edit: (entries: NewEntry[]) => NewEntry[]): { db: Db; close(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'centre-rewritten-'));
  const db = openDatabase(join(dir, 'centre.db'));
  const entries = [...readEntries(src)].map(({ eventTime, recordedTime, actor, type, corrects, payload }) => ({ eventTime, recordedTime, actor, type, corrects, payload }));
  const writer = new JournalWriter(db);
  const projector = new Projector(db);
  db.transaction(() => {
    writer.begin();
    for (const e of edit(entries)) {
      const entry = writer.append(e);
      projector.apply(entry, JSON.parse(entry.payload));
    }
    const keys = src.prepare('SELECT public_key, private_seed FROM centre_keys').get() as { public_key: string; private_seed: string };
    db.prepare('INSERT INTO centre_keys (singleton, public_key, private_seed) VALUES (1, ?, ?)').run(keys.public_key, keys.private_seed);
    for (const n of src.prepare('SELECT ref, salt, text FROM medical_notes').all() as { ref: string; salt: string; text: string }[]) {
      db.prepare('INSERT INTO medical_notes (ref, salt, text) VALUES (?, ?, ?)').run(n.ref, n.salt, n.text);
    }
  })();
  return {
    db,
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The seq (1-based) of the first entry whose payload holds `text`. */
export function seqOf(entries: readonly NewEntry[], text: string): number {
  return entries.findIndex((e) => e.payload.includes(text)) + 1;
}
