// Turns a centre database made by this build back into what migration 1 alone made, keeping its data:
// the tables, indexes and triggers of later migrations go, and those migration 1 made come back as
// it wrote them. Migration tests use it to get a schema-1 centre with real data, written by today's
// service (which needs today's tables to write it). Generic on purpose: a new migration needs no
// change here.

import Database from 'better-sqlite3';
import { migration0001 } from '../../db/migrations/0001-journal-and-register.ts';
import type { Db } from '../../db/connection.ts';

type SchemaObject = { type: string; name: string; tbl_name: string; sql: string };

function schemaOf(db: Db): Map<string, SchemaObject> {
  const rows = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'").all() as SchemaObject[];
  return new Map(rows.map((r) => [`${r.type} ${r.name}`, r]));
}

export function backToSchema1(db: Db): void {
  const v1 = new Database(':memory:');
  if (typeof migration0001.up !== 'string') throw new Error('migration 1 is expected to be SQL');
  v1.exec(migration0001.up);
  const want = schemaOf(v1);
  v1.close();
  const have = schemaOf(db);
  const order = ['trigger', 'index', 'table'];
  db.transaction(() => {
    // Drop what migration 1 did not make, or made differently: triggers and indexes before tables.
    for (const type of order) {
      for (const [key, o] of have) {
        if (o.type !== type) continue;
        const same = want.get(key)?.sql === o.sql;
        if (same) continue;
        if (type === 'table' && want.has(key)) throw new Error(`table ${o.name} was changed by a later migration: backToSchema1 cannot restore it with its data`);
        db.exec(`DROP ${type.toUpperCase()} ${o.name}`);
      }
    }
    // Make again what migration 1 made and is now missing: tables first.
    for (const type of [...order].reverse()) {
      const now = schemaOf(db);
      for (const [key, o] of want) if (o.type === type && !now.has(key)) db.exec(o.sql);
    }
  })();
  db.pragma('user_version = 1');
}
