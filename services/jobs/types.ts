// What a job looks like from outside (HTTP, IPC, the renderer: domain/api/bridge.ts, re-exported
// here) and what its worker thread says to the thread that started it. Everything here crosses a
// thread boundary (structured clone) or a transport (JSON), so it is plain data.

import type { ApiErrorBody, JobError } from '../../domain/api/bridge.ts';
import { reason } from '../../domain/reasons.ts';

export type { JobError, JobState, JobStatus } from '../../domain/api/bridge.ts';

/** Sent from the worker thread to the runner. */
export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; error: ApiErrorBody }
  | { type: 'cancelled' };

/** The worker's `workerData`. */
export interface WorkerInput {
  kind: string;
  /** Already parsed by the kind's schema in the starting thread. */
  input: unknown;
  session: string | null;
  dbPath: string;
  /** The starting thread's clock minus the system clock, so the job's clock runs on from the server's. */
  clockOffsetMs: number;
  /** Extra modules that register job kinds (tests); imported before the job runs. */
  modules: string[];
  /** One Int32: set to 1 when the job is cancelled, readable even while the job keeps the thread busy. */
  cancel: SharedArrayBuffer;
  /** HQ mode: dbPath is HQ's database, who works at HQ's workstation, the store thread's entry. */
  hq?: { operator: string; storeWorker?: string; chunkWorker?: string };
}

/** A job that ended on an unexpected error (logged where it happened), or whose thread died. */
export const JOB_STOPPED: ApiErrorBody = { kind: 'internal', message: 'internal error: the job stopped', reasons: [reason('api.internal')] };

export function jobError(body: ApiErrorBody): JobError {
  const first = body.reasons[0];
  const error: JobError = { ...body, code: first?.code ?? body.kind };
  if (first?.params) error.params = first.params;
  return error;
}
