// The cryptographic primitives the bundle format needs, injected so that the same verification runs
// with node:crypto (`centre verify`, HQ import: bundle/node/crypto-node.ts) and with WebCrypto (the
// offline viewer: bundle/viewer/crypto-web.ts). Every method may answer synchronously or with a
// promise; callers always await.
//
// Hashing many small inputs is the hot path (one SHA-256 per journal entry, two million for ten
// years), so it is one call over many ranges of one buffer: node hashes them in a tight loop,
// WebCrypto starts a batch of digests and awaits them together (far faster than one by one).

export type MaybePromise<T> = T | Promise<T>;

export interface Crypto {
  sha256(data: Uint8Array): MaybePromise<Uint8Array>;
  /**
   * SHA-256 of `data[starts[i] … ends[i])` for i in [0, count): the digests packed, 32 bytes each,
   * in order. Ranges may be hashed in any order or in parallel. An implementation takes what it needs
   * from `data` before it returns (WebCrypto copies at the call; node's pool copies into shared
   * memory): the caller may reuse the buffer while the promise is pending.
   */
  sha256Ranges(data: Uint8Array, starts: Uint32Array, ends: Uint32Array, count: number): MaybePromise<Uint8Array>;
  /** Ed25519 over a raw 32-byte public key; false (never a throw) for a bad signature or key. */
  ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): MaybePromise<boolean>;
  /** PBKDF2-HMAC-SHA-256: `bytes` bytes of key from the passphrase's UTF-8 bytes. */
  pbkdf2Sha256(passphrase: Uint8Array, salt: Uint8Array, iterations: number, bytes: number): MaybePromise<Uint8Array>;
  /** AES-256-GCM, 128-bit tag appended to the ciphertext (what WebCrypto produces). */
  aesGcmEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): MaybePromise<Uint8Array>;
  /** Rejects (throws) when the tag does not verify: wrong key, or changed bytes. */
  aesGcmDecrypt(key: Uint8Array, iv: Uint8Array, ciphertextAndTag: Uint8Array): MaybePromise<Uint8Array>;
}

/** Decompresses one gzip member whose size is known (and checked against the result). */
export type Gunzip = (compressed: Uint8Array, rawLength: number) => MaybePromise<Uint8Array>;

/** Hashes a list of separate buffers through sha256Ranges (one range each), for small batches. */
export async function sha256Each(crypto: Crypto, items: readonly Uint8Array[]): Promise<Uint8Array[]> {
  let total = 0;
  for (const it of items) total += it.length;
  const joined = new Uint8Array(total);
  const starts = new Uint32Array(items.length);
  const ends = new Uint32Array(items.length);
  let o = 0;
  items.forEach((it, i) => {
    joined.set(it, o);
    starts[i] = o;
    o += it.length;
    ends[i] = o;
  });
  const packed = await crypto.sha256Ranges(joined, starts, ends, items.length);
  return items.map((_, i) => packed.subarray(32 * i, 32 * i + 32));
}
