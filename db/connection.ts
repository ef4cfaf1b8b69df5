import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import Database from 'better-sqlite3';
import { HQ_APPLICATION_ID } from './application-id.ts';
import { migrations as defaultMigrations } from './migrations/index.ts';
import type { Migration } from './migrations/types.ts';

export type Db = Database.Database;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Refuses a file that has content but is not an SQLite database. SQLite takes a file of a few bytes
 * for an empty database and writes a new one over it: a path typed wrong must not cost someone a file.
 */
export function refuseOtherFile(path: string, what = 'a Centre Register database'): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return; // missing (a new database), or unreadable: SQLite says which
  }
  try {
    if (fstatSync(fd).isDirectory()) return;
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const n = readSync(fd, head, 0, head.length, 0);
    if (n > 0 && (n < head.length || !head.equals(SQLITE_HEADER))) {
      throw new Error(`${path} is not ${what} (not an SQLite file)`);
    }
  } finally {
    closeSync(fd);
  }
}

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `this database was written by a newer version of Centre Register (schema ${found}; this app knows up to ${supported}). ` +
        'Install the newer version; the database was not changed.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export class MigrationListError extends Error {
  override name = 'MigrationListError';
}

export interface OpenOptions {
  readonly?: boolean;
  /** Create and migrate the schema (default true for read-write handles). */
  migrate?: boolean;
  migrations?: readonly Migration[];
}

/**
 * Page cache of a connection, in KiB (SQLite's default is 2 MiB). Ten years of register are over a
 * gigabyte; every append writes at the end of the journal and into a few dozen index pages scattered
 * across the projections, and a 2 MiB cache keeps re-reading them from the file. Pages are allocated
 * as they are used, so a small centre never takes this much.
 */
export const CACHE_KIB = 64 * 1024;

/**
 * Opens a centre database. WAL with synchronous=FULL: every committed entry survives power loss,
 * not only a crash of the process (better-sqlite3's WAL default, NORMAL, can lose the last commits).
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  refuseOtherFile(path);
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  try {
    if (db.pragma('application_id', { simple: true }) === HQ_APPLICATION_ID) {
      throw new Error(`${path} is HQ's database, not a centre's register: open it with \`centre hq …\``);
    }
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma(`cache_size = -${CACHE_KIB}`);
    // Every call of a batch run inside a caller's transaction (seeding, imports) is a savepoint, and
    // SQLite keeps the pages it changes in a statement journal so the savepoint can roll back. On disk
    // that journal is a write() per page; it is never needed after a crash (an uncommitted transaction
    // is simply not in the WAL), so it lives in memory, with temporary tables and sorts.
    db.pragma('temp_store = MEMORY');
    const list = options.migrations ?? defaultMigrations;
    if (options.readonly) assertNotTooNew(db, list);
    else if (options.migrate ?? true) migrate(db, list);
    else assertNotTooNew(db, list);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function latest(list: readonly Migration[]): number {
  return list.length ? list[list.length - 1]!.version : 0;
}

function assertNotTooNew(db: Db, list: readonly Migration[]): void {
  const found = schemaVersion(db);
  if (found > latest(list)) throw new DatabaseTooNewError(found, latest(list));
}

export function checkMigrationList(list: readonly Migration[]): void {
  let previous = 0;
  for (const m of list) {
    if (!Number.isInteger(m.version) || m.version <= previous) {
      throw new MigrationListError(`migration ${m.name}: version ${m.version} does not increase on ${previous}`);
    }
    previous = m.version;
  }
}

/**
 * Runs every pending migration in one transaction: either the database ends at the latest schema
 * or it is left exactly as it was.
 */
export function migrate(db: Db, list: readonly Migration[] = defaultMigrations): { from: number; to: number } {
  checkMigrationList(list);
  const from = schemaVersion(db);
  const to = latest(list);
  if (from > to) throw new DatabaseTooNewError(from, to);
  if (from === to) return { from, to };
  db.transaction(() => {
    for (const m of list) {
      if (m.version <= from) continue;
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
    }
    db.pragma(`user_version = ${to}`);
  }).immediate();
  return { from, to };
}
