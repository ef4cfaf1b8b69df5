// Worker threads that decompress, hash and make the rights rows of a bundle's journal chunks
// (chunk-worker.ts) while the verifying thread replays the chunks before them: the Node side of what
// the viewer's helper workers do. verifyBundle gets them as its gunzip, its crypto's sha256Ranges
// (digests already made are taken, not made again) and its precomputedRights.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Crypto, Gunzip } from '../format/crypto.ts';
import type { RightsAside } from '../format/rights-aside.ts';
import type { VerifyOptions } from '../format/verify.ts';
import { nodeCrypto, nodeGunzip } from './crypto-node.ts';

export interface ChunkRequest {
  id: number;
  gzip: ArrayBuffer;
  rawLength: number;
  rights: boolean;
  /** Check the chain inside the chunk (worth it where the verifying thread is busy replaying). */
  links: boolean;
}

export interface ChunkReply {
  id: number;
  error?: string;
  raw?: ArrayBuffer;
  digests?: { starts: ArrayBuffer; ends: ArrayBuffer; digests: ArrayBuffer };
  /** checkChunkLinks' answer (bundle/format/journal.ts). */
  linkedFrom?: number | null;
  rights?: RightsAside;
}

interface Done {
  digests?: { starts: Uint32Array; ends: Uint32Array; digests: Uint8Array };
  linkedFrom?: number | null;
  rights?: RightsAside;
}

export class ChunkPool {
  private readonly workers: Worker[] = [];
  private readonly load: number[] = [];
  private readonly waiting = new Map<number, { resolve: (r: ChunkReply) => void; worker: number }>();
  private readonly done = new WeakMap<ArrayBuffer, Done>();
  private next = 1;
  private broken = false;

  constructor(entry: string | URL, size = Math.max(1, Math.min(4, availableParallelism()))) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(entry);
      w.on('message', (r: ChunkReply) => {
        const p = this.waiting.get(r.id);
        if (!p) return;
        this.waiting.delete(r.id);
        this.setLoad(p.worker, -1);
        p.resolve(r);
      });
      const dead = () => {
        this.broken = true;
        for (const [id, p] of this.waiting) p.resolve({ id, error: 'a chunk worker stopped' });
        this.waiting.clear();
      };
      w.on('error', dead);
      w.on('exit', dead);
      w.unref();
      this.workers.push(w);
      this.load.push(0);
    }
  }

  /** Referenced while it has work (the process waits for it), unreferenced when idle. */
  private setLoad(k: number, d: number): void {
    this.load[k] = this.load[k]! + d;
    if (d > 0 && this.load[k] === 1) this.workers[k]!.ref();
    if (this.load[k] === 0) this.workers[k]!.unref();
  }

  private send(gzip: Uint8Array, rawLength: number, rights: boolean, links: boolean): Promise<ChunkReply> {
    let k = 0;
    for (let i = 1; i < this.workers.length; i++) if (this.load[i]! < this.load[k]!) k = i;
    const id = this.next++;
    // A copy of exactly these bytes (a Buffer's slice() would be a view of the whole plaintext).
    const copy = new Uint8Array(gzip).buffer as ArrayBuffer;
    this.setLoad(k, 1);
    return new Promise((resolve) => {
      this.waiting.set(id, { resolve, worker: k });
      this.workers[k]!.postMessage({ id, gzip: copy, rawLength, rights, links } satisfies ChunkRequest, [copy]);
    });
  }

  /**
   * A gunzip that also has each journal chunk hashed (and, with `rights`, its rights rows made; with
   * `links`, the chain inside it checked).
   */
  gunzip(rights: boolean, links: boolean): Gunzip {
    return async (gzip, rawLength) => {
      if (this.broken) return nodeGunzip(gzip, rawLength);
      const r = await this.send(gzip, rawLength, rights, links);
      if (r.error !== undefined) {
        if (this.broken) return nodeGunzip(gzip, rawLength);
        throw new Error(r.error);
      }
      const raw = new Uint8Array(r.raw!);
      const done: Done = {};
      if (r.digests) done.digests = { starts: new Uint32Array(r.digests.starts), ends: new Uint32Array(r.digests.ends), digests: new Uint8Array(r.digests.digests) };
      if (r.rights) done.rights = r.rights;
      if (typeof r.linkedFrom === 'number') done.linkedFrom = r.linkedFrom;
      this.done.set(raw.buffer as ArrayBuffer, done);
      return raw;
    };
  }

  /** nodeCrypto, taking the digests a worker made for exactly these ranges of a buffer it decompressed. */
  crypto(base: Crypto = nodeCrypto): Crypto {
    return {
      ...base,
      sha256Ranges: (data, starts, ends, count) => {
        const d = this.done.get(data.buffer as ArrayBuffer)?.digests;
        if (d && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && d.starts.length === count) {
          let same = true;
          for (let i = 0; i < count && same; i++) same = d.starts[i] === starts[i] && d.ends[i] === ends[i];
          if (same) return d.digests;
        }
        return base.sha256Ranges(data, starts, ends, count);
      },
    };
  }

  linksOf(raw: Uint8Array): number | null {
    const done = this.done.get(raw.buffer as ArrayBuffer);
    if (typeof done?.linkedFrom !== 'number' || raw.byteOffset !== 0 || raw.byteLength !== raw.buffer.byteLength) return null;
    const from = done.linkedFrom;
    delete done.linkedFrom;
    return from;
  }

  rightsOf(raw: Uint8Array): RightsAside | null {
    const done = this.done.get(raw.buffer as ArrayBuffer);
    if (!done?.rights || raw.byteOffset !== 0 || raw.byteLength !== raw.buffer.byteLength) return null;
    const r = done.rights;
    delete done.rights;
    return r;
  }

  /** verifyBundle's options and crypto with the work on this pool. */
  verifyWith(base: Crypto, options: VerifyOptions, rights: boolean): { crypto: Crypto; options: VerifyOptions } {
    // Without a replay the verifying thread has nothing else to do: it checks the links itself.
    const links = options.replay !== false;
    rights &&= links;
    return {
      crypto: this.crypto(base),
      options: {
        ...options,
        gunzip: this.gunzip(rights, links),
        readAhead: 2 + 2 * this.workers.length,
        ...(links ? { precomputedLinks: (raw: Uint8Array) => this.linksOf(raw) } : {}),
        ...(rights ? { rightsAside: true, precomputedRights: (raw: Uint8Array) => this.rightsOf(raw) } : {}),
      },
    };
  }
}

const pools = new Map<string, ChunkPool>();

/** One pool per worker entry per process, started on first use (HQ verifies slice after slice). */
export function chunkPool(entry: string | URL): ChunkPool {
  const key = String(entry);
  let p = pools.get(key);
  if (!p) {
    p = new ChunkPool(entry);
    pools.set(key, p);
  }
  return p;
}
