// Checkpoints: what an inspector keeps after a visit, to tell next time whether the journal only grew
// or history was rewritten, and where.
//
// The verdict rests on the chain: a newer journal extends the checkpoint iff it is signed by the same
// key and its entry `seq` has exactly the checkpoint's `hash` (each hash covers everything before it).
// To say *what* changed, the checkpoint also keeps, for every entry, the first 8 bytes of SHA-256 of
// its content: the hash input without its seq and prev_hash lines. Chained hashes cannot do this
// (after one change every later hash differs); content digests find an entry again at another seq.

import { z } from 'zod';
import { fromBase64, toBase64, toHex } from './bytes.ts';
import type { Crypto } from './crypto.ts';
import type { BundleJournal, JournalChunk } from './journal.ts';
import type { Manifest } from './manifest.ts';

export const CHECKPOINT_FORMAT = 'centre-register-checkpoint';
export const DIGEST_PREFIX = 8;
/** At most this many differences are listed one by one (all are counted). */
export const MAX_LISTED_DIFFERENCES = 1000;

export const checkpointSchema = z
  .object({
    format: z.literal(CHECKPOINT_FORMAT),
    version: z.literal(1),
    centreId: z.string().min(1).max(100),
    centreName: z.string().max(200),
    keyFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
    seq: z.number().int().min(0),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    savedAt: z.string().max(40),
    exportedAt: z.string().max(40),
    entryDigests: z.string(),
  })
  .strict()
  .superRefine((c, ctx) => {
    let bytes: Uint8Array | null = null;
    try {
      bytes = fromBase64(c.entryDigests);
    } catch {
      ctx.addIssue({ code: 'custom', path: ['entryDigests'], message: 'not base64' });
      return;
    }
    if (bytes.length !== c.seq * DIGEST_PREFIX) {
      ctx.addIssue({ code: 'custom', path: ['entryDigests'], message: `expected ${DIGEST_PREFIX} bytes for each of the ${c.seq} entries` });
    }
  });

export type Checkpoint = z.output<typeof checkpointSchema>;

export class CheckpointError extends Error {
  override name = 'CheckpointError';
}

export function parseCheckpoint(text: string): Checkpoint {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CheckpointError(`the checkpoint file is not valid JSON (${(err as Error).message})`);
  }
  const parsed = checkpointSchema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new CheckpointError(`the checkpoint file is not a Centre Register checkpoint: ${i.path.map(String).join('.') || '(top level)'}: ${i.message}`);
  }
  return parsed.data;
}

const NL = 10;

/**
 * 8-byte content digests of entries [from, to) of the journal, packed. The content is the hash input
 * without its first line (seq) and seventh line (prev_hash).
 */
export async function contentDigests(journal: BundleJournal, crypto: Crypto, from = 0, to = journal.count): Promise<Uint8Array> {
  const out = new Uint8Array((to - from) * DIGEST_PREFIX);
  for (const chunk of journal.chunks) {
    const a = Math.max(from, chunk.first);
    const b = Math.min(to, chunk.first + chunk.count);
    if (a >= b) continue;
    const digests = await chunkContentDigests(chunk, a - chunk.first, b - chunk.first, crypto);
    for (let i = 0; i < b - a; i++) out.set(digests.subarray(32 * i, 32 * i + DIGEST_PREFIX), (a - from + i) * DIGEST_PREFIX);
  }
  return out;
}

async function chunkContentDigests(chunk: JournalChunk, a: number, b: number, crypto: Crypto): Promise<Uint8Array> {
  const raw = chunk.raw;
  let size = 0;
  for (let i = a; i < b; i++) size += chunk.ends[i]! - chunk.starts[i]!;
  const scratch = new Uint8Array(size);
  const starts = new Uint32Array(b - a);
  const ends = new Uint32Array(b - a);
  let o = 0;
  for (let i = a; i < b; i++) {
    const s = chunk.starts[i]!;
    const e = chunk.ends[i]!;
    // Newlines 1, 6 and 7 (the journal is verified, so they are there).
    let n = 0;
    let first = s;
    let sixth = s;
    let seventh = s;
    for (let j = s; j < e && n < 7; j++) {
      if (raw[j] === NL) {
        n++;
        if (n === 1) first = j;
        else if (n === 6) sixth = j;
        else if (n === 7) seventh = j;
      }
    }
    starts[i - a] = o;
    scratch.set(raw.subarray(first + 1, sixth + 1), o);
    o += sixth - first;
    scratch.set(raw.subarray(seventh + 1, e), o);
    o += e - seventh - 1;
    ends[i - a] = o;
  }
  return crypto.sha256Ranges(scratch, starts, ends, b - a);
}

/** The checkpoint of a verified whole journal, to be saved on the inspector's machine. */
export async function makeCheckpoint(manifest: Manifest, journal: BundleJournal, crypto: Crypto, savedAt: string): Promise<Checkpoint> {
  if (journal.from.seq !== 0) throw new CheckpointError('a checkpoint is made from a whole journal (an inspection bundle), not from a slice');
  const digests = await contentDigests(journal, crypto);
  return {
    format: CHECKPOINT_FORMAT,
    version: 1,
    centreId: manifest.centre.id,
    centreName: manifest.centre.name,
    keyFingerprint: manifest.keyFingerprint,
    seq: journal.lastSeq,
    hash: journal.headHash(),
    savedAt,
    exportedAt: manifest.exportedAt,
    entryDigests: toBase64(digests),
  };
}

export type DifferenceKind = 'changed' | 'removed' | 'moved' | 'inserted';

export interface EntryDifference {
  kind: DifferenceKind;
  /** The entry's seq at the checkpoint (absent for an inserted entry). */
  seq?: number;
  /** Where it is now: a moved entry's new seq, an inserted entry's seq, a changed entry's seq. */
  newSeq?: number;
  /** Consecutive entries moved by the same distance are one line: how many (seq … seq + run - 1). */
  run?: number;
}

export type CheckpointComparison =
  | { status: 'extends'; checkpointSeq: number; newEntries: number; savedAt: string }
  | {
      status: 'diverged';
      checkpointSeq: number;
      /** The first seq whose entry is not the one the checkpoint saw. */
      firstDifferentSeq: number;
      counts: Record<DifferenceKind, number>;
      differences: EntryDifference[];
      /** More differences than MAX_LISTED_DIFFERENCES: the list is cut, the counts are complete. */
      truncated: boolean;
      savedAt: string;
    }
  | { status: 'other-centre' | 'other-key' | 'not-comparable'; message: string };

function key(bytes: Uint8Array, i: number): string {
  return toHex(bytes, i * DIGEST_PREFIX, i * DIGEST_PREFIX + DIGEST_PREFIX);
}

/**
 * Compares a verified journal with a checkpoint. Differences are classified from the content
 * digests: an old entry whose content is nowhere in the new journal is `removed` (or `changed`, when
 * the entry now at its seq is not an old entry either); one found at another seq is `moved`
 * (reordered, or shifted by an insertion or removal before it); a new entry at a seq the checkpoint
 * covers whose content the checkpoint never saw is `inserted` (or the `changed` counterpart).
 */
export async function compareWithCheckpoint(checkpoint: Checkpoint, manifest: Manifest, journal: BundleJournal, crypto: Crypto): Promise<CheckpointComparison> {
  if (checkpoint.centreId !== manifest.centre.id) {
    return { status: 'other-centre', message: `the checkpoint is of centre ${checkpoint.centreName} (${checkpoint.centreId}), the bundle of ${manifest.centre.name} (${manifest.centre.id})` };
  }
  if (checkpoint.keyFingerprint !== manifest.keyFingerprint) {
    return {
      status: 'other-key',
      message: `the bundle is signed with another key than at the checkpoint (${manifest.keyFingerprint.slice(0, 16)}… instead of ${checkpoint.keyFingerprint.slice(0, 16)}…): the centre's key was replaced`,
    };
  }
  if (journal.from.seq !== 0) {
    if (checkpoint.seq >= journal.firstSeq - 1 && checkpoint.seq <= journal.lastSeq) {
      const hash = checkpoint.seq === journal.from.seq ? journal.from.hash : toHex(journal.digest(checkpoint.seq - journal.firstSeq)!);
      if (hash === checkpoint.hash) return { status: 'extends', checkpointSeq: checkpoint.seq, newEntries: journal.lastSeq - checkpoint.seq, savedAt: checkpoint.savedAt };
    }
    return { status: 'not-comparable', message: 'the bundle is a slice: compare checkpoints with an inspection bundle' };
  }
  const n = checkpoint.seq;
  const m = journal.count;
  if (n === 0) return { status: 'extends', checkpointSeq: 0, newEntries: m, savedAt: checkpoint.savedAt };
  if (n <= m && toHex(journal.digest(n - 1)!) === checkpoint.hash) {
    return { status: 'extends', checkpointSeq: n, newEntries: m - n, savedAt: checkpoint.savedAt };
  }

  const old = fromBase64(checkpoint.entryDigests);
  const fresh = await contentDigests(journal, crypto);
  let k = 0;
  while (k < n && k < m && key(old, k) === key(fresh, k)) k++;
  // Same content up to here, yet the hash differs: a difference the 8-byte digests cannot place.
  const firstDifferent = k + 1;

  // Where each content digest occurs, from the first difference on.
  const oldAt = new Map<string, number[]>();
  for (let i = k; i < n; i++) {
    const kk = key(old, i);
    const list = oldAt.get(kk);
    if (list) list.push(i);
    else oldAt.set(kk, [i]);
  }
  const newAt = new Map<string, number[]>();
  for (let i = k; i < m; i++) {
    const kk = key(fresh, i);
    const list = newAt.get(kk);
    if (list) list.push(i);
    else newAt.set(kk, [i]);
  }
  const take = (map: Map<string, number[]>, kk: string, prefer: number): number | null => {
    const list = map.get(kk);
    if (!list || list.length === 0) return null;
    const j = list.includes(prefer) ? prefer : list[0]!;
    list.splice(list.indexOf(j), 1);
    return j;
  };

  const counts: Record<DifferenceKind, number> = { changed: 0, removed: 0, moved: 0, inserted: 0 };
  const differences: EntryDifference[] = [];
  let listed = 0;
  const note = (d: EntryDifference) => {
    counts[d.kind]++;
    const last = differences[differences.length - 1];
    if (
      d.kind === 'moved' &&
      last?.kind === 'moved' &&
      last.seq! + (last.run ?? 1) === d.seq &&
      last.newSeq! - last.seq! === d.newSeq! - d.seq!
    ) {
      last.run = (last.run ?? 1) + 1;
      listed++;
      return;
    }
    if (differences.length < MAX_LISTED_DIFFERENCES) {
      differences.push(d);
      listed++;
    }
  };
  // Old entries: where did each go?
  const oldFound = new Int32Array(Math.max(0, n - k)).fill(-1);
  for (let i = k; i < n; i++) {
    const j = take(newAt, key(old, i), i);
    oldFound[i - k] = j ?? -1;
  }
  // New entries within the checkpoint's range that match no old entry.
  const newMatched = new Uint8Array(Math.max(0, Math.min(m, n) - k));
  for (let i = k; i < n; i++) {
    const j = oldFound[i - k]!;
    if (j >= 0 && j < n) newMatched[j - k] = 1;
  }
  for (let i = k; i < n; i++) {
    const j = oldFound[i - k]!;
    if (j === i) continue;
    if (j >= 0) note({ kind: 'moved', seq: i + 1, newSeq: j + 1 });
    else if (i < m && !newMatched[i - k]) {
      // The seq now holds content the checkpoint never saw: the entry was changed in place.
      note({ kind: 'changed', seq: i + 1, newSeq: i + 1 });
      newMatched[i - k] = 1;
    } else note({ kind: 'removed', seq: i + 1 });
  }
  // Unmatched new entries after the last old one found are entries appended since, not insertions.
  let lastMatched = -1;
  for (const j of oldFound) if (j > lastMatched) lastMatched = j;
  for (let i = k; i < Math.min(m, n, lastMatched + 1); i++) if (!newMatched[i - k]) note({ kind: 'inserted', newSeq: i + 1 });
  return {
    status: 'diverged',
    checkpointSeq: n,
    firstDifferentSeq: Math.min(firstDifferent, n),
    counts,
    differences,
    truncated: Object.values(counts).reduce((a, b) => a + b, 0) > listed,
    savedAt: checkpoint.savedAt,
  };
}

/** One line for people: what the comparison found. */
export function describeComparison(c: CheckpointComparison): string {
  switch (c.status) {
    case 'extends':
      return `extends checkpoint seq ${c.checkpointSeq} (saved ${c.savedAt}): ${c.newEntries} entries added since, nothing before changed`;
    case 'diverged': {
      const parts = (['changed', 'removed', 'moved', 'inserted'] as const).filter((k) => c.counts[k] > 0).map((k) => `${c.counts[k]} ${k}`);
      return `history rewritten since checkpoint seq ${c.checkpointSeq} (saved ${c.savedAt}): first difference at seq ${c.firstDifferentSeq}; ${parts.join(', ') || 'entries differ'}`;
    }
    default:
      return c.message;
  }
}
