import { randomBytes } from 'node:crypto';
import type { AccountView, Session } from '../../domain/api/outputs.ts';
import { profileById } from '../../domain/profile/az-default.ts';
import { reason } from '../../domain/reasons.ts';
import type { Role } from '../../domain/roles.ts';
import { addHours, toMs } from '../../domain/time.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { keyFingerprint } from '../keys.ts';
import { sessionDigest } from '../auth/sessions.ts';
import type { Ctx } from '../context.ts';
import { ApiError, notFound, refused } from '../errors.ts';
import type { Handlers } from './types.ts';

export const MAX_FAILED_SIGN_INS = 5;
let dummyHash: string | null = null;
export const LOCKOUT_MINUTES = 15;
export const SESSION_HOURS = 12;

interface AccountRow {
  account_id: string;
  username: string;
  display_name: string;
  role: Role;
  active: number;
}

export function accountView(r: AccountRow): AccountView {
  return { accountId: r.account_id, username: r.username, displayName: r.display_name, role: r.role, active: r.active === 1 };
}

function accountByUsername(ctx: Ctx, username: string): AccountRow | undefined {
  return ctx.db.prepare('SELECT account_id, username, display_name, role, active FROM accounts WHERE username = ?').get(username) as
    | AccountRow
    | undefined;
}

function openSession(ctx: Ctx, account: AccountRow): Session {
  const token = randomBytes(32).toString('hex');
  const expiresAt = addHours(ctx.now, SESSION_HOURS);
  ctx.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(ctx.now);
  ctx.db.prepare('INSERT INTO sessions (token, account_id, expires_at) VALUES (?, ?, ?)').run(sessionDigest(token), account.account_id, expiresAt);
  return { token, account: accountView(account), expiresAt };
}

function createAccount(ctx: Ctx, input: { username: string; displayName: string; role: Role; password: string }, eventTime: string) {
  if (accountByUsername(ctx, input.username)) throw refused(reason('account.username_taken', 'username', { username: input.username }));
  const accountId = ctx.nextId('U');
  const entry = ctx.append(
    'account.created',
    { accountId, username: input.username, displayName: input.displayName, role: input.role },
    { eventTime },
  );
  ctx.db.prepare('INSERT INTO credentials (account_id, password_hash) VALUES (?, ?)').run(accountId, hashPassword(input.password));
  return { entry, accountId };
}

type AccountMethods =
  | 'centre.get'
  | 'centre.setup'
  | 'accounts.signIn'
  | 'accounts.signOut'
  | 'accounts.me'
  | 'accounts.list'
  | 'accounts.create'
  | 'accounts.change'
  | 'accounts.setPassword';

export const accountHandlers: Handlers<AccountMethods> = {
  'centre.get': (ctx) => {
    const row = ctx.db.prepare('SELECT centre_id, name, time_zone, profile_id, key_fingerprint FROM centre').get() as
      | { centre_id: string; name: string; time_zone: string; profile_id: string; key_fingerprint: string }
      | undefined;
    return row
      ? {
          configured: true,
          centreId: row.centre_id,
          name: row.name,
          timeZone: row.time_zone,
          profileId: row.profile_id,
          keyFingerprint: row.key_fingerprint,
        }
      : { configured: false, centreId: null, name: null, timeZone: null, profileId: null, keyFingerprint: null };
  },

  'centre.setup': (ctx, input) => {
    if (ctx.db.prepare('SELECT 1 FROM centre').get()) throw refused(reason('centre.already_configured'));
    if (!profileById(input.profileId)) throw refused(reason('centre.unknown_profile', 'profileId', { profileId: input.profileId }));
    const keys = ctx.newKeys();
    ctx.append(
      'centre.configured',
      {
        centreId: ctx.randomId(),
        name: input.name,
        timeZone: input.timeZone,
        profileId: input.profileId,
        publicKey: keys.publicKey,
        keyFingerprint: keyFingerprint(keys.publicKey),
      },
      { eventTime: ctx.now },
    );
    ctx.db.prepare('INSERT INTO centre_keys (singleton, public_key, private_seed) VALUES (1, ?, ?)').run(keys.publicKey, keys.privateSeed);
    const { accountId } = createAccount(ctx, { ...input.head, role: 'head_of_centre' }, ctx.now);
    return openSession(ctx, { account_id: accountId, username: input.head.username, display_name: input.head.displayName, role: 'head_of_centre', active: 1 });
  },

  'accounts.signIn': (ctx, input) => {
    const account = accountByUsername(ctx, input.username);
    const cred = account
      ? (ctx.db.prepare('SELECT password_hash, failed_attempts, locked_until FROM credentials WHERE account_id = ?').get(account.account_id) as
          | { password_hash: string; failed_attempts: number; locked_until: string | null }
          | undefined)
      : undefined;
    // One message for unknown user and wrong password: sign-in must not reveal which usernames exist.
    const failed = new ApiError('unauthenticated', [reason('auth.bad_credentials', 'password')]);
    if (!account || !cred) {
      // Spend the same time as a real check, so the answer's speed does not tell which usernames exist.
      verifyPassword(input.password, (dummyHash ??= hashPassword('no such account: a hash to spend time on')));
      throw failed;
    }
    if (cred.locked_until && toMs(cred.locked_until) > ctx.nowMs()) {
      throw new ApiError('unauthenticated', [reason('auth.locked', 'username', { until: cred.locked_until })]);
    }
    if (!verifyPassword(input.password, cred.password_hash)) {
      const attempts = cred.failed_attempts + 1;
      const lock = attempts >= MAX_FAILED_SIGN_INS ? ctx.iso(ctx.nowMs() + LOCKOUT_MINUTES * 60_000) : null;
      ctx.db
        .prepare('UPDATE credentials SET failed_attempts = ?, locked_until = ? WHERE account_id = ?')
        .run(lock ? 0 : attempts, lock, account.account_id);
      throw lock ? new ApiError('unauthenticated', [reason('auth.locked', 'username', { until: lock })]) : failed;
    }
    if (account.active !== 1) throw new ApiError('unauthenticated', [reason('auth.account_disabled', 'username')]);
    ctx.db.prepare('UPDATE credentials SET failed_attempts = 0, locked_until = NULL WHERE account_id = ?').run(account.account_id);
    return openSession(ctx, account);
  },

  'accounts.signOut': (ctx) => {
    if (ctx.session) ctx.db.prepare('DELETE FROM sessions WHERE token = ?').run(sessionDigest(ctx.session));
    return { ok: true };
  },

  'accounts.me': (ctx) => ctx.actor,

  'accounts.list': (ctx) =>
    (ctx.db.prepare('SELECT account_id, username, display_name, role, active FROM accounts ORDER BY username').all() as AccountRow[]).map(
      accountView,
    ),

  'accounts.create': (ctx, input) => {
    const { entry, accountId } = createAccount(ctx, input, ctx.eventTime(input.at));
    return { seq: entry.seq, id: accountId };
  },

  'accounts.change': (ctx, input) => {
    const eventTime = ctx.eventTime(input.at);
    const current = ctx.reads.account(input.accountId);
    if (!current) throw notFound('account.not_found', 'accountId', input.accountId);
    const { at: _at, ...changes } = input;
    if (Object.keys(changes).length === 1) throw refused(reason('account.no_change'));
    // The centre must never lose its last head: nobody could then manage accounts or rooms.
    const demotes = (changes.role !== undefined && changes.role !== 'head_of_centre') || changes.active === false;
    if (current.role === 'head_of_centre' && demotes) {
      const heads = ctx.db.prepare("SELECT count(*) FROM accounts WHERE role = 'head_of_centre' AND active = 1").pluck().get() as number;
      if (heads <= 1) throw refused(reason('account.last_head', 'role'));
    }
    const entry = ctx.append('account.changed', changes, { eventTime });
    if (changes.active === false) ctx.db.prepare('DELETE FROM sessions WHERE account_id = ?').run(input.accountId);
    return { seq: entry.seq, id: input.accountId };
  },

  'accounts.setPassword': (ctx, input) => {
    if (input.accountId !== ctx.actor.accountId && ctx.actor.role !== 'head_of_centre') {
      throw new ApiError('forbidden', [reason('auth.forbidden', undefined, { role: ctx.actor.role })]);
    }
    const changes = ctx.db
      .prepare('UPDATE credentials SET password_hash = ?, failed_attempts = 0, locked_until = NULL WHERE account_id = ?')
      .run(hashPassword(input.password), input.accountId).changes;
    if (changes === 0) throw notFound('account.not_found', 'accountId', input.accountId);
    // A password reset by the head ends the account's sessions: a stolen session must not outlive it.
    if (input.accountId !== ctx.actor.accountId) ctx.db.prepare('DELETE FROM sessions WHERE account_id = ?').run(input.accountId);
    return { ok: true };
  },
};
