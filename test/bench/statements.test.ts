import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { recordStatements, replayStatements } from './statements.ts';

function fresh() {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  return db;
}

describe('recordStatements / replayStatements', () => {
  it('records each statement with its method and arguments, in order, and gives results through', () => {
    const db = fresh();
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const count = db.prepare('SELECT count(*) FROM t').pluck();
    let seen = -1;
    const recorded = recordStatements(db, () => {
      insert.run('a');
      insert.run('b');
      seen = count.get() as number;
    });
    expect(seen).toBe(2);
    expect(recorded.map((r) => [r.stmt.source, r.method, r.args])).toEqual([
      ['INSERT INTO t (v) VALUES (?)', 'run', ['a']],
      ['INSERT INTO t (v) VALUES (?)', 'run', ['b']],
      ['SELECT count(*) FROM t', 'get', []],
    ]);
  });

  it('replays the writes onto the state they were recorded from, leaving the same rows', () => {
    const db = fresh();
    const insert = db.prepare('INSERT INTO t (v) VALUES (@v)');
    db.exec('BEGIN');
    const recorded = recordStatements(db, () => {
      for (const v of ['x', 'y', 'z']) insert.run({ v });
      db.prepare('UPDATE t SET v = v || ? WHERE id = ?').run('!', 2);
    });
    const after = db.prepare('SELECT id, v FROM t ORDER BY id').all();
    db.exec('ROLLBACK');
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);

    replayStatements(db, recorded);
    expect(db.prepare('SELECT id, v FROM t ORDER BY id').all()).toEqual(after);
    expect(after).toEqual([
      { id: 1, v: 'x' },
      { id: 2, v: 'y!' },
      { id: 3, v: 'z' },
    ]);
  });

  it('puts the methods back when the work ends, even by an error', () => {
    const db = fresh();
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const proto = Object.getPrototypeOf(insert) as Record<string, unknown>;
    const before = ['run', 'get', 'all', 'iterate'].map((m) => proto[m]);
    expect(() =>
      recordStatements(db, () => {
        insert.run('a');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(['run', 'get', 'all', 'iterate'].map((m) => proto[m])).toEqual(before);
  });
});
