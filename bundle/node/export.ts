// Export: the bundle folder (bundle.json, data.bin, open-me.html, README.txt) from a centre database.
// docs/bundle-format.md is the format; DESIGN §5 the why.
//
// Everything is read in one read transaction (one consistent snapshot). The journal is streamed
// straight from SQLite into ~4 MiB chunks that zlib compresses on its thread pool while the main
// thread keeps reading; the projections are digested row by row; the key derivation (PBKDF2, about
// a quarter of a second) runs on the thread pool from the start. Files are written into a temporary
// folder beside the target and renamed into place at the end, so a failed or cancelled export leaves
// nothing behind. Give exportBundle a connection of its own (see job.ts): the read transaction spans
// the whole export.

import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, open, rename, rm, rmdir, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzip as zlibGzip } from 'node:zlib';
import { GENESIS_HASH } from '../../domain/journal.ts';
import { profileById } from '../../domain/profile/az-default.ts';
import { sqlRowText } from '../../domain/replay/canonical-rows.ts';
import { TABLES, type TableSpec } from '../../domain/replay/tables.ts';
import { toIso, toMs, type Clock } from '../../domain/time.ts';
import type { Db } from '../../db/connection.ts';
import { signBytes } from '../../services/keys.ts';
import { readU32, toBase64, utf8, writeU32 } from '../format/bytes.ts';
import { chunkHeader, CONTAINER_MAGIC, encodeChunks, MAX_CHUNK_RAW, sectionHeader } from '../format/container.ts';
import { BUNDLE_FORMAT, BUNDLE_VERSION, DATA_FILE, ENVELOPE_FILE, envelopeText, MIN_ITERATIONS, signedManifestBytes, type Manifest } from '../format/manifest.ts';
import { normalisePassphrase, passphraseProblem } from '../format/passphrase.ts';
import { ROWS_PER_BLOCK, TableDigester, type ProjectionsSection, type TableDigest } from '../format/projections.ts';
import type { FindingsSection, MedicalNote } from '../format/sections.ts';
import { CLOSE_TAG, DATA_ELEMENT_ID, ENVELOPE_ELEMENT_ID, openTag } from '../viewer/embedded.ts';
import { bareViewerHtml, sha256Hex } from '../viewer/build.ts';
import { nodeCrypto } from './crypto-node.ts';
import { computeFindingsSection, findingsOnWorker } from './findings.ts';
import { readmeText } from './readme.ts';

/** How far workstations' clocks may differ (as services/context.ts allows an event time ahead of now). */
const CLOCK_SKEW_MS = 5 * 60_000;

const gzipAsync = promisify(zlibGzip);

export const VIEWER_FILE = 'open-me.html';
export const README_FILE = 'README.txt';
/**
 * zlib: on journal text, level 2 compresses to within 15% of 6 at 60% of its time; memLevel 9 (a
 * larger hash table than the default 8) makes it 7% faster again, to the same size.
 */
const COMPRESSION = { level: 2, memLevel: 9 };
const MAX_INFLIGHT = 4;
/**
 * Chunks of journal (about 3 MB each) given to the thread pool before the findings are worked out on
 * this thread: enough to keep a core compressing meanwhile (ten years: about a second of findings).
 */
const FINDINGS_LEAD = 40;
/**
 * A findings worker costs a couple of seconds of CPU to start (it loads the app's code), more than
 * the findings of ten years take (about a second, and on this thread they overlap the compression):
 * worth it only for far longer histories.
 */
const FINDINGS_WORKER_MIN_ENTRIES = 6_000_000;

export type ExportKind = 'inspection' | 'hq-slice';

export interface ExportProgress {
  phase: 'journal' | 'tables' | 'findings' | 'write';
  done: number;
  total: number;
}

export interface ExportOptions {
  outDir: string;
  passphrase: string;
  kind: ExportKind;
  /** HQ slices: the last seq HQ already holds (entries after it are exported). Default 0. */
  since?: number;
  /** The account making the export (recorded in the manifest). */
  exportedBy: string;
  clock: Clock;
  onProgress?: (p: ExportProgress) => void;
  signal?: AbortSignal;
  /**
   * The entry of a worker thread that computes the findings while the journal is read (from source:
   * FINDINGS_WORKER_ENTRY in findings-worker-entry.ts); used for long journals only, where it pays
   * for its start. Absent: computed inline.
   */
  findingsWorker?: string | URL;
  /** Random bytes for salt and IV (tests may fix them); default crypto.randomBytes. */
  random?: (bytes: number) => Uint8Array;
}

export interface ExportResult {
  outDir: string;
  manifest: Manifest;
  files: { name: string; bytes: number }[];
  /** SHA-256 of the bare viewer inside open-me.html. */
  viewerSha256: string;
  seconds: number;
  /** Seconds per phase, for the bench. */
  phases: Record<string, number>;
}

/** A refusal to export, said for the person who asked. */
export class ExportError extends Error {
  override name = 'ExportError';
}

function abortIfAsked(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ExportError('the export was cancelled');
}

interface Snapshot {
  manifest: Omit<Manifest, 'encryption' | 'data' | 'compression'>;
  privateSeed: string;
  sections: [string, Uint8Array[]][];
}

export async function exportBundle(db: Db, o: ExportOptions): Promise<ExportResult> {
  const t0 = Date.now();
  const phases: Record<string, number> = {};
  const lap = (name: string, since: number) => (phases[name] = (Date.now() - since) / 1000);
  const problem = passphraseProblem(o.passphrase);
  if (problem) throw new ExportError(problem);
  const since = o.since ?? 0;
  if (!Number.isSafeInteger(since) || since < 0) throw new ExportError('since must be a whole number of 0 or more');
  if (o.kind === 'inspection' && since !== 0) throw new ExportError('an inspection bundle holds the whole journal: it takes no --since');
  if (!/^[A-Za-z0-9_.:@-]{1,64}$/.test(o.exportedBy)) throw new ExportError(`exportedBy is not a username: ${JSON.stringify(o.exportedBy)}`);
  const outDir = resolve(o.outDir);
  if (existsSync(outDir) && readdirSync(outDir).length > 0) throw new ExportError(`${outDir} exists and is not empty: choose a new folder`);

  const random = o.random ?? ((n: number) => new Uint8Array(randomBytes(n)));
  const salt = random(16);
  const iv = random(12);
  const keyPromise = Promise.resolve(nodeCrypto.pbkdf2Sha256(utf8(normalisePassphrase(o.passphrase)), salt, MIN_ITERATIONS, 32));
  keyPromise.catch(() => {});
  const viewerPromise = bareViewerHtml();
  viewerPromise.catch(() => {});
  const exportedAt = toIso(o.clock());

  const snapshot = await readSnapshot(db, o, since, exportedAt, phases, lap);
  abortIfAsked(o.signal);

  // Encrypt and write: data.bin, and the same bytes as base64 inside open-me.html.
  const tWrite = Date.now();
  const tmp = join(dirname(outDir), `.${basename(outDir)}.partial-${process.pid}-${Date.now()}`);
  await mkdir(tmp, { recursive: true });
  try {
    const [key, viewer] = await Promise.all([keyPromise, viewerPromise]);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const dataHash = createHash('sha256');
    const dataFile = await open(join(tmp, DATA_FILE), 'wx');
    const htmlFile = await open(join(tmp, VIEWER_FILE), 'wx');
    let dataBytes = 0;
    try {
      // Room for the envelope right after the viewer, filled in once the data is written (the
      // manifest holds the data's hash): a viewer can then check the signature and derive the key
      // while the browser is still parsing the data after it.
      const envelopeAt = Buffer.byteLength(viewer, 'utf8');
      await htmlFile.write(`${viewer}${' '.repeat(ENVELOPE_ROOM)}\n${openTag(DATA_ELEMENT_ID)}`);
      const b64 = new Base64Writer(htmlFile);
      const emit = async (bytes: Uint8Array) => {
        if (bytes.length === 0) return;
        dataHash.update(bytes);
        dataBytes += bytes.length;
        await dataFile.write(bytes);
        await b64.write(bytes);
      };
      await emit(cipher.update(Uint8Array.from(CONTAINER_MAGIC)));
      let written = 0;
      const total = snapshot.sections.reduce((a, [, parts]) => a + parts.reduce((b, p) => b + p.length, 0), 0);
      for (const [name, parts] of snapshot.sections) {
        const length = parts.reduce((a, p) => a + p.length, 0);
        await emit(cipher.update(sectionHeader(name, length)));
        for (const part of parts) {
          await emit(cipher.update(part));
          written += part.length;
          o.onProgress?.({ phase: 'write', done: written, total });
          abortIfAsked(o.signal);
        }
      }
      await emit(cipher.final());
      await emit(cipher.getAuthTag());
      await b64.end();
      const manifest: Manifest = {
        ...snapshot.manifest,
        encryption: { cipher: 'AES-256-GCM', iv: toBase64(iv), kdf: 'PBKDF2-SHA-256', iterations: MIN_ITERATIONS, salt: toBase64(salt) },
        compression: 'gzip-chunks',
        data: { file: DATA_FILE, bytes: dataBytes, sha256: dataHash.digest('hex') },
      };
      const signature = signBytes(snapshot.privateSeed, signedManifestBytes(manifest));
      const envelope = envelopeText(manifest, signature);
      const envelopeElement = Buffer.from(`${openTag(ENVELOPE_ELEMENT_ID)}${Buffer.from(envelope, 'utf8').toString('base64')}${CLOSE_TAG}`, 'utf8');
      await htmlFile.write(CLOSE_TAG);
      // (An envelope too large for its room, which no centre's name makes, goes after the data.)
      if (envelopeElement.length <= ENVELOPE_ROOM) await htmlFile.write(envelopeElement, 0, envelopeElement.length, envelopeAt);
      else await htmlFile.write(envelopeElement);
      // On the disk before the export says it is done: an inspector may pull the USB stick then.
      await dataFile.sync();
      await htmlFile.sync();
      await dataFile.close();
      await htmlFile.close();
      const viewerSha256 = sha256Hex(viewer);
      await writeDurable(join(tmp, ENVELOPE_FILE), envelope);
      await writeDurable(join(tmp, README_FILE), readmeText(manifest, viewerSha256));
      await syncFolder(tmp);
      if (existsSync(outDir)) await rmdir(outDir);
      await rename(tmp, outDir);
      await syncFolder(dirname(outDir));
      lap('write', tWrite);
      const sizes = [ENVELOPE_FILE, DATA_FILE, VIEWER_FILE, README_FILE];
      return {
        outDir,
        manifest,
        files: sizes.map((name) => ({ name, bytes: statSync(join(outDir, name)).size })),
        viewerSha256,
        seconds: (Date.now() - t0) / 1000,
        phases,
      };
    } finally {
      await dataFile.close().catch(() => {});
      await htmlFile.close().catch(() => {});
    }
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

/** Writes a new file (never over one) and flushes it to the disk. */
async function writeDurable(path: string, text: string): Promise<void> {
  const file = await open(path, 'wx');
  try {
    await file.writeFile(text);
    await file.sync();
  } finally {
    await file.close();
  }
}

/**
 * Flushes a folder's entries (the files made in it, a folder renamed into it) to the disk. Windows
 * cannot open a folder to flush it; its file system commits a rename's entry itself. Some file
 * systems cannot flush a folder either and say so (EINVAL, ENOTSUP: SMB/CIFS shares, sshfs, WSL's
 * drvfs on a network drive): the files themselves were flushed, and an export to a share is not
 * refused for it. Any other error (EIO) is the disk's, and is reported.
 */
async function syncFolder(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  const folder = await open(path, 'r');
  try {
    await folder.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw err;
  } finally {
    await folder.close();
  }
}

/** Bytes kept for the envelope's element between the viewer and the data in open-me.html. */
export const ENVELOPE_ROOM = 16 * 1024;

/** Entries per journal chunk, read from SQLite in one query: about 3 MB of text. */
const JOURNAL_BLOCK = 8192;
/** The first chunk's entries (see journalChunks). */
const FIRST_JOURNAL_BLOCK = 512;

/**
 * The journal's raw chunks, straight from SQLite: each block of entries comes back as one BLOB (the
 * hash inputs, built and concatenated by SQLite, as UTF-8 bytes that never become JavaScript strings)
 * and the list of their byte lengths, which is exactly a chunk's layout. Each entry is checked to
 * start with its seq. A block that would exceed a chunk's limit is read again in halves.
 */
export function* journalChunks(db: Db, since: number, headSeq: number): Generator<Uint8Array> {
  // One call per entry (concat_ws) rather than fifteen operations (|| and char()): a fifth less of
  // SQLite's time on two million entries. The only nullable field is given as '' (concat_ws would skip it).
  const input = "concat_ws(char(10), seq, event_time, recorded_time, actor, type, coalesce(corrects, ''), prev_hash, payload)";
  const block = db
    .prepare(
      `SELECT count(*), CAST(group_concat(t, '') AS BLOB), json_group_array(octet_length(t))
       FROM (SELECT seq, ${input} AS t FROM journal WHERE seq > ? AND seq <= ? ORDER BY seq)`,
    )
    .raw();
  let lo = since;
  // The first chunks are smaller, doubling up to JOURNAL_BLOCK: a reader replays nothing before its
  // first chunk is decompressed and hashed, by code that is still cold then (the viewer's workers).
  let target = FIRST_JOURNAL_BLOCK;
  let size = target;
  while (lo < headSeq) {
    const hi = Math.min(headSeq, lo + size);
    const [count, text, lengthsJson] = block.get(lo, hi) as [number, Buffer | null, string];
    if (count !== hi - lo) throw new ExportError(`the journal has entries missing between seq ${lo + 1} and ${hi}: run \`centre journal verify\``);
    const lengths = JSON.parse(lengthsJson) as (number | null)[];
    if (text === null || lengths.some((n) => n === null)) throw new ExportError(`an entry between seq ${lo + 1} and ${hi} has an empty field: run \`centre journal verify\``);
    const header = 4 + 4 * count;
    if (header + text.length > MAX_CHUNK_RAW) {
      if (size === 1) throw new ExportError(`journal entry ${hi} is larger than a bundle chunk may be`);
      size = Math.max(1, size >> 1);
      continue;
    }
    const chunk = new Uint8Array(header + text.length);
    writeU32(chunk, 0, count);
    let o = header;
    for (let i = 0; i < count; i++) {
      const n = lengths[i]!;
      writeU32(chunk, 4 + 4 * i, n);
      if (!startsWithSeq(text, o - header, lo + 1 + i)) throw new ExportError(`internal: SQLite returned journal entry ${lo + 1 + i} out of place`);
      o += n;
    }
    if (o - header !== text.length) throw new ExportError('internal: the journal entries\' lengths do not add up');
    chunk.set(text, header);
    yield chunk;
    lo = hi;
    target = Math.min(JOURNAL_BLOCK, 2 * target);
    size = target;
  }
}

function startsWithSeq(bytes: Uint8Array, at: number, seq: number): boolean {
  const digits = String(seq);
  for (let k = 0; k < digits.length; k++) if (bytes[at + k] !== digits.charCodeAt(k)) return false;
  return bytes[at + digits.length] === 10;
}

/**
 * A table's digest from SQL, rows in the spec's order. Tables are only ever appended to, so a table
 * ordered by creation is read in rowid order, SQLite writing each block of rows as their canonical
 * texts (json_array gives exactly JSON.stringify's text for TEXT, INTEGER and NULL values; a test
 * holds it to that) into one BLOB that JavaScript only hashes; the creation seqs come along and are
 * checked to increase, and if they ever do not, the table is read again sorted, row by row. Tables
 * ordered by key, and tables with a REAL column (rooms and their versions: small), are read row by row.
 */
export async function tableDigest(db: Db, spec: TableSpec, pause: () => Promise<void> = async () => {}): Promise<TableDigest> {
  const columns = spec.columns.map((c) => c.sql).join(', ');
  // A REAL column's JSON text from SQLite can differ from JSON.stringify's: such tables go row by row.
  if (spec.order.by === 'creation' && !spec.columns.some((c) => c.real)) {
    let block;
    try {
      block = db
        .prepare(
          `SELECT count(*), CAST(group_concat(j, char(10)) || char(10) AS BLOB), max(r), json_group_array(o)
           FROM (SELECT rowid AS r, ${spec.order.column} AS o, json_array(${columns}) AS j FROM ${spec.sql} WHERE rowid > ? ORDER BY rowid LIMIT ${ROWS_PER_BLOCK})`,
        )
        .raw();
    } catch {
      block = null; // a WITHOUT ROWID table
    }
    if (block) {
      const digester = new TableDigester();
      let last = -Infinity;
      let previous = -Infinity;
      let inOrder = true;
      for (;;) {
        const [count, bytes, max, order] = block.get(last) as [number, Buffer | null, number | null, string];
        if (count === 0) break;
        for (const o of JSON.parse(order) as number[]) {
          if (!(o > previous)) inOrder = false;
          previous = o;
        }
        if (!inOrder) break;
        digester.addBlock(bytes!, count);
        if (digester.shouldHash) await digester.hashPending(nodeCrypto);
        last = max!;
        await pause();
      }
      if (inOrder) return digester.finish(nodeCrypto);
    }
  }
  const digester = new TableDigester();
  let rows = 0;
  for (const row of db.prepare(`SELECT ${columns} FROM ${spec.sql} ORDER BY ${spec.order.column}`).raw().iterate() as Iterable<unknown[]>) {
    digester.add(sqlRowText(row));
    if (digester.shouldHash) await digester.hashPending(nodeCrypto);
    if (++rows % ROWS_PER_BLOCK === 0) await pause();
  }
  return digester.finish(nodeCrypto);
}

/** Base64 of a byte stream written in pieces (carrying the 0–2 bytes that do not fill a group). */
class Base64Writer {
  private carry = new Uint8Array(0);
  constructor(private readonly file: FileHandle) {}
  async write(bytes: Uint8Array): Promise<void> {
    const all = this.carry.length ? Buffer.concat([this.carry, bytes]) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const whole = all.length - (all.length % 3);
    this.carry = Uint8Array.from(all.subarray(whole));
    if (whole) await this.file.write(all.subarray(0, whole).toString('base64'));
  }
  async end(): Promise<void> {
    if (this.carry.length) await this.file.write(Buffer.from(this.carry).toString('base64'));
    this.carry = new Uint8Array(0);
  }
}

async function readSnapshot(
  db: Db,
  o: ExportOptions,
  since: number,
  exportedAt: string,
  phases: Record<string, number>,
  lap: (name: string, since: number) => number,
): Promise<Snapshot> {
  const ownTransaction = !db.inTransaction;
  if (ownTransaction) db.exec('BEGIN');
  let findingsAhead: ReturnType<typeof findingsOnWorker> | null = null;
  try {
    const centre = db.prepare('SELECT centre_id, name, time_zone, profile_id, public_key, key_fingerprint FROM centre').get() as
      | { centre_id: string; name: string; time_zone: string; profile_id: string; public_key: string; key_fingerprint: string }
      | undefined;
    if (!centre) throw new ExportError('the centre is not set up: there is nothing to export');
    const keys = db.prepare('SELECT public_key, private_seed FROM centre_keys').get() as { public_key: string; private_seed: string } | undefined;
    if (!keys) throw new ExportError('this database holds no signing key for the centre (centre_keys is empty)');
    if (keys.public_key !== centre.public_key) throw new ExportError('the signing key in this database is not the key the centre published in its journal');
    const profile = profileById(centre.profile_id);
    if (!profile) throw new ExportError(`the centre uses legal profile ${centre.profile_id}, which this build does not know`);
    const headRow = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    const head = headRow ?? { seq: 0, hash: GENESIS_HASH };
    // A clock behind the journal's last entry would date the bundle, and compute its findings, before
    // what it holds (HQ would take a centre's figures back to that day): say so, export nothing.
    const lastRecorded = db.prepare('SELECT recorded_time FROM journal ORDER BY seq DESC LIMIT 1').pluck().get() as string | undefined;
    if (lastRecorded !== undefined && toMs(exportedAt) < toMs(lastRecorded) - CLOCK_SKEW_MS) {
      throw new ExportError(`the clock reads ${exportedAt}, before the journal's last entry was recorded (${lastRecorded}): set this computer's date and time right, then export`);
    }
    if (since > head.seq) throw new ExportError(`--since ${since} is after the last entry (seq ${head.seq})`);
    const fromHash = since === 0 ? GENESIS_HASH : (db.prepare('SELECT hash FROM journal WHERE seq = ?').pluck().get(since) as string);

    // The findings: for a very long history on a worker thread while this one reads the journal and
    // the tables; otherwise on this thread, while the thread pool compresses the journal's first chunks.
    findingsAhead =
      o.findingsWorker && head.seq - since > FINDINGS_WORKER_MIN_ENTRIES
        ? findingsOnWorker({ dbPath: db.name, at: exportedAt, profileId: centre.profile_id, timeZone: centre.time_zone }, o.findingsWorker)
        : null;

    // The journal, compressed on the thread pool while reading goes on; and the digest of every
    // table, as the replay of the journal must give it, computed whenever the journal's loop waits
    // for the compression (reads of one snapshot may interleave: better-sqlite3 allows it). The
    // progress shows the journal first, then what is left of the tables; the 'tables' phase is the
    // time they took after the journal.
    const tJournal = Date.now();
    const total = head.seq - since;
    let findings: FindingsSection | null = null;
    const findingsLead = Math.min(FINDINGS_LEAD, Math.ceil(total / JOURNAL_BLOCK));
    const projections: ProjectionsSection = { rowsPerBlock: ROWS_PER_BLOCK, tables: {} };
    let journalRead = 0; // when the journal was read, 0 until then
    let tablesDigested = 0;
    // The first failure of either task stops the other at its next step, and is the one reported.
    let failure: { error: unknown } | null = null;
    const stopIfAsked = () => {
      if (failure) throw new ExportError('the export stopped');
      abortIfAsked(o.signal);
    };
    const readJournal = async (): Promise<Uint8Array[]> => {
      const journalParts: Promise<Uint8Array[]>[] = [];
      let settled = 0;
      const compress = (raw: Uint8Array) =>
        gzipAsync(raw, COMPRESSION).then((gz) => [chunkHeader(raw.length, gz.length), new Uint8Array(gz.buffer, gz.byteOffset, gz.byteLength)]);
      let done = 0;
      for (const raw of journalChunks(db, since, head.seq)) {
        done += readU32(raw, 0);
        journalParts.push(compress(raw));
        // The findings (about a second on ten years) are worked out here, on this thread, once the
        // pool holds enough chunks to compress meanwhile (or all there are): the two cores of a
        // modest machine both work.
        if (!findingsAhead && findings === null && journalParts.length - settled >= findingsLead) {
          findings = computeFindingsSection(db, profile, centre.time_zone, exportedAt);
        }
        if (journalParts.length - settled > (findingsAhead || findings !== null ? MAX_INFLIGHT : findingsLead)) {
          await journalParts[settled];
          settled++;
          stopIfAsked();
          o.onProgress?.({ phase: 'journal', done, total });
        }
      }
      if (done !== total) throw new ExportError(`the journal has ${done} entries after seq ${since}, its head says ${total}`);
      const parts = (await Promise.all(journalParts)).flat();
      journalRead = Date.now();
      o.onProgress?.({ phase: 'journal', done: total, total });
      lap('journal', tJournal);
      if (tablesDigested > 0) o.onProgress?.({ phase: 'tables', done: tablesDigested, total: TABLES.length });
      return parts;
    };
    const digestTables = async (): Promise<void> => {
      // Let the journal's loop take its turn when a compression is done.
      const pause = () => new Promise<void>((resolve) => setImmediate(resolve)).then(stopIfAsked);
      for (const spec of TABLES) {
        projections.tables[spec.sql] = await tableDigest(db, spec, pause);
        tablesDigested++;
        if (journalRead > 0) o.onProgress?.({ phase: 'tables', done: tablesDigested, total: TABLES.length });
        stopIfAsked();
      }
    };
    const first = <T>(task: Promise<T>) =>
      task.catch((error: unknown) => {
        failure ??= { error };
        throw error;
      });
    const [journalResult] = await Promise.allSettled([first(readJournal()), first(digestTables())]);
    if (failure) throw (failure as { error: unknown }).error;
    const journal = (journalResult as PromiseFulfilledResult<Uint8Array[]>).value;
    lap('tables', journalRead);
    abortIfAsked(o.signal);

    // Findings now and the full audit, as the app computes them.
    const tFindings = Date.now();
    const ahead = findingsAhead ? await findingsAhead.answer : null;
    if (ahead && ahead.headSeq === head.seq) findings = ahead.findings;
    findings ??= computeFindingsSection(db, profile, centre.time_zone, exportedAt);
    o.onProgress?.({ phase: 'findings', done: 1, total: 1 });
    lap('findings', tFindings);

    const notes: MedicalNote[] =
      o.kind === 'inspection' ? (db.prepare('SELECT ref, salt, text FROM medical_notes ORDER BY ref').all() as MedicalNote[]) : [];
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

    const json = (value: unknown) => encodeChunks(utf8(JSON.stringify(value)), (raw) => gzipAsync(raw, COMPRESSION));
    const sections: [string, Uint8Array[]][] = [
      ['journal', journal],
      ['projections', await json(projections)],
      ['findings', await json(findings)],
      ['profile', await json(profile)],
    ];
    if (o.kind === 'inspection') sections.push(['medical-notes', await json(notes)]);

    return {
      privateSeed: keys.private_seed,
      sections,
      manifest: {
        format: BUNDLE_FORMAT,
        version: BUNDLE_VERSION,
        kind: o.kind,
        centre: { id: centre.centre_id, name: centre.name, timeZone: centre.time_zone, profileId: centre.profile_id },
        publicKey: centre.public_key,
        keyFingerprint: centre.key_fingerprint,
        from: { seq: since, hash: fromHash },
        head,
        exportedAt,
        exportedBy: o.exportedBy,
        counts: { entries: total, persons: count('persons'), placements: count('placements'), medicalNotes: notes.length },
      },
    };
  } catch (err) {
    findingsAhead?.stop();
    throw err;
  } finally {
    if (ownTransaction && db.inTransaction) db.exec('COMMIT');
  }
}

