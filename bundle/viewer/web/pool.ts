// A few helper workers (worker.ts), started from a Blob URL of their source, that decompress and hash
// journal chunks off the page's main thread. Where workers cannot start (an old browser, a policy
// that forbids them), `startPool` answers null and the viewer does the same work on the page.

import type { RightsAside } from '../../format/rights-aside.ts';
import type { WorkerReply, WorkerRequest, WorkerTask } from './worker-protocol.ts';

export interface WorkerPool {
  readonly size: number;
  /** Whether every worker hashes in WebAssembly SIMD (sha256-simd.ts), not the TypeScript rounds. */
  readonly simd: boolean;
  sha256Ranges(data: Uint8Array, starts: Uint32Array, ends: Uint32Array, count: number): Promise<Uint8Array>;
  /** `rights`: also make the chunk's rights rows (taken with rightsOf). */
  gunzip(compressed: Uint8Array, rawLength: number, rights?: boolean): Promise<Uint8Array>;
  /** The rights rows a worker made for a buffer it decompressed, once. */
  rightsOf(data: Uint8Array): RightsAside | null;
  /** checkChunkLinks' answer a worker gave for a buffer it decompressed, once. */
  linksOf(data: Uint8Array): number | null;
  /** The field table (fieldTable) a worker made for a buffer it decompressed, once. */
  fieldsOf(data: Uint8Array): Int32Array | null;
  hashedAlready(data: Uint8Array, starts: Uint32Array, ends: Uint32Array, count: number): Uint8Array | null;
  /** Whether a rights row's key repeats (rights-aside.ts hasRepeat), on a worker: `keys` is taken. */
  repeats(keys: Float64Array): Promise<boolean>;
  close(): void;
}

/** A copy of exactly the view's bytes, as its own buffer (to transfer). */
function own(view: Uint8Array | Uint32Array | Float64Array, length = view.length): ArrayBuffer {
  return view.slice(0, length).buffer as ArrayBuffer;
}

interface Pending {
  resolve(reply: Extract<WorkerReply, { ok: true }>): void;
  reject(err: Error): void;
  worker: number;
}

class Pool implements WorkerPool {
  private readonly pending = new Map<number, Pending>();
  /** Digests of decompressed journal chunks, by their buffer (see hashedAlready). */
  private readonly hashed = new WeakMap<ArrayBuffer, { starts: Uint32Array; ends: Uint32Array; digests: Uint8Array }>();
  private readonly rights = new WeakMap<ArrayBuffer, RightsAside>();
  private readonly links = new WeakMap<ArrayBuffer, number>();
  private readonly fields = new WeakMap<ArrayBuffer, Int32Array>();
  private readonly load: number[];
  private next = 1;
  private broken: Error | null = null;
  simd = false;

  constructor(
    private readonly workers: Worker[],
    private readonly url: string,
  ) {
    this.load = workers.map(() => 0);
    workers.forEach((w) => {
      w.onmessage = (event: MessageEvent<WorkerReply>) => this.settle(event.data);
      w.onerror = (event) => this.fail(new Error(`a helper worker failed: ${event.message || 'unknown error'}`));
    });
  }

  get size(): number {
    return this.workers.length;
  }

  private settle(reply: WorkerReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    this.load[p.worker] = this.load[p.worker]! - 1;
    if (reply.ok) p.resolve(reply);
    else p.reject(new Error(reply.error));
  }

  private fail(err: Error): void {
    this.broken = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  /** Sends to the least busy worker. */
  send(request: WorkerTask, transfer: ArrayBuffer[]): Promise<Extract<WorkerReply, { ok: true }>> {
    if (this.broken) return Promise.reject(this.broken);
    let k = 0;
    for (let i = 1; i < this.workers.length; i++) if (this.load[i]! < this.load[k]!) k = i;
    const id = this.next++;
    this.load[k] = this.load[k]! + 1;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker: k });
      this.workers[k]!.postMessage({ ...request, id } as WorkerRequest, transfer);
    });
  }

  async sha256Ranges(data: Uint8Array, starts: Uint32Array, ends: Uint32Array, count: number): Promise<Uint8Array> {
    if (count === 0) return new Uint8Array(0);
    // Only the bytes the ranges cover are copied (synchronously: the caller may reuse its buffer).
    let lo = Infinity;
    let hi = 0;
    for (let i = 0; i < count; i++) {
      if (starts[i]! < lo) lo = starts[i]!;
      if (ends[i]! > hi) hi = ends[i]!;
    }
    const s = new Uint32Array(count);
    const e = new Uint32Array(count);
    for (let i = 0; i < count; i++) {
      s[i] = starts[i]! - lo;
      e[i] = ends[i]! - lo;
    }
    const bytes = data.slice(lo, Math.max(lo, hi)).buffer as ArrayBuffer;
    const out = await this.send({ op: 'sha256', data: bytes, starts: s.buffer as ArrayBuffer, ends: e.buffer as ArrayBuffer, count }, [bytes, s.buffer as ArrayBuffer, e.buffer as ArrayBuffer]);
    return new Uint8Array(out.bytes!);
  }

  async gunzip(compressed: Uint8Array, rawLength: number, rights = false): Promise<Uint8Array> {
    const data = own(compressed);
    const reply = await this.send({ op: 'gunzip', data, rawLength, rights }, [data]);
    const raw = new Uint8Array(reply.bytes!);
    if (reply.rights) this.rights.set(raw.buffer as ArrayBuffer, reply.rights);
    if (typeof reply.linkedFrom === 'number') this.links.set(raw.buffer as ArrayBuffer, reply.linkedFrom);
    if (reply.fields) this.fields.set(raw.buffer as ArrayBuffer, new Int32Array(reply.fields));
    if (reply.digests) {
      this.hashed.set(raw.buffer as ArrayBuffer, {
        starts: new Uint32Array(reply.digests.starts),
        ends: new Uint32Array(reply.digests.ends),
        digests: new Uint8Array(reply.digests.digests),
      });
    }
    return raw;
  }

  async repeats(keys: Float64Array): Promise<boolean> {
    const data = keys.byteOffset === 0 && keys.byteLength === keys.buffer.byteLength ? (keys.buffer as ArrayBuffer) : own(keys);
    const reply = await this.send({ op: 'repeats', data }, [data]);
    if (typeof reply.repeats !== 'boolean') throw new Error('a helper worker gave no answer about repeated rights ids');
    return reply.repeats;
  }

  linksOf(data: Uint8Array): number | null {
    const known = this.links.get(data.buffer as ArrayBuffer);
    if (known === undefined || data.byteOffset !== 0 || data.byteLength !== data.buffer.byteLength) return null;
    this.links.delete(data.buffer as ArrayBuffer);
    return known;
  }

  fieldsOf(data: Uint8Array): Int32Array | null {
    const known = this.fields.get(data.buffer as ArrayBuffer);
    if (!known || data.byteOffset !== 0 || data.byteLength !== data.buffer.byteLength) return null;
    this.fields.delete(data.buffer as ArrayBuffer);
    return known;
  }

  rightsOf(data: Uint8Array): RightsAside | null {
    const known = this.rights.get(data.buffer as ArrayBuffer);
    if (!known || data.byteOffset !== 0 || data.byteLength !== data.buffer.byteLength) return null;
    this.rights.delete(data.buffer as ArrayBuffer);
    return known;
  }

  /**
   * The digests the worker computed for these exact ranges of a buffer it decompressed, if it did
   * (asked once: the bytes are the worker's own, transferred unchanged, and nothing writes to them).
   */
  hashedAlready(data: Uint8Array, starts: Uint32Array, ends: Uint32Array, count: number): Uint8Array | null {
    const known = this.hashed.get(data.buffer as ArrayBuffer);
    if (!known || data.byteOffset !== 0 || data.byteLength !== data.buffer.byteLength || known.starts.length !== count) return null;
    for (let i = 0; i < count; i++) if (known.starts[i] !== starts[i] || known.ends[i] !== ends[i]) return null;
    this.hashed.delete(data.buffer as ArrayBuffer);
    return known.digests;
  }

  close(): void {
    for (const w of this.workers) w.terminate();
    URL.revokeObjectURL(this.url);
    this.fail(new Error('the helper workers were stopped'));
  }
}

/**
 * Starts `size` workers running `source` and checks each answers; null where workers are not
 * available or do not answer within `timeoutMs`.
 */
export async function startPool(source: string, size: number, timeoutMs = 3000): Promise<WorkerPool | null> {
  if (typeof Worker !== 'function' || typeof Blob !== 'function' || size < 1) return null;
  let url = '';
  const workers: Worker[] = [];
  try {
    url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    for (let i = 0; i < size; i++) workers.push(new Worker(url));
  } catch {
    for (const w of workers) w.terminate();
    if (url) URL.revokeObjectURL(url);
    return null;
  }
  const pool = new Pool(workers, url);
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs));
  const pings = Promise.all(workers.map(() => pool.send({ op: 'ping' }, []))).then((replies) => {
    pool.simd = replies.every((r) => r.simd === true);
    return 'ok' as const;
  });
  const answer = await Promise.race([pings, timeout]).catch(() => 'error' as const);
  if (answer !== 'ok') {
    pool.close();
    return null;
  }
  return pool;
}

/**
 * How many helper workers: one a core, at most 4. They do as much as the page (decompress, hash,
 * check the chain inside each chunk, make the rights rows), so on two cores one worker alone would
 * keep the page waiting.
 */
export function poolSize(): number {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  return Math.max(1, Math.min(4, cores));
}
