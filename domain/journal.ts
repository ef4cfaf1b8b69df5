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
  if (value === null || typeof value !== 'object') {
    if (value === undefined) return 'null';
    return JSON.stringify(value);
  }
  // Plain loops and one string: this runs for every journal entry written.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(k)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
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
