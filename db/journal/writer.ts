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

/** The hash input of a row (hashInput's encoding), put together by SQLite. */
const HASH_INPUT_SQL =
  "seq || char(10) || event_time || char(10) || recorded_time || char(10) || actor || char(10) || type || char(10) || coalesce(corrects, '') || char(10) || prev_hash || char(10) || payload";

/** Entries per read when verifying: one call into SQLite per page; small enough to stay in the CPU's cache. */
const VERIFY_PAGE = 512;

type VerifyRow = [seq: number, input: Buffer, prevHash: string, hash: string];

type FieldsRow = [number, string, string, string, string, number | null, string, string, string];

/**
 * Recomputes the whole chain from the database and names the first entry that does not match, as
 * firstChainBreak (domain/journal.ts) does over entries in memory.
 *
 * For speed SQLite puts each entry's hash input together, in the encoding hashInput documents, and
 * hands a page of them over as one BLOB of UTF-8 with their lengths: the bytes are hashed as they are,
 * never turned into JavaScript strings and back. So that the two encodings can never drift apart
 * unnoticed, the first entry of every page is also rebuilt with hashInput from its fields and
 * compared: a difference is a bug in this build, and verification stops with an error rather than
 * report on the wrong bytes. A page with anything out of the ordinary (a gap, a broken link, a hash
 * that does not match, a field of the wrong shape) is read again row by row, which names the problem.
 */
export function verifyJournal(db: Db): VerifyResult {
  // Keyset pages (seq > the last seen), so a gap left by a deleted row is read past and reported.
  // concat_ws builds each row's input in one pass (|| copies the growing string at every field). It
  // would skip a NULL where || gives NULL, but the columns are NOT NULL, and a row that broke that
  // would not hash to its stored hash either way, sending its page to the row-by-row walk.
  const block = db
    .prepare(
      `SELECT count(*), max(seq), CAST(group_concat(t, '') AS BLOB), json_group_array(octet_length(t)),
              group_concat(prev_hash, ''), group_concat(hash, ''),
              sum(octet_length(prev_hash) IS NOT 64 OR octet_length(hash) IS NOT 64)
       FROM (SELECT seq, prev_hash, hash,
                    concat_ws(char(10), seq, event_time, recorded_time, actor, type, coalesce(corrects, ''), prev_hash, payload) AS t
             FROM journal WHERE seq > ? ORDER BY seq LIMIT ${VERIFY_PAGE})`,
    )
    .raw();
  // The stored bytes, as the page check hashes them: decoded to a string, a byte that is not UTF-8
  // would read as U+FFFD and could pass for one that was written as such.
  const rowsOf = db.prepare(`SELECT seq, CAST(${HASH_INPUT_SQL} AS BLOB), prev_hash, hash FROM journal WHERE seq > ? ORDER BY seq LIMIT ${VERIFY_PAGE}`).raw();
  const fields = db
    .prepare('SELECT seq, event_time, recorded_time, actor, type, corrects, payload, prev_hash, hash FROM journal WHERE seq = ?')
    .raw();
  let entries = 0;
  let head: JournalHead = { seq: 0, hash: GENESIS_HASH };
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let after = 0;
  for (;;) {
    const [count, last, bytes, lengthsJson, prevs, hashes, odd] = block.get(after) as [
      number,
      number | null,
      Buffer | null,
      string,
      string | null,
      string | null,
      number | null,
    ];
    if (count === 0) break;
    const lengths = JSON.parse(lengthsJson) as number[];
    // 64 bytes each, and as many characters in all: every hash is 64 ASCII characters, so they line up.
    const wellFormed = odd === 0 && bytes !== null && prevs?.length === 64 * count && hashes?.length === 64 * count;
    if (wellFormed) checkEncoding(fields.get(expectedSeq) as FieldsRow | undefined, bytes.subarray(0, lengths[0]));
    if (wellFormed && pageChains(bytes, lengths, prevs, hashes, expectedSeq, prev)) {
      entries += count;
      expectedSeq += count;
      prev = hashes.slice(-64);
      head = { seq: last!, hash: prev };
    } else {
      // Something in this page does not check out: walk it entry by entry to name the first problem.
      for (const r of rowsOf.all(after) as VerifyRow[]) {
        entries++;
        head = { seq: r[0], hash: r[3] };
        if (r[0] !== expectedSeq) return broken(entries, head, { seq: expectedSeq, problem: r[0] > expectedSeq ? 'gap' : 'out_of_order' });
        if (r[2] !== prev) return broken(entries, head, { seq: r[0], problem: 'prev_hash_mismatch' });
        if (oneShotHash('sha256', r[1], 'hex') !== r[3]) return broken(entries, head, { seq: r[0], problem: 'hash_mismatch' });
        prev = r[3];
        expectedSeq++;
      }
    }
    if (count < VERIFY_PAGE) break;
    after = last!;
  }
  return { ok: true, entries, head, firstBad: null };
}

function broken(entries: number, head: JournalHead, firstBad: NonNullable<VerifyResult['firstBad']>): VerifyResult {
  return { ok: false, entries, head, firstBad };
}

/**
 * Whether a page of entries, as SQLite put them together, extends the chain from `prev`: each entry
 * is the next seq, links to the hash before it, and hashes to its stored hash. Hashes and previous
 * hashes come concatenated, 64 characters each (their shape was checked).
 */
function pageChains(bytes: Buffer, lengths: number[], prevs: string, hashes: string, firstSeq: number, prev: string): boolean {
  let at = 0;
  for (let i = 0; i < lengths.length; i++) {
    const end = at + lengths[i]!;
    const hash = hashes.slice(i * 64, i * 64 + 64);
    if (!startsWithSeq(bytes, at, firstSeq + i)) return false;
    if (prevs.slice(i * 64, i * 64 + 64) !== prev) return false;
    if (oneShotHash('sha256', bytes.subarray(at, end), 'hex') !== hash) return false;
    prev = hash;
    at = end;
  }
  return at === bytes.length;
}

/** Whether the bytes at `at` are the decimal digits of `seq` (no leading zero) and a line break. */
function startsWithSeq(bytes: Uint8Array, at: number, seq: number): boolean {
  let n = 0;
  let k = at;
  for (; k < bytes.length && k - at < 16; k++) {
    const d = bytes[k]! - 48;
    if (d < 0 || d > 9) break;
    n = n * 10 + d;
  }
  return k > at && bytes[k] === 10 && n === seq && (bytes[at] !== 48 || k === at + 1);
}

function checkEncoding(r: FieldsRow | undefined, fromSql: Uint8Array): void {
  if (!r) return; // the page does not start where the chain expects: the row-by-row walk names the gap
  const e = { seq: r[0], eventTime: r[1], recordedTime: r[2], actor: r[3], type: r[4], corrects: r[5], payload: r[6], prevHash: r[7] };
  if (!Buffer.from(hashInput(e), 'utf8').equals(fromSql)) {
    throw new Error(`journal verify: the database's encoding of entry ${r[0]} differs from hashInput`);
  }
}

export { readEntries };
