import { hash as oneShotHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import {
  checkEntryFields,
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
    const entry: JournalEntry = {
      seq: this.head.seq + 1,
      eventTime: e.eventTime,
      recordedTime: e.recordedTime,
      actor: e.actor,
      type: e.type,
      corrects: e.corrects,
      payload: e.payload,
      prevHash: this.head.hash,
      hash: '',
    };
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

/** Rows per read when verifying: one call into SQLite per page rather than one per row. */
const VERIFY_PAGE = 4096;

type VerifyRow = [seq: number, input: string, prevHash: string, hash: string];

/**
 * Recomputes the whole chain from the database and names the first entry that does not match, as
 * firstChainBreak (domain/journal.ts) does over entries in memory.
 *
 * For speed SQLite puts each entry's hash input together (one string per row instead of nine values),
 * in the encoding hashInput documents. So that the two can never drift apart unnoticed, the first entry
 * of every page is also rebuilt with hashInput from its fields and compared: a difference is a bug in
 * this build, and verification stops with an error rather than report on the wrong bytes.
 */
export function verifyJournal(db: Db): VerifyResult {
  // Keyset pages (seq > the last seen), so a gap left by a deleted row is read past and reported.
  const page = db
    .prepare(
      `SELECT seq,
              seq || char(10) || event_time || char(10) || recorded_time || char(10) || actor || char(10) || type || char(10) ||
                coalesce(corrects, '') || char(10) || prev_hash || char(10) || payload,
              prev_hash, hash
       FROM journal WHERE seq > ? ORDER BY seq LIMIT ${VERIFY_PAGE}`,
    )
    .raw();
  const fields = db
    .prepare('SELECT seq, event_time, recorded_time, actor, type, corrects, payload, prev_hash, hash FROM journal WHERE seq = ?')
    .raw();
  let entries = 0;
  let head: JournalHead = { seq: 0, hash: GENESIS_HASH };
  let firstBad: VerifyResult['firstBad'] = null;
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let after = 0;
  pages: for (;;) {
    const rows = page.all(after) as VerifyRow[];
    if (rows.length) checkEncoding(fields.get(rows[0]![0]) as Parameters<typeof checkEncoding>[0], rows[0]![1]);
    for (const r of rows) {
      entries++;
      head = { seq: r[0], hash: r[3] };
      if (r[0] !== expectedSeq) {
        firstBad = { seq: expectedSeq, problem: r[0] > expectedSeq ? 'gap' : 'out_of_order' };
        break pages;
      }
      if (r[2] !== prev) {
        firstBad = { seq: r[0], problem: 'prev_hash_mismatch' };
        break pages;
      }
      if (sha256Hex(r[1]) !== r[3]) {
        firstBad = { seq: r[0], problem: 'hash_mismatch' };
        break pages;
      }
      prev = r[3];
      expectedSeq++;
    }
    if (rows.length < VERIFY_PAGE) break;
    after = rows[rows.length - 1]![0];
  }
  return { ok: firstBad === null, entries, head, firstBad };
}

function checkEncoding(r: [number, string, string, string, string, number | null, string, string, string], fromSql: string): void {
  const e = { seq: r[0], eventTime: r[1], recordedTime: r[2], actor: r[3], type: r[4], corrects: r[5], payload: r[6], prevHash: r[7] };
  if (hashInput(e) !== fromSql) throw new Error(`journal verify: the database's encoding of entry ${r[0]} differs from hashInput`);
}

export { readEntries };
