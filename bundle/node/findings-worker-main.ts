// Runs on the findings worker thread (findings.ts): one read transaction, the journal head it saw,
// and the findings.

import { parentPort, workerData } from 'node:worker_threads';
import { profileById } from '../../domain/profile/az-default.ts';
import { openDatabase } from '../../db/connection.ts';
import { computeFindingsSection, type FindingsAnswer, type FindingsRequest } from './findings.ts';

const request = workerData as FindingsRequest;
const profile = profileById(request.profileId);
if (profile) {
  const db = openDatabase(request.dbPath, { readonly: true });
  try {
    db.exec('BEGIN');
    const headSeq = (db.prepare('SELECT coalesce(max(seq), 0) FROM journal').pluck().get() as number) ?? 0;
    const answer: FindingsAnswer = { headSeq, findings: computeFindingsSection(db, profile, request.timeZone, request.at) };
    db.exec('COMMIT');
    parentPort!.postMessage(answer);
  } finally {
    db.close();
  }
}
