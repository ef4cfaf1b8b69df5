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
import type { JournalChunk } from './journal.ts';

export const RIGHT_TYPE = 'right.recorded';
const RIGHT_BYTES = Array.from(RIGHT_TYPE, (c) => c.charCodeAt(0));
export const RIGHTS_SPEC: TableSpec = TABLES.find((t) => t.key === 'rights')!;
const NL = 10;
const ENCODE_ROWS = 256;

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

function keyHashes(key: unknown, out: Uint32Array, at: number): boolean {
  let text: string;
  if (typeof key === 'string') text = `s${key}`;
  else if (typeof key === 'number') text = `n${String(key)}`;
  else if (key === null || typeof key !== 'object') text = `o${String(key)}`;
  else return false; // an object is a key no other row can have
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  out[at] = h1 >>> 0;
  out[at + 1] = (h2 ^ text.length) >>> 0;
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
  const texts: string[] = [];
  const keys: number[] = [];
  const keyed: number[] = [];
  const refs: [number, string][] = [];
  const pair = new Uint32Array(2);
  let failure: RightsAside['failure'] = null;
  const nl = new Int32Array(7);
  for (let i = 0; i < chunk.count && !failure; i++) {
    const start = chunk.starts[i]!;
    const end = chunk.ends[i]!;
    let n = 0;
    for (let j = start; j < end && n < 7; j++) if (raw[j] === NL) nl[n++] = j;
    if (n < 7 || !isRightType(raw, nl[3]! + 1, nl[4]!)) continue;
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
    if (row.detailRef !== null) refs.push([entry.length, row.detailRef]);
    const hasKey = keyHashes(payload.rightEntryId, pair, 0);
    keys.push(hasKey ? pair[0]! : 0, hasKey ? pair[1]! : 0);
    keyed.push(hasKey ? 1 : 0);
    entry.push(i);
    texts.push(replayRowText(RIGHTS_SPEC, row));
  }
  // Encoded a few hundred rows at a time, each row's end found from its UTF-16 text.
  const ends = new Uint32Array(texts.length);
  let size = 0;
  for (const t of texts) size += t.length * 3 + 1;
  let text = new Uint8Array(size);
  let used = 0;
  for (let k = 0; k < texts.length; k += ENCODE_ROWS) {
    const group = texts.slice(k, k + ENCODE_ROWS);
    const joined = `${group.join('\n')}\n`;
    const from = used;
    used += utf8Encoder.encodeInto(joined, text.subarray(used)).written;
    // Row ends: the "\n" bytes of this group, in order (a row's JSON text escapes its own line breaks).
    let r = k;
    for (let j = from; j < used; j++) if (text[j] === NL) ends[r++] = j + 1;
  }
  text = text.slice(0, used);
  return { rows: texts.length, entry: Uint32Array.from(entry), text, ends, keys: Uint32Array.from(keys), keyed: Uint8Array.from(keyed), refs, failure };
}

/** Buffers to transfer with a RightsAside sent to another thread. */
export function asideBuffers(a: RightsAside): ArrayBuffer[] {
  return [a.entry.buffer, a.text.buffer, a.ends.buffer, a.keys.buffer, a.keyed.buffer] as ArrayBuffer[];
}

/** A set of 64-bit key hashes (open addressing): has an id been seen before? */
export class KeyHashSet {
  private slots = new Uint32Array(2 * 1024);
  private size = 0;

  /** Adds the pair; false if it was there already. */
  add(a: number, b: number): boolean {
    if (a === 0 && b === 0) b = 1; // (0, 0) marks an empty slot
    if (2 * (this.size + 1) > this.slots.length / 2) this.grow();
    const mask = this.slots.length / 2 - 1;
    for (let i = (a ^ Math.imul(b, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      const x = this.slots[2 * i]!;
      const y = this.slots[2 * i + 1]!;
      if (x === 0 && y === 0) {
        this.slots[2 * i] = a;
        this.slots[2 * i + 1] = b;
        this.size++;
        return true;
      }
      if (x === a && y === b) return false;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.size = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0 || old[i + 1] !== 0) this.add(old[i]!, old[i + 1]!);
  }
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
    for (let i = 0; i < chunk.count; i++) {
      const start = chunk.starts[i]!;
      const end = chunk.ends[i]!;
      let n = 0;
      for (let j = start; j < end && n < 7; j++) if (raw[j] === NL) nl[n++] = j;
      if (chunk.first + i >= this.applied) {
        this.next = this.chunks.length;
        return false;
      }
      if (n < 7 || !isRightType(raw, nl[3]! + 1, nl[4]!)) continue;
      const head = { seq: Number(ascii(raw, start, nl[0]!)), eventTime: ascii(raw, nl[0]! + 1, nl[1]!), recordedTime: '', actor: ascii(raw, nl[2]! + 1, nl[3]!), type: RIGHT_TYPE };
      const p = JSON.parse(fromUtf8(raw.subarray(nl[6]! + 1, end))) as EventPayloads['right.recorded'];
      this.tables.rights.set(p.rightEntryId, rightRow(head, p));
    }
    return !this.done;
  }

  finish(): void {
    while (this.step());
  }
}
