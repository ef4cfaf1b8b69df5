// The plain-TypeScript SHA-256 gives node:crypto's digests, at every length around the block edges.

import { hash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toHex } from './bytes.ts';
import { sha256, sha256Ranges } from './sha256.ts';

describe('sha256', () => {
  it('matches node:crypto for lengths 0 to 300 and a few large ones', () => {
    for (const n of [...Array.from({ length: 301 }, (_, i) => i), 1000, 4095, 4096, 65_537, 1_000_003]) {
      const bytes = new Uint8Array(randomBytes(n));
      expect(toHex(sha256(bytes)), `length ${n}`).toBe(hash('sha256', bytes, 'hex'));
    }
    expect(toHex(sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes ranges of one buffer', () => {
    const data = new Uint8Array(randomBytes(5000));
    const starts = Uint32Array.from([0, 10, 100, 4000]);
    const ends = Uint32Array.from([0, 70, 1000, 5000]);
    const packed = sha256Ranges(data, starts, ends, 4);
    for (let i = 0; i < 4; i++) expect(toHex(packed.subarray(32 * i, 32 * i + 32))).toBe(hash('sha256', data.subarray(starts[i]!, ends[i]!), 'hex'));
  });
});
