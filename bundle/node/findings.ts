// The findings at export time, now and as the full audit, computed as the app computes them
// (loadFindingsInput + computeFindings). Ten years of history take seconds, so export runs this on a
// worker thread with its own read-only connection while the main thread reads the journal; the
// result is used only if the worker saw the same journal head (the same state), otherwise the
// findings are computed again on the export's own snapshot.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FindingsResult } from '../../domain/api/outputs.ts';
import { computeFindings, summariseFindings } from '../../domain/findings/engine.ts';
import type { LegalProfile } from '../../domain/profile/types.ts';
import type { Db } from '../../db/connection.ts';
import { loadFindingsInput } from '../../db/queries/findings-facts.ts';
import { Sql } from '../../db/sql.ts';
import type { FindingsSection } from '../format/sections.ts';

export interface FindingsRequest {
  dbPath: string;
  at: string;
  profileId: string;
  timeZone: string;
}

export interface FindingsAnswer {
  headSeq: number;
  findings: FindingsSection;
}

export function computeFindingsSection(db: Db, profile: LegalProfile, timeZone: string, at: string): FindingsSection {
  const sql = new Sql(db);
  const scope = { profile, timeZone };
  const result = (mode: 'current' | 'history'): FindingsResult => {
    const findings = computeFindings(loadFindingsInput(sql, scope, at, mode));
    return { at, mode, findings, ...summariseFindings(findings) };
  };
  return { current: result('current'), history: result('history') };
}

/**
 * Starts the computation on a worker thread whose entry is `entry` (findings-worker-entry.ts names
 * the one for running from source); resolves to null where that is not possible (an in-memory
 * database, no entry file) or fails: the caller then computes inline.
 */
export function findingsOnWorker(request: FindingsRequest, entry: string | URL): { answer: Promise<FindingsAnswer | null>; stop(): void } {
  const none = { answer: Promise.resolve(null), stop: () => {} };
  const path = typeof entry === 'string' ? entry : fileURLToPath(entry);
  if (!request.dbPath || request.dbPath === ':memory:' || !existsSync(request.dbPath) || !existsSync(path)) return none;
  let worker: Worker;
  try {
    worker = new Worker(path, { workerData: request });
  } catch {
    return none;
  }
  const answer = new Promise<FindingsAnswer | null>((resolve) => {
    worker.once('message', (a: FindingsAnswer) => resolve(a));
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
  return { answer, stop: () => void worker.terminate() };
}
