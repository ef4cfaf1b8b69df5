// SHA-256 of many small ranges, four at a time in WebAssembly SIMD lanes. The journal's entries are
// hashed independently (each entry holds its predecessor's hash, so nothing waits on the chain), and
// four 32-bit lanes of a v128 run four entries' rounds in the instructions one entry takes: in
// Chromium this does about three times what the plain TypeScript rounds of bundle/format/sha256.ts
// do, which stay as the fallback where WebAssembly or its SIMD is missing (or a policy forbids it).
//
// The module is written out here, byte by byte, rather than shipped as a binary: the viewer stays one
// reviewable script, and nothing needs a WebAssembly toolchain. It is small (one exported function,
// its 64 rounds unrolled) and checked against node:crypto in sha256-simd.test.ts.
//
// What the function does, per group of four ranges (the table built by `hashRanges`):
//   - each range's last one or two blocks, padded (0x80, zeros, the length in bits), are built in its
//     lane's 128-byte scratch area at the start of memory; its full blocks are read where they are;
//   - the group runs as many blocks as its longest range, a lane repeating its own last block once it
//     is done; after a lane's last block its digest is written, big-endian, where the table says.
// Ranges are sorted by block count first, so a group's lanes mostly finish together.

import { sha256Ranges } from '../../format/sha256.ts';

/**
 * Where each lane's 128-byte scratch for its padded last blocks starts (lane l at SCRATCH + 128 l).
 * Not at 0: the length in bits is stored 8 bytes before the tail's end through a memory
 * instruction's offset, and offsets are unsigned.
 */
const SCRATCH = 64;
/** Where the job table starts. */
const TABLE = SCRATCH + 4 * 128;
/** Bytes of the job table a group takes: per lane, its range's address, length and output address. */
const JOB = 48;

const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

// Opcodes (WebAssembly core 2.0), by name.
const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  select: 0x1b,
  get: 0x20,
  set: 0x21,
  tee: 0x22,
  load: 0x28,
  store: 0x36,
  store8: 0x3a,
  const: 0x41,
  eqz: 0x45,
  eq: 0x46,
  ltU: 0x49,
  gtU: 0x4b,
  add: 0x6a,
  sub: 0x6b,
  and: 0x71,
  or: 0x72,
  shl: 0x74,
  shrU: 0x76,
  rotl: 0x77,
  rotr: 0x78,
} as const;
// After the 0xfd prefix (SIMD) or 0xfc (bulk memory); LEB128-encoded.
const simd = {
  load: 0x00,
  store: 0x0b,
  const: 0x0c,
  shuffle: 0x0d,
  splat8: 0x0f,
  ltU8: 0x26,
  and: 0x4e,
  xor: 0x51,
  bitselect: 0x52,
  shl: 0xab,
  shrU: 0xad,
  add: 0xae,
} as const;

function uleb(out: number[], n: number): void {
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
}

function sleb(out: number[], n: number): void {
  n |= 0;
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return;
    }
    out.push(b | 0x80);
  }
}

/** The function's body, written as a stack machine's instructions. */
class Body {
  readonly code: number[] = [];
  private readonly i32s: number;
  private nextI32: number;
  private nextV128: number;

  constructor(
    private readonly params: number,
    i32Locals: number,
    private readonly v128Locals: number,
  ) {
    this.i32s = i32Locals;
    this.nextI32 = params;
    this.nextV128 = params + i32Locals;
  }

  i32(): number {
    if (this.nextI32 >= this.params + this.i32s) throw new Error('sha256-simd: out of i32 locals');
    return this.nextI32++;
  }

  v128(): number {
    if (this.nextV128 >= this.params + this.i32s + this.v128Locals) throw new Error('sha256-simd: out of v128 locals');
    return this.nextV128++;
  }

  op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }

  /** local.get, local.set or local.tee of a local. */
  private local(opcode: number, index: number): this {
    this.code.push(opcode);
    uleb(this.code, index);
    return this;
  }

  get(local: number): this {
    return this.local(op.get, local);
  }

  set(local: number): this {
    return this.local(op.set, local);
  }

  tee(local: number): this {
    return this.local(op.tee, local);
  }

  c(n: number): this {
    this.code.push(op.const);
    sleb(this.code, n);
    return this;
  }

  /** A memory instruction with its alignment (log2) and offset. */
  mem(opcode: number, align: number, offset = 0): this {
    this.code.push(opcode);
    uleb(this.code, align);
    uleb(this.code, offset);
    return this;
  }

  v(opcode: number): this {
    this.code.push(0xfd);
    uleb(this.code, opcode);
    return this;
  }

  vmem(opcode: number, offset: number): this {
    this.v(opcode);
    uleb(this.code, 0); // byte alignment: the ranges start anywhere
    uleb(this.code, offset);
    return this;
  }

  constBytes(bytes: number[]): this {
    this.v(simd.const);
    this.code.push(...bytes);
    return this;
  }

  /** v128.const of four equal 32-bit lanes. */
  splat(n: number): this {
    this.v(simd.const);
    for (let l = 0; l < 4; l++) this.code.push(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);
    return this;
  }

  shuffle(lanes: number[]): this {
    this.v(simd.shuffle);
    this.code.push(...lanes);
    return this;
  }

  /** rotr(x, n) of each lane: SIMD has no rotate. */
  rotr(x: number, n: number): this {
    return this.get(x).c(n).v(simd.shrU).get(x).c(32 - n).v(simd.shl).op(0xfd, 0x50); // v128.or
  }

  /** rotr(x, a) ^ rotr(x, b) ^ (c < 0 ? x >>> -c : rotr(x, c)) */
  sigma(x: number, a: number, b: number, c: number): this {
    this.rotr(x, a).rotr(x, b).v(simd.xor);
    if (c < 0) this.get(x).c(-c).v(simd.shrU);
    else this.rotr(x, c);
    return this.v(simd.xor);
  }

  /** bswap of the i32 on the stack's top (via rotations of its two byte halves). */
  bswap(tmp: number): this {
    return this.tee(tmp).c(0xff00ff00).op(op.and).c(8).op(op.rotl).get(tmp).c(0x00ff00ff).op(op.and).c(8).op(op.rotr).op(op.or);
  }
}

// Byte lanes for i8x16.shuffle. The first stage takes word k of two lanes' rows, each word's bytes
// reversed (big-endian message words); the second pairs those halves into one word of all four lanes.
const PAIR_LOW = [3, 2, 1, 0, 19, 18, 17, 16, 7, 6, 5, 4, 23, 22, 21, 20];
const PAIR_HIGH = [11, 10, 9, 8, 27, 26, 25, 24, 15, 14, 13, 12, 31, 30, 29, 28];
const JOIN_LOW = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];
const JOIN_HIGH = [8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31];

/** The function `hash(jobs, groups)`: see the file's head. */
function hashBody(): number[] {
  const PARAMS = 2;
  const f = new Body(PARAMS, 32, 40);
  const jobs = 0;
  const groups = 1;
  const ptr = [f.i32(), f.i32(), f.i32(), f.i32()];
  const len = [f.i32(), f.i32(), f.i32(), f.i32()];
  const out = [f.i32(), f.i32(), f.i32(), f.i32()];
  const full = [f.i32(), f.i32(), f.i32(), f.i32()];
  const blocks = [f.i32(), f.i32(), f.i32(), f.i32()];
  const at = [f.i32(), f.i32(), f.i32(), f.i32()];
  const rest = f.i32();
  const tmp = f.i32();
  const most = f.i32();
  const j = f.i32();
  const state = Array.from({ length: 8 }, () => f.v128());
  const saved = Array.from({ length: 8 }, () => f.v128());
  const w = Array.from({ length: 16 }, () => f.v128());
  const row = [f.v128(), f.v128(), f.v128(), f.v128()];
  const t1 = f.v128();
  const t2 = f.v128();
  const half = [f.v128(), f.v128()];

  f.op(op.block, 0x40).op(op.loop, 0x40);
  f.get(groups).op(op.eqz).op(op.brIf, 1);
  for (let l = 0; l < 4; l++) {
    f.get(jobs).mem(op.load, 2, 12 * l).set(ptr[l]!);
    f.get(jobs).mem(op.load, 2, 12 * l + 4).set(len[l]!);
    f.get(jobs).mem(op.load, 2, 12 * l + 8).set(out[l]!);
    const scratch = SCRATCH + 128 * l;
    // full = len >> 6; rest = len & 63; blocks = full + 1 + (rest >= 56)
    f.get(len[l]!).c(6).op(op.shrU).set(full[l]!);
    f.get(len[l]!).c(63).op(op.and).set(rest);
    f.get(full[l]!).c(1).op(op.add).get(rest).c(55).op(op.gtU).op(op.add).set(blocks[l]!);
    // The padded tail: the range's last bytes (a whole block read, the bytes past the range masked
    // off: the caller leaves 64 bytes of slack after the data), 0x80, zeros, the length in bits.
    f.get(rest).v(simd.splat8).set(half[0]!);
    for (let k = 0; k < 4; k++) {
      f.c(scratch).get(ptr[l]!).get(full[l]!).c(6).op(op.shl).op(op.add).vmem(simd.load, 16 * k);
      f.constBytes(Array.from({ length: 16 }, (_, i) => 16 * k + i)).get(half[0]!).v(simd.ltU8).v(simd.and);
      f.vmem(simd.store, 16 * k);
    }
    for (let k = 4; k < 8; k++) f.c(scratch).splat(0).vmem(simd.store, 16 * k);
    f.get(rest).c(0x80).mem(op.store8, 0, scratch);
    f.get(blocks[l]!).get(full[l]!).op(op.sub).c(6).op(op.shl).set(tmp); // bytes of padded tail
    f.get(tmp).get(len[l]!).c(29).op(op.shrU).bswap(rest).mem(op.store, 0, scratch - 8);
    f.get(tmp).get(len[l]!).c(3).op(op.shl).bswap(rest).mem(op.store, 0, scratch - 4);
  }
  f.get(blocks[0]!).set(most);
  for (let l = 1; l < 4; l++) f.get(blocks[l]!).get(most).get(blocks[l]!).get(most).op(op.gtU).op(op.select).set(most);
  for (let s = 0; s < 8; s++) f.splat(IV[s]!).set(state[s]!);
  f.c(0).set(j);

  f.op(op.loop, 0x40);
  // Each lane's block j (its last block again once done): in place, or in its scratch.
  for (let l = 0; l < 4; l++) {
    // b = min(j, blocks - 1)
    f.get(j).get(blocks[l]!).c(1).op(op.sub).tee(tmp).get(j).get(tmp).op(op.ltU).op(op.select).set(rest);
    f.get(ptr[l]!).get(rest).c(6).op(op.shl).op(op.add);
    f.c(SCRATCH + 128 * l).get(rest).get(full[l]!).op(op.sub).c(6).op(op.shl).op(op.add);
    f.get(rest).get(full[l]!).op(op.ltU).op(op.select).set(at[l]!);
  }
  for (let k = 0; k < 4; k++) {
    for (let l = 0; l < 4; l++) f.get(at[l]!).vmem(simd.load, 16 * k).set(row[l]!);
    f.get(row[0]!).get(row[1]!).shuffle(PAIR_LOW).set(half[0]!);
    f.get(row[2]!).get(row[3]!).shuffle(PAIR_LOW).set(half[1]!);
    f.get(half[0]!).get(half[1]!).shuffle(JOIN_LOW).set(w[4 * k]!);
    f.get(half[0]!).get(half[1]!).shuffle(JOIN_HIGH).set(w[4 * k + 1]!);
    f.get(row[0]!).get(row[1]!).shuffle(PAIR_HIGH).set(half[0]!);
    f.get(row[2]!).get(row[3]!).shuffle(PAIR_HIGH).set(half[1]!);
    f.get(half[0]!).get(half[1]!).shuffle(JOIN_LOW).set(w[4 * k + 2]!);
    f.get(half[0]!).get(half[1]!).shuffle(JOIN_HIGH).set(w[4 * k + 3]!);
  }
  for (let s = 0; s < 8; s++) f.get(state[s]!).set(saved[s]!);
  // The rounds, the working variables renamed instead of moved: round i's a is state[(8 - i) % 8].
  for (let i = 0; i < 64; i++) {
    const v = (n: number) => state[(n - i + 64) % 8]!;
    const [a, b, c, d, e, ff, g, h] = [v(0), v(1), v(2), v(3), v(4), v(5), v(6), v(7)];
    const wi = w[i % 16]!;
    if (i >= 16) {
      // w[i] = σ1(w[i-2]) + w[i-7] + σ0(w[i-15]) + w[i-16]
      f.sigma(w[(i - 2) % 16]!, 17, 19, -10).get(w[(i - 7) % 16]!).v(simd.add);
      f.sigma(w[(i - 15) % 16]!, 7, 18, -3).v(simd.add).get(wi).v(simd.add).set(wi);
    }
    // t1 = h + K[i] + w[i] + Ch(e, f, g) + Σ1(e), Σ1 last: the rounds are bound by latency, and e
    // is the round's latest input. Ch is bitselect(f, g, e).
    f.get(h).splat(K[i]!).v(simd.add).get(wi).v(simd.add);
    f.get(ff).get(g).get(e).v(simd.bitselect).v(simd.add);
    f.sigma(e, 6, 11, 25).v(simd.add).set(t1);
    // t2 = Σ0(a) + Maj(a, b, c); Maj is bitselect(b, c, a ^ c)
    f.sigma(a, 2, 13, 22);
    f.get(b).get(c).get(a).get(c).v(simd.xor).v(simd.bitselect).v(simd.add).set(t2);
    f.get(d).get(t1).v(simd.add).set(d);
    f.get(t1).get(t2).v(simd.add).set(h);
  }
  for (let s = 0; s < 8; s++) f.get(state[s]!).get(saved[s]!).v(simd.add).set(state[s]!);
  // A lane whose last block this was: its digest, big-endian. The state is transposed (each word's
  // bytes reversed on the way) into two vectors a lane, in w (free until the next block).
  f.c(0);
  for (let l = 0; l < 4; l++) f.get(j).c(1).op(op.add).get(blocks[l]!).op(op.eq).op(op.or);
  f.op(op.if, 0x40);
  for (let q = 0; q < 2; q++) {
    const [s0, s1, s2, s3] = [state[4 * q]!, state[4 * q + 1]!, state[4 * q + 2]!, state[4 * q + 3]!];
    // Rows are the state words, columns the lanes: transposed, column l is lane l's four words.
    f.get(s0).get(s1).shuffle(PAIR_LOW).set(half[0]!);
    f.get(s2).get(s3).shuffle(PAIR_LOW).set(half[1]!);
    f.get(half[0]!).get(half[1]!).shuffle(JOIN_LOW).set(w[q]!);
    f.get(half[0]!).get(half[1]!).shuffle(JOIN_HIGH).set(w[2 + q]!);
    f.get(s0).get(s1).shuffle(PAIR_HIGH).set(half[0]!);
    f.get(s2).get(s3).shuffle(PAIR_HIGH).set(half[1]!);
    f.get(half[0]!).get(half[1]!).shuffle(JOIN_LOW).set(w[4 + q]!);
    f.get(half[0]!).get(half[1]!).shuffle(JOIN_HIGH).set(w[6 + q]!);
  }
  for (let l = 0; l < 4; l++) {
    f.get(j).c(1).op(op.add).get(blocks[l]!).op(op.eq).op(op.if, 0x40);
    f.get(out[l]!).get(w[2 * l]!).vmem(simd.store, 0);
    f.get(out[l]!).get(w[2 * l + 1]!).vmem(simd.store, 16);
    f.op(op.end);
  }
  f.op(op.end);
  f.get(j).c(1).op(op.add).tee(j).get(most).op(op.ltU).op(op.brIf, 0);
  f.op(op.end); // blocks loop

  f.get(jobs).c(JOB).op(op.add).set(jobs);
  f.get(groups).c(1).op(op.sub).set(groups);
  f.op(op.br, 0);
  f.op(op.end).op(op.end); // groups loop, block
  f.op(op.end); // function

  const body: number[] = [];
  // Local declarations: (count, type) runs.
  uleb(body, 2);
  uleb(body, 32);
  body.push(I32);
  uleb(body, 40);
  body.push(V128);
  body.push(...f.code);
  return body;
}

function section(id: number, content: number[]): number[] {
  const out = [id];
  uleb(out, content.length);
  return out.concat(content);
}

function name(s: string): number[] {
  const out: number[] = [];
  uleb(out, s.length);
  for (const ch of s) out.push(ch.charCodeAt(0));
  return out;
}

/** The module's bytes. */
export function sha256SimdModule(): Uint8Array<ArrayBuffer> {
  const body = hashBody();
  const code = [1];
  uleb(code, body.length);
  code.push(...body);
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 2, I32, I32, 0]), // type: (i32, i32) -> ()
    ...section(3, [1, 0]), // one function of that type
    ...section(5, [1, 0x00, 1]), // memory: one page at least (grown from JavaScript)
    ...section(7, [2, ...name('memory'), 0x02, 0, ...name('hash'), 0x00, 0]),
    ...section(10, code),
  ];
  return new Uint8Array(bytes);
}

export type RangesHasher = (data: Uint8Array, starts: Uint32Array, ends: Uint32Array, count: number) => Uint8Array;

/** A hasher over one instance of the module (not shared between threads: it owns its memory). */
export function rangesHasher(instance: WebAssembly.Instance): RangesHasher {
  const memory = instance.exports['memory'] as WebAssembly.Memory;
  const hash = instance.exports['hash'] as (jobs: number, groups: number) => void;
  return (data, starts, ends, count) => {
    if (count === 0) return new Uint8Array(0);
    let lo = 0xffffffff;
    let hi = 0;
    let most = 0;
    for (let i = 0; i < count; i++) {
      const s = starts[i]!;
      const e = ends[i]!;
      if (!(s <= e && e <= data.length)) throw new RangeError(`range ${i} [${s}, ${e}) is outside the ${data.length} bytes`);
      if (s < lo) lo = s;
      if (e > hi) hi = e;
      const n = ((e - s + 8) >>> 6) + 1;
      if (n > most) most = n;
    }
    if (hi < lo) hi = lo;
    const groupCount = (count + 3) >>> 2;
    const outAt = TABLE + JOB * groupCount;
    const dataAt = outAt + 32 * count;
    // 64 bytes of slack: a range's last partial block is read whole (and masked) in the module.
    const need = dataAt + (hi - lo) + 64;
    if (need > memory.buffer.byteLength) {
      try {
        memory.grow(Math.ceil((need - memory.buffer.byteLength) / 65536));
      } catch {
        // No more memory for the module (a browser's limit): these ranges (checked above) in TypeScript.
        return sha256Ranges(data, starts, ends, count);
      }
    }
    const heap = new Uint8Array(memory.buffer);
    heap.set(data.subarray(lo, hi), dataAt);
    // Ranges by block count (a counting sort), four to a group; the last group's spare lanes repeat
    // its last range (hashed twice, written twice to the same place).
    const counts = new Uint32Array(most + 2);
    for (let i = 0; i < count; i++) counts[((ends[i]! - starts[i]! + 8) >>> 6) + 2]!++;
    for (let n = 2; n < counts.length; n++) counts[n]! += counts[n - 1]!;
    const order = new Uint32Array(count);
    for (let i = 0; i < count; i++) order[counts[((ends[i]! - starts[i]! + 8) >>> 6) + 1]!++] = i;
    const table = new Uint32Array(memory.buffer, TABLE, 12 * groupCount);
    for (let g = 0, t = 0; g < groupCount; g++) {
      for (let l = 0; l < 4; l++, t += 3) {
        const i = order[Math.min(4 * g + l, count - 1)]!;
        table[t] = dataAt + starts[i]! - lo;
        table[t + 1] = ends[i]! - starts[i]!;
        table[t + 2] = outAt + 32 * i;
      }
    }
    hash(TABLE, groupCount);
    return new Uint8Array(memory.buffer, outAt, 32 * count).slice();
  };
}

/**
 * The SIMD hasher, or null where this browser cannot run it (no WebAssembly, no SIMD, or a content
 * policy without 'wasm-unsafe-eval'). Compiled asynchronously: a page's main thread may not compile
 * a module this size synchronously.
 */
export async function loadSimdSha256(): Promise<RangesHasher | null> {
  try {
    if (typeof WebAssembly !== 'object') return null;
    const bytes = sha256SimdModule();
    if (!WebAssembly.validate(bytes)) return null;
    const { instance } = await WebAssembly.instantiate(bytes);
    return rangesHasher(instance);
  } catch {
    return null;
  }
}
