// Verification of a bundle, in the order of docs/bundle-format.md, shared by the offline viewer
// (WebCrypto), `centre verify` and HQ import (node:crypto). Every check that fails is reported with
// its step and, for the journal, the first bad seq; nothing here throws for bad input.
//
// The journal is processed chunk by chunk: decompress (ahead, possibly on other threads), start
// hashing the chunk's entries, replay them into the register tables while the digests are computed,
// then check the chain. Failures are reported in step order whatever the order of the work.

import { canonicalJson } from '../../domain/journal.ts';
import type { LegalProfile } from '../../domain/profile/types.ts';
import { Replay, ReplayError } from '../../domain/replay/replay.ts';
import { canonicalMemberSpan, RawJson } from '../../domain/replay/raw-json.ts';
import type { RegisterTables } from '../../domain/replay/tables.ts';
import { fromBase64, fromUtf8, toHex, utf8 } from './bytes.ts';
import { compareWithCheckpoint, describeComparison, type Checkpoint, type CheckpointComparison } from './checkpoint.ts';
import { ContainerError, decodeContainer, inflateChunk, inflateSection, splitChunks, type Chunk } from './container.ts';
import type { Crypto, Gunzip } from './crypto.ts';
import { fflateGunzip } from './gunzip.ts';
import {
  BundleJournal,
  checkChunkChain,
  checkChunkStart,
  FIELD_STRIDE,
  fieldTable,
  FIELDS_ASCII,
  hashChunk,
  indexJournalChunk,
  JournalFormatError,
  PAYLOAD_ASCII,
  startDigest,
  wordsOf,
  type ChainFailure,
  type JournalChunk,
} from './journal.ts';
import { EnvelopeError, parseEnvelope, type Manifest } from './manifest.ts';
import { normalisePassphrase } from './passphrase.ts';
import { compareProjections, digestTable, projectionsSchema, replayDigests, TableDigester, type ProjectionsSection } from './projections.ts';
import { isRightType, KeyHashes, RIGHT_TYPE, rightsAside, RightsMaterialiser, RIGHTS_SPEC, type RightsAside } from './rights-aside.ts';
import {
  findingsSectionSchema,
  medicalNotesSchema,
  parseJsonSection,
  profileSchema,
  SectionError,
  type FindingsSection,
  type MedicalNote,
} from './sections.ts';

export type StepName =
  | 'envelope'
  | 'signature'
  | 'data'
  | 'decryption'
  | 'container'
  | 'chain'
  | 'projections'
  | 'medical-notes'
  | 'checkpoint';

export const STEP_TITLES: Record<StepName, string> = {
  envelope: 'bundle.json is a valid manifest',
  signature: 'signed by the centre’s key',
  data: 'data.bin is the data that was signed',
  decryption: 'the passphrase opens the data',
  container: 'the data is complete and well-formed',
  chain: 'every journal entry hashes into an unbroken chain up to the signed head',
  projections: 'the register tables are exactly what the journal says',
  'medical-notes': 'the medical notes are the ones the journal refers to',
  checkpoint: 'history since the last checkpoint was not rewritten',
};

export interface StepResult {
  step: StepName;
  ok: boolean;
  /** A step that did not apply (e.g. projections of a slice without the journal before it). */
  skipped?: boolean;
  detail: string;
  ms: number;
}

export interface Failure {
  step: StepName;
  /** The first bad entry, for journal failures. */
  seq?: number;
  message: string;
}

export interface BundleFiles {
  envelope: string | Uint8Array;
  data: Uint8Array;
}

/**
 * What verifyBundle reads: BundleFiles, or its data.bin still being read (the viewer, while the
 * browser parses the data after the envelope in open-me.html). The envelope, the signature and the
 * key derivation go on meanwhile; a rejection fails the data step with its message.
 */
export interface BundleSource {
  envelope: string | Uint8Array;
  data: Uint8Array | Promise<Uint8Array>;
}

export interface Progress {
  step: StepName;
  done: number;
  total: number;
}

export interface VerifyOptions {
  /** The checkpoint saved at the last visit: the journal must extend it. */
  checkpoint?: Checkpoint | null;
  /** A key fingerprint the bundle must be signed with (HQ pins each centre's key). */
  pinnedFingerprint?: string | null;
  onProgress?: (p: Progress) => void;
  /** Decompressor; default fflate (pure JS). Node passes zlib, a browser may pass DecompressionStream. */
  gunzip?: Gunzip;
  /** Journal chunks decompressed ahead of the one being checked (parallelism with an async gunzip). */
  readAhead?: number;
  /**
   * For a slice: a Replay holding every entry before it (HQ import builds it from the journal it
   * holds); the slice's entries are applied to it and the projections checked. Without it, a slice's
   * projections are not checked (the step says so).
   */
  replayBase?: Replay | null;
  /** This program's own copy of a legal profile, to compare with the bundle's. */
  knownProfile?: (id: string) => LegalProfile | undefined;
  /**
   * Replay the journal (default true): needed for the projections and medical-note checks and for
   * the register in `content.tables`. False checks only signature, data and chain (a quick check;
   * HQ import, which projects the entries itself).
   */
  replay?: boolean;
  /** Lets the host breathe between chunks (a browser repaints, a progress bar moves). */
  yieldToHost?: () => Promise<void>;
  /**
   * Each journal chunk once its entries hashed into the chain (seq of its first entry): HQ import
   * starts storing while the rest is checked (and discards it all if a later check fails).
   */
  onChunk?: (chunk: JournalChunk, firstSeq: number) => void;
  /**
   * Keep the rights rows out of the replay of a whole journal (rights-aside.ts): their texts are made
   * from the entries' bytes and digested in order, and `content.tables.rights` stays empty until
   * `content.rights` builds it. The verdict is the same; the thread that replays does a third of
   * the work.
   */
  rightsAside?: boolean;
  /**
   * Start deriving the key and decrypting while the data's SHA-256 is computed (the viewer: WebCrypto
   * runs the three on threads of its own). The verdict is the same; the cost is a key derivation
   * spent on data that then fails its hash, so a host that checks many bundles one after the other
   * (HQ import) leaves it off.
   */
  decryptWhileHashing?: boolean;
  /** A chunk's rights rows made where it was decompressed (the viewer's workers); null: made here. */
  precomputedRights?: (raw: Uint8Array) => RightsAside | null;
  /** checkChunkLinks' answer for a chunk, from where it was hashed; null: the chain is checked here. */
  precomputedLinks?: (raw: Uint8Array) => number | null;
  /**
   * The field table (fieldTable in journal.ts) of a decompressed journal chunk, where it was made
   * with its digests (a helper worker): the replay then reads each entry's fields without looking
   * for them again.
   */
  precomputedFields?: (raw: Uint8Array) => Int32Array | null;
  /**
   * With `rightsAside`: whether a rights row's key repeats (rights-aside.ts hasRepeat), answered
   * elsewhere (the viewer's workers) while the other tables are digested; default: here.
   */
  keyRepeats?: (keys: Float64Array) => boolean | Promise<boolean>;
}

/** What the bundle holds, decoded; the journal stays bytes until an entry is asked for. */
export interface BundleContent {
  journal: BundleJournal;
  /** The register replayed from the journal (null for a slice without a replay base). */
  tables: RegisterTables | null;
  replay: Replay | null;
  findings: FindingsSection | null;
  profile: LegalProfile | null;
  /** Medical notes by reference (inspection bundles). */
  medicalNotes: Map<string, string>;
  projections: ProjectionsSection | null;
  /**
   * With `rightsAside`: builds `tables.rights` (call `finish()`, or `step()` a chunk at a time,
   * before reading it). Null when the rows are in the table already.
   */
  rights: RightsMaterialiser | null;
}

export interface Verdict {
  /** Intact: every step passed (a skipped step does not fail). */
  ok: boolean;
  steps: StepResult[];
  failure: Failure | null;
  warnings: string[];
  manifest: Manifest | null;
  /** Decoded content, when decryption succeeded (also when a later step failed: evidence). */
  content: BundleContent | null;
  checkpoint: CheckpointComparison | null;
}

class StepFailure extends Error {
  constructor(
    readonly failure: Omit<Failure, 'step'>,
  ) {
    super(failure.message);
  }
}

const fail = (message: string, seq?: number): never => {
  throw new StepFailure(seq === undefined ? { message } : { message, seq });
};

/** Verifies a bundle's two files with the passphrase. Never throws for bad input: the verdict says. */
export async function verifyBundle(files: BundleSource, passphrase: string, crypto: Crypto, options: VerifyOptions = {}): Promise<Verdict> {
  const verdict: Verdict = { ok: false, steps: [], failure: null, warnings: [], manifest: null, content: null, checkpoint: null };
  const gunzip = options.gunzip ?? fflateGunzip;
  const progress = options.onProgress ?? (() => {});

  async function step(name: StepName, run: () => Promise<string | { detail: string; skipped: boolean }>): Promise<boolean> {
    const t0 = Date.now();
    progress({ step: name, done: 0, total: 1 });
    try {
      const r = await run();
      const result: StepResult = typeof r === 'string' ? { step: name, ok: true, detail: r, ms: Date.now() - t0 } : { step: name, ok: true, ...r, ms: Date.now() - t0 };
      verdict.steps.push(result);
      return true;
    } catch (err) {
      const failure: Failure =
        err instanceof StepFailure
          ? { step: name, ...err.failure }
          : { step: name, message: err instanceof EnvelopeError || err instanceof ContainerError || err instanceof SectionError ? err.message : `unexpected error: ${err instanceof Error ? err.message : String(err)}` };
      verdict.steps.push({ step: name, ok: false, detail: failure.message, ms: Date.now() - t0 });
      verdict.failure = failure;
      return false;
    }
  }

  // 1. The envelope, the signature and the key.
  let signature: Uint8Array = new Uint8Array(0);
  let signedBytes: Uint8Array = new Uint8Array(0);
  if (
    !(await step('envelope', async () => {
      const env = parseEnvelope(files.envelope);
      verdict.manifest = env.manifest;
      signature = env.signature;
      signedBytes = env.signedBytes;
      const m = env.manifest;
      return `${m.kind} bundle of ${m.centre.name}, entries ${m.from.seq + 1}–${m.head.seq}, exported ${m.exportedAt} by ${m.exportedBy}`;
    }))
  ) {
    return verdict;
  }
  const manifest = verdict.manifest!;
  if (
    !(await step('signature', async () => {
      const publicKey = fromBase64(manifest.publicKey);
      const fingerprint = toHex(await crypto.sha256(publicKey));
      if (fingerprint !== manifest.keyFingerprint) fail('the key fingerprint in the manifest is not the SHA-256 of its public key');
      if (!(await crypto.ed25519Verify(publicKey, signedBytes, signature))) {
        fail('the signature does not verify: bundle.json was changed after it was signed, or signed by another key');
      }
      if (options.pinnedFingerprint && options.pinnedFingerprint !== fingerprint) {
        fail(`the bundle is signed by key ${fingerprint.slice(0, 16)}…, not by the key pinned for this centre (${options.pinnedFingerprint.slice(0, 16)}…)`);
      }
      return `valid Ed25519 signature, key fingerprint ${fingerprint}`;
    }))
  ) {
    return verdict;
  }

  // With `decryptWhileHashing`, the key derivation and the decryption start now, on the signed
  // manifest's parameters, while the data's SHA-256 is computed. Their result is used only once the
  // data step has passed, so the steps still fail in their order.
  const e = manifest.encryption;
  const dataBytes = Promise.resolve(files.data);
  dataBytes.catch(() => {});
  const decrypt = async () => {
    const key = await crypto.pbkdf2Sha256(utf8(normalisePassphrase(passphrase)), fromBase64(e.salt), e.iterations, 32);
    try {
      return await crypto.aesGcmDecrypt(key, fromBase64(e.iv), await dataBytes);
    } catch {
      return null;
    }
  };
  const early = options.decryptWhileHashing ? decrypt() : null;
  early?.catch(() => {});

  // 2. The data is the data that was signed.
  if (
    !(await step('data', async () => {
      let data: Uint8Array;
      try {
        data = await dataBytes;
      } catch (err) {
        return fail(`data.bin could not be read: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (data.length !== manifest.data.bytes) {
        fail(`data.bin has ${data.length} bytes, the signed manifest says ${manifest.data.bytes}: it was ${data.length < manifest.data.bytes ? 'cut short' : 'extended'}`);
      }
      const digest = toHex(await crypto.sha256(data));
      if (digest !== manifest.data.sha256) fail('data.bin is not the data that was signed: its SHA-256 differs (changed after export)');
      return `${manifest.data.bytes} bytes, SHA-256 ${digest}`;
    }))
  ) {
    return verdict;
  }

  // 3. The passphrase.
  let plaintext: Uint8Array = new Uint8Array(0);
  if (
    !(await step('decryption', async () => {
      const opened = await (early ?? decrypt());
      if (!opened) fail('the passphrase does not open the data: check it (letters, case, spaces); the data itself is the signed data');
      plaintext = opened!;
      return `AES-256-GCM, key from PBKDF2-SHA-256 with ${e.iterations} iterations`;
    }))
  ) {
    return verdict;
  }

  // 4. The container and its small sections.
  let sections = new Map<string, Uint8Array>();
  let journalChunks: Chunk[] = [];
  let projections: ProjectionsSection | null = null;
  let findings: FindingsSection | null = null;
  let profile: LegalProfile | null = null;
  let notes: MedicalNote[] = [];
  if (
    !(await step('container', async () => {
      sections = decodeContainer(plaintext);
      for (const required of ['journal', 'projections', 'findings', 'profile']) {
        if (!sections.has(required)) fail(`the data has no ${required} section`);
      }
      if (manifest.kind === 'inspection' && !sections.has('medical-notes')) fail('an inspection bundle must carry the medical notes, and this one has none');
      if (manifest.kind === 'hq-slice' && sections.has('medical-notes')) fail('an HQ slice must not carry medical notes, and this one does');
      const known = new Set(['journal', 'projections', 'findings', 'profile', 'medical-notes']);
      for (const name of sections.keys()) if (!known.has(name)) verdict.warnings.push(`the data has a section this program does not know: ${name}`);
      journalChunks = splitChunks('journal', sections.get('journal')!);
      projections = parseJsonSection('projections', await inflateSection('projections', sections.get('projections')!, gunzip), projectionsSchema);
      findings = parseJsonSection('findings', await inflateSection('findings', sections.get('findings')!, gunzip), findingsSectionSchema) as unknown as FindingsSection;
      profile = parseJsonSection('profile', await inflateSection('profile', sections.get('profile')!, gunzip), profileSchema) as unknown as LegalProfile;
      if (profile.id !== manifest.centre.profileId) fail(`the legal profile in the data is ${profile.id}, the manifest says ${manifest.centre.profileId}`);
      if (sections.has('medical-notes')) {
        notes = parseJsonSection('medical-notes', await inflateSection('medical-notes', sections.get('medical-notes')!, gunzip), medicalNotesSchema);
        if (notes.length !== manifest.counts.medicalNotes) fail(`the data holds ${notes.length} medical notes, the manifest says ${manifest.counts.medicalNotes}`);
      }
      return `${sections.size} sections, ${journalChunks.length} journal chunks`;
    }))
  ) {
    return verdict;
  }

  // 5. The journal: hashes, chain, seq; replayed on the way for step 6.
  const journal = new BundleJournal(manifest.from);
  const whole = manifest.from.seq === 0;
  const replay: Replay | null = whole ? new Replay({ lateEntryHours: profile!.lateEntryHours }) : (options.replayBase ?? null);
  if (replay && !whole && replay.lastSeq !== manifest.from.seq) {
    verdict.warnings.push(`the replay base ends at seq ${replay.lastSeq}, the slice starts after ${manifest.from.seq}: projections not checked`);
  }
  const replaying = options.replay !== false && replay !== null && replay.lastSeq === manifest.from.seq;
  const fields = new FieldDecoder();
  let replayFailure: { seq: number; message: string } | null = null;
  // Rights rows aside (see rights-aside.ts): digested as they come, their ids checked for repeats.
  const aside = replaying && whole && options.rightsAside === true;
  const rightsDigester = aside ? new TableDigester() : null;
  const rightKeys = aside ? new KeyHashes() : null;
  verdict.content = {
    journal,
    tables: replaying ? replay!.tables : null,
    replay: replaying ? replay : null,
    findings,
    profile,
    medicalNotes: new Map(notes.map((n) => [n.ref, n.text])),
    projections,
    rights: null,
  };
  const chainOk = await step('chain', async () => {
    const total = manifest.counts.entries;
    const readAhead = Math.max(1, options.readAhead ?? 2);
    // Chunk i is decompressed, indexed and hashed ahead (off the main thread where the platform can:
    // zlib's pool, hashing workers, WebCrypto), while the main thread replays and checks the chunks
    // before it; a chunk is replayed as soon as it is indexed, while its digests are computed.
    const prepared: ({ indexed: Promise<JournalChunk>; hashed: Promise<JournalChunk> } | null)[] = journalChunks.map(() => null);
    let counted = 0;
    const prepare = (i: number) => {
      if (!prepared[i]) {
        // Indexed with relative numbers (a chunk's first seq is known only once those before it
        // are): an error names the entry by its index, turned into its seq below.
        const indexed = inflateChunk('journal', journalChunks[i]!, gunzip).then((raw) => {
          const chunk = indexJournalChunk(raw, 0, 0);
          const fields = options.precomputedFields?.(raw) ?? null;
          if (fields && fields.length === FIELD_STRIDE * chunk.count) chunk.fields = fields;
          return chunk;
        });
        const hashed = indexed.then(async (chunk) => {
          await hashChunk(chunk, crypto);
          return chunk;
        });
        indexed.catch(() => {});
        hashed.catch(() => {});
        prepared[i] = { indexed, hashed };
      }
      return prepared[i]!;
    };
    const journalError = (err: unknown, seq: number): never => {
      if (err instanceof JournalFormatError) fail(`entry ${seq + err.seq}: ${err.reason}`, seq + err.seq);
      throw err;
    };
    let previous = { digest: startDigest(manifest.from), isStart: true };
    let seq = manifest.from.seq + 1;
    for (let i = 0; i < journalChunks.length; i++) {
      for (let j = i; j < Math.min(journalChunks.length, i + readAhead); j++) prepare(j);
      let chunk: JournalChunk;
      try {
        chunk = await prepare(i).indexed;
      } catch (err) {
        journalError(err, seq);
        throw err;
      }
      chunk.first = journal.count;
      counted += chunk.count;
      if (counted > total) fail(`the journal holds more entries than the ${total} the manifest says`, manifest.head.seq + 1);
      if (replaying && replayFailure === null) {
        // Made once here where no worker made it: the rights rows and the replay both read it.
        chunk.fields ??= fieldTable(chunk);
        const side = aside ? (options.precomputedRights?.(chunk.raw) ?? rightsAside(chunk)) : null;
        replayFailure = replayChunk(chunk, seq, replay!, fields, side);
        if (side && replayFailure === null) {
          rightsDigester!.addRows(side.text, side.ends, 0, side.rows);
          for (let k = 0; k < side.rows; k++) if (side.keyed[k]) rightKeys!.add(side.keys[2 * k]!, side.keys[2 * k + 1]!);
          if (rightsDigester!.shouldHash) await rightsDigester!.hashPending(crypto);
        }
      }
      try {
        await prepare(i).hashed;
      } catch (err) {
        journalError(err, seq);
      }
      prepared[i] = null;
      // Inside the chunk the links may be checked already (where it was hashed): then only its start.
      const linked = options.precomputedLinks?.(chunk.raw) ?? null;
      const broken: ChainFailure | null = linked !== null && checkChunkStart(chunk, linked, seq, previous.digest) ? null : checkChunkChain(chunk, seq, previous);
      if (broken) fail(broken.message, broken.seq);
      journal.add(chunk);
      options.onChunk?.(chunk, seq);
      previous = { digest: chunk.digests!.subarray(32 * (chunk.count - 1)), isStart: false };
      seq += chunk.count;
      progress({ step: 'chain', done: journal.count, total });
      await options.yieldToHost?.();
    }
    // The chunks' field tables are read again only by the rights rows still to build (which drop
    // each once done): kept with the journal they would be 32 bytes an entry.
    if (aside) verdict.content!.rights = new RightsMaterialiser(journal.chunks, replay!.tables, replay!.lastSeq - manifest.from.seq);
    else for (const c of journal.chunks) c.fields = null;
    if (journal.count < total) fail(`the journal ends at seq ${journal.lastSeq}, the signed head is seq ${manifest.head.seq}: entries are missing at the end`, journal.lastSeq + 1);
    const head = journal.headHash();
    if (head !== manifest.head.hash) {
      fail(`entry ${manifest.head.seq} does not hash to the signed head: it was changed after the bundle was signed`, manifest.head.seq);
    }
    return `${journal.count} entries, seq ${manifest.from.seq + 1}–${manifest.head.seq}, head ${head}`;
  });
  if (!chainOk) return verdict;

  // 6. The projections, and the manifest against the journal.
  const projectionsOk = await step('projections', async () => {
    if (options.replay === false) return { detail: 'not checked: replay turned off', skipped: true };
    if (!replaying) {
      return { detail: `not checked: a slice from seq ${manifest.from.seq + 1}, checked where the journal before it is held (HQ import)`, skipped: true };
    }
    if (replayFailure) fail(`the journal cannot be replayed: ${replayFailure.message}`, replayFailure.seq);
    const tables = replay!.tables;
    const centre = tables.centre;
    if (!centre) fail('the journal never configures the centre');
    if (centre!.centreId !== manifest.centre.id) fail(`the manifest names centre ${manifest.centre.id}, the journal ${centre!.centreId}`);
    if (centre!.publicKey !== manifest.publicKey) fail('the bundle is signed with another key than the one the journal’s first entry names');
    if (centre!.keyFingerprint !== manifest.keyFingerprint) fail('the key fingerprint in the journal differs from the manifest’s');
    for (const [field, value] of [
      ['name', centre!.name],
      ['timeZone', centre!.timeZone],
      ['profileId', centre!.profileId],
    ] as const) {
      if (manifest.centre[field] !== value) fail(`the manifest gives the centre’s ${field} as ${JSON.stringify(manifest.centre[field])}, the journal as ${JSON.stringify(value)}`);
    }
    if (manifest.counts.persons !== tables.persons.size) fail(`the manifest counts ${manifest.counts.persons} persons, the journal gives ${tables.persons.size}`);
    if (manifest.counts.placements !== tables.placements.size) fail(`the manifest counts ${manifest.counts.placements} placements, the journal gives ${tables.placements.size}`);
    // Rights rows aside are digested already, unless an id repeats: then the table is built (one row
    // per id, as the replay keeps it) and digested as the others.
    // Whether one repeats is found while the tables before rights are digested (on a worker, where
    // the host has one).
    const rights = verdict.content!.rights;
    let digested = {};
    if (rights) {
      const repeat = options.keyRepeats ? Promise.resolve(options.keyRepeats(rightKeys!.copy())) : null;
      repeat?.catch(() => {});
      digested = {
        [RIGHTS_SPEC.sql]: {
          finish: async (c: Crypto) => {
            if (!(repeat ? await repeat : rightKeys!.repeats())) return rightsDigester!.finish(c);
            rights.finish();
            return digestTable(tables, RIGHTS_SPEC, c, options.yieldToHost);
          },
        },
      };
    }
    const digests = await replayDigests(tables, crypto, options.yieldToHost, digested);
    const { mismatches, unknown } = compareProjections(projections!, digests);
    for (const t of unknown) verdict.warnings.push(`the data has a digest for table ${t}, which this program does not know`);
    if (mismatches.length) fail(mismatches.map((m) => m.message).join('; '));
    const known = options.knownProfile?.(profile!.id);
    if (known === undefined) verdict.warnings.push(`legal profile ${profile!.id} is not one this program knows: findings are the centre’s own`);
    else if (!sameJson(known, profile)) verdict.warnings.push(`legal profile ${profile!.id} in the bundle differs from this program’s copy of it`);
    const rows = Object.values(digests).reduce((a, d) => a + d.rows, 0);
    return `${Object.keys(digests).length} tables, ${rows} rows, equal to the replay of the journal`;
  });
  if (!projectionsOk) return verdict;

  // 7. Medical notes.
  const notesOk = await step('medical-notes', async () => {
    if (manifest.kind === 'hq-slice') return { detail: 'an HQ slice carries no medical notes (by design)', skipped: true };
    if (!replaying) return { detail: 'not checked: the journal was not replayed', skipped: true };
    const texts = notes.map((n) => utf8(`${n.salt}\n${n.text}`));
    let o = 0;
    const joined = new Uint8Array(texts.reduce((a, t) => a + t.length, 0));
    const starts = new Uint32Array(texts.length);
    const ends = new Uint32Array(texts.length);
    texts.forEach((t, i) => {
      joined.set(t, o);
      starts[i] = o;
      o += t.length;
      ends[i] = o;
    });
    const digests = texts.length ? await crypto.sha256Ranges(joined, starts, ends, texts.length) : new Uint8Array(0);
    const seen = new Set<string>();
    notes.forEach((n, i) => {
      if (toHex(digests, 32 * i, 32 * i + 32) !== n.ref) fail(`medical note ${n.ref.slice(0, 12)}… is not the note its reference was made from (changed)`);
      if (seen.has(n.ref)) fail(`medical note ${n.ref.slice(0, 12)}… appears twice`);
      seen.add(n.ref);
    });
    const refs = replay!.noteRefs;
    const missing = [...refs].filter((r) => !seen.has(r));
    if (missing.length) fail(`${missing.length} medical note${missing.length === 1 ? '' : 's'} the journal refers to ${missing.length === 1 ? 'is' : 'are'} missing (first: ${missing[0]!.slice(0, 12)}…)`);
    const unreferenced = notes.length - notes.filter((n) => refs.has(n.ref)).length;
    if (unreferenced) verdict.warnings.push(`${unreferenced} medical notes are not referred to by any journal entry`);
    return `${notes.length} notes, each matching its reference in the journal`;
  });
  if (!notesOk) return verdict;

  // 8. The checkpoint.
  if (options.checkpoint) {
    const checkpoint = options.checkpoint;
    const ok = await step('checkpoint', async () => {
      const comparison = await compareWithCheckpoint(checkpoint, manifest, journal, crypto);
      verdict.checkpoint = comparison;
      if (comparison.status !== 'extends') {
        fail(describeComparison(comparison), comparison.status === 'diverged' ? comparison.firstDifferentSeq : undefined);
      }
      return describeComparison(comparison);
    });
    if (!ok) return verdict;
  }

  verdict.ok = true;
  return verdict;
}

/** Short ASCII fields (times, actor, type) decoded from bytes: repeated ones are shared. */
export class FieldDecoder {
  private readonly seen = new Map<number, string[]>();
  /** A flat string of raw[a, b) (not a slice of a larger string, which would keep that alive). */
  ascii(raw: Uint8Array, a: number, b: number): string | null {
    for (let i = a; i < b; i++) if (raw[i]! >= 0x80) return null;
    return String.fromCharCode.apply(null, raw.subarray(a, b) as unknown as number[]);
  }
  /** The last string returned for each slot (actor, type): consecutive entries often repeat it. */
  private readonly last: string[] = ['', ''];
  /**
   * Actor and type come from a small set: one string each, however many entries name them. `slot`
   * (0 or 1) remembers the last one for its field, checked first.
   */
  interned(raw: Uint8Array, a: number, b: number, slot = -1): string | null {
    if (slot >= 0) {
      const last = this.last[slot]!;
      if (last.length === b - a && last.length > 0) {
        let same = true;
        for (let i = 0; i < last.length; i++) {
          if (last.charCodeAt(i) !== raw[a + i]) {
            same = false;
            break;
          }
        }
        if (same) return last;
      }
      const s = this.interned(raw, a, b);
      if (s !== null) this.last[slot] = s;
      return s;
    }
    let h = b - a;
    for (let i = a; i < b; i++) h = (Math.imul(h, 31) + raw[i]!) | 0;
    const bucket = this.seen.get(h);
    if (bucket) {
      outer: for (const s of bucket) {
        if (s.length !== b - a) continue;
        for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== raw[a + i]) continue outer;
        return s;
      }
    }
    const s = this.ascii(raw, a, b);
    if (s === null) return null;
    if (bucket) bucket.push(s);
    else this.seen.set(h, [s]);
    return s;
  }
}

export type ReplayFailure = { seq: number; message: string };

/**
 * Replays one chunk's entries; the first entry that cannot be replayed, or null. Fields are read
 * straight from the bytes and only the payload is decoded as text: no entry's text is kept alive
 * by the strings the register holds (two million entries must fit in a browser tab).
 *
 * The fast way decodes the chunk's payloads a group at a time (one call instead of one per entry,
 * which dominated) and gives each to JSON.parse as a slice of that text; the times of the chunk's entries
 * are copied into one small string of their own, which the rows then share. It needs the payloads
 * to be valid UTF-8, each starting on a character of its own, and every field but the payload in
 * ASCII; at the first entry where that does not hold, the entry-by-entry way takes over (and names
 * what is wrong, if anything is). Both give the replay exactly the same values.
 */
export function replayChunk(chunk: JournalChunk, firstSeq: number, replay: Replay, fields: FieldDecoder, side: RightsAside | null = null): ReplayFailure | null {
  const fast = replayChunkFast(chunk, firstSeq, replay, fields, side);
  if (typeof fast !== 'number') return fast;
  return replayChunkSlow(chunk, firstSeq, replay, fields, fast, side);
}

/** The index of entry i's row in `side`, or -1. */
function sideRow(side: RightsAside, i: number): number {
  let lo = 0;
  let hi = side.rows - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = side.entry[mid]!;
    if (e === i) return mid;
    if (e < i) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

type Head = { seq: number; eventTime: string; recordedTime: string; actor: string; type: string };

/**
 * A right.recorded entry whose row is aside: the replay notes it; its payload is parsed only if late.
 * `head` is a function where the entry surely is not late (its fields are then never made).
 */
function applyAside(replay: Replay, side: RightsAside, i: number, seq: number, head: Head | null, payload: Uint8Array): ReplayFailure | null {
  if (side.failure?.entry === i) {
    return { seq, message: side.failure.reason === 'json' ? `entry ${seq}: its payload is not JSON (or not UTF-8)` : new ReplayError(seq, RIGHT_TYPE, 'the payload is not an object').message };
  }
  const k = sideRow(side, i);
  if (k < 0) return { seq, message: `entry ${seq}: its rights row was not made (an error of this program)` };
  let ref: string | null = null;
  for (let lo = 0, hi = side.refs.length - 1; lo <= hi; ) {
    const mid = (lo + hi) >> 1;
    const [row, r] = side.refs[mid]!;
    if (row === k) {
      ref = r;
      break;
    }
    if (row < k) lo = mid + 1;
    else hi = mid - 1;
  }
  try {
    if (head) replay.applyRightAside(head, ref, () => JSON.parse(fromUtf8(payload)) as Record<string, unknown>);
    else replay.applyRightAsideOnTime(seq, ref);
  } catch (err) {
    return { seq, message: err instanceof ReplayError ? err.message : `entry ${seq}: ${String(err)}` };
  }
  return null;
}

/** Continuation bytes (10xxxxxx) make no UTF-16 unit; 4-byte sequences make two. */
function utf16Units(raw: Uint8Array, words: Uint32Array | null, a: number, b: number): number {
  let units = b - a;
  let i = a;
  if (words) {
    while (i < b && (i & 3) !== 0) {
      const c = raw[i++]!;
      if (c >= 0x80) units += c >= 0xf0 ? 1 : c < 0xc0 ? -1 : 0;
    }
    // Four bytes at a time while they are ASCII (most of a journal).
    while (i + 4 <= b) {
      const w = words[i >> 2]!;
      if ((w & 0x80808080) !== 0) {
        for (let k = 0; k < 4; k++) {
          const c = raw[i + k]!;
          if (c >= 0x80) units += c >= 0xf0 ? 1 : c < 0xc0 ? -1 : 0;
        }
      }
      i += 4;
    }
  }
  for (; i < b; i++) {
    const c = raw[i]!;
    if (c >= 0x80) units += c >= 0xf0 ? 1 : c < 0xc0 ? -1 : 0;
  }
  return units;
}

/**
 * Whether the event time raw(a, b) and the recorded time raw(b, c) (between newlines, ASCII) are on
 * the same UTC date in the form Replay.isLate settles without parsing: both 24 characters, the
 * recorded one with its "T" at index 10, the first 10 equal.
 */
function sameDay(raw: Uint8Array, a: number, b: number, c: number): boolean {
  if (b - a - 1 !== 24 || c - b - 1 !== 24 || raw[b + 11] !== 84) return false;
  for (let k = 1; k <= 10; k++) if (raw[a + k] !== raw[b + k]) return false;
  return true;
}

/** How many payload bytes the fast way decodes at a time. */
const GROUP_BYTES = 32 * 1024;

/** The fast way: null or the failure when done, or the index of the entry to go on from slowly. */
function replayChunkFast(chunk: JournalChunk, firstSeq: number, replay: Replay, fields: FieldDecoder, side: RightsAside | null): ReplayFailure | null | number {
  const raw = chunk.raw;
  const count = chunk.count;
  // With rows aside, right.recorded entries' payloads are not decoded here at all.
  const right = side ? new Uint8Array(count) : null;
  // Where each entry's first seven fields end (the payload follows the seventh), and whether they
  // and the payload are ASCII: made where the chunk was hashed, or here.
  const nl = chunk.fields ?? (chunk.fields = fieldTable(chunk));
  const words = wordsOf(raw);
  let timeBytes = 0;
  let payloadBytes = 0;
  let usable = count;
  for (let i = 0; i < count; i++) {
    const end = chunk.ends[i]!;
    const o = FIELD_STRIDE * i;
    // A field before the payload that is not ASCII, or a missing field: the slow way says which.
    if ((nl[o + 7]! & FIELDS_ASCII) === 0) {
      usable = i;
      break;
    }
    // A payload starting inside a character means the one before ends inside it: that one goes slowly.
    if ((raw[nl[o + 6]! + 1]! & 0xc0) === 0x80) {
      usable = Math.max(0, i - 1);
      break;
    }
    if (right && isRightType(raw, nl[o + 3]! + 1, nl[o + 4]!)) right[i] = 1;
    else {
      timeBytes += nl[o + 2]! - nl[o]! - 2;
      payloadBytes += end - nl[o + 6]! - 1;
    }
  }
  // The payloads one after the other (the other fields are never needed as text), in two streams:
  // those all in ASCII, decoded into strings of one byte a character that need no counting, and the
  // others (a name in another script: a fifth of the entries, but nearly every group of them would
  // hold one). And the times.
  const payloads = [new Uint8Array(payloadBytes), new Uint8Array(payloadBytes)];
  const used = [0, 0];
  /** The stream of each entry's payload: 0 ASCII, 1 the others. */
  const stream = new Uint8Array(usable);
  const times = new Uint8Array(timeBytes);
  let t = 0;
  for (let i = 0; i < usable; i++) {
    const o = FIELD_STRIDE * i;
    if (right?.[i]) continue;
    const from = nl[o + 6]! + 1;
    const k = (nl[o + 7]! & PAYLOAD_ASCII) !== 0 ? 0 : 1;
    stream[i] = k;
    payloads[k]!.set(raw.subarray(from, chunk.ends[i]!), used[k]!);
    used[k] = used[k]! + chunk.ends[i]! - from;
    times.set(raw.subarray(nl[o]! + 1, nl[o + 1]!), t);
    t += nl[o + 1]! - nl[o]! - 1;
    times.set(raw.subarray(nl[o + 1]! + 1, nl[o + 2]!), t);
    t += nl[o + 2]! - nl[o + 1]! - 1;
  }
  // Every entry's two times in one small string the rows' times are slices of.
  const timesText = fromUtf8(times.subarray(0, t));
  // One entry object, refilled: the replay copies what it keeps.
  const entry = { seq: 0, eventTime: '', recordedTime: '', actor: '', type: '', payload: null as unknown };
  let ts = 0;
  // Per stream: the decoded text of bytes [pb, decodedEnd) of its payloads, read from UTF-16 offset at.
  const text = ['', ''];
  const ascii = [true, true];
  const at = [0, 0];
  const pb = [0, 0];
  const decodedEnd = [0, 0];
  for (let i = 0; i < usable; i++) {
    const seq = firstSeq + i;
    const o = FIELD_STRIDE * i;
    const end = chunk.ends[i]!;
    const k = stream[i]!;
    if (!right?.[i] && pb[k] === decodedEnd[k]) {
      // A stream's payloads are decoded some 32 KB at a time, whole payloads each time: short-lived
      // strings the young generation frees cheaply.
      let bytes = 0;
      for (let j = i; j < usable && (bytes === 0 || bytes < GROUP_BYTES); j++) {
        if (!right?.[j] && stream[j] === k) bytes += chunk.ends[j]! - nl[FIELD_STRIDE * j + 6]! - 1;
      }
      try {
        text[k] = fromUtf8(payloads[k]!.subarray(pb[k]!, pb[k]! + bytes));
      } catch {
        return i;
      }
      decodedEnd[k] = pb[k]! + bytes;
      ascii[k] = text[k]!.length === bytes;
      at[k] = 0;
    }
    if (right?.[i]) {
      // Recorded the day of its event (most are): nothing of it is needed but its note reference.
      const head = !replay.sameDayCanBeLate && sameDay(raw, nl[o]!, nl[o + 1]!, nl[o + 2]!)
        ? null
        : { seq, eventTime: fields.ascii(raw, nl[o]! + 1, nl[o + 1]!)!, recordedTime: fields.ascii(raw, nl[o + 1]! + 1, nl[o + 2]!)!, actor: fields.interned(raw, nl[o + 2]! + 1, nl[o + 3]!, 0)!, type: RIGHT_TYPE };
      const failed = applyAside(replay, side!, i, seq, head, raw.subarray(nl[o + 6]! + 1, end));
      if (failed) return failed;
      continue;
    }
    const eventLength = nl[o + 1]! - nl[o]! - 1;
    const recordedLength = nl[o + 2]! - nl[o + 1]! - 1;
    entry.seq = seq;
    entry.eventTime = timesText.slice(ts, ts + eventLength);
    entry.recordedTime = timesText.slice(ts + eventLength, ts + eventLength + recordedLength);
    ts += eventLength + recordedLength;
    entry.actor = fields.interned(raw, nl[o + 2]! + 1, nl[o + 3]!, 0)!;
    entry.type = fields.interned(raw, nl[o + 3]! + 1, nl[o + 4]!, 1)!;
    const length = end - nl[o + 6]! - 1;
    const isAscii = ascii[k]!;
    const payloadStart = at[k]!;
    const payloadEnd = payloadStart + (isAscii ? length : utf16Units(raw, words, nl[o + 6]! + 1, end));
    let payloadText = text[k]!.slice(payloadStart, payloadEnd);
    // An admission record in the plain form is kept as its text (raw-json.ts): not parsed here.
    let admission: RawJson | null = null;
    if (entry.type === 'placement.admitted') {
      const from = nl[o + 6]! + 1;
      const span = canonicalMemberSpan(raw, from, end, 'admission');
      if (span) {
        const a = isAscii ? span[0] - from : utf16Units(raw, words, from, span[0]);
        const b = a + (isAscii ? span[1] - span[0] : utf16Units(raw, words, span[0], span[1]));
        payloadText = `${payloadText.slice(0, a)}null${payloadText.slice(b)}`;
        admission = new RawJson(fromUtf8(raw.subarray(span[0], span[1])));
      }
    }
    try {
      entry.payload = JSON.parse(payloadText);
    } catch {
      return { seq, message: `entry ${seq}: its payload is not JSON (or not UTF-8)` };
    }
    if (admission) (entry.payload as { admission: unknown }).admission = admission;
    at[k] = payloadEnd;
    pb[k] = pb[k]! + length;
    try {
      replay.apply(entry);
    } catch (err) {
      return { seq, message: err instanceof ReplayError ? err.message : `entry ${seq}: ${String(err)}` };
    }
  }
  return usable === count ? null : usable;
}

/** The entry-by-entry way, from entry `from` of the chunk (the reference the fast way is tested against). */
export function replayChunkSlow(chunk: JournalChunk, firstSeq: number, replay: Replay, fields: FieldDecoder, from = 0, side: RightsAside | null = null): ReplayFailure | null {
  const raw = chunk.raw;
  const nl = new Int32Array(7);
  for (let i = from; i < chunk.count; i++) {
    const seq = firstSeq + i;
    const start = chunk.starts[i]!;
    const end = chunk.ends[i]!;
    let n = 0;
    for (let j = start; j < end && n < 7; j++) if (raw[j] === 10) nl[n++] = j;
    if (n < 7) return { seq, message: `entry ${seq} does not have the eight fields of a journal entry` };
    const eventTime = fields.ascii(raw, nl[0]! + 1, nl[1]!);
    const recordedTime = fields.ascii(raw, nl[1]! + 1, nl[2]!);
    const actor = fields.interned(raw, nl[2]! + 1, nl[3]!);
    const type = fields.interned(raw, nl[3]! + 1, nl[4]!);
    if (eventTime === null || recordedTime === null || actor === null || type === null) {
      return { seq, message: `entry ${seq}: its times, actor and type must be plain ASCII` };
    }
    if (side && type === RIGHT_TYPE) {
      const failed = applyAside(replay, side, i, seq, { seq, eventTime, recordedTime, actor, type }, raw.subarray(nl[6]! + 1, end));
      if (failed) return failed;
      continue;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(fromUtf8(raw.subarray(nl[6]! + 1, end)));
    } catch {
      return { seq, message: `entry ${seq}: its payload is not JSON (or not UTF-8)` };
    }
    try {
      replay.apply({ seq, eventTime, recordedTime, actor, type, payload });
    } catch (err) {
      return { seq, message: err instanceof ReplayError ? err.message : `entry ${seq}: ${String(err)}` };
    }
  }
  return null;
}

function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
