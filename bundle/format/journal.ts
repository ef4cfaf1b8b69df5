// The journal section. Each chunk's raw content is a count, the entries' byte lengths, then the
// entries' hash inputs one after the other:
//
//   u32le count | u32le length × count | hash input × count   (UTF-8, exactly hashInput())
//
// and no entry is split across chunks (lengths first: SQLite hands the exporter a block of entries
// as one string and their lengths, and the reader finds every entry without scanning). The entry's
// own hash is not stored: it is the next entry's prev_hash, and the last entry's is the manifest's
// head, so verifying is hashing every input (in any order, in parallel) and comparing each digest
// with the 64 hex digits of the next entry's prev_hash. Entries stay bytes until asked for.

import { GENESIS_HASH, type JournalEntry } from '../../domain/journal.ts';
import { fromHex, fromUtf8, hexBytesEqual, readU32, toHex, utf8Encoder, writeU32 } from './bytes.ts';
import { CHUNK_TARGET, MAX_CHUNK_RAW } from './container.ts';
import type { Crypto } from './crypto.ts';

const NL = 10;

export class JournalFormatError extends Error {
  override name = 'JournalFormatError';
  constructor(
    /** The entry: its seq, or its index in the chunk when the chunk was indexed with firstSeq 0. */
    readonly seq: number,
    /** What is wrong with it, without its number. */
    readonly reason: string,
  ) {
    super(`entry ${seq}: ${reason}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Writing (export)

/** A raw chunk from entries' hash inputs given as one text and each entry's UTF-8 byte length. */
export function encodeJournalChunk(text: string, lengths: readonly number[]): Uint8Array {
  const header = 4 + 4 * lengths.length;
  let total = 0;
  for (const n of lengths) total += n;
  if (header + total > MAX_CHUNK_RAW) throw new RangeError(`a journal chunk of ${header + total} bytes is larger than a chunk may be`);
  const out = new Uint8Array(header + total);
  writeU32(out, 0, lengths.length);
  lengths.forEach((n, i) => writeU32(out, 4 + 4 * i, n));
  const { read, written } = utf8Encoder.encodeInto(text, out.subarray(header));
  if (read !== text.length || written !== total) throw new RangeError('the entries\' lengths do not add up to their text');
  return out;
}

/**
 * Packs hash inputs into raw chunks of about CHUNK_TARGET bytes. `add` returns a finished chunk when
 * the current one is full (the entry then starts the next); `finish` the last.
 */
export class JournalChunkWriter {
  private texts: string[] = [];
  private lengths: number[] = [];
  private bytes = 0;
  entries = 0;

  constructor(private readonly target = CHUNK_TARGET) {}

  add(hashInput: string): Uint8Array | null {
    const length = utf8Length(hashInput);
    let done: Uint8Array | null = null;
    if (this.texts.length > 0 && this.bytes + 8 + length > this.target) done = this.flush();
    this.texts.push(hashInput);
    this.lengths.push(length);
    this.bytes += 4 + length;
    this.entries++;
    return done;
  }

  finish(): Uint8Array | null {
    return this.texts.length > 0 ? this.flush() : null;
  }

  private flush(): Uint8Array {
    const chunk = encodeJournalChunk(this.texts.join(''), this.lengths);
    this.texts = [];
    this.lengths = [];
    this.bytes = 0;
    return chunk;
  }
}

/** UTF-8 byte length of a string (lone surrogates count as U+FFFD, as TextEncoder writes them). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2;
      i++;
    } else n += 2;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface JournalChunk {
  raw: Uint8Array;
  /** Where each entry's hash input starts and ends in `raw`. */
  starts: Uint32Array;
  ends: Uint32Array;
  count: number;
  /** Index (0-based, in the bundle) of the chunk's first entry. */
  first: number;
  /** The entries' SHA-256 digests, 32 bytes each, once hashed. */
  digests: Uint8Array | null;
  /** The entries' field table (fieldTable), where it was made. */
  fields?: Int32Array | null;
}

/** Finds the entries of one raw chunk. `firstSeq` only numbers the entry in an error. */
export function indexJournalChunk(raw: Uint8Array, first: number, firstSeq: number): JournalChunk {
  if (raw.length < 4) throw new JournalFormatError(firstSeq, 'its journal chunk is cut short');
  const count = readU32(raw, 0);
  const header = 4 + 4 * count;
  if (count === 0 || header > raw.length) throw new JournalFormatError(firstSeq, 'its journal chunk gives a wrong number of entries');
  const starts = new Uint32Array(count);
  const ends = new Uint32Array(count);
  let o = header;
  for (let i = 0; i < count; i++) {
    const length = readU32(raw, 4 + 4 * i);
    if (o + length > raw.length) throw new JournalFormatError(firstSeq + i, 'it runs past the end of its chunk');
    starts[i] = o;
    o += length;
    ends[i] = o;
  }
  if (o !== raw.length) throw new JournalFormatError(firstSeq + count - 1, 'its chunk holds bytes after it');
  return { raw, starts, ends, count, first, digests: null };
}

/** A chunk's bytes as 32-bit words, where its start is aligned (for fieldEnds); null otherwise. */
export function wordsOf(raw: Uint8Array): Uint32Array | null {
  return (raw.byteOffset & 3) === 0 ? new Uint32Array(raw.buffer, raw.byteOffset, raw.length >> 2) : null;
}

/**
 * Offsets (in the chunk) of the newline that ends each of the first seven fields; false if there are
 * fewer. With `words` (wordsOf), four bytes are looked at a time where none is a newline (an entry's
 * first fields are some 180 bytes, and every entry's are scanned).
 */
export function fieldEnds(raw: Uint8Array, start: number, end: number, out: Int32Array, words: Uint32Array | null = null): boolean {
  let n = 0;
  let i = start;
  if (words) {
    for (; i < end && (i & 3) !== 0; i++) {
      if (raw[i] === NL) {
        out[n++] = i;
        if (n === 7) return true;
      }
    }
    const aligned = end & ~3;
    for (; i < aligned; i += 4) {
      const v = words[i >> 2]! ^ 0x0a0a0a0a;
      // A zero byte in v (a newline in the word): the classic test, exact for presence.
      if (((v - 0x01010101) & ~v & 0x80808080) !== 0) {
        for (let k = 0; k < 4; k++) {
          if (raw[i + k] === NL) {
            out[n++] = i + k;
            if (n === 7) return true;
          }
        }
      }
    }
  }
  for (; i < end; i++) {
    if (raw[i] === NL) {
      out[n++] = i;
      if (n === 7) return true;
    }
  }
  return false;
}

/**
 * As fieldEnds, stopping also at a byte that is not ASCII: how many of the seven newlines come
 * before it (7: all, and the fields before the payload are ASCII).
 */
export function asciiFieldEnds(raw: Uint8Array, start: number, end: number, out: Int32Array, words: Uint32Array | null): number {
  let n = 0;
  let i = start;
  if (words) {
    for (; i < end && (i & 3) !== 0; i++) {
      const c = raw[i]!;
      if (c === NL) {
        out[n++] = i;
        if (n === 7) return 7;
      } else if (c >= 0x80) return n;
    }
    const aligned = end & ~3;
    for (; i < aligned; i += 4) {
      const w = words[i >> 2]!;
      const v = w ^ 0x0a0a0a0a;
      if ((((v - 0x01010101) & ~v) | w) & 0x80808080) {
        for (let k = 0; k < 4; k++) {
          const c = raw[i + k]!;
          if (c === NL) {
            out[n++] = i + k;
            if (n === 7) return 7;
          } else if (c >= 0x80) return n;
        }
      }
    }
  }
  for (; i < end; i++) {
    const c = raw[i]!;
    if (c === NL) {
      out[n++] = i;
      if (n === 7) return 7;
    } else if (c >= 0x80) return n;
  }
  return n;
}

/** Whether raw[a, b) is all ASCII (four bytes at a time where the chunk is aligned: see wordsOf). */
export function asciiRange(raw: Uint8Array, words: Uint32Array | null, a: number, b: number): boolean {
  let i = a;
  if (words) {
    for (; i < b && (i & 3) !== 0; i++) if (raw[i]! >= 0x80) return false;
    for (; i + 4 <= b; i += 4) if ((words[i >> 2]! & 0x80808080) !== 0) return false;
  }
  for (; i < b; i++) if (raw[i]! >= 0x80) return false;
  return true;
}

/** Ints a chunk's field table (fieldTable) gives each entry: its seven field ends, then its flags. */
export const FIELD_STRIDE = 8;
/** Flag: the entry has its seven newlines (fieldEnds says true). */
export const FIELDS_FOUND = 1;
/** Flag: …and every byte up to the seventh is ASCII (asciiFieldEnds says 7). */
export const FIELDS_ASCII = 2;
/** Flag: the payload (after the seventh newline) is all ASCII. */
export const PAYLOAD_ASCII = 4;

/**
 * What the chain check, the rights rows and the replay each need of every entry's bytes, found in
 * one pass where a chunk is hashed (a helper worker), instead of once by each of them: per entry,
 * FIELD_STRIDE ints, the offsets of the newlines that end its first seven fields (as fieldEnds finds
 * them; -1 where there are fewer), then its flags.
 */
export function fieldTable(chunk: JournalChunk): Int32Array {
  const raw = chunk.raw;
  const table = new Int32Array(FIELD_STRIDE * chunk.count).fill(-1);
  const nl = new Int32Array(7);
  const words = wordsOf(raw);
  for (let i = 0; i < chunk.count; i++) {
    const start = chunk.starts[i]!;
    const end = chunk.ends[i]!;
    const o = FIELD_STRIDE * i;
    let flags = 0;
    if (asciiFieldEnds(raw, start, end, nl, words) === 7) flags = FIELDS_FOUND | FIELDS_ASCII;
    else if (fieldEnds(raw, start, end, nl, words)) flags = FIELDS_FOUND;
    if (flags !== 0) {
      for (let k = 0; k < 7; k++) table[o + k] = nl[k]!;
      if (asciiRange(raw, words, nl[6]! + 1, end)) flags |= PAYLOAD_ASCII;
    }
    table[o + 7] = flags;
  }
  return table;
}

/**
 * Entry i's seven field ends into `out`, from the chunk's field table where it has one; false where
 * the entry has fewer than seven fields before its payload.
 */
export function entryFields(chunk: JournalChunk, i: number, out: Int32Array, words: Uint32Array | null): boolean {
  const table = chunk.fields;
  if (!table) return fieldEnds(chunk.raw, chunk.starts[i]!, chunk.ends[i]!, out, words);
  const o = FIELD_STRIDE * i;
  if ((table[o + 7]! & FIELDS_FOUND) === 0) return false;
  for (let k = 0; k < 7; k++) out[k] = table[o + k]!;
  return true;
}

export type ChainProblem = 'malformed' | 'gap' | 'out_of_order' | 'hash_mismatch' | 'prev_hash_mismatch' | 'head_mismatch';

export interface ChainFailure {
  seq: number;
  problem: ChainProblem;
  message: string;
}

/**
 * Checks one hashed chunk: each entry's seq is the next one, and its prev_hash is the digest of the
 * entry before (`previous`: the previous chunk's last digest, or the bundle's start point).
 * Returns the first failure, or null.
 */
export function checkChunkChain(
  chunk: JournalChunk,
  firstSeq: number,
  previous: { digest: Uint8Array; isStart: boolean },
): ChainFailure | null {
  const raw = chunk.raw;
  const digests = chunk.digests!;
  const nl = new Int32Array(7);
  const words = wordsOf(raw);
  for (let i = 0; i < chunk.count; i++) {
    const seq = firstSeq + i;
    const start = chunk.starts[i]!;
    if (!entryFields(chunk, i, nl, words)) {
      return { seq, problem: 'malformed', message: `entry ${seq} does not have the eight fields of a journal entry` };
    }
    // seq: decimal digits, no leading zero.
    let value = 0;
    const seqEnd = nl[0]!;
    const digitsOk = seqEnd > start && seqEnd - start <= 16 && !(raw[start] === 0x30 && seqEnd - start > 1);
    for (let j = start; j < seqEnd && digitsOk; j++) {
      const d = raw[j]! - 0x30;
      if (d < 0 || d > 9) {
        value = -1;
        break;
      }
      value = value * 10 + d;
    }
    if (!digitsOk || value < 0) return { seq, problem: 'malformed', message: `entry ${seq}: its sequence number is not a number` };
    if (value !== seq) {
      const message = `entry ${seq} is not in its place: entry ${value} is found there (entries were removed, inserted or reordered)`;
      return { seq, problem: value > seq ? 'gap' : 'out_of_order', message };
    }
    const prevStart = nl[5]! + 1;
    if (nl[6]! - prevStart !== 64) return { seq, problem: 'malformed', message: `entry ${seq}: its previous hash is not 64 hex digits` };
    const prevDigest = i === 0 ? previous.digest : digests;
    const prevOffset = i === 0 ? 0 : 32 * (i - 1);
    if (!hexBytesEqual(raw, prevStart, prevDigest, prevOffset)) {
      if (i === 0 && previous.isStart) {
        return {
          seq,
          problem: 'prev_hash_mismatch',
          message:
            seq === 1
              ? 'entry 1 does not start from the genesis hash (64 zeros)'
              : `entry ${seq} does not continue entry ${seq - 1}, where the slice says it starts`,
        };
      }
      return {
        seq: seq - 1,
        problem: 'hash_mismatch',
        message: `entry ${seq - 1} does not hash to what entry ${seq} records as the hash before it: entry ${seq - 1} was changed after it was written (or entry ${seq} was)`,
      };
    }
  }
  return null;
}

/**
 * The chain inside one hashed chunk, checked where it was hashed (a helper worker): the seq of its
 * first entry when every entry is well-formed, numbered one after the other, and (from the second
 * on) records the digest of the entry before it; null otherwise. What is left to check where the
 * chunks meet is the first entry's seq and previous hash (checkChunkStart). Where this says null,
 * checkChunkChain finds and names the first problem.
 */
export function checkChunkLinks(chunk: JournalChunk): number | null {
  const raw = chunk.raw;
  const nl = new Int32Array(7);
  if (chunk.count === 0 || !chunk.digests || !fieldEnds(raw, chunk.starts[0]!, chunk.ends[0]!, nl)) return null;
  const start = chunk.starts[0]!;
  const digits = nl[0]! - start;
  if (digits < 1 || digits > 16 || (raw[start] === 0x30 && digits > 1)) return null;
  let seq = 0;
  for (let j = start; j < nl[0]!; j++) {
    const d = raw[j]! - 0x30;
    if (d < 0 || d > 9) return null;
    seq = seq * 10 + d;
  }
  if (nl[6]! - nl[5]! - 1 !== 64) return null;
  // Entry 0's previous hash is its own business (checkChunkStart): compare it with itself here.
  const own = new Uint8Array(32);
  for (let i = 0; i < 32; i++) own[i] = parseInt(String.fromCharCode(raw[nl[5]! + 1 + 2 * i]!, raw[nl[5]! + 2 + 2 * i]!), 16);
  if (!hexBytesEqual(raw, nl[5]! + 1, own, 0)) return null;
  return checkChunkChain(chunk, seq, { digest: own, isStart: false }) === null ? seq : null;
}

/**
 * With checkChunkLinks' answer for the chunk: whether its first entry is `seq` and records
 * `previous` as the hash before it. False sends the chunk to checkChunkChain, which names the problem.
 */
export function checkChunkStart(chunk: JournalChunk, linkedFrom: number, seq: number, previous: Uint8Array): boolean {
  if (linkedFrom !== seq) return false;
  const raw = chunk.raw;
  const nl = new Int32Array(7);
  return fieldEnds(raw, chunk.starts[0]!, chunk.ends[0]!, nl) && nl[6]! - nl[5]! - 1 === 64 && hexBytesEqual(raw, nl[5]! + 1, previous, 0);
}

/** The verified journal of a bundle: entries kept as bytes, decoded on demand. */
export class BundleJournal {
  readonly chunks: JournalChunk[] = [];
  count = 0;

  constructor(
    /** The entry the journal continues (seq 0 and 64 zeros for a whole journal). */
    readonly from: { seq: number; hash: string },
  ) {}

  add(chunk: JournalChunk): void {
    this.chunks.push(chunk);
    this.count += chunk.count;
  }

  get firstSeq(): number {
    return this.from.seq + 1;
  }

  get lastSeq(): number {
    return this.from.seq + this.count;
  }

  private locate(index: number): [JournalChunk, number] {
    if (!(index >= 0 && index < this.count)) throw new RangeError(`no entry at index ${index}`);
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunks[mid]!.first <= index) lo = mid;
      else hi = mid - 1;
    }
    const chunk = this.chunks[lo]!;
    return [chunk, index - chunk.first];
  }

  /** The hash input's bytes of the entry at `index` (0-based). */
  input(index: number): Uint8Array {
    const [c, i] = this.locate(index);
    return c.raw.subarray(c.starts[i]!, c.ends[i]!);
  }

  /** The entry's SHA-256 (32 bytes), once the journal is hashed. */
  digest(index: number): Uint8Array | null {
    const [c, i] = this.locate(index);
    return c.digests ? c.digests.subarray(32 * i, 32 * i + 32) : null;
  }

  /** The entry with the given seq, decoded; its hash filled in once hashed. */
  bySeq(seq: number): JournalEntry {
    return this.entry(seq - this.firstSeq);
  }

  entry(index: number): JournalEntry {
    const e = parseHashInput(fromUtf8(this.input(index)), this.firstSeq + index);
    const d = this.digest(index);
    return { ...e, hash: d ? toHex(d) : '' };
  }

  *entries(from = 0, to = this.count): Generator<JournalEntry> {
    for (let i = from; i < to; i++) yield this.entry(i);
  }

  /** Hex hash of the last entry (or of `from` for an empty slice), once hashed. */
  headHash(): string {
    if (this.count === 0) return this.from.hash;
    const d = this.digest(this.count - 1);
    return d ? toHex(d) : '';
  }
}

/** The fields of a hash input: the inverse of hashInput(). */
export function parseHashInput(text: string, expectedSeq: number): Omit<JournalEntry, 'hash'> {
  const ends: number[] = [];
  let from = 0;
  for (let k = 0; k < 7; k++) {
    const i = text.indexOf('\n', from);
    if (i < 0) throw new JournalFormatError(expectedSeq, 'it does not have the eight fields of a journal entry');
    ends.push(i);
    from = i + 1;
  }
  const field = (k: number) => text.slice(k === 0 ? 0 : ends[k - 1]! + 1, ends[k]);
  const seqText = field(0);
  const correctsText = field(5);
  if (!/^[1-9][0-9]{0,15}$/.test(seqText)) throw new JournalFormatError(expectedSeq, 'its sequence number is not a number');
  if (correctsText !== '' && !/^[1-9][0-9]{0,15}$/.test(correctsText)) {
    throw new JournalFormatError(expectedSeq, 'the entry it corrects is not a number');
  }
  return {
    seq: Number(seqText),
    eventTime: field(1),
    recordedTime: field(2),
    actor: field(3),
    type: field(4),
    corrects: correctsText === '' ? null : Number(correctsText),
    prevHash: field(6),
    payload: text.slice(ends[6]! + 1),
  };
}

/** The 32-byte starting point of a chain: from.hash as bytes. */
export function startDigest(from: { hash: string }): Uint8Array {
  return fromHex(from.hash === '' ? GENESIS_HASH : from.hash);
}

/** Hashes a chunk's entries with the injected primitive. */
export async function hashChunk(chunk: JournalChunk, crypto: Crypto): Promise<void> {
  chunk.digests = chunk.count === 0 ? new Uint8Array(0) : await crypto.sha256Ranges(chunk.raw, chunk.starts, chunk.ends, chunk.count);
  if (chunk.digests.length !== 32 * chunk.count) throw new Error('the SHA-256 primitive returned the wrong number of digests');
}
