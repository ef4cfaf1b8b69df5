// The SIMD hasher gives node:crypto's digests for every range, whatever their lengths (around the
// block edges, where the padding takes one block or two), their order, their alignment and their
// mix within a group of four; and refuses a range outside its data.

import { hash, randomBytes } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { toHex } from '../../format/bytes.ts';
import { loadSimdSha256, rangesHasher, sha256SimdModule, type RangesHasher } from './sha256-simd.ts';

let simd: RangesHasher;

beforeAll(async () => {
  const loaded = await loadSimdSha256();
  if (!loaded) throw new Error('this Node has no WebAssembly SIMD: the hasher under test would never run');
  simd = loaded;
});

function expectDigests(data: Uint8Array, starts: number[], ends: number[]): void {
  const packed = simd(data, Uint32Array.from(starts), Uint32Array.from(ends), starts.length);
  expect(packed.length).toBe(32 * starts.length);
  for (let i = 0; i < starts.length; i++) {
    expect(toHex(packed.subarray(32 * i, 32 * i + 32)), `range ${i}: [${starts[i]}, ${ends[i]})`).toBe(hash('sha256', data.subarray(starts[i], ends[i]), 'hex'));
  }
}

describe('SIMD SHA-256 of ranges', () => {
  it('is a valid module with SIMD', () => {
    expect(WebAssembly.validate(sha256SimdModule())).toBe(true);
  });

  it('matches node:crypto for every length from 0 to 300, four lanes of different lengths at a time', () => {
    const data = new Uint8Array(randomBytes(60_000));
    const starts: number[] = [];
    const ends: number[] = [];
    let at = 1; // not aligned
    for (let n = 0; n <= 300; n++) {
      starts.push(at);
      ends.push(at + n);
      at += n + (n % 7);
    }
    expectDigests(data, starts, ends);
    // The same ranges in reverse order, so each group of four mixes other lengths.
    expectDigests(data, [...starts].reverse(), [...ends].reverse());
  });

  it('hashes a single range, two, three and five (spare lanes), overlapping and repeated ranges', () => {
    const data = new Uint8Array(randomBytes(5000));
    expectDigests(data, [0], [5000]);
    expectDigests(data, [10, 10], [70, 70]);
    expectDigests(data, [0, 100, 4000], [0, 1000, 5000]);
    expectDigests(data, [3, 5, 7, 9, 11], [300, 64, 119, 120, 4999]);
  });

  it('hashes large ranges beside small ones, and ranges longer than its memory was', () => {
    const data = new Uint8Array(randomBytes(3_000_000));
    expectDigests(data, [0, 5, 1_000_000, 64], [2_000_003, 60, 3_000_000, 128]);
    const journalLike = new Uint8Array(2_000_000).map((_, i) => 32 + ((i * 2654435761) >>> 26));
    const starts: number[] = [];
    const ends: number[] = [];
    for (let at = 0; at + 700 < journalLike.length; ) {
      const n = 200 + ((at * 7919) % 450);
      starts.push(at);
      ends.push(at + n);
      at += n;
    }
    const packed = simd(journalLike, Uint32Array.from(starts), Uint32Array.from(ends), starts.length);
    for (const i of [0, 1, 2, 3, 1000, starts.length - 1]) {
      expect(toHex(packed.subarray(32 * i, 32 * i + 32))).toBe(hash('sha256', journalLike.subarray(starts[i], ends[i]), 'hex'));
    }
  });

  it('answers nothing for no ranges, and refuses a range outside the data', () => {
    const data = new Uint8Array(100);
    expect(simd(data, new Uint32Array(0), new Uint32Array(0), 0).length).toBe(0);
    expect(() => simd(data, Uint32Array.from([0]), Uint32Array.from([101]), 1)).toThrow(/range 0 \[0, 101\) is outside the 100 bytes/);
    expect(() => simd(data, Uint32Array.from([50]), Uint32Array.from([40]), 1)).toThrow(/range 0 \[50, 40\)/);
  });

  it('hashes in TypeScript where its memory cannot grow (a browser limit), with the same digests', async () => {
    const { instance } = await WebAssembly.instantiate(sha256SimdModule());
    const memory = instance.exports['memory'] as WebAssembly.Memory;
    const grow = vi.spyOn(memory, 'grow').mockImplementation(() => {
      throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
    });
    const limited = rangesHasher(instance);
    const data = new Uint8Array(randomBytes(200_000));
    const ranges: [number, number][] = [
      [0, 200_000],
      [7, 70],
      [100_000, 100_001],
    ];
    const packed = limited(data, Uint32Array.from(ranges.map((r) => r[0])), Uint32Array.from(ranges.map((r) => r[1])), 3);
    expect(grow).toHaveBeenCalled();
    ranges.forEach(([a, b], i) => expect(toHex(packed.subarray(32 * i, 32 * i + 32))).toBe(hash('sha256', data.subarray(a, b), 'hex')));
  });

  it('reads the data at the call: the caller may reuse its buffer', () => {
    const data = new Uint8Array(randomBytes(1000));
    const expected = hash('sha256', data.subarray(0, 500), 'hex');
    const packed = simd(data, Uint32Array.from([0]), Uint32Array.from([500]), 1);
    data.fill(0);
    expect(toHex(packed)).toBe(expected);
  });
});

describe('where the SIMD hasher cannot run', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('answers null without WebAssembly', async () => {
    vi.stubGlobal('WebAssembly', undefined);
    expect(await loadSimdSha256()).toBeNull();
  });

  it('answers null where compiling is refused (a content policy without wasm-unsafe-eval)', async () => {
    vi.spyOn(WebAssembly, 'instantiate').mockRejectedValue(new WebAssembly.CompileError('Refused to compile or instantiate WebAssembly module'));
    expect(await loadSimdSha256()).toBeNull();
  });

  it('answers null where the module does not validate (no SIMD)', async () => {
    vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    expect(await loadSimdSha256()).toBeNull();
  });
});
