// SHA-256 (FIPS 180-4) in plain TypeScript, for hashing many small inputs synchronously. In a
// browser, WebCrypto's digest costs a round trip per call (about 80,000 journal entries a second on
// the reference machine, batched or not); this loop does several times that, so the viewer hashes
// the journal with it and keeps WebCrypto for the few large inputs (data.bin, keys, signatures).
// Checked against node:crypto in sha256.test.ts.

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const W = new Int32Array(64);
const H = new Int32Array(8);
/** The padded last block(s) of a message. */
const TAIL = new Uint8Array(128);

function compress(bytes: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const o = offset + 4 * i;
    W[i] = (bytes[o]! << 24) | (bytes[o + 1]! << 16) | (bytes[o + 2]! << 8) | bytes[o + 3]!;
  }
  for (let i = 16; i < 64; i++) {
    const w15 = W[i - 15]!;
    const w2 = W[i - 2]!;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
  }
  let a = H[0]!;
  let b = H[1]!;
  let c = H[2]!;
  let d = H[3]!;
  let e = H[4]!;
  let f = H[5]!;
  let g = H[6]!;
  let h = H[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  H[0] = (H[0]! + a) | 0;
  H[1] = (H[1]! + b) | 0;
  H[2] = (H[2]! + c) | 0;
  H[3] = (H[3]! + d) | 0;
  H[4] = (H[4]! + e) | 0;
  H[5] = (H[5]! + f) | 0;
  H[6] = (H[6]! + g) | 0;
  H[7] = (H[7]! + h) | 0;
}

/** SHA-256 of bytes[start, end), written to out[outOffset … outOffset + 32). */
export function sha256Into(bytes: Uint8Array, start: number, end: number, out: Uint8Array, outOffset: number): void {
  H[0] = 0x6a09e667;
  H[1] = 0xbb67ae85 | 0;
  H[2] = 0x3c6ef372;
  H[3] = 0xa54ff53a | 0;
  H[4] = 0x510e527f;
  H[5] = 0x9b05688c | 0;
  H[6] = 0x1f83d9ab;
  H[7] = 0x5be0cd19;
  const length = end - start;
  let o = start;
  for (; o + 64 <= end; o += 64) compress(bytes, o);
  const rest = end - o;
  TAIL.fill(0);
  TAIL.set(bytes.subarray(o, end), 0);
  TAIL[rest] = 0x80;
  const blocks = rest + 9 > 64 ? 2 : 1;
  const bits = length * 8;
  const at = blocks * 64 - 8;
  // Length in bits, big-endian, 64 bits (the high part from the byte count's top bits).
  const high = Math.floor(length / 0x20000000);
  TAIL[at] = high >>> 24;
  TAIL[at + 1] = high >>> 16;
  TAIL[at + 2] = high >>> 8;
  TAIL[at + 3] = high;
  TAIL[at + 4] = bits >>> 24;
  TAIL[at + 5] = bits >>> 16;
  TAIL[at + 6] = bits >>> 8;
  TAIL[at + 7] = bits;
  compress(TAIL, 0);
  if (blocks === 2) compress(TAIL, 64);
  for (let i = 0; i < 8; i++) {
    const v = H[i]!;
    out[outOffset + 4 * i] = v >>> 24;
    out[outOffset + 4 * i + 1] = v >>> 16;
    out[outOffset + 4 * i + 2] = v >>> 8;
    out[outOffset + 4 * i + 3] = v;
  }
}

export function sha256(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  sha256Into(bytes, 0, bytes.length, out, 0);
  return out;
}

/** SHA-256 of each range, packed: what Crypto.sha256Ranges asks for, synchronously. */
export function sha256Ranges(data: Uint8Array, starts: Uint32Array, ends: Uint32Array, count: number): Uint8Array {
  const out = new Uint8Array(32 * count);
  for (let i = 0; i < count; i++) sha256Into(data, starts[i]!, ends[i]!, out, 32 * i);
  return out;
}
