// The messages between the page and its helper workers (worker.ts, pool.ts). Buffers travel as
// ArrayBuffers, transferred, never as views: cloning a view would copy its whole underlying buffer.

import type { RightsAside } from '../../format/rights-aside.ts';

export type WorkerRequest =
  | { id: number; op: 'ping' }
  | { id: number; op: 'sha256'; data: ArrayBuffer; starts: ArrayBuffer; ends: ArrayBuffer; count: number }
  | { id: number; op: 'gunzip'; data: ArrayBuffer; rawLength: number; rights?: boolean }
  /** Whether a rights row's key repeats: `data` holds KeyHashes' keys (Float64Array). */
  | { id: number; op: 'repeats'; data: ArrayBuffer };

export type WorkerReply =
  | {
      id: number;
      ok: true;
      bytes?: ArrayBuffer;
      /** For a decompressed journal chunk: its entries' SHA-256 digests, hashed before the bytes left the worker. */
      digests?: { starts: ArrayBuffer; ends: ArrayBuffer; digests: ArrayBuffer };
      /** With the digests: checkChunkLinks' answer (bundle/format/journal.ts). */
      linkedFrom?: number | null;
      /** With the digests: the chunk's field table (fieldTable in bundle/format/journal.ts), an Int32Array's buffer. */
      fields?: ArrayBuffer;
      /** For a decompressed journal chunk: its rights rows, made here (bundle/format/rights-aside.ts). */
      rights?: RightsAside;
      /** The answer to 'ping': whether the worker hashes in WebAssembly SIMD (sha256-simd.ts). */
      simd?: boolean;
      /** The answer to 'repeats'. */
      repeats?: boolean;
    }
  | { id: number; ok: false; error: string };

/** A request before the pool numbers it. */
export type WorkerTask = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;
