// The bundle format's primitives on WebCrypto (SubtleCrypto), for the offline viewer. Works from
// file:// in current Chromium, Firefox and Edge (Ed25519 is in WebCrypto since Chrome 137 and
// Firefox 129). The journal's many small digests are the exception: WebCrypto costs a round trip
// per digest (about 80,000 a second on the reference machine, batched or not), so they are hashed
// on helper workers where the browser gives them (web/pool.ts: four at a time in WebAssembly SIMD,
// web/sha256-simd.ts, else bundle/format/sha256.ts), while the page replays, or else on the page
// with bundle/format/sha256.ts, several times faster than WebCrypto. `webCryptoOnly` keeps every
// digest in WebCrypto (for comparison).

import type { Crypto, Gunzip } from '../format/crypto.ts';
import { fflateGunzip } from '../format/gunzip.ts';
import { sha256Ranges } from '../format/sha256.ts';
import { inflateNative, nativeInflate } from './web/inflate.ts';
import type { WorkerPool } from './web/pool.ts';

/** A batch over fewer bytes is hashed on the page: a worker's round trip would cost more. */
const POOL_MIN_BYTES = 256 * 1024;

const subtle = globalThis.crypto.subtle;
/** How many digests are in flight at once. */
const BATCH = 4096;

const buf = (b: Uint8Array): Uint8Array<ArrayBuffer> => b as Uint8Array<ArrayBuffer>;

export const webCryptoOnly: Crypto = {
  sha256: async (data) => new Uint8Array(await subtle.digest('SHA-256', buf(data))),

  sha256Ranges: async (data, starts, ends, count) => {
    const out = new Uint8Array(32 * count);
    for (let from = 0; from < count; from += BATCH) {
      const to = Math.min(count, from + BATCH);
      const pending: Promise<ArrayBuffer>[] = new Array(to - from);
      for (let i = from; i < to; i++) pending[i - from] = subtle.digest('SHA-256', buf(data.subarray(starts[i]!, ends[i]!)));
      const digests = await Promise.all(pending);
      for (let i = from; i < to; i++) out.set(new Uint8Array(digests[i - from]!), 32 * i);
    }
    return out;
  },

  ed25519Verify: async (publicKey, message, signature) => {
    try {
      const key = await subtle.importKey('raw', buf(publicKey), { name: 'Ed25519' }, false, ['verify']);
      return await subtle.verify({ name: 'Ed25519' }, key, buf(signature), buf(message));
    } catch {
      return false;
    }
  },

  pbkdf2Sha256: async (passphrase, salt, iterations, bytes) => {
    const base = await subtle.importKey('raw', buf(passphrase), 'PBKDF2', false, ['deriveBits']);
    return new Uint8Array(await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: buf(salt), iterations }, base, bytes * 8));
  },

  aesGcmEncrypt: async (key, iv, plaintext) => {
    const k = await subtle.importKey('raw', buf(key), 'AES-GCM', false, ['encrypt']);
    return new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv: buf(iv) }, k, buf(plaintext)));
  },

  aesGcmDecrypt: async (key, iv, data) => {
    const k = await subtle.importKey('raw', buf(key), 'AES-GCM', false, ['decrypt']);
    return new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv: buf(iv) }, k, buf(data)));
  },
};

export const webCrypto: Crypto = {
  ...webCryptoOnly,
  sha256Ranges: (data, starts, ends, count) =>
    native(starts, ends, count) ? webCryptoOnly.sha256Ranges(data, starts, ends, count) : sha256Ranges(data, starts, ends, count),
};

/**
 * Ranges this long on average are few (the table digests' blocks of 4,096 rows): WebCrypto hashes
 * each natively, far faster than the plain TypeScript loop, and its cost per call no longer counts.
 */
const NATIVE_MIN_AVERAGE = 16 * 1024;

/** Whether to hash natively: long ranges, few enough that every digest starts (copying its bytes) at the call. */
function native(starts: Uint32Array, ends: Uint32Array, count: number): boolean {
  if (count === 0 || count > BATCH) return false;
  let bytes = 0;
  for (let i = 0; i < count; i++) bytes += ends[i]! - starts[i]!;
  return bytes / count >= NATIVE_MIN_AVERAGE;
}

/** webCrypto with the journal's many small digests on the helper workers, and long ranges native. */
export function pooledCrypto(pool: WorkerPool): Crypto {
  return {
    ...webCrypto,
    sha256Ranges: (data, starts, ends, count) =>
      pool.hashedAlready(data, starts, ends, count) ??
      (native(starts, ends, count)
        ? webCryptoOnly.sha256Ranges(data, starts, ends, count)
        : data.length < POOL_MIN_BYTES
          ? sha256Ranges(data, starts, ends, count)
          : pool.sha256Ranges(data, starts, ends, count)),
  };
}

/**
 * `base`, answering the SHA-256 of exactly this array (the embedded data.bin, never written to) with
 * the digest started as soon as the page had read it, while the inspector typed the passphrase.
 * `data` may still be a promise: other digests (the key's fingerprint) do not wait for it.
 */
export function withDigestOf(base: Crypto, data: Uint8Array | Promise<Uint8Array>, digest: Promise<Uint8Array>): Crypto {
  let known: Uint8Array | null = data instanceof Uint8Array ? data : null;
  if (!known) {
    Promise.resolve(data).then(
      (d) => {
        known = d;
      },
      () => {},
    );
  }
  return { ...base, sha256: (bytes) => (known !== null && bytes === known ? digest : base.sha256(bytes)) };
}

/** Decompression on the helper workers (journal chunks: with their rights rows, see rights-aside.ts). */
export function pooledGunzip(pool: WorkerPool, rights = false): Gunzip {
  return (compressed, rawLength) => pool.gunzip(compressed, rawLength, rights);
}

/** Native gzip through DecompressionStream where there is one (web/inflate.ts); fflate otherwise. */
export const webGunzip: Gunzip = nativeInflate ? inflateNative : fflateGunzip;
