// Opens HQ's database: its own file, its own migrations, the same durability as a centre's (WAL,
// synchronous FULL: an import that said it committed survives power loss). A centre's register is
// never opened as HQ's database, nor the reverse: PRAGMA application_id tells them apart.

import Database from 'better-sqlite3';
import { DatabaseTooNewError, migrate, refuseOtherFile, schemaVersion, type Db } from '../connection.ts';
import { HQ_APPLICATION_ID } from '../application-id.ts';
import { hqMigrations } from './migrations/index.ts';

export class NotAnHqDatabaseError extends Error {
  override name = 'NotAnHqDatabaseError';
}

export interface HqOpenOptions {
  readonly?: boolean;
}

function isEmpty(db: Db): boolean {
  return db.prepare("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").pluck().get() === 0 && schemaVersion(db) === 0;
}

export function openHqDatabase(path: string, options: HqOpenOptions = {}): Db {
  const readonly = options.readonly ?? false;
  refuseOtherFile(path, 'an HQ database');
  const db = new Database(path, { readonly, fileMustExist: readonly });
  try {
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== HQ_APPLICATION_ID && !isEmpty(db)) {
      throw new NotAnHqDatabaseError(`${path} is not an HQ database (it holds other data, perhaps a centre's register); nothing was changed`);
    }
    if (!readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const latest = hqMigrations[hqMigrations.length - 1]!.version;
    if (readonly) {
      if (schemaVersion(db) > latest) throw new DatabaseTooNewError(schemaVersion(db), latest);
    } else {
      const fresh = appId !== HQ_APPLICATION_ID;
      migrate(db, hqMigrations);
      if (fresh) db.pragma(`application_id = ${HQ_APPLICATION_ID}`);
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
