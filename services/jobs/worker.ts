// The worker thread that runs one job: its own database connection and service, the caller checked
// by that service, then the kind's function. Heavy work here never blocks the thread that serves
// the UI (the loopback server, or Electron's main process).
//
// Loaded by worker-tsx.mjs under Node, or bundled as dist/electron/job-worker.cjs for Electron.

import { parentPort, workerData } from 'node:worker_threads';
import { reason } from '../../domain/reasons.ts';
import { openDatabase, type Db } from '../../db/connection.ts';
import { openHqDatabase } from '../../db/hq/connection.ts';
import { ApiError } from '../errors.ts';
import { CentreService } from '../service.ts';
import './kinds.ts';
import { jobKind, type HqJobContext, type HqJobRun, type JobContext, type JobKind, type Progress } from './registry.ts';
import { JOB_STOPPED, type WorkerInput, type WorkerMessage } from './types.ts';

/** Progress is posted at most this often (the last report always goes out). */
const PROGRESS_INTERVAL_MS = 100;

function post(message: WorkerMessage): void {
  parentPort!.postMessage(message);
}

/** Checks the caller with the job's own service, as every API call is checked. */
function authorise(job: JobKind, service: CentreService, session: string | null): Pick<JobContext, 'account'> {
  if (job.access === 'before-setup') {
    if (service.call('centre.get', {}, null).configured) throw new ApiError('refused', [reason('centre.already_configured')]);
    return { account: null };
  }
  if (job.access === 'hq') throw new ApiError('forbidden', [reason('auth.forbidden', undefined, { method: `job ${job.kind}`, role: 'centre' })]);
  const account = service.call('accounts.me', {}, session ? { token: session } : null);
  const roles = job.access.roles;
  if (roles.length > 0 && !roles.includes(account.role)) {
    throw new ApiError('forbidden', [reason('auth.forbidden', undefined, { method: `job ${job.kind}`, role: account.role })]);
  }
  return { account };
}

function progressReporter(cancelled: () => boolean, abort: () => void, signal: AbortSignal): Progress {
  let last = -Infinity;
  return (done, total) => {
    if (cancelled()) {
      abort();
      signal.throwIfAborted();
    }
    const now = performance.now();
    if (done < total && now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    post({ type: 'progress', done, total });
  };
}

async function run(data: WorkerInput): Promise<void> {
  const flag = new Int32Array(data.cancel);
  const controller = new AbortController();
  const cancelled = () => controller.signal.aborted || Atomics.load(flag, 0) === 1;
  const abort = () => controller.abort(new DOMException('the job was cancelled', 'AbortError'));
  // An awaiting job hears the message; a busy one sees the shared flag at its next progress report.
  parentPort!.on('message', (m: { type?: string }) => {
    if (m?.type === 'cancel') abort();
  });
  parentPort!.unref();

  let db: Db | null = null;
  try {
    for (const module of data.modules) await import(/* @vite-ignore */ module);
    const job = jobKind(data.kind);
    if (!job) throw new ApiError('invalid_input', [reason('input.invalid', 'kind', { detail: `there is no job kind "${data.kind}"` })]);
    if (job.access === 'hq') {
      // HQ mode: HQ's database, no accounts (the runner only starts HQ jobs in an HQ server).
      if (!data.hq) throw new ApiError('invalid_input', [reason('input.invalid', 'kind', { detail: `the job kind "${data.kind}" runs in HQ mode only` })]);
      db = openHqDatabase(data.dbPath);
      const progress = progressReporter(cancelled, abort, controller.signal);
      const context: HqJobContext = { db, dbPath: data.dbPath, clock: () => Date.now() + data.clockOffsetMs, operator: data.hq.operator, storeWorker: data.hq.storeWorker ?? null, chunkWorker: data.hq.chunkWorker ?? null };
      const result = await (job.run as unknown as HqJobRun<unknown>)(data.input, progress, controller.signal, context);
      post({ type: 'done', result });
      return;
    }
    db = openDatabase(data.dbPath);
    const service = new CentreService(db, { clock: () => Date.now() + data.clockOffsetMs });
    const { account } = authorise(job, service, data.session);
    const progress = progressReporter(cancelled, abort, controller.signal);
    const result = await job.run(data.input, progress, controller.signal, { db, service, account, session: data.session });
    post({ type: 'done', result });
  } catch (err) {
    if (cancelled()) post({ type: 'cancelled' });
    else if (err instanceof ApiError) post({ type: 'failed', error: err.toJSON().error });
    else {
      console.error(err);
      post({ type: 'failed', error: JOB_STOPPED });
    }
  } finally {
    db?.close();
  }
}

void run(workerData as WorkerInput);
