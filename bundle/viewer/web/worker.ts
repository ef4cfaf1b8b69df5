// The viewer's helper worker: decompresses and hashes journal chunks while the page's main thread
// replays the chunks before them. Built by build.ts into a string inside the viewer's one script and
// started from a Blob URL (a worker works so from file://, and the viewer stays one file). It only
// answers what it is asked: the checks themselves stay in bundle/format/verify.ts, on the page.

import { gunzipSync } from 'fflate';
import { checkChunkLinks, fieldTable, indexJournalChunk } from '../../format/journal.ts';
import { asideBuffers, hasRepeat, rightsAside, type RightsAside } from '../../format/rights-aside.ts';
import { sha256Ranges } from '../../format/sha256.ts';
import { inflateNative, nativeInflate } from './inflate.ts';
import { loadSimdSha256, type RangesHasher } from './sha256-simd.ts';
import { warmUp } from './warm-up.ts';
import type { WorkerReply, WorkerRequest } from './worker-protocol.ts';

interface WorkerScope {
  onmessage: ((event: { data: WorkerRequest }) => void) | null;
  postMessage(message: WorkerReply, transfer?: ArrayBuffer[]): void;
}
declare const self: WorkerScope;

async function inflate(compressed: Uint8Array, rawLength: number): Promise<Uint8Array> {
  return nativeInflate ? inflateNative(compressed, rawLength) : gunzipSync(compressed, { out: new Uint8Array(rawLength) });
}

let warmed = false;
/** Four entries a round in WebAssembly SIMD where the browser allows it, else the TypeScript rounds. */
const hasher: Promise<RangesHasher> = loadSimdSha256().then((simd) => simd ?? sha256Ranges);

async function answer(m: WorkerRequest): Promise<void> {
  try {
    switch (m.op) {
      case 'ping': {
        const hash = await hasher;
        self.postMessage({ id: m.id, ok: true, simd: hash !== sha256Ranges });
        // Answered first: the pool is ready; the warm-up runs before the first chunk can come.
        if (!warmed) {
          warmed = true;
          try {
            warmUp(hash);
          } catch {
            // Only a head start is lost.
          }
        }
        return;
      }
      case 'sha256': {
        const digests = (await hasher)(new Uint8Array(m.data), new Uint32Array(m.starts), new Uint32Array(m.ends), m.count);
        self.postMessage({ id: m.id, ok: true, bytes: digests.buffer as ArrayBuffer }, [digests.buffer as ArrayBuffer]);
        return;
      }
      case 'repeats':
        self.postMessage({ id: m.id, ok: true, repeats: hasRepeat(new Float64Array(m.data)) });
        return;
      case 'gunzip': {
        const inflated = await inflate(new Uint8Array(m.data), m.rawLength);
        const raw = inflated.byteOffset === 0 && inflated.byteLength === inflated.buffer.byteLength ? inflated : inflated.slice();
        const buffer = raw.buffer as ArrayBuffer;
        // A journal chunk is hashed here, before its bytes leave: the page asks for exactly these
        // digests next, and would otherwise copy the chunk back to a worker to get them.
        // Its rights rows too (rights-aside.ts), when the page keeps them aside: the page would
        // otherwise parse and digest two thirds of the journal's payloads itself.
        let digests: { starts: ArrayBuffer; ends: ArrayBuffer; digests: ArrayBuffer } | undefined;
        let rights: RightsAside | undefined;
        let linkedFrom: number | null = null;
        let fields: Int32Array | undefined;
        try {
          const chunk = indexJournalChunk(raw, 0, 0);
          const d = (await hasher)(raw, chunk.starts, chunk.ends, chunk.count);
          chunk.digests = d;
          // The entries' fields found once, for the chain check and the rights rows here and the
          // replay on the page.
          fields = chunk.fields = fieldTable(chunk);
          linkedFrom = checkChunkLinks(chunk);
          if (m.rights) rights = rightsAside(chunk);
          digests = { starts: chunk.starts.buffer as ArrayBuffer, ends: chunk.ends.buffer as ArrayBuffer, digests: d.buffer as ArrayBuffer };
        } catch {
          // Not a journal chunk (or a malformed one: verification will say so on the page).
        }
        const fieldsBuffer = digests && fields ? (fields.buffer as ArrayBuffer) : undefined;
        const transfer = [buffer, ...(digests ? [digests.starts, digests.ends, digests.digests] : []), ...(fieldsBuffer ? [fieldsBuffer] : []), ...(rights ? asideBuffers(rights) : [])];
        self.postMessage(
          { id: m.id, ok: true, bytes: buffer, ...(digests ? { digests, linkedFrom } : {}), ...(fieldsBuffer ? { fields: fieldsBuffer } : {}), ...(rights ? { rights } : {}) },
          transfer,
        );
        return;
      }
    }
  } catch (err) {
    self.postMessage({ id: m.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
}

self.onmessage = (event) => void answer(event.data);
