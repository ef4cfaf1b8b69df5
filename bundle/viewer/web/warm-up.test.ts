// The warm-up must run the worker's real paths to their end (a chunk the chain check accepts, rights
// rows made for every right.recorded entry), or it warms nothing.

import { describe, expect, it } from 'vitest';
import { checkChunkLinks, indexJournalChunk } from '../../format/journal.ts';
import { sha256Ranges } from '../../format/sha256.ts';
import { loadSimdSha256 } from './sha256-simd.ts';
import { warmUp, warmUpChunk } from './warm-up.ts';

describe('worker warm-up', () => {
  it('runs hashing, the chain check and the rights rows over a whole made-up chunk', () => {
    expect(warmUp(sha256Ranges, 300)).toBe(true);
  });

  it('runs with the SIMD hasher the workers use', async () => {
    const simd = await loadSimdSha256();
    expect(simd).not.toBeNull();
    expect(warmUp(simd!, 300)).toBe(true);
  });

  it('makes a chunk whose chain the check accepts, and refuses once one byte changes', () => {
    const raw = warmUpChunk(50);
    const chunk = indexJournalChunk(raw, 0, 0);
    chunk.digests = sha256Ranges(chunk.raw, chunk.starts, chunk.ends, chunk.count);
    expect(checkChunkLinks(chunk)).toBe(1);
    const changed = raw.slice();
    changed[chunk.ends[10]! - 3] ^= 1;
    const bad = indexJournalChunk(changed, 0, 0);
    bad.digests = sha256Ranges(bad.raw, bad.starts, bad.ends, bad.count);
    expect(checkChunkLinks(bad)).toBeNull();
  });
});
