// Opening the database and the service for a command. Every command but init and seed wants an
// existing database: a mistyped --db should say so, not create an empty register.

import { existsSync } from 'node:fs';
import { fixedClock, systemClock } from '../../../domain/time.ts';
import { openDatabase, type Db } from '../../../db/connection.ts';
import { CentreService } from '../../service.ts';
import type { Invocation } from '../args.ts';

/** A failure that is not a usage error: reported as `error: <message>` with exit code 1. */
export class CliError extends Error {
  override name = 'CliError';
}

export function requireDatabaseFile(path: string): void {
  if (!existsSync(path)) throw new CliError(`no database at ${path}: create it with \`centre --db ${path} init\``);
}

export function openExisting(inv: Invocation): Db {
  requireDatabaseFile(inv.db);
  return openDatabase(inv.db);
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
