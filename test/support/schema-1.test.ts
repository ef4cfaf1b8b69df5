import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration0001 } from '../../db/migrations/0001-journal-and-register.ts';
import { schemaVersion } from '../../db/connection.ts';
import { createTestCentre } from './harness.ts';
import { backToSchema1 } from './schema-1.ts';

const schema = (db: Database.Database) =>
  db.prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name").all();

describe('backToSchema1', () => {
  it('leaves exactly the schema migration 1 makes, with the data', () => {
    const c = createTestCentre();
    try {
      c.call('rooms.define', { name: 'A1', capacity: 2, floorAreaM2: 12.5, sex: 'male', ageGroup: 'adult', regime: 'forced' }, 'head');
      const entries = c.db.prepare('SELECT count(*) FROM journal').pluck().get();
      backToSchema1(c.db);
      const v1 = new Database(':memory:');
      v1.exec(migration0001.up as string);
      expect(schema(c.db)).toEqual(schema(v1));
      v1.close();
      expect(schemaVersion(c.db)).toBe(1);
      expect(c.db.prepare('SELECT count(*) FROM journal').pluck().get()).toBe(entries);
    } finally {
      c.close();
    }
  });
});
