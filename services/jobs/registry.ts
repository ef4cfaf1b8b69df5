// The kinds of long work a client may start as a job (seed, export, …), each registered once with
// the function that does it. A kind registers itself from its own module, listed in kinds.ts; both
// the thread that starts jobs and the worker thread that runs them import that list.

import { z } from 'zod';
import type { AccountView } from '../../domain/api/outputs.ts';
import type { Role } from '../../domain/roles.ts';
import type { Db } from '../../db/connection.ts';
import type { CentreService } from '../service.ts';

/**
 * Reports progress. Throws once the job is cancelled, so a job that keeps its thread busy (a
 * synchronous loop that never awaits) still stops at its next report.
 */
export type Progress = (done: number, total: number) => void;

export interface JobContext {
  /** The worker's own connection (WAL: one writer and any number of readers at once). */
  db: Db;
  service: CentreService;
  /** The signed-in account, or null for a job allowed before set-up. */
  account: AccountView | null;
  session: string | null;
}

/** The result must be plain data: it crosses a thread (structured clone) and a transport (JSON). */
export type JobRun<I> = (input: I, progress: Progress, signal: AbortSignal, context: JobContext) => Promise<unknown>;

/**
 * Who may start a kind: a signed-in account with one of `roles` (all roles when empty), or anyone
 * while the centre is not yet set up (as for centre.setup: a fresh install has no accounts).
 */
export type JobAccess = { roles: readonly Role[] } | 'before-setup' | 'hq';

/**
 * What an HQ-mode job gets (`centre web --hq`): HQ's own database, the clock, and who works at HQ's
 * workstation. HQ mode has no accounts: the launch token is the only gate.
 */
export interface HqJobContext {
  db: Db;
  dbPath: string;
  clock: () => number;
  operator: string;
  /** The HQ store thread's entry (the job's own module cannot know it in a bundle). */
  storeWorker: string | null;
  /** The chunk worker's entry (bundle/node/chunk-pool.ts), or null: a slice's chunks are handled on the job's thread. */
  chunkWorker: string | null;
}

export type HqJobRun<I> = (input: I, progress: Progress, signal: AbortSignal, context: HqJobContext) => Promise<unknown>;

export interface JobKind {
  kind: string;
  run: JobRun<unknown>;
  input: z.ZodType;
  access: JobAccess;
}

export interface JobOptions<I> {
  /** Parses the input before the job starts; a bad input is refused at once. Default: any value. */
  input?: z.ZodType<I>;
  /** Default: any signed-in account. */
  access?: JobAccess;
}

const kinds = new Map<string, JobKind>();

export function registerJob<I>(kind: string, run: JobRun<I>, options: JobOptions<I> = {}): void {
  if (!/^[a-z][a-z0-9.-]{0,39}$/.test(kind)) throw new Error(`job kind "${kind}": lower-case letters, digits, dots and dashes only`);
  const existing = kinds.get(kind);
  if (existing && existing.run !== run) throw new Error(`job kind "${kind}" is registered twice`);
  kinds.set(kind, { kind, run: run as JobRun<unknown>, input: options.input ?? z.unknown(), access: options.access ?? { roles: [] } });
}

/** Registers a job of HQ mode: it runs only in an HQ server's runner, on HQ's database. */
export function registerHqJob<I>(kind: string, run: HqJobRun<I>, options: { input?: z.ZodType<I> } = {}): void {
  registerJob(kind, run as unknown as JobRun<I>, { ...options, access: 'hq' });
}

export function jobKind(kind: string): JobKind | undefined {
  return kinds.get(kind);
}

export function jobKindNames(): string[] {
  return [...kinds.keys()].sort();
}
