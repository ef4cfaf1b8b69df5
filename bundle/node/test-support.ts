// For bundle tests: a small exported bundle, a Crypto that derives each key once (PBKDF2 at 600,000
// iterations takes a quarter of a second; a fuzz run opens thousands of bundles), and a forger that
// re-encrypts and re-signs changed data with the centre's own key (what a centre rewriting its
// history could do), to test the checks behind the signature.

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { gunzipSync } from 'fflate';
import { signBytes } from '../../services/keys.ts';
import { createVariedCentre, type VariedCentre } from '../../test/support/varied-centre.ts';
import { concatBytes, fromBase64, toHex, utf8 } from '../format/bytes.ts';
import { chunkHeader, CONTAINER_MAGIC, decodeContainer, sectionHeader, splitChunks } from '../format/container.ts';
import type { Crypto } from '../format/crypto.ts';
import { encodeJournalChunk, indexJournalChunk } from '../format/journal.ts';
import { envelopeText, parseEnvelope, signedManifestBytes, type Manifest } from '../format/manifest.ts';
import { normalisePassphrase } from '../format/passphrase.ts';
import type { BundleFiles } from '../format/verify.ts';
import { nodeCrypto } from './crypto-node.ts';
import { exportBundle, type ExportOptions, type ExportResult } from './export.ts';

export const PASSPHRASE = 'correct horse battery staple';

export interface TestBundle {
  v: VariedCentre;
  dir: string;
  result: ExportResult;
  files: BundleFiles;
  /** The centre's private signing seed (base64), for forging. */
  privateSeed: string;
  cleanup(): void;
}

export async function exportTestBundle(options: Partial<ExportOptions> & { rounds?: number } = {}): Promise<TestBundle> {
  const v = createVariedCentre(options.rounds ?? 1);
  const dir = mkdtempSync(join(tmpdir(), 'centre-bundle-'));
  const outDir = join(dir, 'bundle');
  const result = await exportBundle(v.c.db, {
    outDir,
    passphrase: PASSPHRASE,
    kind: 'inspection',
    exportedBy: 'head',
    clock: v.c.clock.now,
    ...options,
  });
  const files = {
    envelope: new Uint8Array(readFileSync(join(outDir, 'bundle.json'))),
    data: new Uint8Array(readFileSync(join(outDir, 'data.bin'))),
  };
  const privateSeed = (v.c.db.prepare('SELECT private_seed FROM centre_keys').pluck().get() as string);
  return {
    v,
    dir,
    result,
    files,
    privateSeed,
    cleanup: () => {
      v.c.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** nodeCrypto with PBKDF2 results remembered (same passphrase, salt and iterations: same key). */
export function memoCrypto(base: Crypto = nodeCrypto): Crypto & { derivations: number } {
  const keys = new Map<string, Uint8Array>();
  const c = {
    ...base,
    derivations: 0,
    pbkdf2Sha256: async (passphrase: Uint8Array, salt: Uint8Array, iterations: number, bytes: number) => {
      const k = `${toHex(passphrase)}/${toHex(salt)}/${iterations}/${bytes}`;
      let key = keys.get(k);
      if (!key) {
        c.derivations++;
        key = await base.pbkdf2Sha256(passphrase, salt, iterations, bytes);
        keys.set(k, key);
      }
      return key;
    },
  };
  return c;
}

/** The decrypted container of a bundle. */
export async function decryptData(files: BundleFiles, crypto: Crypto, passphrase = PASSPHRASE): Promise<{ manifest: Manifest; key: Uint8Array; plaintext: Uint8Array }> {
  const { manifest } = parseEnvelope(files.envelope);
  const e = manifest.encryption;
  const key = await crypto.pbkdf2Sha256(utf8(normalisePassphrase(passphrase)), fromBase64(e.salt), e.iterations, 32);
  const plaintext = await crypto.aesGcmDecrypt(key, fromBase64(e.iv), files.data);
  return { manifest, key, plaintext };
}

/**
 * A forged bundle: the plaintext changed by `change`, encrypted again with the same key and IV, the
 * manifest's data hash and size updated (and `editManifest` applied), signed with the centre's key.
 */
export async function forge(
  bundle: Pick<TestBundle, 'files' | 'privateSeed'>,
  crypto: Crypto,
  change: (plaintext: Uint8Array) => Uint8Array,
  editManifest: (m: Manifest) => Manifest = (m) => m,
): Promise<BundleFiles> {
  const { manifest, key, plaintext } = await decryptData(bundle.files, crypto);
  const iv = fromBase64(manifest.encryption.iv);
  const data = await crypto.aesGcmEncrypt(key, iv, change(plaintext.slice()));
  const edited = editManifest({ ...manifest, data: { ...manifest.data, bytes: data.length, sha256: toHex(await crypto.sha256(data)) } });
  const signature = signBytes(bundle.privateSeed, signedManifestBytes(edited));
  return { envelope: utf8(envelopeText(edited, signature)), data };
}

/**
 * A forged bundle whose journal's entries are changed by `edit`, then (with `chain`) chained again
 * (each prev_hash the hash of the entry before) and signed with the new head: a rewrite only the
 * projections can tell. Without `chain` the entries are left as edited and the head as it was.
 */
export function rechained(
  bundle: Pick<TestBundle, 'files' | 'privateSeed'>,
  crypto: Crypto,
  edit: (entries: string[]) => string[],
  chain = true,
): Promise<BundleFiles> {
  let head = '';
  const change = (plaintext: Uint8Array) => {
    const parts: Uint8Array[] = [Uint8Array.from(CONTAINER_MAGIC)];
    for (const [name, body] of decodeContainer(plaintext)) {
      let content = concatBytes(splitChunks(name, body).map((c) => gunzipSync(c.gzip)));
      if (name === 'journal') {
        const chunk = indexJournalChunk(content, 0, 1);
        let entries = edit(Array.from({ length: chunk.count }, (_, i) => Buffer.from(content.subarray(chunk.starts[i]!, chunk.ends[i]!)).toString('utf8')));
        if (chain) {
          let prev = '0'.repeat(64);
          entries = entries.map((e) => {
            const lines = e.split('\n');
            lines[6] = prev;
            const text = lines.join('\n');
            prev = createHash('sha256').update(text, 'utf8').digest('hex');
            return text;
          });
          head = prev;
        }
        content = encodeJournalChunk(entries.join(''), entries.map((e) => Buffer.byteLength(e)));
      }
      const gz = new Uint8Array(gzipSync(content));
      const section = concatBytes([chunkHeader(content.length, gz.length), gz]);
      parts.push(sectionHeader(name, section.length), section);
    }
    return concatBytes(parts);
  };
  return forge(bundle, crypto, change, (m) => (chain ? { ...m, head: { ...m.head, hash: head } } : m));
}

/** Indexes of the entries (hash inputs, as `rechained` hands them to its edit) of one event type. */
export const entriesOfType = (entries: readonly string[], type: string): number[] => entries.flatMap((e, i) => (e.split('\n')[4] === type ? [i] : []));
