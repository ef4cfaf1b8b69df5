import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkMigrationList, DatabaseTooNewError, migrate, openDatabase, schemaVersion } from '../connection.ts';
import { LATEST_VERSION, migrations } from './index.ts';
import type { Migration } from './types.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'centre-migrate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('migrations', () => {
  it('are numbered, increasing, and the last one is the schema this build knows', () => {
    expect(() => checkMigrationList(migrations)).not.toThrow();
    expect(LATEST_VERSION).toBe(migrations.at(-1)!.version);
    expect(() => checkMigrationList([{ version: 2, name: 'b', up: '' }, { version: 2, name: 'c', up: '' }])).toThrow(/does not increase/);
  });

  it('create the schema on a fresh database and are idempotent', () => {
    const path = join(dir, 'c.db');
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(migrate(db)).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['journal', 'persons', 'placements', 'orders', 'rooms', 'assignments', 'rights']));
    db.close();
  });

  it('refuse a database written by a newer version, and leave it untouched', () => {
    const path = join(dir, 'c.db');
    openDatabase(path).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const before = readFileSync(path);
    expect(() => openDatabase(path)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(path)).toThrow(/newer version of Centre Register/);
    expect(() => openDatabase(path, { readonly: true })).toThrow(DatabaseTooNewError);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('run in one transaction: a failing migration leaves the database as it was', () => {
    const path = join(dir, 'c.db');
    openDatabase(path).close();
    const failing: Migration[] = [
      ...migrations,
      { version: LATEST_VERSION + 1, name: 'adds-a-table', up: 'CREATE TABLE extra (x INTEGER);' },
      { version: LATEST_VERSION + 2, name: 'breaks', up: 'CREATE TABLE broken (;' },
    ];
    expect(() => openDatabase(path, { migrations: failing })).toThrow();
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'extra'").pluck().get()).toBe(0);
    db.close();
  });

  it('a migration that moves data runs as a function inside the same transaction', () => {
    const path = join(dir, 'c.db');
    const withData: Migration[] = [
      { version: 1, name: 'people', up: 'CREATE TABLE people (name TEXT);' },
      { version: 2, name: 'seed', up: (db) => db.prepare("INSERT INTO people VALUES ('a'), ('b')").run() },
      { version: 3, name: 'upper', up: (db) => db.prepare('UPDATE people SET name = upper(name)').run() },
    ];
    const db = openDatabase(path, { migrations: withData.slice(0, 2) });
    expect(migrate(db, withData)).toEqual({ from: 2, to: 3 });
    expect(db.prepare('SELECT name FROM people ORDER BY name').pluck().all()).toEqual(['A', 'B']);
    db.close();
  });
});
