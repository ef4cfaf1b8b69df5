// A helper worker's first journal chunk is otherwise its slowest: the SHA-256 rounds, the chunk's
// index, its field table, the chain check and the rights rows all start in the interpreter, and the page waits for
// that chunk before it can replay anything. So each worker runs the same functions once over a small
// made-up chunk as it starts, while the page loads and the passphrase is typed. Nothing of it is kept.

import { toHex } from '../../format/bytes.ts';
import { checkChunkLinks, encodeJournalChunk, fieldTable, indexJournalChunk } from '../../format/journal.ts';
import { rightsAside } from '../../format/rights-aside.ts';
import { sha256, sha256Ranges } from '../../format/sha256.ts';
import type { RangesHasher } from './sha256-simd.ts';

/** Entries in the made-up chunk: enough for the hot loops to be optimised, a few milliseconds. */
const ENTRIES = 1500;

const encoder = new TextEncoder();

/** A chained chunk of right.recorded entries and others, in the journal's hash-input form. */
export function warmUpChunk(entries = ENTRIES): Uint8Array {
  const texts: string[] = [];
  let prev = '0'.repeat(64);
  for (let seq = 1; seq <= entries; seq++) {
    const right = seq % 3 !== 0;
    const payload = right
      ? `{"interpreter":{"mode":"video","name":"Əli"},"language":"az","personId":"P${seq}","placementId":"S${seq}","right":"information_on_rights","rightEntryId":"RT${seq}","state":"exercised"}`
      : `{"personId":"P${seq}","note":"warm-up ${'x'.repeat(seq % 200)}"}`;
    const text = `${seq}\n2026-01-01T10:00:00.000Z\n2026-01-01T10:00:00.000Z\nregistrar\n${right ? 'right.recorded' : 'person.noted'}\n\n${prev}\n${payload}`;
    texts.push(text);
    prev = toHex(sha256(encoder.encode(text)));
  }
  const lengths = texts.map((t) => encoder.encode(t).length);
  return encodeJournalChunk(texts.join(''), lengths);
}

/**
 * Runs what a worker does to a journal chunk, hashing with the worker's own hasher; says whether
 * every part ran to its end (for tests).
 */
export function warmUp(hash: RangesHasher = sha256Ranges, entries = ENTRIES): boolean {
  const chunk = indexJournalChunk(warmUpChunk(entries), 0, 0);
  chunk.digests = hash(chunk.raw, chunk.starts, chunk.ends, chunk.count);
  chunk.fields = fieldTable(chunk);
  const linked = checkChunkLinks(chunk);
  const rights = rightsAside(chunk);
  return linked === 1 && rights.failure === null && rights.rows === entries - Math.floor(entries / 3);
}
