// The service: one entry point for every API method. Parses the input with the contract's schema,
// resolves the caller, checks the role, and runs the handler; writes run in one IMMEDIATE
// transaction, so a refused or failed call leaves the database exactly as it was.

import { randomUUID } from 'node:crypto';
import { newCentreKeys, type CentreKeys } from './keys.ts';
import { sessionDigest } from './auth/sessions.ts';
import type { Statement, Transaction } from 'better-sqlite3';
import type { z } from 'zod';
import { contract, isMethodName, type MethodName, type OutputOf } from '../domain/api/contract.ts';
import type { AccountView } from '../domain/api/outputs.ts';
import { profileById } from '../domain/profile/az-default.ts';
import { reason, type Reason } from '../domain/reasons.ts';
import type { Role } from '../domain/roles.ts';
import { systemClock, toIso, type Clock } from '../domain/time.ts';
import type { Db } from '../db/connection.ts';
import { JournalWriter } from '../db/journal/writer.ts';
import { Projector } from '../db/projections/projector.ts';
import { DecisionReads } from '../db/queries/decision-reads.ts';
import { Sql } from '../db/sql.ts';
import { Ctx, type CentreSettings } from './context.ts';
import { ApiError } from './errors.ts';
import { accountHandlers, accountView } from './handlers/accounts.ts';
import { careHandlers } from './handlers/care.ts';
import { exportHandlers } from './handlers/exports.ts';
import { inspectionHandlers } from './handlers/inspections.ts';
import { personHandlers } from './handlers/persons.ts';
import { placementHandlers } from './handlers/placements.ts';
import { readHandlers } from './handlers/reads.ts';
import { roomHandlers } from './handlers/rooms.ts';
import type { Handler, Handlers } from './handlers/types.ts';

const handlers: Handlers<MethodName> = {
  ...accountHandlers,
  ...personHandlers,
  ...placementHandlers,
  ...roomHandlers,
  ...careHandlers,
  ...exportHandlers,
  ...inspectionHandlers,
  ...readHandlers,
};

/** Who is calling: a session token (IPC, HTTP), or an account named by a trusted local caller (CLI, tests). */
export type Caller = { token: string } | { username: string } | null;

export interface ServiceOptions {
  clock?: Clock;
  /** Source of random identifiers (the centre id); default crypto.randomUUID. Seeds pass a seeded one. */
  randomId?: () => string;
  /** Makes the centre's key pair at set-up; default a random Ed25519 pair. Seeds pass a seeded one. */
  newKeys?: () => CentreKeys;
}

const SYSTEM: AccountView = { accountId: 'system', username: 'system', displayName: 'system', role: 'head_of_centre', active: true };

export function zodReasons(error: z.ZodError): Reason[] {
  return error.issues.map((i) => reason('input.invalid', i.path.join('.') || undefined, { detail: i.message }));
}

export class CentreService {
  readonly sql: Sql;
  readonly clock: Clock;
  private readonly randomId: () => string;
  private readonly newKeys: () => CentreKeys;
  private readonly writer: JournalWriter;
  private readonly projector: Projector;
  private readonly reads: DecisionReads;
  private centreCache: CentreSettings | null = null;
  // Prepared once: statements and transaction wrappers cost more to build than to run on the hot path.
  private readonly byToken: Statement;
  private readonly byUsername: Statement;
  private readonly centreRow: Statement;
  private readonly tx: Transaction<(run: () => unknown[]) => unknown[]>;

  constructor(
    readonly db: Db,
    options: ServiceOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.randomId = options.randomId ?? randomUUID;
    this.newKeys = options.newKeys ?? newCentreKeys;
    this.sql = new Sql(db);
    this.writer = new JournalWriter(db);
    this.reads = new DecisionReads(db);
    this.projector = new Projector(db, () => this.reads.forget());
    this.byToken = db.prepare(
      `SELECT a.account_id, a.username, a.display_name, a.role, a.active FROM sessions s
       JOIN accounts a ON a.account_id = s.account_id WHERE s.token = ? AND s.expires_at > ?`,
    );
    this.byUsername = db.prepare('SELECT account_id, username, display_name, role, active FROM accounts WHERE username = ?');
    this.centreRow = db.prepare(
      'SELECT c.centre_id, c.name, c.time_zone, c.profile_id, j.event_time AS configured_at FROM centre c JOIN journal j ON j.seq = c.seq',
    );
    this.tx = db.transaction((run: () => unknown[]) => run());
  }

  /** Calls one method. Throws ApiError with every reason when the call is refused or invalid. */
  call<M extends MethodName>(method: M, input: unknown, caller: Caller): OutputOf<M>;
  call(method: string, input: unknown, caller: Caller): unknown;
  call(method: string, input: unknown, caller: Caller): unknown {
    return this.batch([{ method, input }], caller)[0];
  }

  /**
   * Calls several methods in one transaction: all are applied or none. Bulk work (seeding, imports)
   * uses this; a person at a keyboard makes one call at a time.
   */
  batch(calls: readonly { method: string; input: unknown }[], caller: Caller): unknown[] {
    const now = toIso(this.clock());
    const prepared = calls.map(({ method, input }, index) => {
      if (!isMethodName(method)) {
        throw new ApiError('unknown_method', [reason('api.unknown_method', undefined, { method })]);
      }
      const spec = contract[method];
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) {
        const reasons = zodReasons(parsed.error);
        if (calls.length > 1) for (const r of reasons) r.params = { ...r.params, call: index };
        throw new ApiError('invalid_input', reasons);
      }
      return { method, spec, input: parsed.data };
    });
    const writes = prepared.some((p) => p.spec.kind === 'write' || p.method === 'centre.setup');
    const run = () => {
      this.reads.forget();
      if (writes) this.writer.begin();
      const actor = this.resolve(caller, prepared, now);
      const centre = this.centre();
      const ctx = new Ctx(this.db, this.sql, this.reads, this.writer, this.projector, actor, now, centre, this.randomId, this.newKeys, caller && 'token' in caller ? caller.token : null);
      return prepared.map((p) => {
        if (p.spec.kind !== 'session' && p.spec.roles.length && !p.spec.roles.includes(actor.role)) {
          throw new ApiError('forbidden', [reason('auth.forbidden', undefined, { method: p.method, role: actor.role })]);
        }
        if (p.spec.kind === 'write' && !centre) throw new ApiError('not_configured', [reason('centre.not_configured')]);
        return (handlers[p.method] as Handler<MethodName>)(ctx, p.input as never);
      });
    };
    // Sign-in is not wrapped: a failed attempt must still count towards the lockout.
    if (prepared.length === 1 && prepared[0]!.method === 'accounts.signIn') return run();
    try {
      return writes ? this.tx.immediate(run) : this.tx.deferred(run);
    } finally {
      // Only set-up writes the centre's row; every other write leaves the cached settings true.
      if (writes && prepared.some((p) => p.method === 'centre.setup')) this.centreCache = null;
    }
  }

  private resolve(caller: Caller, prepared: { spec: { kind: string } }[], now: string): AccountView {
    if (prepared.every((p) => p.spec.kind === 'session')) return SYSTEM;
    if (caller === null) throw new ApiError('unauthenticated', [reason('auth.required')]);
    let row: { account_id: string; username: string; display_name: string; role: Role; active: number } | undefined;
    if ('token' in caller) {
      row = this.byToken.get(sessionDigest(caller.token), now) as typeof row;
      if (!row) throw new ApiError('unauthenticated', [reason('auth.session_expired')]);
    } else {
      row = this.byUsername.get(caller.username) as typeof row;
      if (!row) throw new ApiError('unauthenticated', [reason('auth.unknown_account', 'as', { username: caller.username })]);
    }
    if (row.active !== 1) throw new ApiError('unauthenticated', [reason('auth.account_disabled')]);
    return accountView(row);
  }

  centre(): CentreSettings | null {
    if (this.centreCache) return this.centreCache;
    const row = this.centreRow.get() as
      | { centre_id: string; name: string; time_zone: string; profile_id: string; configured_at: string }
      | undefined;
    if (!row) return null;
    const profile = profileById(row.profile_id);
    if (!profile) throw new Error(`the centre uses legal profile ${row.profile_id}, which this build does not know`);
    this.centreCache = { configuredAt: row.configured_at, centreId: row.centre_id, name: row.name, timeZone: row.time_zone, profile };
    return this.centreCache;
  }
}
