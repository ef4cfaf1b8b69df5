// HQ import (DESIGN §4–5): a centre's slice is verified in full, must extend exactly what HQ holds
// for that centre, and is then stored in one transaction with the read models rebuilt from the
// replay of the whole journal. Anything else is refused with a reason that names what is wrong, and
// the database is left exactly as it was; a slice HQ already holds is a no-op that says so.
//
// The order of the checks, each before anything is written:
//   1. the envelope parses, and it is an HQ slice (an inspection bundle carries medical notes);
//   2. the key is the one pinned for the centre (registered ahead, or pinned at its first import);
//   3. the slice starts at or before HQ's head for the centre (else a gap), on the very entry HQ holds
//      at that seq (else a fork);
//   4. verifyBundle: signature under the pinned key, data, passphrase, container, chain, and the
//      projections against the replay of what HQ holds before the slice;
//   5. where the slice overlaps what HQ holds, the same entries (one hash decides: each hash covers
//      everything before it); the first differing seq is named.
// Then new entries are appended and the centre's head moves, only if nobody moved it meanwhile.

import { reason, type Reason } from '../../domain/reasons.ts';
import type { HqImportOutcome } from '../../domain/api/hq-outputs.ts';
import { describe } from '../../domain/i18n/describe.ts';
import { hqReadModels } from '../../domain/hq/read-models.ts';
import type { HqReceipt } from '../../domain/hq/receipt.ts';
import { RECEIPT_FORMAT, RECEIPT_VERSION } from '../../domain/hq/receipt.ts';
import { profileById } from '../../domain/profile/az-default.ts';
import type { LegalProfile } from '../../domain/profile/types.ts';
import { Replay } from '../../domain/replay/replay.ts';
import { toIso, toMs, type Clock } from '../../domain/time.ts';
import type { Db } from '../../db/connection.ts';
import { HqStore, type FindingCount, type HqCentreRow } from '../../db/hq/store.ts';
import { toHex } from '../../bundle/format/bytes.ts';
import type { Crypto } from '../../bundle/format/crypto.ts';
import type { JournalChunk } from '../../bundle/format/journal.ts';
import { EnvelopeError, parseEnvelope, type Manifest } from '../../bundle/format/manifest.ts';
import type { FindingsSection } from '../../bundle/format/sections.ts';
import type { RightsMaterialiser } from '../../bundle/format/rights-aside.ts';
import { FieldDecoder, replayChunk, STEP_TITLES, type BundleFiles } from '../../bundle/format/verify.ts';
import { nodeCrypto } from '../../bundle/node/crypto-node.ts';
import { BundleReadError, readBundleFiles, verifyOnNode } from '../../bundle/node/verify.ts';
import { StoreChanged, WorkerStore } from './store-worker-client.ts';

export interface HqImportProgress {
  phase: 'replay' | 'verify' | 'store';
  done: number;
  total: number;
}

export interface HqImporterOptions {
  clock: Clock;
  /** Who imports (recorded in the import log and in a key pinned at a first import). */
  operator: string;
  /** Default node:crypto; tests pass one that remembers derived keys. */
  crypto?: Crypto;
  /** Told of every refusal (the database itself records none: a refused slice changes nothing). */
  onRefused?: (outcome: HqImportOutcome) => void;
  /**
   * The store worker's entry (STORE_WORKER_ENTRY in store-worker-entry.ts, from source): a slice of at
   * least `storeWorkerMinEntries` new entries is stored on that thread while it is being verified.
   * Absent: stored here, after verification.
   */
  storeWorker?: string | URL | null;
  /** Default 50,000: below it, a thread costs more to start than it saves. */
  storeWorkerMinEntries?: number;
  /**
   * The chunk worker's entry (CHUNK_WORKER_ENTRY in bundle/node/chunk-worker-entry.ts, from source): a
   * long slice is decompressed and hashed on worker threads, and a whole journal's rights rows are
   * made there (bundle/node/chunk-pool.ts) while this thread replays the rest.
   */
  chunkWorker?: string | URL | null;
  /** Default CHUNK_POOL_MIN_ENTRIES (bundle/node/verify.ts). */
  chunkWorkerMinEntries?: number;
}

export interface ImportCall {
  passphrase: string;
  onProgress?: (p: HqImportProgress) => void;
  signal?: AbortSignal;
}

/** A refusal found on the way: a reason with its parameters. */
class Refusal extends Error {
  constructor(readonly reason: Reason) {
    super(describe(reason.code, reason.params, 'en'));
  }
}

const refuse = (r: Reason): never => {
  throw new Refusal(r);
};

const short = (hex: string) => `${hex.slice(0, 16)}…`;

/** How many bytes of HQ's stored entries are replayed at a time. */
const HELD_BLOCK_BYTES = 4 * 1024 * 1024;

interface CachedReplay {
  centreNo: number;
  replay: Replay;
  /** Rights rows verification kept aside, built into the replay when it is used again. */
  rights: RightsMaterialiser | null;
}

export class HqImporter {
  readonly store: HqStore;
  private readonly crypto: Crypto;
  /**
   * The replay of the last centre imported, at its new head: the base for that centre's next slice
   * in the same run (replaying years of a centre's journal again for each slice would dominate).
   */
  private cached: CachedReplay | null = null;
  private readonly tx: (run: () => void) => void;

  constructor(
    readonly db: Db,
    private readonly options: HqImporterOptions,
  ) {
    this.store = new HqStore(db);
    this.crypto = options.crypto ?? nodeCrypto;
    const t = db.transaction((run: () => void) => run());
    this.tx = (run) => t.immediate(run);
  }

  /** Imports a slice from disk: its folder, its open-me.html or its bundle.json. */
  async importPath(path: string, call: ImportCall): Promise<HqImportOutcome> {
    let files: BundleFiles;
    try {
      files = await readBundleFiles(path);
    } catch (err) {
      if (err instanceof BundleReadError) return this.refused(path, null, new Refusal(reason('hq.unreadable', undefined, { detail: err.message })));
      throw err;
    }
    return this.importFiles(files, path, call);
  }

  /** Imports a slice's two files; `source` names it in the log and the outcome. */
  async importFiles(files: BundleFiles, source: string, call: ImportCall): Promise<HqImportOutcome> {
    let manifest: Manifest | null = null;
    try {
      manifest = parseEnvelope(files.envelope).manifest;
      return await this.importVerified(files, manifest, source, call);
    } catch (err) {
      if (err instanceof EnvelopeError) return this.refused(source, null, new Refusal(reason('hq.verification_failed', undefined, { step: 'envelope', title: STEP_TITLES.envelope, detail: err.message, seq: null })));
      if (err instanceof Refusal) return this.refused(source, manifest, err);
      if (call.signal?.aborted) return this.refused(source, manifest, new Refusal(reason('hq.cancelled', undefined, {})));
      throw err;
    }
  }

  private async importVerified(files: BundleFiles, m: Manifest, source: string, call: ImportCall): Promise<HqImportOutcome> {
    const centreName = m.centre.name;
    if (m.kind !== 'hq-slice') refuse(reason('hq.not_a_slice', undefined, { kind: m.kind }));
    const known = this.store.centre(m.centre.id);
    if (known && known.key_fingerprint !== m.keyFingerprint) {
      refuse(reason('hq.key_differs', undefined, { centre: known.name ?? m.centre.id, pinned: short(known.key_fingerprint), given: short(m.keyFingerprint), how: known.pinned_how }));
    }
    const held = known?.head_seq ?? 0;
    const centreLabel = known?.name ?? centreName;
    if (m.from.seq > held) refuse(reason('hq.gap', undefined, { centre: centreLabel, held, from: m.from.seq }));
    if (known && m.from.seq > 0 && this.store.heldHash(known.centre_no, m.from.seq) !== m.from.hash) {
      refuse(reason('hq.fork_before', undefined, { centre: centreLabel, seq: m.from.seq }));
    }

    // A large slice is stored on another thread while it is verified (it holds HQ's write lock
    // meanwhile, and rolls back if the slice is refused): one thread checks while the other writes.
    const added = m.head.seq - held;
    const importedAt = toIso(this.options.clock());
    const worker =
      this.options.storeWorker && added >= (this.options.storeWorkerMinEntries ?? 50_000) && this.db.name !== ':memory:'
        ? new WorkerStore(this.options.storeWorker, this.db.name, {
            type: 'begin',
            centreId: m.centre.id,
            held,
            keyFingerprint: m.keyFingerprint,
            publicKey: m.publicKey,
            operator: this.options.operator,
            at: importedAt,
          })
        : null;
    try {
      return await this.verifyAndStore(files, m, source, call, known, held, added, importedAt, worker);
    } catch (err) {
      await worker?.abort().catch(() => {});
      if (err instanceof StoreChanged) refuse(reason('hq.changed_meanwhile', undefined, { centre: known?.name ?? centreName }));
      throw err;
    }
  }

  private async verifyAndStore(
    files: BundleFiles,
    m: Manifest,
    source: string,
    call: ImportCall,
    known: HqCentreRow | undefined,
    held: number,
    added: number,
    importedAt: string,
    worker: WorkerStore | null,
  ): Promise<HqImportOutcome> {
    const centreName = m.centre.name;
    const centreLabel = known?.name ?? centreName;
    // The replay of what HQ holds up to where the slice starts: verification applies the slice to it.
    let base: Replay | null = null;
    if (m.from.seq > 0) base = this.replayHeld(known!, m.from.seq, call);
    this.abortIfAsked(call);

    const verdict = await verifyOnNode(
      files,
      call.passphrase,
      this.crypto,
      {
        chunkWorker: this.options.chunkWorker ?? null,
        ...(this.options.chunkWorkerMinEntries !== undefined ? { chunkWorkerMinEntries: this.options.chunkWorkerMinEntries } : {}),
        pinnedFingerprint: known?.key_fingerprint ?? null,
        replayBase: base,
        onProgress: (p) => {
          if (p.step === 'chain') call.onProgress?.({ phase: 'verify', done: p.done, total: p.total });
        },
        ...(worker
          ? {
              onChunk: (chunk: JournalChunk, firstSeq: number) => {
                if (firstSeq + chunk.count - 1 > held) worker.entries(chunk, firstSeq);
              },
            }
          : {}),
      },
    );
    // The base is now at the slice's head, or part-way if verification failed: never reuse it as it was.
    if (this.cached?.replay === base) this.cached = null;
    this.abortIfAsked(call);
    if (!verdict.ok) {
      const f = verdict.failure!;
      refuse(reason('hq.verification_failed', undefined, { step: f.step, title: STEP_TITLES[f.step], detail: f.message, seq: f.seq ?? null }));
    }
    const content = verdict.content!;
    const replay = content.replay!;
    const journal = content.journal;

    // Where the slice overlaps what HQ holds, it must hold the same entries.
    const overlapEnd = Math.min(m.head.seq, held);
    if (known && overlapEnd > m.from.seq) {
      const sliceHash = (seq: number) => toHex(journal.digest(seq - m.from.seq - 1)!);
      if (sliceHash(overlapEnd) !== this.store.heldHash(known.centre_no, overlapEnd)) {
        // Hashes chain: once two entries differ every later one does. The first difference, by bisection.
        let lo = m.from.seq + 1;
        let hi = overlapEnd;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (sliceHash(mid) === this.store.heldHash(known.centre_no, mid)) lo = mid + 1;
          else hi = mid;
        }
        refuse(reason('hq.fork', undefined, { centre: centreLabel, seq: lo }));
      }
    }
    if (known && m.head.seq <= held) {
      this.cached = null;
      await worker?.abort();
      return {
        source,
        result: 'already_held',
        centreId: m.centre.id,
        centreName: known.name,
        fromSeq: m.from.seq,
        headSeq: m.head.seq,
        entriesAdded: 0,
        ...said(reason('hq.already_held', undefined, { centre: centreLabel, head: m.head.seq, held })),
        receipt: receiptFor(known),
      };
    }

    // A slice made later carries a later export time: one made on a clock set back would turn HQ's
    // figures for the centre back to that day (stays past their limit, findings now), as if current.
    if (known?.exported_at && toMs(m.exportedAt) < toMs(known.exported_at)) {
      refuse(reason('hq.exported_before_held', undefined, { centre: centreLabel, exportedAt: m.exportedAt, heldExportedAt: known.exported_at }));
    }

    // Read models of the whole journal at the new head, as the centre's own register would show it.
    const profile: LegalProfile = profileById(m.centre.profileId) ?? content.profile!;
    const models = hqReadModels(replay.tables, profile, m.centre.timeZone, m.exportedAt);
    const findings = findingCounts(content.findings);
    this.abortIfAsked(call);
    const head = {
      name: centreName,
      timeZone: m.centre.timeZone,
      profileId: m.centre.profileId,
      lateEntryHours: known?.late_entry_hours ?? content.profile!.lateEntryHours,
      publicKey: m.publicKey,
      headSeq: m.head.seq,
      headHash: m.head.hash,
      exportedAt: m.exportedAt,
      importedAt,
    };
    const log = {
      file: source,
      importedAt,
      importedBy: this.options.operator,
      fromSeq: m.from.seq,
      headSeq: m.head.seq,
      headHash: m.head.hash,
      entriesAdded: added,
      exportedAt: m.exportedAt,
      exportedBy: m.exportedBy,
    };

    let row: HqCentreRow | undefined;
    if (worker) {
      call.onProgress?.({ phase: 'store', done: 0, total: 1 });
      row = await worker.finish({ type: 'finish', head, models, findings, log });
      call.onProgress?.({ phase: 'store', done: 1, total: 1 });
    } else this.tx(() => {
      let centre = this.store.centre(m.centre.id);
      if ((centre?.head_seq ?? 0) !== held || (centre && centre.key_fingerprint !== m.keyFingerprint)) {
        refuse(reason('hq.changed_meanwhile', undefined, { centre: centreLabel }));
      }
      centre ??= this.store.addCentre(m.centre.id, m.publicKey, m.keyFingerprint, 'first_import', this.options.operator, importedAt);
      const centreNo = centre.centre_no;
      let done = 0;
      for (const chunk of journal.chunks) {
        for (let i = 0; i < chunk.count; i++) {
          const seq = m.from.seq + 1 + chunk.first + i;
          if (seq <= held) continue;
          const input = chunk.raw.subarray(chunk.starts[i]!, chunk.ends[i]!);
          const digest = chunk.digests!.subarray(32 * i, 32 * i + 32);
          this.store.insertEntry(centreNo, seq, Buffer.from(input.buffer, input.byteOffset, input.byteLength), Buffer.from(digest.buffer, digest.byteOffset, 32));
        }
        done += chunk.count;
        call.onProgress?.({ phase: 'store', done, total: journal.count });
      }
      const moved = this.store.updateHead(centreNo, held, head);
      if (!moved) refuse(reason('hq.changed_meanwhile', undefined, { centre: centreLabel }));
      this.store.replaceReadModels(centreNo, models, findings);
      this.store.logImport({ ...log, centreNo });
      row = this.store.centre(m.centre.id);
    });
    this.cached = { centreNo: row!.centre_no, replay, rights: content.rights };
    return {
      source,
      result: 'imported',
      centreId: m.centre.id,
      centreName,
      fromSeq: m.from.seq,
      headSeq: m.head.seq,
      entriesAdded: added,
      ...said(reason('hq.imported', undefined, { centre: centreName, entries: added, from: held + 1, head: m.head.seq })),
      receipt: receiptFor(row!),
    };
  }

  /** Replays the centre's journal as HQ holds it, up to `uptoSeq`. */
  private replayHeld(centre: HqCentreRow, uptoSeq: number, call: ImportCall): Replay {
    const cached = this.cached;
    if (cached && cached.centreNo === centre.centre_no && cached.replay.lastSeq === uptoSeq) {
      cached.rights?.finish();
      return cached.replay;
    }
    this.cached = null;
    const replay = new Replay({ lateEntryHours: centre.late_entry_hours });
    // A few MB of entries at a time, replayed as verification replays a bundle's chunk (verify.ts).
    const fields = new FieldDecoder();
    let buf = new Uint8Array(HELD_BLOCK_BYTES);
    let lengths: number[] = [];
    let used = 0;
    let firstSeq = 1;
    const flush = () => {
      const count = lengths.length;
      if (count === 0) return;
      const starts = new Uint32Array(count);
      const ends = new Uint32Array(count);
      let o = 0;
      lengths.forEach((n, i) => {
        starts[i] = o;
        o += n;
        ends[i] = o;
      });
      const failed = replayChunk({ raw: buf.subarray(0, used), starts, ends, count, first: 0, digests: null }, firstSeq, replay, fields);
      if (failed) throw new Error(`HQ's copy of centre ${centre.centre_id} does not replay: ${failed.message}`);
      firstSeq += count;
      lengths = [];
      used = 0;
      call.onProgress?.({ phase: 'replay', done: firstSeq - 1, total: uptoSeq });
      this.abortIfAsked(call);
    };
    for (const [seq, input] of this.store.inputs(centre.centre_no, 0, uptoSeq)) {
      if (seq !== firstSeq + lengths.length) throw new Error(`HQ's copy of centre ${centre.centre_id} lacks entry ${firstSeq + lengths.length}`);
      if (used + input.length > buf.length) {
        flush();
        if (input.length > buf.length) buf = new Uint8Array(input.length);
      }
      buf.set(input, used);
      used += input.length;
      lengths.push(input.length);
    }
    flush();
    if (replay.lastSeq !== uptoSeq) throw new Error(`HQ's copy of centre ${centre.centre_id} ends at seq ${replay.lastSeq}, its head says ${uptoSeq}`);
    return replay;
  }

  private abortIfAsked(call: ImportCall): void {
    if (call.signal?.aborted) refuse(reason('hq.cancelled', undefined, {}));
  }

  private refused(source: string, m: Manifest | null, r: Refusal): HqImportOutcome {
    const params = r.reason.params ?? {};
    const outcome: HqImportOutcome = {
      source,
      result: 'refused',
      centreId: m?.centre.id ?? null,
      centreName: m?.centre.name ?? null,
      fromSeq: m?.from.seq ?? null,
      headSeq: m?.head.seq ?? null,
      entriesAdded: 0,
      reason: { code: r.reason.code, params },
      message: r.message,
      receipt: null,
    };
    this.options.onRefused?.(outcome);
    return outcome;
  }
}

/** An outcome's reason and its English message. */
function said(r: Reason): Pick<HqImportOutcome, 'reason' | 'message'> {
  return { reason: { code: r.code, params: r.params ?? {} }, message: describe(r.code, r.params, 'en') };
}

/** Findings of the slice (as the centre computed them at its export), counted by code and severity. */
function findingCounts(section: FindingsSection | null): FindingCount[] {
  const out: FindingCount[] = [];
  if (!section) return out;
  for (const mode of ['current', 'history'] as const) {
    const counts = new Map<string, FindingCount>();
    for (const f of section[mode].findings) {
      const key = `${f.code}\n${f.severity}`;
      const c = counts.get(key) ?? { mode, code: f.code, severity: f.severity, count: 0 };
      c.count++;
      counts.set(key, c);
    }
    out.push(...counts.values());
  }
  return out;
}

export function receiptFor(c: HqCentreRow): HqReceipt {
  return {
    format: RECEIPT_FORMAT,
    version: RECEIPT_VERSION,
    centreId: c.centre_id,
    centreName: c.name ?? c.centre_id,
    keyFingerprint: c.key_fingerprint,
    seq: c.head_seq,
    hash: c.head_hash,
    importedAt: c.imported_at!,
  };
}

