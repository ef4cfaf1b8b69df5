// Kysely builds and types the queries; better-sqlite3 runs them synchronously. Writes must run inside
// better-sqlite3's synchronous transactions (an async driver would let other work interleave), so
// Kysely is used as a compile-only query builder and statements are prepared once and cached.

import type { Statement } from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type InferResult,
} from 'kysely';
import type { Db } from './connection.ts';
import type { DB } from './schema.ts';

export const kysely = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

type Param = string | number | bigint | Buffer | null;

function bindable(parameters: readonly unknown[]): Param[] {
  return parameters.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : (p as Param)));
}

export class Sql {
  private readonly cache = new Map<string, Statement>();

  constructor(readonly db: Db) {}

  prepare(sql: string): Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }

  all<Q extends Compilable<unknown>>(query: Q): InferResult<Q> {
    const c = query.compile();
    return this.prepare(c.sql).all(...bindable(c.parameters)) as InferResult<Q>;
  }

  first<Q extends Compilable<unknown>>(query: Q): InferResult<Q>[number] | undefined {
    const c = query.compile();
    return this.prepare(c.sql).get(...bindable(c.parameters)) as InferResult<Q>[number] | undefined;
  }

  run(query: Compilable<unknown>): { changes: number } {
    const c = query.compile();
    return this.prepare(c.sql).run(...bindable(c.parameters));
  }
}
