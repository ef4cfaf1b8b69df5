import { hash as oneShotHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import {
  checkEntryFields,
  firstChainBreak,
  GENESIS_HASH,
  hashInput,
  type JournalEntry,
} from '../../domain/journal.ts';
import type { JournalHead, VerifyResult } from '../../domain/api/outputs.ts';
import type { Db } from '../connection.ts';

export function sha256Hex(text: string): string {
  return oneShotHash('sha256', text, 'hex');
}

export interface NewEntry {
  eventTime: string;
  recordedTime: string;
  actor: string;
  type: string;
  corrects: number | null;
  payload: string;
}

/**
 * Appends entries to the hash chain. Must be used inside a write transaction: the head is read when
 * the transaction begins (`begin`) so that another process appending to the same file cannot fork
 * the chain; the insert trigger checks the same invariant in the database.
 */
export class JournalWriter {
  private readonly insert: Statement;
  private readonly headStmt: Statement;
  private head: JournalHead = { seq: 0, hash: GENESIS_HASH };

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT INTO journal (seq, event_time, recorded_time, actor, type, corrects, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.headStmt = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').raw();
  }

  begin(): void {
    const row = this.headStmt.get() as [number, string] | undefined;
    this.head = row ? { seq: row[0], hash: row[1] } : { seq: 0, hash: GENESIS_HASH };
  }

  get nextSeq(): number {
    return this.head.seq + 1;
  }

  append(e: NewEntry): JournalEntry {
    const problem = checkEntryFields(e);
    if (problem) throw new Error(problem);
    const entry = { ...e, seq: this.head.seq + 1, prevHash: this.head.hash, hash: '' };
    entry.hash = sha256Hex(hashInput(entry));
    this.insert.run(
      entry.seq,
      entry.eventTime,
      entry.recordedTime,
      entry.actor,
      entry.type,
      entry.corrects,
      entry.payload,
      entry.prevHash,
      entry.hash,
    );
    this.head = { seq: entry.seq, hash: entry.hash };
    return entry;
  }
}

export function journalHead(db: Db): JournalHead {
  const row = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; hash: string }
    | undefined;
  return row ?? { seq: 0, hash: GENESIS_HASH };
}

function* readEntries(db: Db, fromSeq = 1): Generator<JournalEntry> {
  const stmt = db
    .prepare(
      'SELECT seq, event_time, recorded_time, actor, type, corrects, payload, prev_hash, hash FROM journal WHERE seq >= ? ORDER BY seq',
    )
    .raw();
  for (const r of stmt.iterate(fromSeq) as Iterable<
    [number, string, string, string, string, number | null, string, string, string]
  >) {
    yield {
      seq: r[0],
      eventTime: r[1],
      recordedTime: r[2],
      actor: r[3],
      type: r[4],
      corrects: r[5],
      payload: r[6],
      prevHash: r[7],
      hash: r[8],
    };
  }
}

/** Recomputes the whole chain from the database and names the first entry that does not match. */
export function verifyJournal(db: Db): VerifyResult {
  let entries = 0;
  let head: JournalHead = { seq: 0, hash: GENESIS_HASH };
  function* counted(): Generator<JournalEntry> {
    for (const e of readEntries(db)) {
      entries++;
      head = { seq: e.seq, hash: e.hash };
      yield e;
    }
  }
  const firstBad = firstChainBreak(counted(), sha256Hex);
  return { ok: firstBad === null, entries, head, firstBad };
}

export { readEntries };
