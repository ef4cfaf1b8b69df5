// Rights rows kept aside. Two thirds of a centre's journal are right.recorded entries, and each makes
// one row of `rights` that no later entry changes: a function of the entry alone (domain/replay's
// rightRow). So verification need not carry them through the replay: their canonical texts are made
// straight from a journal chunk's bytes, where the chunk is decompressed and hashed (the viewer's
// helper workers, off the page's thread), and digested in journal order; the replay only notes the
// entry (its medical note reference, whether it is late). The rows themselves are built when a
// screen needs them (materialiseRights).
//
// The replay's Map keeps one row per rightEntryId; the rows aside are one per entry. The two agree
// unless an id repeats, which the service never writes: key hashes find any repeat (equal ids, equal
// hashes; a false alarm only costs the slow way), and then verification builds the Map and digests it
// as before. So the verdict is the same either way.

import { rightRow, type ReplayEntry } from '../../domain/replay/replay.ts';
import { replayRowText } from '../../domain/replay/canonical-rows.ts';
import { TABLES, type RegisterTables, type TableSpec } from '../../domain/replay/tables.ts';
import type { EventPayloads } from '../../domain/events.ts';
import { fromUtf8, utf8Encoder } from './bytes.ts';
import { entryFields, wordsOf, type JournalChunk } from './journal.ts';

export const RIGHT_TYPE = 'right.recorded';
const RIGHT_BYTES = Array.from(RIGHT_TYPE, (c) => c.charCodeAt(0));
export const RIGHTS_SPEC: TableSpec = TABLES.find((t) => t.key === 'rights')!;
const NL = 10;

/** The rights rows of one journal chunk, as canonical texts. Plain data: it crosses to and from workers. */
export interface RightsAside {
  rows: number;
  /** Index in the chunk of each row's entry. */
  entry: Uint32Array;
  /** UTF-8 of each row's canonical text followed by "\n", one after the other. */
  text: Uint8Array;
  /** End of each row's text (with its "\n") in `text`. */
  ends: Uint32Array;
  /** Two 32-bit hashes of each row's key (rightEntryId), to find an id that repeats. */
  keys: Uint32Array;
  /** 1 where the key is a value a Map could meet again (not an object). */
  keyed: Uint8Array;
  /** Medical note references: row index and reference, by row. */
  refs: [number, string][];
  /** The first right.recorded entry whose payload is not a JSON object: entries after it are not read. */
  failure: { entry: number; reason: 'json' | 'object' } | null;
}

/** Whether the entry's type field, raw[a, b), is right.recorded. */
export function isRightType(raw: Uint8Array, a: number, b: number): boolean {
  if (b - a !== RIGHT_BYTES.length) return false;
  for (let k = 0; k < RIGHT_BYTES.length; k++) if (raw[a + k] !== RIGHT_BYTES[k]) return false;
  return true;
}

function ascii(raw: Uint8Array, a: number, b: number): string {
  return String.fromCharCode.apply(null, raw.subarray(a, b) as unknown as number[]);
}

const H1 = 0x811c9dc5;
const H2 = 0x9747b28c;
const mix1 = (h: number, c: number) => Math.imul(h ^ c, 0x01000193);
const mix2 = (h: number, c: number) => {
  const x = Math.imul(h ^ c, 0x5bd1e995);
  return x ^ (x >>> 15);
};

function keyHashes(key: unknown, out: Uint32Array, at: number): boolean {
  let text: string;
  if (typeof key === 'string') text = `s${key}`;
  else if (typeof key === 'number') text = `n${String(key)}`;
  else if (key === null || typeof key !== 'object') text = `o${String(key)}`;
  else return false; // an object is a key no other row can have
  let h1 = H1;
  let h2 = H2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = mix1(h1, c);
    h2 = mix2(h2, c);
  }
  out[at] = h1 >>> 0;
  out[at + 1] = (h2 ^ text.length) >>> 0;
  return true;
}

/** keyHashes of the string whose ASCII bytes are raw[a, b), without making the string. */
function keyHashesOfBytes(raw: Uint8Array, a: number, b: number, out: Uint32Array, at: number): void {
  let h1 = mix1(H1, 0x73); // "s"
  let h2 = mix2(H2, 0x73);
  for (let i = a; i < b; i++) {
    h1 = mix1(h1, raw[i]!);
    h2 = mix2(h2, raw[i]!);
  }
  out[at] = h1 >>> 0;
  out[at + 1] = (h2 ^ (b - a + 1)) >>> 0;
}

// The usual payload, as the service writes it: one object, keys in order, no spaces, every value a
// string without escapes (in any script, well-formed UTF-8; the id and the note reference in ASCII),
// the interpreter an object of such strings. Its row's text can then be copied out of the payload's
// bytes, without parsing it into objects and writing them out again (which cost most of the time):
// each string token is exactly what JSON.stringify writes for the value JSON.parse reads from it.
// Anything else (an escape, a number, another object, a key twice) is read the general way, with
// JSON.parse and the replay's own rightRow.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** The payload keys the row reads, and their places in a row's text (-1: not a column). */
const FIELDS = ['rightEntryId', 'placementId', 'personId', 'right', 'state', 'language', 'version', 'interpreter', 'detail', 'detailRef'] as const;
const FIELD_CODES = FIELDS.map((f) => Array.from(f, (c) => c.charCodeAt(0)));
const REF = FIELDS.indexOf('detailRef');
const INTERPRETER = FIELDS.indexOf('interpreter');
/** Members of an interpreter object read the fast way (the service writes two: mode and name). */
const MAX_MEMBERS = 8;
const memberKeys = new Int32Array(2 * MAX_MEMBERS);

function sameBytes(raw: Uint8Array, a: number, b: number, c: number, d: number): boolean {
  if (b - a !== d - c) return false;
  for (let k = 0; k < b - a; k++) if (raw[a + k] !== raw[c + k]) return false;
  return true;
}

/**
 * End (after the closing brace) of an interpreter object starting at the brace at `a`, where its text
 * is exactly what JSON.stringify writes for what JSON.parse reads from it: plain string keys and values,
 * no spaces, no key twice (JSON.parse keeps the last value at the first key's place), no key an array
 * index (an object lists those first) and no __proto__; -1 otherwise (read the general way).
 */
function plainObject(raw: Uint8Array, a: number, end: number): number {
  let j = a + 1;
  if (raw[j] === 0x7d) return j + 1;
  for (let m = 0; ; m++) {
    if (m === MAX_MEMBERS || raw[j] !== QUOTE) return -1;
    const keyEnd = plainString(raw, j, end);
    if (keyEnd < 0 || raw[keyEnd] !== 0x3a) return -1;
    const first = raw[j + 1]!;
    if ((first >= 0x30 && first <= 0x39) || (first === 0x5f && keyEnd - j - 2 === 9)) return -1;
    for (let k = 0; k < m; k++) if (sameBytes(raw, memberKeys[2 * k]!, memberKeys[2 * k + 1]!, j, keyEnd)) return -1;
    memberKeys[2 * m] = j;
    memberKeys[2 * m + 1] = keyEnd;
    if (raw[keyEnd + 1] !== QUOTE) return -1;
    j = plainString(raw, keyEnd + 1, end, true);
    if (j < 0) return -1;
    if (raw[j] === 0x2c) j++;
    else if (raw[j] === 0x7d) return j + 1;
    else return -1;
  }
}

/** Which FIELDS key raw[a, b) is; -1 for another key. */
function fieldOf(raw: Uint8Array, a: number, b: number): number {
  outer: for (let f = 0; f < FIELD_CODES.length; f++) {
    const codes = FIELD_CODES[f]!;
    if (codes.length !== b - a) continue;
    for (let k = 0; k < codes.length; k++) if (raw[a + k] !== codes[k]) continue outer;
    return f;
  }
  return -1;
}

/**
 * End (after the closing quote) of a plain string token starting at the quote at `a`; -1 if not plain.
 * With `utf8`, characters beyond ASCII are plain too where their bytes are well-formed UTF-8
 * (JSON.stringify writes them unchanged, and the general way would refuse malformed ones).
 */
function plainString(raw: Uint8Array, a: number, end: number, utf8 = false): number {
  for (let j = a + 1; j < end; j++) {
    const c = raw[j]!;
    if (c === QUOTE) return j + 1;
    if (c === BACKSLASH || c < 0x20) return -1;
    if (c >= 0x80) {
      const n = utf8 ? utf8Sequence(raw, j, end) : 0;
      if (n === 0) return -1;
      j += n - 1;
    }
  }
  return -1;
}

/** Length of the well-formed UTF-8 sequence of a character beyond ASCII at raw[j] (RFC 3629), or 0. */
function utf8Sequence(raw: Uint8Array, j: number, end: number): number {
  const c = raw[j]!;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => j + k < end && raw[j + k]! >= lo && raw[j + k]! <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const ok = c === 0xe0 ? cont(1, 0xa0) : c === 0xed ? cont(1, 0x80, 0x9f) : cont(1);
    return ok && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const ok = c === 0xf0 ? cont(1, 0x90) : c === 0xf4 ? cont(1, 0x80, 0x8f) : cont(1);
    return ok && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** Whether raw[a, b) is text JSON.stringify writes unchanged inside quotes. */
function plainText(raw: Uint8Array, a: number, b: number): boolean {
  for (let j = a; j < b; j++) {
    const c = raw[j]!;
    if (c === QUOTE || c === BACKSLASH || c < 0x20 || c >= 0x80) return false;
  }
  return true;
}

class RowWriter {
  bytes = new Uint8Array(256 * 1024);
  used = 0;

  room(n: number): void {
    if (this.used + n <= this.bytes.length) return;
    const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.used + n));
    bigger.set(this.bytes.subarray(0, this.used));
    this.bytes = bigger;
  }

  copy(raw: Uint8Array, a: number, b: number): void {
    // Most fields are short: a loop costs less than making a view of them for set().
    if (b - a <= 64) {
      const bytes = this.bytes;
      let o = this.used;
      for (let j = a; j < b; j++) bytes[o++] = raw[j]!;
      this.used = o;
      return;
    }
    this.bytes.set(raw.subarray(a, b), this.used);
    this.used += b - a;
  }

  /** raw[a, b) as the text of a JSON string: raw holds no backslash or control byte, so only quotes are escaped. */
  quoted(raw: Uint8Array, a: number, b: number): void {
    const bytes = this.bytes;
    let o = this.used;
    bytes[o++] = QUOTE;
    for (let j = a; j < b; j++) {
      const c = raw[j]!;
      if (c === QUOTE) bytes[o++] = BACKSLASH;
      bytes[o++] = c;
    }
    bytes[o++] = QUOTE;
    this.used = o;
  }

  byte(c: number): void {
    this.bytes[this.used++] = c;
  }

  ascii(text: string): void {
    for (let k = 0; k < text.length; k++) this.bytes[this.used++] = text.charCodeAt(k);
  }
}

const NULL_TEXT = 'null';

/**
 * A right.recorded entry's row text written straight from its bytes (see above), with its key and
 * medical note reference; false (nothing written) where the payload is not the usual one.
 */
const at = new Int32Array(2 * FIELDS.length);

function fastRow(raw: Uint8Array, start: number, nl: Int32Array, end: number, out: RowWriter, got: { keys: Uint32Array; ref: string | null }): boolean {
  // Seq: digits; times and actor: text JSON.stringify leaves alone.
  for (let j = start; j < nl[0]!; j++) if (raw[j]! < 0x30 || raw[j]! > 0x39) return false;
  if (nl[0]! === start || (raw[start] === 0x30 && nl[0]! - start > 1) || nl[0]! - start > 15) return false;
  if (!plainText(raw, nl[0]! + 1, nl[1]!) || !plainText(raw, nl[2]! + 1, nl[3]!)) return false;
  // The payload: {"key":"value",…} with each key at most once.
  at.fill(-1);
  let j = nl[6]! + 1;
  if (raw[j] !== 0x7b) return false;
  j++;
  if (raw[j] === 0x7d) j++;
  else {
    for (;;) {
      if (raw[j] !== QUOTE) return false;
      const keyEnd = plainString(raw, j, end);
      if (keyEnd < 0 || raw[keyEnd] !== 0x3a) return false;
      const f = fieldOf(raw, j + 1, keyEnd - 1);
      const v = keyEnd + 1;
      // The interpreter's one form read here: an object (its column holds the object's JSON text).
      // Values in any script, but the id and the note reference, read as ASCII (their key hashes
      // and the reference must be what the general way makes of them).
      const vEnd = f === INTERPRETER ? (raw[v] === 0x7b ? plainObject(raw, v, end) : -1) : raw[v] === QUOTE ? plainString(raw, v, end, f !== 0 && f !== REF) : -1;
      if (vEnd < 0) return false;
      if (f >= 0) {
        if (at[2 * f]! >= 0) return false;
        at[2 * f] = v;
        at[2 * f + 1] = vEnd;
      }
      j = vEnd;
      if (raw[j] === 0x2c) j++;
      else if (raw[j] === 0x7d) {
        j++;
        break;
      } else return false;
    }
  }
  if (j !== end) return false;
  // A row without its id is read the general way.
  if (at[0]! < 0) return false;
  // Row: [rightEntryId, placementId, personId, right, state, language, version, interpreter, detail, at, actor, seq]
  out.room(end - start + 160);
  out.byte(0x5b);
  for (let f = 0; f < 9; f++) {
    if (f > 0) out.byte(0x2c);
    const a = at[2 * f]!;
    // language, version and interpreter: `?? null`; a missing string value: null.
    if (a < 0) out.ascii(NULL_TEXT);
    else if (f === INTERPRETER) out.quoted(raw, a, at[2 * f + 1]!);
    else out.copy(raw, a, at[2 * f + 1]!);
  }
  out.byte(0x2c);
  out.byte(QUOTE);
  out.copy(raw, nl[0]! + 1, nl[1]!);
  out.byte(QUOTE);
  out.byte(0x2c);
  out.byte(QUOTE);
  out.copy(raw, nl[2]! + 1, nl[3]!);
  out.byte(QUOTE);
  out.byte(0x2c);
  out.copy(raw, start, nl[0]!);
  out.byte(0x5d);
  out.byte(NL);
  keyHashesOfBytes(raw, at[0]! + 1, at[1]! - 1, got.keys, 0);
  const r = at[2 * REF]!;
  got.ref = r < 0 ? null : ascii(raw, r + 1, at[2 * REF + 1]! - 1);
  return true;
}

/**
 * The rights rows of a chunk's right.recorded entries. Seq, event time and actor are read from the
 * entry's own fields: where they differ from what the chain and the replay accept, verification fails
 * before the projections count.
 */
export function rightsAside(chunk: JournalChunk): RightsAside {
  const raw = chunk.raw;
  const entry: number[] = [];
  const ends: number[] = [];
  const keys: number[] = [];
  const keyed: number[] = [];
  const refs: [number, string][] = [];
  const pair = new Uint32Array(2);
  const out = new RowWriter();
  const got = { keys: pair, ref: null as string | null };
  let failure: RightsAside['failure'] = null;
  const nl = new Int32Array(7);
  const words = wordsOf(raw);
  for (let i = 0; i < chunk.count && !failure; i++) {
    const start = chunk.starts[i]!;
    const end = chunk.ends[i]!;
    if (!entryFields(chunk, i, nl, words) || !isRightType(raw, nl[3]! + 1, nl[4]!)) continue;
    let ref: string | null;
    let hasKey = true;
    if (fastRow(raw, start, nl, end, out, got)) {
      ref = got.ref;
    } else {
      let p: unknown;
      try {
        p = JSON.parse(fromUtf8(raw.subarray(nl[6]! + 1, end)));
      } catch {
        failure = { entry: i, reason: 'json' };
        break;
      }
      if (p === null || typeof p !== 'object' || Array.isArray(p)) {
        failure = { entry: i, reason: 'object' };
        break;
      }
      const head: Omit<ReplayEntry, 'payload'> = {
        seq: Number(ascii(raw, start, nl[0]!)),
        eventTime: ascii(raw, nl[0]! + 1, nl[1]!),
        recordedTime: '',
        actor: ascii(raw, nl[2]! + 1, nl[3]!),
        type: RIGHT_TYPE,
      };
      const payload = p as EventPayloads['right.recorded'];
      const row = rightRow(head, payload);
      hasKey = keyHashes(payload.rightEntryId, pair, 0);
      ref = row.detailRef;
      const text = `${replayRowText(RIGHTS_SPEC, row)}\n`;
      out.room(text.length * 3);
      out.used += utf8Encoder.encodeInto(text, out.bytes.subarray(out.used)).written;
    }
    if (ref !== null) refs.push([entry.length, ref]);
    keys.push(hasKey ? pair[0]! : 0, hasKey ? pair[1]! : 0);
    keyed.push(hasKey ? 1 : 0);
    entry.push(i);
    ends.push(out.used);
  }
  return {
    rows: entry.length,
    entry: Uint32Array.from(entry),
    text: out.bytes.slice(0, out.used),
    ends: Uint32Array.from(ends),
    keys: Uint32Array.from(keys),
    keyed: Uint8Array.from(keyed),
    refs,
    failure,
  };
}

/** Buffers to transfer with a RightsAside sent to another thread. */
export function asideBuffers(a: RightsAside): ArrayBuffer[] {
  return [a.entry.buffer, a.text.buffer, a.ends.buffer, a.keys.buffer, a.keyed.buffer] as ArrayBuffer[];
}

/**
 * The rows' key hashes, collected as they come; whether any repeats is asked once, at the end (a
 * sort: cheaper than a hash set of a million keys). 53 of the 64 bits are kept, exactly (a double):
 * a false repeat only costs the slow way.
 */
export class KeyHashes {
  private keys = new Float64Array(64 * 1024);
  private count = 0;

  add(a: number, b: number): void {
    if (this.count === this.keys.length) {
      const bigger = new Float64Array(this.keys.length * 2);
      bigger.set(this.keys);
      this.keys = bigger;
    }
    this.keys[this.count++] = a * 0x200000 + (b & 0x1fffff);
  }

  repeats(): boolean {
    return hasRepeat(this.keys.subarray(0, this.count));
  }

  /** The keys so far, as a copy of their own (to hand to another thread). */
  copy(): Float64Array {
    return this.keys.slice(0, this.count);
  }
}

/** Whether a value occurs twice among KeyHashes' keys (sorts them in place). */
export function hasRepeat(keys: Float64Array): boolean {
  const sorted = keys.sort();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) return true;
  return false;
}

/**
 * Builds `tables.rights` from the journal's right.recorded entries, as the replay would have (the
 * rows kept aside during verification), a chunk at a time: `step` does one chunk and says whether
 * any remain; `finish` does the rest.
 */
export class RightsMaterialiser {
  private next = 0;

  constructor(
    private readonly chunks: readonly JournalChunk[],
    private readonly tables: RegisterTables,
    /** How many entries the replay applied: none after them (a journal that failed to replay stops there). */
    private readonly applied: number,
  ) {}

  get done(): boolean {
    return this.next >= this.chunks.length;
  }

  step(): boolean {
    const chunk = this.chunks[this.next++];
    if (!chunk) return false;
    const raw = chunk.raw;
    const nl = new Int32Array(7);
    const words = wordsOf(raw);
    for (let i = 0; i < chunk.count; i++) {
      const start = chunk.starts[i]!;
      const end = chunk.ends[i]!;
      if (chunk.first + i >= this.applied) {
        this.next = this.chunks.length;
        return false;
      }
      if (!entryFields(chunk, i, nl, words) || !isRightType(raw, nl[3]! + 1, nl[4]!)) continue;
      const head = { seq: Number(ascii(raw, start, nl[0]!)), eventTime: ascii(raw, nl[0]! + 1, nl[1]!), recordedTime: '', actor: ascii(raw, nl[2]! + 1, nl[3]!), type: RIGHT_TYPE };
      const p = JSON.parse(fromUtf8(raw.subarray(nl[6]! + 1, end))) as EventPayloads['right.recorded'];
      this.tables.rights.set(p.rightEntryId, rightRow(head, p));
    }
    // Its field table has served the chain check, the replay and these rows: nothing reads it again,
    // and kept for the viewer's lifetime it would be 32 bytes an entry (60 MB for ten years).
    chunk.fields = null;
    return !this.done;
  }

  finish(): void {
    while (this.step());
  }
}
