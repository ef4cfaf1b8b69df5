// The bundle format's primitives on node:crypto and node:zlib: `centre verify`, export, HQ import.

import { createCipheriv, createDecipheriv, hash, pbkdf2, verify, type KeyObject } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { gunzip as zlibGunzip } from 'node:zlib';
import type { Crypto, Gunzip } from '../format/crypto.ts';
import { publicKeyObject } from '../../services/keys.ts';
import { toBase64 } from '../format/bytes.ts';

const pbkdf2Async = promisify(pbkdf2);
const gunzipAsync = promisify(zlibGunzip);

/** Public keys met before (HQ verifies many slices of the same few centres). */
const keyObjects = new Map<string, KeyObject>();
function keyObject(publicKey: string): KeyObject {
  let k = keyObjects.get(publicKey);
  if (!k) {
    k = publicKeyObject(publicKey);
    if (keyObjects.size > 1000) keyObjects.clear();
    keyObjects.set(publicKey, k);
  }
  return k;
}

// One-shot hashes in a tight loop. The 'binary' (latin1) output (32 one-byte characters) is the
// cheapest way out of crypto.hash: a 'buffer' output allocates a Buffer per digest and is twice as slow.
function hashRanges(data: Uint8Array, starts: Uint32Array, ends: Uint32Array, from: number, to: number, out: Uint8Array): void {
  for (let i = from; i < to; i++) {
    const d = hash('sha256', data.subarray(starts[i]!, ends[i]!), 'binary');
    const o = 32 * i;
    for (let k = 0; k < 32; k++) out[o + k] = d.charCodeAt(k);
  }
}

// The same loop on worker threads, for big batches (a journal chunk: thousands of entries): the
// chunk is copied once into shared memory and each worker hashes a share of its entries while the
// main thread goes on (replaying the previous chunk). Plain JavaScript evaluated in the worker, so
// it runs the same from source, under tsx, and in a bundled build.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { hash } = require('node:crypto');
parentPort.on('message', ({ id, data, starts, ends, from, to, out }) => {
  const d = new Uint8Array(data), s = new Uint32Array(starts), e = new Uint32Array(ends), o = new Uint8Array(out);
  for (let i = from; i < to; i++) {
    const h = hash('sha256', d.subarray(s[i], e[i]), 'binary');
    for (let k = 0, b = 32 * i; k < 32; k++) o[b + k] = h.charCodeAt(k);
  }
  parentPort.postMessage(id);
});
`;
const PARALLEL_MIN = 2048;

class HashPool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, () => void>();
  private readonly busy: number[] = [];
  private next = 1;

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(WORKER_SOURCE, { eval: true });
      w.on('message', (id: number) => {
        this.waiting.get(id)?.();
        this.waiting.delete(id);
      });
      w.on('error', () => this.fail());
      w.on('exit', () => this.fail());
      // Idle workers must not keep the process alive (unref after the listeners, which ref again).
      w.unref();
      this.workers.push(w);
      this.busy.push(0);
    }
  }

  /** A worker died: nothing waits forever, and the pool is not used again. */
  private fail(): void {
    pool = null;
    for (const done of this.waiting.values()) done();
    this.waiting.clear();
    this.broken = true;
  }
  broken = false;

  async hash(data: Uint8Array, starts: Uint32Array, ends: Uint32Array, count: number): Promise<Uint8Array> {
    const shared = new SharedArrayBuffer(data.length);
    new Uint8Array(shared).set(data);
    const s = new SharedArrayBuffer(4 * count);
    new Uint32Array(s).set(starts.subarray(0, count));
    const e = new SharedArrayBuffer(4 * count);
    new Uint32Array(e).set(ends.subarray(0, count));
    const out = new SharedArrayBuffer(32 * count);
    const share = Math.ceil(count / this.workers.length);
    await Promise.all(
      this.workers.map((w, k) => {
        const from = k * share;
        const to = Math.min(count, from + share);
        if (from >= to) return Promise.resolve();
        const id = this.next++;
        // Referenced while it has work (the process waits for it), unreferenced when idle.
        this.busy[k] = this.busy[k]! + 1;
        if (this.busy[k] === 1) w.ref();
        return new Promise<void>((resolve) => {
          this.waiting.set(id, () => {
            this.busy[k] = this.busy[k]! - 1;
            if (this.busy[k] === 0) w.unref();
            resolve();
          });
          w.postMessage({ id, data: shared, starts: s, ends: e, from, to, out });
        });
      }),
    );
    if (this.broken) {
      // A worker died on the way: hash the copy here (the caller's buffer may have changed since).
      const result = new Uint8Array(32 * count);
      hashRanges(new Uint8Array(shared), new Uint32Array(s), new Uint32Array(e), 0, count, result);
      return result;
    }
    return new Uint8Array(out);
  }
}

let pool: HashPool | null | undefined;
function hashPool(): HashPool | null {
  if (pool === undefined) {
    const size = Math.min(4, availableParallelism());
    try {
      pool = size > 1 ? new HashPool(size) : null;
    } catch {
      pool = null;
    }
  }
  return pool;
}

export const nodeCrypto: Crypto = {
  sha256: (data) => hash('sha256', data, 'buffer'),

  sha256Ranges: (data, starts, ends, count) => {
    const p = count >= PARALLEL_MIN ? hashPool() : null;
    if (p) return p.hash(data, starts, ends, count);
    const out = new Uint8Array(32 * count);
    hashRanges(data, starts, ends, 0, count, out);
    return out;
  },

  ed25519Verify: (publicKey, message, signature) => {
    if (publicKey.length !== 32 || signature.length !== 64) return false;
    try {
      return verify(null, message, keyObject(toBase64(publicKey)), signature);
    } catch {
      return false;
    }
  },

  pbkdf2Sha256: async (passphrase, salt, iterations, bytes) => new Uint8Array(await pbkdf2Async(passphrase, salt, iterations, bytes, 'sha256')),

  aesGcmEncrypt: (key, iv, plaintext) => {
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = cipher.update(plaintext);
    const final = cipher.final();
    const tag = cipher.getAuthTag();
    const out = new Uint8Array(body.length + final.length + tag.length);
    out.set(body, 0);
    out.set(final, body.length);
    out.set(tag, body.length + final.length);
    return out;
  },

  aesGcmDecrypt: (key, iv, data) => {
    if (data.length < 16) throw new Error('the ciphertext is shorter than its tag');
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(data.subarray(data.length - 16));
    const body = decipher.update(data.subarray(0, data.length - 16));
    const final = decipher.final(); // throws when the tag does not verify
    if (final.length === 0) return body;
    const out = new Uint8Array(body.length + final.length);
    out.set(body, 0);
    out.set(final, body.length);
    return out;
  },
};

/** zlib on libuv's thread pool: several chunks decompress at once while the main thread hashes. */
export const nodeGunzip: Gunzip = async (compressed, rawLength) => {
  // One output buffer of the stated size: zlib's default 16 KiB pieces would cost a callback and a
  // copy each.
  const out = await gunzipAsync(compressed, { maxOutputLength: Math.max(1, rawLength), chunkSize: Math.max(64, Math.min(rawLength + 64, 32 * 1024 * 1024)) });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
};
