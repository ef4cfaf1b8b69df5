// Verifying a bundle on disk with node:crypto: the folder, its open-me.html alone (the data is
// extracted from it), or its bundle.json with data.bin beside it. The checks are bundle/format's,
// the same the viewer runs.

import { existsSync, statSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Crypto } from '../format/crypto.ts';
import { DATA_FILE, ENVELOPE_FILE, parseEnvelope } from '../format/manifest.ts';
import { verifyBundle, type BundleFiles, type Verdict, type VerifyOptions } from '../format/verify.ts';
import { profileById } from '../../domain/profile/az-default.ts';
import { EmbeddedLayoutError, embeddedBundle, leadingEnvelope } from '../viewer/embedded.ts';
import { chunkPool } from './chunk-pool.ts';
import { nodeCrypto, nodeGunzip } from './crypto-node.ts';

const VIEWER_FILE = 'open-me.html';

/** The bundle's files could not be read at all (missing, unreadable): no verdict can be given. */
export class BundleReadError extends Error {
  override name = 'BundleReadError';
}

function base64(text: string, what: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new BundleReadError(`the ${what} embedded in ${VIEWER_FILE} is not base64`);
  const b = Buffer.from(text, 'base64');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** The bundle in an open-me.html's text (embeddedBundle), a doctored layout said as a read error. */
function bundleInHtml(html: string, path: string): ReturnType<typeof embeddedBundle> {
  try {
    return embeddedBundle(html);
  } catch (err) {
    if (err instanceof EmbeddedLayoutError) throw new BundleReadError(`${path} was altered after export: ${err.message}`);
    throw err;
  }
}

async function fromHtml(path: string): Promise<BundleFiles> {
  const found = bundleInHtml(await readFile(path, 'latin1'), path);
  if (!found) throw new BundleReadError(`${path} carries no bundle (is it a bare viewer?)`);
  return { envelope: base64(found.envelope, 'manifest'), data: base64(found.data, 'data') };
}

async function read(path: string): Promise<Uint8Array> {
  try {
    const b = await readFile(path);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (err) {
    throw new BundleReadError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/**
 * Where a bundle given as its folder, its open-me.html or its bundle.json keeps its two files (and
 * the open-me.html beside them, if any).
 */
type BundleAt = { kind: 'files'; envelope: string; data: string; viewer: string | null } | { kind: 'html'; path: string };

const beside = (folder: string) => (existsSync(join(folder, VIEWER_FILE)) ? join(folder, VIEWER_FILE) : null);

/** How much of an open-me.html is read to find its envelope: the viewer (about 1 MB) and the room after it. */
const HEAD_BYTES = 4 * 1024 * 1024;

/**
 * The envelope an open-me.html carries, as bytes: read from the file's head where the export puts it
 * (right after the viewer), else from the whole file (files from earlier versions carry it last);
 * null for a bare viewer.
 */
async function embeddedEnvelope(path: string): Promise<Uint8Array | null> {
  const file = await open(path, 'r');
  let head: string;
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
    head = buffer.subarray(0, bytesRead).toString('latin1');
  } finally {
    await file.close();
  }
  const leading = leadingEnvelope(head);
  if (leading !== null) return base64(leading, 'manifest');
  const found = bundleInHtml(await readFile(path, 'latin1'), path);
  return found ? base64(found.envelope, 'manifest') : null;
}

/**
 * A folder's bundle.json and data.bin are what is verified; its open-me.html is what the inspector
 * may open in a browser. Each verifies on its own, so a folder whose open-me.html carries another
 * (older, or another centre's) bundle would pass here and show something else there: refused.
 */
async function checkViewerCopy(viewer: string, envelope: Uint8Array): Promise<void> {
  const embedded = await embeddedEnvelope(viewer);
  // (A bare viewer, such as the inspector's own copy put beside the files, carries none.)
  if (embedded && !Buffer.from(embedded).equals(Buffer.from(envelope))) {
    throw new BundleReadError(`${viewer} carries another bundle than the ${ENVELOPE_FILE} beside it: the folder was altered after export (its viewer would show another bundle than the one verified here)`);
  }
}

function locateBundle(path: string): BundleAt {
  if (!existsSync(path)) throw new BundleReadError(`no such file or folder: ${path}`);
  if (statSync(path).isDirectory()) {
    const envelope = join(path, ENVELOPE_FILE);
    const data = join(path, DATA_FILE);
    if (existsSync(envelope) || existsSync(data)) {
      if (!existsSync(envelope)) throw new BundleReadError(`${path} has ${DATA_FILE} but no ${ENVELOPE_FILE}`);
      if (!existsSync(data)) throw new BundleReadError(`${path} has ${ENVELOPE_FILE} but no ${DATA_FILE}`);
      return { kind: 'files', envelope, data, viewer: beside(path) };
    }
    if (existsSync(join(path, VIEWER_FILE))) return { kind: 'html', path: join(path, VIEWER_FILE) };
    throw new BundleReadError(`${path} holds no bundle (${ENVELOPE_FILE} and ${DATA_FILE}, or ${VIEWER_FILE})`);
  }
  if (/\.html?$/i.test(path)) return { kind: 'html', path };
  if (/\.json$/i.test(path)) {
    const data = join(dirname(path), DATA_FILE);
    if (!existsSync(data)) throw new BundleReadError(`there is no ${DATA_FILE} beside ${basename(path)}`);
    return { kind: 'files', envelope: path, data, viewer: beside(dirname(path)) };
  }
  throw new BundleReadError(`${path} is not a bundle: give its folder, its ${VIEWER_FILE} or its ${ENVELOPE_FILE}`);
}

/** Reads a bundle given as its folder, its open-me.html, or its bundle.json. */
export async function readBundleFiles(path: string): Promise<BundleFiles> {
  const at = locateBundle(path);
  if (at.kind === 'html') return fromHtml(at.path);
  const files = { envelope: await read(at.envelope), data: await read(at.data) };
  if (at.viewer) await checkViewerCopy(at.viewer, files.envelope);
  return files;
}

/** A bundle's envelope alone (bundle.json), without reading its data where the two are apart. */
export async function readBundleEnvelope(path: string): Promise<BundleFiles['envelope']> {
  const at = locateBundle(path);
  return at.kind === 'html' ? (await fromHtml(at.path)).envelope : read(at.envelope);
}

/** Node defaults for verifyBundle: zlib on the thread pool, this build's legal profiles. */
export function nodeVerifyOptions(options: VerifyOptions = {}): VerifyOptions {
  return { gunzip: nodeGunzip, readAhead: 4, knownProfile: profileById, ...options };
}

export interface NodeVerifyOptions extends VerifyOptions {
  /**
   * The chunk worker's entry (CHUNK_WORKER_ENTRY in chunk-worker-entry.ts, from source): a journal of
   * at least CHUNK_POOL_MIN_ENTRIES entries verified with its replay is decompressed, hashed and its
   * chain checked chunk by chunk on worker threads, and for a whole journal its rights rows are made
   * there and kept aside (`content.rights` builds them).
   */
  chunkWorker?: string | URL | null;
  /** Default CHUNK_POOL_MIN_ENTRIES. */
  chunkWorkerMinEntries?: number;
}

/** Below it, worker threads cost more to start than they save. */
export const CHUNK_POOL_MIN_ENTRIES = 50_000;

/** verifyBundle with Node's defaults, and the chunk workers for a long journal. */
export function verifyOnNode(files: BundleFiles, passphrase: string, crypto: Crypto, options: NodeVerifyOptions = {}): Promise<Verdict> {
  const { chunkWorker, chunkWorkerMinEntries = CHUNK_POOL_MIN_ENTRIES, ...rest } = options;
  const base = nodeVerifyOptions(rest);
  if (chunkWorker) {
    let manifest = null;
    try {
      manifest = parseEnvelope(files.envelope).manifest;
    } catch {
      // verifyBundle names what is wrong with it.
    }
    // Without a replay the verifying thread is free to check the chain itself, and zlib's own threads
    // with the hashing pool (crypto-node.ts) cost no worker start: the chunk workers pay only beside a replay.
    if (manifest && manifest.counts.entries >= chunkWorkerMinEntries && rest.replay !== false) {
      const w = chunkPool(chunkWorker).verifyWith(crypto, base, manifest.from.seq === 0);
      return verifyBundle(files, passphrase, w.crypto, w.options);
    }
  }
  return verifyBundle(files, passphrase, crypto, base);
}

export async function verifyBundleAt(path: string, passphrase: string, options: NodeVerifyOptions = {}): Promise<Verdict> {
  const files = await readBundleFiles(path);
  return verifyOnNode(files, passphrase, nodeCrypto, options);
}
