// `centre journal verify`: recompute the whole hash chain from a read-only handle.

import { verifyJournal } from '../../../db/journal/writer.ts';
import type { VerifyResult } from '../../../domain/api/outputs.ts';
import type { Invocation } from '../args.ts';
import type { Io } from '../io.ts';
import { openCentreDb, requireDatabaseFile, withDb } from './open.ts';

const PROBLEMS: Record<NonNullable<VerifyResult['firstBad']>['problem'], string> = {
  hash_mismatch: 'its hash does not match its contents (the entry was changed after it was written)',
  prev_hash_mismatch: 'it does not point at the hash of the entry before it',
  gap: 'entries are missing before it',
  out_of_order: 'it is out of sequence',
};

export async function journalVerify(inv: Invocation, io: Io): Promise<number> {
  requireDatabaseFile(inv.db);
  return withDb(openCentreDb(inv.db, { readonly: true }), (db) => {
    const result = verifyJournal(db);
    if (result.firstBad) {
      const { seq, problem } = result.firstBad;
      io.stderr.write(`journal broken at seq ${seq}: ${problem}: ${PROBLEMS[problem] ?? problem}\n`);
      return 1;
    }
    io.stdout.write(`journal intact: ${result.entries} entries, head seq ${result.head.seq} hash ${result.head.hash}\n`);
    return 0;
  });
}
