// Starts jobs in worker threads and keeps their status for the client to poll. Lives in the thread
// that serves the UI; does no heavy work itself.

import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { reason } from '../../domain/reasons.ts';
import { systemClock, type Clock } from '../../domain/time.ts';
import { ApiError } from '../errors.ts';
import { zodReasons } from '../service.ts';
import './kinds.ts';
import { jobKind, jobKindNames } from './registry.ts';
import { JOB_STOPPED, jobError, type JobStatus, type WorkerInput, type WorkerMessage } from './types.ts';

export interface JobRunnerOptions {
  /** The database file; each job opens its own connection to it. */
  dbPath: string;
  /** The worker's entry: services/jobs/worker-tsx.mjs under Node, dist/electron/job-worker.cjs in Electron. */
  workerFile: string | URL;
  clock?: Clock;
  /** Modules the worker imports first, which register more kinds (tests). */
  modules?: string[];
  /** How long a cancelled job may take to stop by itself before its thread is terminated. */
  cancelGraceMs?: number;
  /** How long a finished job's status can still be read. */
  keepFinishedMs?: number;
  /** HQ mode: only HQ jobs run, on HQ's database (dbPath), without sessions. */
  hq?: { operator: string; storeWorker?: string; chunkWorker?: string };
}

interface Entry {
  status: JobStatus;
  session: string;
  worker: Worker;
  cancel: Int32Array;
  /** Resolves once the worker thread has exited. */
  exited: Promise<void>;
  finishedAt: number | null;
}

const SESSION_MAX = 200;

export class JobRunner {
  private readonly jobs = new Map<string, Entry>();
  private readonly clock: Clock;
  private readonly cancelGraceMs: number;
  private readonly keepFinishedMs: number;

  constructor(private readonly options: JobRunnerOptions) {
    this.clock = options.clock ?? systemClock;
    this.cancelGraceMs = options.cancelGraceMs ?? 3000;
    this.keepFinishedMs = options.keepFinishedMs ?? 15 * 60_000;
  }

  /** Starts a job; refuses at once an unknown kind, a bad input, a missing session or a busy kind. */
  start(kind: string, input: unknown, session: string | null): JobStatus {
    this.forgetOld();
    const job = jobKind(kind);
    if (!job) {
      const known = jobKindNames().join(', ') || 'none';
      throw new ApiError('invalid_input', [reason('input.invalid', 'kind', { detail: `there is no job kind "${kind}" (known: ${known})` })]);
    }
    if ((job.access === 'hq') !== (this.options.hq !== undefined)) {
      throw new ApiError('invalid_input', [reason('input.invalid', 'kind', { detail: `the job kind "${kind}" belongs to ${job.access === 'hq' ? 'HQ mode' : 'a centre'}, not here` })]);
    }
    const parsed = job.input.safeParse(input ?? {});
    if (!parsed.success) throw new ApiError('invalid_input', zodReasons(parsed.error));
    // Jobs allowed before set-up need no session; the worker checks that the centre is not set up.
    // HQ mode has no accounts.
    if (job.access !== 'before-setup' && job.access !== 'hq' && !validSession(session)) throw new ApiError('unauthenticated', [reason('auth.required')]);
    if ([...this.jobs.values()].some((e) => e.status.kind === kind && e.status.state === 'running')) {
      throw new ApiError('refused', [reason('job.busy', undefined, { kind })]);
    }

    const jobId = randomUUID();
    const cancel = new Int32Array(new SharedArrayBuffer(4));
    const workerData: WorkerInput = {
      kind,
      input: parsed.data,
      session: validSession(session) ? session : null,
      dbPath: this.options.dbPath,
      clockOffsetMs: this.clock() - Date.now(),
      modules: this.options.modules ?? [],
      cancel: cancel.buffer as SharedArrayBuffer,
      ...(this.options.hq ? { hq: this.options.hq } : {}),
    };
    const worker = new Worker(this.options.workerFile, { workerData });
    const status: JobStatus = { jobId, kind, state: 'running', done: 0, total: 0, cancelRequested: false };
    const entry: Entry = {
      status,
      session: session ?? '',
      worker,
      cancel,
      exited: new Promise((resolve) => worker.once('exit', () => resolve())),
      finishedAt: null,
    };
    worker.on('message', (m: WorkerMessage) => this.onMessage(entry, m));
    worker.on('error', (err) => {
      console.error(`job ${kind} ${jobId}:`, err);
      this.finish(entry, 'failed', { error: jobError(JOB_STOPPED) });
    });
    worker.on('exit', () => {
      // A thread that ends without saying how: terminated after a cancel, or crashed.
      if (entry.status.state === 'running') {
        if (entry.status.cancelRequested) this.finish(entry, 'cancelled');
        else this.finish(entry, 'failed', { error: jobError(JOB_STOPPED) });
      }
    });
    this.jobs.set(jobId, entry);
    return { ...status };
  }

  status(jobId: string, session: string | null): JobStatus {
    this.forgetOld();
    return { ...this.entry(jobId, session).status };
  }

  /**
   * Asks a job to stop. It stops at its next await or progress report; one that does neither within
   * the grace period has its thread terminated (an open transaction is then rolled back by SQLite).
   */
  cancel(jobId: string, session: string | null): JobStatus {
    const entry = this.entry(jobId, session);
    if (entry.status.state === 'running' && !entry.status.cancelRequested) {
      entry.status.cancelRequested = true;
      Atomics.store(entry.cancel, 0, 1);
      entry.worker.postMessage({ type: 'cancel' });
      const timer = setTimeout(() => void entry.worker.terminate(), this.cancelGraceMs);
      timer.unref();
      void entry.exited.then(() => clearTimeout(timer));
    }
    return { ...entry.status };
  }

  /** Resolves with the final status once the job has stopped and its thread has exited. */
  async settled(jobId: string): Promise<JobStatus> {
    const entry = this.jobs.get(jobId);
    if (!entry) throw new ApiError('not_found', [reason('job.not_found', 'jobId', { id: jobId })]);
    await entry.exited;
    return { ...entry.status };
  }

  /** Cancels every running job and waits for the threads to exit (at shutdown). */
  async close(): Promise<void> {
    const running = [...this.jobs.values()].filter((e) => e.status.state === 'running');
    for (const e of running) this.cancel(e.status.jobId, e.session);
    await Promise.all(running.map((e) => e.exited));
  }

  private entry(jobId: string, session: string | null): Entry {
    const entry = this.jobs.get(jobId);
    // Another session's job is reported as missing: job ids are not a way to watch someone else.
    if (!entry || entry.session !== (session ?? '')) throw new ApiError('not_found', [reason('job.not_found', 'jobId', { id: jobId })]);
    return entry;
  }

  private onMessage(entry: Entry, m: WorkerMessage): void {
    if (entry.status.state !== 'running') return;
    switch (m.type) {
      case 'progress':
        entry.status.done = m.done;
        entry.status.total = m.total;
        break;
      case 'done':
        if (entry.status.total > 0) entry.status.done = entry.status.total;
        this.finish(entry, 'done', { result: m.result });
        break;
      case 'failed':
        this.finish(entry, 'failed', { error: jobError(m.error) });
        break;
      case 'cancelled':
        this.finish(entry, 'cancelled');
        break;
    }
  }

  private finish(entry: Entry, state: JobStatus['state'], extra: Pick<JobStatus, 'result' | 'error'> = {}): void {
    if (entry.status.state !== 'running') return;
    Object.assign(entry.status, { state, ...extra });
    entry.finishedAt = Date.now();
  }

  private forgetOld(): void {
    const before = Date.now() - this.keepFinishedMs;
    for (const [id, e] of this.jobs) if (e.finishedAt !== null && e.finishedAt < before) this.jobs.delete(id);
  }
}

function validSession(session: string | null): session is string {
  return typeof session === 'string' && session.length > 0 && session.length <= SESSION_MAX;
}
