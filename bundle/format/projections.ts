// The projections section: for every register table (domain/replay/tables.ts), its row count and a
// digest of its rows' canonical texts (domain/replay/canonical-rows.ts), computed at export from the
// centre's SQL tables. Verification replays the journal and computes the same digests from the
// replay: equal digests prove that the tables the centre works from are exactly what its journal
// says. The tables themselves are not shipped: the replay of the verified journal rebuilds them.
//
//   block_j     = UTF-8 of rows (j-1)·4096 … j·4096-1, each row's canonical text followed by "\n"
//   tableDigest = SHA-256(SHA-256(block_1) ‖ … ‖ SHA-256(block_n))   (SHA-256 of nothing if no rows)

import { z } from 'zod';
import { replayRowText } from '../../domain/replay/canonical-rows.ts';
import { TABLES, tableRows, type RegisterTables, type TableSpec } from '../../domain/replay/tables.ts';
import { concatBytes, toHex, utf8Encoder } from './bytes.ts';
import type { Crypto } from './crypto.ts';

export const ROWS_PER_BLOCK = 4096;
/**
 * Closed blocks are hashed once they hold this much: the buffer stays about a block or two (growing
 * it to a 32 MB batch, zeroed at each doubling and copied, cost more than the hashing calls saved).
 */
const HASH_BATCH_BYTES = 1024 * 1024;
/** Rows encoded to UTF-8 per call. */
const ENCODE_ROWS = 256;

export interface TableDigest {
  rows: number;
  sha256: string;
}

export const projectionsSchema = z
  .object({
    rowsPerBlock: z.literal(ROWS_PER_BLOCK),
    tables: z.record(z.string().regex(/^[a-z_]{1,64}$/), z.object({ rows: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict()),
  })
  .strict();

export type ProjectionsSection = z.output<typeof projectionsSchema>;

/**
 * Accumulates one table's canonical row texts and digests them block by block. A block's rows are
 * joined and written as UTF-8 into one buffer in one call (a call per row cost more than the
 * encoding itself in a browser); full blocks are hashed in batches.
 */
export class TableDigester {
  rows = 0;
  // Grown as rows come (most tables are small: a batch-sized buffer each would be most of the memory).
  private buf = new Uint8Array(64 * 1024);
  private used = 0;
  /** Start of the open block, and how many rows it holds. */
  private blockStart = 0;
  private inBlock = 0;
  /** The open block's row texts, not yet encoded. */
  private pending: string[] = [];
  /** Start and end of each closed block not yet hashed. */
  private closed: number[] = [];
  private lastBlockShort = false;
  /** Each batch's block digests, or the promise of them (hashing goes on while rows are written). */
  private readonly digests: (Uint8Array | Promise<Uint8Array>)[] = [];

  private room(bytes: number): void {
    if (this.used + bytes <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.used + bytes));
    bigger.set(this.buf.subarray(0, this.used));
    this.buf = bigger;
  }

  add(rowText: string): void {
    this.pending.push(rowText);
    this.rows++;
    if (++this.inBlock === ROWS_PER_BLOCK) this.closeBlock();
  }

  /**
   * Rows already encoded: `text[ends[from − 1] … ends[to − 1])`, each row's UTF-8 followed by "\n"
   * (`ends[i]`: the end of row i's), in order. Not mixed with `add` in one table.
   */
  addRows(text: Uint8Array, ends: Uint32Array, from: number, to: number): void {
    if (this.pending.length) throw new Error('addRows after add');
    let i = from;
    while (i < to) {
      const n = Math.min(to - i, ROWS_PER_BLOCK - this.inBlock);
      const a = i === 0 ? 0 : ends[i - 1]!;
      const b = ends[i + n - 1]!;
      this.room(b - a);
      this.buf.set(text.subarray(a, b), this.used);
      this.used += b - a;
      this.rows += n;
      this.inBlock += n;
      i += n;
      if (this.inBlock === ROWS_PER_BLOCK) {
        this.closed.push(this.blockStart, this.used);
        this.blockStart = this.used;
        this.inBlock = 0;
      }
    }
  }

  /**
   * A whole block at once: the UTF-8 of the canonical texts of exactly ROWS_PER_BLOCK rows (fewer
   * only for the table's last block), each followed by "\n". For callers that build blocks
   * themselves (export).
   */
  addBlock(bytes: Uint8Array, rows: number): void {
    if (this.inBlock !== 0) throw new Error('addBlock after add');
    if (rows > ROWS_PER_BLOCK) throw new RangeError('a block holds at most ROWS_PER_BLOCK rows');
    if (this.lastBlockShort) throw new Error('only the last block may be short');
    this.lastBlockShort = rows < ROWS_PER_BLOCK;
    this.room(bytes.length);
    this.buf.set(bytes, this.used);
    this.closed.push(this.used, this.used + bytes.length);
    this.used += bytes.length;
    this.blockStart = this.used;
    this.rows += rows;
  }

  private closeBlock(): void {
    if (this.inBlock === 0) return;
    // A few hundred rows per call: strings small enough to die young, calls few enough to be cheap.
    for (let k = 0; k < this.pending.length; k += ENCODE_ROWS) {
      const text = `${this.pending.slice(k, k + ENCODE_ROWS).join('\n')}\n`;
      this.room(text.length * 3);
      this.used += utf8Encoder.encodeInto(text, this.buf.subarray(this.used)).written;
    }
    this.pending = [];
    this.closed.push(this.blockStart, this.used);
    this.blockStart = this.used;
    this.inBlock = 0;
  }

  /** Whether enough blocks wait to be hashed (the caller then awaits `hashPending`). */
  get shouldHash(): boolean {
    return this.closed.length > 0 && this.used >= HASH_BATCH_BYTES;
  }

  async hashPending(crypto: Crypto): Promise<void> {
    const n = this.closed.length / 2;
    if (n === 0) return;
    const starts = new Uint32Array(n);
    const ends = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      starts[i] = this.closed[2 * i]!;
      ends[i] = this.closed[2 * i + 1]!;
    }
    const batchEnd = ends[n - 1]!;
    // sha256Ranges reads the bytes before it returns (see Crypto), so the buffer may be reused at
    // once; where the hashing is elsewhere (workers), the next rows are written meanwhile.
    const digests = Promise.resolve(crypto.sha256Ranges(this.buf.subarray(0, batchEnd), starts, ends, n));
    digests.catch(() => {}); // awaited in finish(); not an unhandled rejection meanwhile
    this.digests.push(digests);
    // The open block moves to the front.
    this.buf.copyWithin(0, batchEnd, this.used);
    this.used -= batchEnd;
    this.blockStart -= batchEnd;
    this.closed = [];
  }

  async finish(crypto: Crypto): Promise<TableDigest> {
    this.closeBlock();
    await this.hashPending(crypto);
    const digest = await crypto.sha256(concatBytes(await Promise.all(this.digests)));
    return { rows: this.rows, sha256: toHex(digest) };
  }
}

/** What gives a table's digest other than its rows in the replay (see replayDigests). */
export interface TableDigestSource {
  finish(crypto: Crypto): Promise<TableDigest>;
}

/** The digest of one replayed table, from its rows. */
export async function digestTable(tables: RegisterTables, spec: TableSpec, crypto: Crypto, yieldToHost?: () => Promise<void>): Promise<TableDigest> {
  const d = new TableDigester();
  for (const row of tableRows(tables, spec)) {
    d.add(replayRowText(spec, row));
    if (d.shouldHash) {
      await d.hashPending(crypto);
      await yieldToHost?.();
    }
  }
  return d.finish(crypto);
}

/** Digests of the replayed tables, keyed by SQL table name. */
export async function replayDigests(
  tables: RegisterTables,
  crypto: Crypto,
  yieldToHost?: () => Promise<void>,
  /** Tables whose rows were digested elsewhere (rows kept aside from the replay: rights-aside.ts). */
  digested: Partial<Record<string, TableDigestSource>> = {},
): Promise<Record<string, TableDigest>> {
  const out: Record<string, TableDigest> = {};
  for (const spec of TABLES) {
    const aside = digested[spec.sql];
    out[spec.sql] = aside ? await aside.finish(crypto) : await digestTable(tables, spec, crypto, yieldToHost);
  }
  return out;
}

export interface ProjectionMismatch {
  table: string;
  message: string;
}

/** Compares the section with the replay's digests: every known table must be there and equal. */
export function compareProjections(section: ProjectionsSection, replayed: Record<string, TableDigest>): { mismatches: ProjectionMismatch[]; unknown: string[] } {
  const mismatches: ProjectionMismatch[] = [];
  for (const spec of TABLES) {
    const claimed = section.tables[spec.sql];
    const actual = replayed[spec.sql]!;
    if (!claimed) mismatches.push({ table: spec.sql, message: `the bundle has no digest for table ${spec.sql}` });
    else if (claimed.rows !== actual.rows) {
      mismatches.push({ table: spec.sql, message: `table ${spec.sql}: the centre's database has ${claimed.rows} rows, the journal gives ${actual.rows}` });
    } else if (claimed.sha256 !== actual.sha256) {
      mismatches.push({ table: spec.sql, message: `table ${spec.sql}: the centre's rows differ from what the journal gives` });
    }
  }
  const known = new Set(TABLES.map((t) => t.sql));
  const unknown = Object.keys(section.tables).filter((t) => !known.has(t));
  return { mismatches, unknown };
}
