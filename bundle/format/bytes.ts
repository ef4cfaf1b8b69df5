// Byte helpers for the bundle format: UTF-8, hex, strict base64, little-endian u32. Pure ECMAScript
// (TextEncoder and TextDecoder are in every runtime the format runs in: Node, browsers, workers).

declare const TextEncoder: { new (): { encode(s: string): Uint8Array; encodeInto(s: string, dest: Uint8Array): { read: number; written: number } } };
declare const TextDecoder: {
  new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): { decode(bytes?: Uint8Array, options?: { stream?: boolean }): string };
};

export const utf8Encoder = new TextEncoder();
// ignoreBOM: a byte order mark is kept as the character it is, not dropped at the start of each
// decode, so that a payload decoded alone and one decoded within a group of payloads read the same
// (and a payload starting with one is not JSON, whichever way it is read).
const fatalDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function utf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** Decodes UTF-8, refusing malformed bytes: what is shown must be exactly what was hashed. */
export function fromUtf8(bytes: Uint8Array): string {
  return fatalDecoder.decode(bytes);
}

const HEX = '0123456789abcdef';
const HEX_PAIRS: string[] = Array.from({ length: 256 }, (_, i) => HEX[i >> 4]! + HEX[i & 15]!);

export function toHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let s = '';
  for (let i = start; i < end; i++) s += HEX_PAIRS[bytes[i]!]!;
  return s;
}

/** Lower-case hex digit values by char code; -1 for anything else. */
export const HEX_VALUE = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) HEX_VALUE[HEX.charCodeAt(i)] = i;

export function isHex(text: string, bytes: number): boolean {
  return text.length === bytes * 2 && /^[0-9a-f]*$/.test(text);
}

export function fromHex(text: string): Uint8Array {
  if (text.length % 2 !== 0 || !/^[0-9a-f]*$/.test(text)) throw new RangeError('not lower-case hex');
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = (HEX_VALUE[text.charCodeAt(2 * i)]! << 4) | HEX_VALUE[text.charCodeAt(2 * i + 1)]!;
  return out;
}

/** Whether the 64 hex characters at `bytes[offset…]` spell `digest` (32 bytes at `digestOffset`). */
export function hexBytesEqual(bytes: Uint8Array, offset: number, digest: Uint8Array, digestOffset: number): boolean {
  for (let i = 0; i < 32; i++) {
    const hi = HEX_VALUE[bytes[offset + 2 * i]!]!;
    const lo = HEX_VALUE[bytes[offset + 2 * i + 1]!]!;
    if (hi < 0 || lo < 0 || ((hi << 4) | lo) !== digest[digestOffset + i]) return false;
  }
  return true;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Int8Array(256).fill(-1);
for (let i = 0; i < 64; i++) B64_VALUE[B64.charCodeAt(i)] = i;

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    s += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    s += B64[n >> 18]! + B64[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    s += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + '=';
  }
  return s;
}

/**
 * Strict base64 (RFC 4648, with padding): refuses any text that is not exactly what toBase64 would
 * write for its bytes, so two different texts never decode to the same bytes (a lenient decoder
 * ignores the unused bits of the last character, and a changed character could go unnoticed).
 */
export function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new RangeError('base64 length is not a multiple of 4');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const a = B64_VALUE[text.charCodeAt(i)]!;
    const b = B64_VALUE[text.charCodeAt(i + 1)]!;
    const c = last && pad === 2 ? 0 : B64_VALUE[text.charCodeAt(i + 2)]!;
    const d = last && pad >= 1 ? 0 : B64_VALUE[text.charCodeAt(i + 3)]!;
    if ((a | b | c | d) < 0) throw new RangeError('not base64');
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
    if (last && ((pad === 2 && (n & 0xffff) !== 0) || (pad === 1 && (n & 0xff) !== 0))) {
      throw new RangeError('base64 has bits set past its end');
    }
  }
  return out;
}

export function readU32(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16) | (bytes[offset + 3]! << 24)) >>> 0;
}

export function writeU32(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = value & 255;
  bytes[offset + 1] = (value >>> 8) & 255;
  bytes[offset + 2] = (value >>> 16) & 255;
  bytes[offset + 3] = (value >>> 24) & 255;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
