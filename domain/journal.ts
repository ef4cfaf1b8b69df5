// The journal's canonical encoding, shared by the app, the `verify` command and the offline viewer.
//
//   hash = hex(SHA-256(UTF-8(seq "\n" event_time "\n" recorded_time "\n" actor "\n" type "\n"
//                            corrects "\n" prev_hash "\n" payload)))
//
// where corrects is the decimal seq of the corrected entry or the empty string, and payload is the
// stored JSON text exactly as stored. No field but payload may hold a line break (times are ISO
// instants, actor and type are identifiers, checked before append), and payload is last, so the
// encoding is unambiguous. The first entry's prev_hash is 64 zeros.

export const GENESIS_HASH = '0'.repeat(64);

export interface JournalEntry {
  seq: number;
  eventTime: string;
  recordedTime: string;
  actor: string;
  type: string;
  corrects: number | null;
  payload: string;
  prevHash: string;
  hash: string;
}

export type UnhashedEntry = Omit<JournalEntry, 'hash'>;

export function hashInput(e: UnhashedEntry): string {
  return `${e.seq}\n${e.eventTime}\n${e.recordedTime}\n${e.actor}\n${e.type}\n${e.corrects ?? ''}\n${e.prevHash}\n${e.payload}`;
}

const IDENTIFIER = /^[A-Za-z0-9_.:@-]{1,64}$/;

/** Fields other than the payload must not be able to forge a field boundary. */
export function checkEntryFields(e: Pick<UnhashedEntry, 'actor' | 'type'>): string | null {
  if (!IDENTIFIER.test(e.actor)) return `actor is not an identifier: ${JSON.stringify(e.actor)}`;
  if (!IDENTIFIER.test(e.type)) return `type is not an identifier: ${JSON.stringify(e.type)}`;
  return null;
}

/**
 * JSON with object keys in sorted order, so the same payload always has the same text. The hash
 * covers the stored text, so verification never re-encodes; this only makes writing deterministic.
 */
export function canonicalJson(value: unknown): string {
  return encode(value, { lossy: false });
}

/**
 * A payload's canonical text, and whether reading that text back gives the same data: true when
 * nothing was dropped or changed on the way (an `undefined`, a number JSON cannot hold, an object
 * that is not a plain one). Then the value in hand reads exactly as the parsed text would, key order
 * aside, and the writer can project it without parsing the text again.
 */
export function encodePayload(value: unknown): { text: string; roundTrips: boolean } {
  const state = { lossy: false };
  const text = encode(value, state);
  return { text, roundTrips: !state.lossy };
}

// Plain loops and one string: this runs for every journal entry written.
function encode(value: unknown, state: { lossy: boolean }): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (typeof value !== 'object') {
    if (typeof value !== 'boolean' && (typeof value !== 'number' || !Number.isFinite(value) || Object.is(value, -0))) {
      state.lossy = true;
    }
    if (value === undefined) return 'null';
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + encode(value[i], state);
    return `${out}]`;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) state.lossy = true;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  // In place, by insertion: payloads have a few keys, often in order already, and Array.prototype.sort
  // would allocate for every object of every entry. Same order as sort(): UTF-16 code units.
  if (keys.length > 32) keys.sort();
  else {
    for (let i = 1; i < keys.length; i++) {
      const k = keys[i]!;
      let j = i - 1;
      while (j >= 0 && keys[j]! > k) {
        keys[j + 1] = keys[j]!;
        j--;
      }
      keys[j + 1] = k;
    }
  }
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const v = obj[k];
    if (v === undefined) {
      state.lossy = true;
      continue;
    }
    out += `${out.length > 1 ? ',' : ''}${quotedKey(k)}:${encode(v, state)}`;
  }
  return `${out}}`;
}

/** Payloads use a small vocabulary of keys: each is escaped once, not once per entry. */
const quotedKeys = new Map<string, string>();
const QUOTED_KEYS_MAX = 4096;

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < QUOTED_KEYS_MAX) quotedKeys.set(key, quoted);
  }
  return quoted;
}

export type ChainProblem = 'hash_mismatch' | 'prev_hash_mismatch' | 'gap' | 'out_of_order';

/**
 * Walks entries in the order given and returns the first that breaks the chain. `sha256Hex` is
 * injected: node's crypto in the app, WebCrypto or wasm in the viewer.
 */
export function firstChainBreak(
  entries: Iterable<JournalEntry>,
  sha256Hex: (text: string) => string,
  start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): { seq: number; problem: ChainProblem } | null {
  let expectedSeq = start.seq + 1;
  let prev = start.hash;
  for (const e of entries) {
    if (e.seq !== expectedSeq) return { seq: expectedSeq, problem: e.seq > expectedSeq ? 'gap' : 'out_of_order' };
    if (e.prevHash !== prev) return { seq: e.seq, problem: 'prev_hash_mismatch' };
    if (sha256Hex(hashInput(e)) !== e.hash) return { seq: e.seq, problem: 'hash_mismatch' };
    prev = e.hash;
    expectedSeq++;
  }
  return null;
}
