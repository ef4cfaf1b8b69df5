// The journal section: written and read back byte for byte; every single-byte change of its raw
// content is caught by the framing, the seq check or the chain (behind the signature and the
// encryption, this is what stands between a centre holding its own key and a rewritten entry).

import { hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, hashInput, type JournalEntry } from '../../domain/journal.ts';
import { nodeCrypto } from '../node/crypto-node.ts';
import { toHex } from './bytes.ts';
import {
  asciiFieldEnds,
  BundleJournal,
  checkChunkChain,
  checkChunkLinks,
  checkChunkStart,
  entryFields,
  FIELD_STRIDE,
  fieldEnds,
  FIELDS_ASCII,
  FIELDS_FOUND,
  fieldTable,
  hashChunk,
  indexJournalChunk,
  JournalChunkWriter,
  JournalFormatError,
  PAYLOAD_ASCII,
  startDigest,
  wordsOf,
} from './journal.ts';

function makeJournal(n: number): JournalEntry[] {
  const entries: JournalEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const at = new Date(Date.UTC(2026, 0, 1) + seq * 60_000).toISOString();
    const e = {
      seq,
      eventTime: at,
      recordedTime: at,
      actor: seq % 2 ? 'reg' : 'duty',
      type: 'right.recorded',
      corrects: seq % 7 === 0 ? seq - 1 : null,
      payload: JSON.stringify({ detail: seq % 3 ? '' : 'Каримов, əşğ', personId: `P${seq}`, right: 'lawyer' }),
      prevHash: prev,
      hash: '',
    };
    e.hash = hash('sha256', hashInput(e), 'hex');
    prev = e.hash;
    entries.push(e);
  }
  return entries;
}

function encode(entries: JournalEntry[], target?: number): Uint8Array[] {
  const w = new JournalChunkWriter(target);
  const chunks: Uint8Array[] = [];
  for (const e of entries) {
    const c = w.add(hashInput(e));
    if (c) chunks.push(c.slice());
  }
  const last = w.finish();
  if (last) chunks.push(last.slice());
  return chunks;
}

/** What verifyBundle checks of a journal: framing, seq, chain, count and head. Null when intact. */
async function problem(chunks: Uint8Array[], count: number, head: string): Promise<string | null> {
  const journal = new BundleJournal({ seq: 0, hash: GENESIS_HASH });
  let previous = { digest: startDigest(journal.from), isStart: true };
  let seq = 1;
  for (const raw of chunks) {
    let chunk;
    try {
      chunk = indexJournalChunk(raw, journal.count, seq);
    } catch (err) {
      if (err instanceof JournalFormatError) return err.message;
      throw err;
    }
    await hashChunk(chunk, nodeCrypto);
    const broken = checkChunkChain(chunk, seq, previous);
    if (broken) return broken.message;
    journal.add(chunk);
    previous = { digest: chunk.digests!.subarray(32 * (chunk.count - 1)), isStart: false };
    seq += chunk.count;
  }
  if (journal.count !== count) return `count ${journal.count}`;
  if (journal.headHash() !== head) return 'head';
  return null;
}

describe('the journal section', () => {
  it('reads back exactly what was written, across chunks', async () => {
    const entries = makeJournal(500);
    const chunks = encode(entries, 4096);
    expect(chunks.length).toBeGreaterThan(10);
    const journal = new BundleJournal({ seq: 0, hash: GENESIS_HASH });
    let seq = 1;
    for (const raw of chunks) {
      const c = indexJournalChunk(raw, journal.count, seq);
      await hashChunk(c, nodeCrypto);
      journal.add(c);
      seq += c.count;
    }
    expect([...journal.entries()]).toEqual(entries);
    expect(journal.bySeq(321)).toEqual(entries[320]);
    expect(toHex(journal.digest(499)!)).toBe(entries[499]!.hash);
    expect(await problem(chunks, 500, entries[499]!.hash)).toBeNull();
  });

  it('catches every single-byte change of its raw content', async () => {
    const entries = makeJournal(25);
    const [raw] = encode(entries);
    const head = entries[24]!.hash;
    let caught = 0;
    for (let i = 0; i < raw!.length; i++) {
      for (const mask of [0x01, 0x80]) {
        const copy = raw!.slice();
        copy[i]! ^= mask;
        const p = await problem([copy], 25, head);
        expect(p, `byte ${i} ^ ${mask}`).not.toBeNull();
        caught++;
      }
    }
    expect(caught).toBe(2 * raw!.length);
  });

  it('checked in two parts (links where hashed, then the start) agrees with the whole check on damaged chunks', async () => {
    const entries = makeJournal(40);
    const [raw] = encode(entries.slice(10));
    const before = startDigest({ hash: entries[9]!.hash });
    let seed = 5;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    let broken = 0;
    for (let round = 0; round < 3000; round++) {
      const copy = raw!.slice();
      for (let k = next(3); k > 0; k--) copy[4 + 4 * 30 + next(copy.length - 124)] = next(4) === 0 ? '0123456789abcdef\n'.charCodeAt(next(17)) : next(256);
      let chunk;
      try {
        chunk = indexJournalChunk(copy, 0, 11);
      } catch {
        continue;
      }
      await hashChunk(chunk, nodeCrypto);
      const linked = checkChunkLinks(chunk);
      // As a helper worker checks it: with the chunk's field table made first.
      const tabled = { ...chunk, fields: fieldTable(chunk) };
      const linkedTabled = checkChunkLinks(tabled);
      expect(linkedTabled, `round ${round}`).toBe(linked);
      for (const [seq, previous] of [[11, before], [12, before], [11, new Uint8Array(32)]] as const) {
        const whole = checkChunkChain(chunk, seq, { digest: previous, isStart: false }) === null;
        const parts = linked !== null && checkChunkStart(chunk, linked, seq, previous);
        expect(parts, `round ${round}, seq ${seq}`).toBe(whole);
        expect(checkChunkChain(tabled, seq, { digest: previous, isStart: false }), `round ${round}, seq ${seq}, with the field table`).toEqual(
          checkChunkChain(chunk, seq, { digest: previous, isStart: false }),
        );
        if (!whole) broken++;
      }
    }
    expect(broken).toBeGreaterThan(3000);
  });

  it('names the entry that was changed, removed or moved', async () => {
    const entries = makeJournal(30);
    const head = entries[29]!.hash;
    const changed = entries.map((e) => (e.seq === 12 ? { ...e, payload: e.payload.replace('lawyer', 'lawyar') } : e));
    expect(await problem(encode(changed), 30, head)).toMatch(/^entry 12 does not hash to what entry 13 records/);
    const lastChanged = entries.map((e) => (e.seq === 30 ? { ...e, actor: 'someone' } : e));
    expect(await problem(encode(lastChanged), 30, head)).toBe('head');
    expect(await problem(encode(entries.filter((e) => e.seq !== 7)), 30, head)).toMatch(/^entry 7 is not in its place: entry 8 is found there/);
    expect(await problem(encode(entries.slice(0, 29)), 30, head)).toBe('count 29');
    const reseeded = makeJournal(30).map((e) => (e.seq === 1 ? { ...e, prevHash: '1'.repeat(64) } : e));
    expect(await problem(encode(reseeded), 30, head)).toBe('entry 1 does not start from the genesis hash (64 zeros)');
  });
});

describe('finding the fields four bytes at a time', () => {
  it('finds the same newlines, and stops at the same byte that is not ASCII, as one byte at a time', () => {
    let seed = 9;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const buf = new Uint8Array(1024 + 3);
    const oneByOne = (raw: Uint8Array, a: number, b: number, out: Int32Array, stopAtNonAscii: boolean) => {
      let n = 0;
      for (let j = a; j < b && n < 7; j++) {
        if (raw[j] === 10) out[n++] = j;
        else if (stopAtNonAscii && raw[j]! >= 0x80) break;
      }
      return n;
    };
    for (let round = 0; round < 5000; round++) {
      const off = next(4);
      const raw = buf.subarray(off, off + 1024);
      for (let i = 0; i < raw.length; i++) raw[i] = next(8) === 0 ? 10 : next(40) === 0 ? 0x80 + next(128) : next(3) === 0 ? 10 ^ (1 << next(8)) : 97 + next(20);
      const a = next(200);
      const b = a + next(300);
      const words = wordsOf(raw);
      expect(words === null).toBe(off !== 0);
      const [x, y] = [new Int32Array(7), new Int32Array(7)];
      const n = oneByOne(raw, a, b, x, false);
      expect(fieldEnds(raw, a, b, y, words), `round ${round}`).toBe(n === 7);
      if (n === 7) expect([...y]).toEqual([...x]);
      const m = oneByOne(raw, a, b, x, true);
      expect(asciiFieldEnds(raw, a, b, y, words), `round ${round}`).toBe(m);
      expect([...y.subarray(0, m)]).toEqual([...x.subarray(0, m)]);
    }
  });

  it('makes a field table saying, entry by entry, what fieldEnds, asciiFieldEnds and a byte-by-byte ASCII check say', () => {
    let seed = 17;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const flagsSeen = new Set<number>();
    for (let round = 0; round < 300; round++) {
      const count = 1 + next(12);
      const lengths = Array.from({ length: count }, () => next(260));
      const header = 4 + 4 * count;
      const raw = new Uint8Array(header + lengths.reduce((a, b) => a + b, 0));
      const view = new DataView(raw.buffer);
      view.setUint32(0, count, true);
      lengths.forEach((n, i) => view.setUint32(4 + 4 * i, n, true));
      for (let i = header; i < raw.length; i++) raw[i] = next(12) === 0 ? 10 : next(150) === 0 ? 0x80 + next(128) : 32 + next(90);
      const chunk = indexJournalChunk(raw, 0, 1);
      const table = fieldTable(chunk);
      expect(table.length).toBe(FIELD_STRIDE * count);
      const words = wordsOf(raw);
      const nl = new Int32Array(7);
      for (let i = 0; i < count; i++) {
        const [a, b] = [chunk.starts[i]!, chunk.ends[i]!];
        const o = FIELD_STRIDE * i;
        const found = fieldEnds(raw, a, b, nl, words);
        const flags = table[o + 7]!;
        flagsSeen.add(flags);
        expect((flags & FIELDS_FOUND) !== 0, `round ${round}, entry ${i}`).toBe(found);
        if (!found) continue;
        expect([...table.subarray(o, o + 7)]).toEqual([...nl]);
        expect((flags & FIELDS_ASCII) !== 0).toBe(asciiFieldEnds(raw, a, b, new Int32Array(7), words) === 7);
        expect((flags & PAYLOAD_ASCII) !== 0).toBe(raw.subarray(nl[6]! + 1, b).every((c) => c < 0x80));
        const fromTable = new Int32Array(7);
        expect(entryFields({ ...chunk, fields: table }, i, fromTable, words)).toBe(true);
        expect([...fromTable]).toEqual([...nl]);
      }
    }
    // Every combination the flags can take came up.
    expect([...flagsSeen].sort()).toEqual([0, FIELDS_FOUND, FIELDS_FOUND | PAYLOAD_ASCII, FIELDS_FOUND | FIELDS_ASCII, FIELDS_FOUND | FIELDS_ASCII | PAYLOAD_ASCII].sort());
  });
});
