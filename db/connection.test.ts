import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './connection.ts';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('refuses a file with content that is not an SQLite database, and leaves it as it was', () => {
    dir = mkdtempSync(join(tmpdir(), 'centre-open-'));
    for (const content of ['x', 'notes about the centre\n', 'SQLite format 2\0 and more']) {
      const path = join(dir, 'notes.txt');
      writeFileSync(path, content);
      expect(() => openDatabase(path)).toThrow(`${path} is not a Centre Register database (not an SQLite file)`);
      expect(readFileSync(path, 'utf8')).toBe(content);
    }
  });

  it('creates a database where there is no file, or an empty one', () => {
    dir = mkdtempSync(join(tmpdir(), 'centre-open-'));
    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    for (const path of [join(dir, 'new.db'), empty]) {
      const db = openDatabase(path);
      expect(db.prepare('SELECT count(*) FROM journal').pluck().get()).toBe(0);
      db.close();
      expect(() => openDatabase(path).close()).not.toThrow();
    }
  });
});
