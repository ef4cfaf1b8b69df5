// Runs on a chunk worker thread (chunk-pool.ts): decompresses a journal chunk, hashes its entries and
// makes its rights rows (bundle/format/rights-aside.ts), so that the thread verifying the bundle
// only replays the rest. It answers what it is asked; the checks stay in bundle/format/verify.ts.

import { hash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import { checkChunkLinks, indexJournalChunk } from '../format/journal.ts';
import { asideBuffers, rightsAside } from '../format/rights-aside.ts';
import type { ChunkReply, ChunkRequest } from './chunk-pool.ts';

parentPort!.on('message', (m: ChunkRequest) => {
  let raw: Uint8Array;
  try {
    // As nodeGunzip: one output buffer of the stated size, never more.
    const out = gunzipSync(new Uint8Array(m.gzip), { maxOutputLength: Math.max(1, m.rawLength), chunkSize: Math.max(64, Math.min(m.rawLength + 64, 32 * 1024 * 1024)) });
    raw = out.byteOffset === 0 && out.byteLength === out.buffer.byteLength ? new Uint8Array(out.buffer) : new Uint8Array(out);
  } catch (err) {
    parentPort!.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) } satisfies ChunkReply);
    return;
  }
  const reply: ChunkReply = { id: m.id, raw: raw.buffer as ArrayBuffer };
  const transfer: ArrayBuffer[] = [reply.raw!];
  try {
    const chunk = indexJournalChunk(raw, 0, 0);
    const digests = new Uint8Array(32 * chunk.count);
    for (let i = 0; i < chunk.count; i++) {
      const d = hash('sha256', raw.subarray(chunk.starts[i]!, chunk.ends[i]!), 'binary');
      for (let k = 0, o = 32 * i; k < 32; k++) digests[o + k] = d.charCodeAt(k);
    }
    chunk.digests = digests;
    if (m.links) reply.linkedFrom = checkChunkLinks(chunk);
    reply.digests = { starts: chunk.starts.buffer as ArrayBuffer, ends: chunk.ends.buffer as ArrayBuffer, digests: digests.buffer as ArrayBuffer };
    transfer.push(reply.digests.starts, reply.digests.ends, reply.digests.digests);
    if (m.rights) {
      reply.rights = rightsAside(chunk);
      transfer.push(...asideBuffers(reply.rights));
    }
  } catch {
    // Not a journal chunk, or a malformed one: verification says so on its own thread.
  }
  parentPort!.postMessage(reply, transfer);
});
