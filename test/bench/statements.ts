// The SQL a piece of work runs, recorded with its arguments so that the bench can run exactly those
// statements again with nothing around them. Timed, the replay is the rate the work could reach if
// its own code (validation, rules, hashing, encoding) cost nothing: a ceiling set by the database.

import type { Database, Statement } from 'better-sqlite3';

type Method = 'run' | 'get' | 'all' | 'iterate';
const METHODS: Method[] = ['run', 'get', 'all', 'iterate'];

export interface RecordedStatement {
  stmt: Statement;
  method: Method;
  args: unknown[];
}

type StatementMethods = Record<Method, (this: Statement, ...args: unknown[]) => unknown>;

function statementMethods(db: Database): StatementMethods {
  return Object.getPrototypeOf(db.prepare('SELECT 1')) as StatementMethods;
}

/**
 * Runs `work` and returns every statement it ran through any Statement of `db`'s module, in order.
 * Statements prepared before the recording, whose methods were copied or bound to an object
 * then, are not seen: build what `work` uses inside it.
 */
export function recordStatements(db: Database, work: () => void): RecordedStatement[] {
  const proto = statementMethods(db);
  const originals = Object.fromEntries(METHODS.map((m) => [m, proto[m]])) as StatementMethods;
  const recorded: RecordedStatement[] = [];
  for (const method of METHODS) {
    proto[method] = function (this: Statement, ...args: unknown[]) {
      recorded.push({ stmt: this, method, args });
      return originals[method].apply(this, args);
    };
  }
  try {
    work();
  } finally {
    Object.assign(proto, originals);
  }
  return recorded;
}

/** Runs the recorded statements again, in order, through the module's own methods. */
export function replayStatements(db: Database, statements: readonly RecordedStatement[]): void {
  const proto = statementMethods(db);
  for (const { stmt, method, args } of statements) {
    const out = proto[method].apply(stmt, args);
    if (method === 'iterate') Array.from(out as Iterable<unknown>);
  }
}
