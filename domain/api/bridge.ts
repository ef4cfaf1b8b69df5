// The one shape both transports give the renderer: Electron's preload exposes it to the page as `centre`
// over IPC; browser mode implements it over loopback HTTP. The renderer codes against this only.

import type { InputOf, MethodName, OutputOf } from './contract.ts';
import type { Reason, ReasonParams } from '../reasons.ts';

export interface ApiErrorBody {
  kind: string;
  message: string;
  reasons: Reason[];
}

export type ApiResponse<T = unknown> = { ok: true; result: T } | { ok: false; error: ApiErrorBody };

/** What crosses the boundary: method name, raw input (parsed on the other side), session token. */
export interface CentreBridge {
  call(method: string, input: unknown, session: string | null): Promise<ApiResponse>;
  /** Which transport this is, for the one line in the UI that says so. */
  readonly transport: 'electron' | 'browser';
}

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

/**
 * Why a job failed: the API's error body, plus its first reason's code and parameters at the top
 * level, which is all a progress dialog needs to show.
 */
export interface JobError extends ApiErrorBody {
  code: string;
  params?: ReasonParams;
}

/** A long job (seed, export, HQ import) as both transports report it. */
export interface JobStatus {
  jobId: string;
  kind: string;
  state: JobState;
  /** Units of work done and to do, as the job counts them (0/0 until it first reports). */
  done: number;
  total: number;
  /** Set once cancel was asked for; the state turns `cancelled` when the job has stopped. */
  cancelRequested: boolean;
  result?: unknown;
  error?: JobError;
}

/**
 * Long jobs over either transport. Each answer is an ApiResponse, as a call's is, never a thrown
 * Error: an Error crossing Electron's context bridge keeps only its message, and a refusal must reach
 * the page with every reason, its field and its params.
 */
export interface JobBridge {
  start(kind: string, input: unknown, session: string | null): Promise<ApiResponse<JobStatus>>;
  status(jobId: string, session: string | null): Promise<ApiResponse<JobStatus>>;
  cancel(jobId: string, session: string | null): Promise<ApiResponse<JobStatus>>;
}

/** Typed helper over a bridge. */
export type TypedCall = <M extends MethodName>(method: M, input: InputOf<M>) => Promise<OutputOf<M>>;
