// Opening the database and the service for a command. Every command but init and seed wants an
// existing database: a mistyped --db should say so, not create an empty register.

import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fixedClock, systemClock } from '../../../domain/time.ts';
import { openDatabase, type Db, type OpenOptions } from '../../../db/connection.ts';
import { openHqDatabase, type HqOpenOptions } from '../../../db/hq/connection.ts';
import { CentreService } from '../../service.ts';
import type { Invocation } from '../args.ts';
import { fileProblem, pathProblem, type Expected } from '../files.ts';

/** A failure that is not a usage error: reported as `error: <message>` with exit code 1. */
export class CliError extends Error {
  override name = 'CliError';
}

export function requireDatabaseFile(path: string): void {
  if (!existsSync(path)) throw new CliError(`no database at ${path}: create it with \`centre --db ${path} init\``);
}

/** HQ's database is made by the commands that first put something in it, never by `init`. */
export function requireHqDatabaseFile(path: string): void {
  if (!existsSync(path)) {
    throw new CliError(
      `no HQ database at ${path}: it is created by the first \`centre --db ${path} hq keys register …\` or \`centre --db ${path} hq import …\``,
    );
  }
}

/**
 * Runs `open`, saying what is wrong with the file when SQLite cannot use it: its own messages
 * ("file is not a database", "unable to open database file") do not name the file.
 */
function opening(path: string, what: string, open: () => Db): Db {
  try {
    return open();
  } catch (err) {
    switch ((err as { code?: unknown }).code) {
      case 'SQLITE_NOTADB':
        throw new CliError(`${path} is not ${what} (not an SQLite file)`);
      case 'SQLITE_CORRUPT':
        throw new CliError(`${path} is damaged: SQLite cannot read it (${(err as Error).message})`);
      case 'SQLITE_CANTOPEN':
        throw new CliError(pathProblem(path, { kind: 'file', noun: 'a database file' }) ?? `cannot open the database file ${path}`);
    }
    // better-sqlite3 says "the directory does not exist" without a code, or naming which directory.
    const problem = pathProblem(path, { kind: 'file', noun: 'a database file' });
    if (problem !== null) throw new CliError(problem);
    throw err;
  }
}

export function openCentreDb(path: string, options?: OpenOptions): Db {
  return opening(path, 'a Centre Register database', () => openDatabase(path, options));
}

export function openHqDb(path: string, options?: HqOpenOptions): Db {
  return opening(path, 'an HQ database', () => openHqDatabase(path, options));
}

export function openExisting(inv: Invocation): Db {
  requireDatabaseFile(inv.db);
  return openCentreDb(inv.db);
}

export function serviceFor(inv: Invocation, db: Db): CentreService {
  return new CentreService(db, { clock: inv.clock ? fixedClock(inv.clock) : systemClock });
}

/** Runs `body` with the database open, closing it afterwards whatever happens. */
export async function withDb<T>(db: Db, body: (db: Db) => T | Promise<T>): Promise<T> {
  try {
    return await body(db);
  } finally {
    db.close();
  }
}

/**
 * Like withDb for a command that may create the database: when `path` did not exist before and the
 * command fails, the file it made (and SQLite's -wal, -shm and -journal beside it) is removed, so a
 * refused command leaves nothing behind to be mistaken for a register.
 */
export async function withDbCreated<T>(path: string, open: () => Db, body: (db: Db) => T | Promise<T>): Promise<T> {
  const existed = existsSync(path);
  try {
    return await withDb(open(), body);
  } catch (err) {
    if (!existed) {
      for (const suffix of ['', '-wal', '-shm', '-journal']) {
        try {
          rmSync(`${path}${suffix}`, { force: true });
        } catch {
          // The command's own error is the one to report; a leftover file is the lesser trouble.
        }
      }
    }
    throw err;
  }
}

/** The text of a file named on the command line, or a CliError naming the path and what is wrong. */
export function readTextFile(path: string, expected: Expected): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new CliError(fileProblem(err, path, expected));
  }
}
