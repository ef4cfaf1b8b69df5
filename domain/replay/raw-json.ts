// A JSON value kept as its text. The admission record is most of a placement.admitted payload and
// the replay only stores it (the register's JSON column, a screen that shows it): parsing it into
// objects and writing it out again for the table digest cost more than the rest of the entry. Kept
// as text only where the text is exactly what JSON.stringify writes for the value JSON.parse reads
// from it (canonicalJsonEnd says so), so the column's text, and so the digest, cannot differ.

export class RawJson {
  constructor(
    /** JSON.stringify(JSON.parse(text)) === text. */
    readonly text: string,
  ) {}

  value(): unknown {
    return JSON.parse(this.text);
  }
}

/** The value of a replay field that may be kept as text. */
export function jsonValue(v: unknown): unknown {
  return v instanceof RawJson ? v.value() : v;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The end of the JSON value starting at bytes[i] if its text is one JSON.stringify writes for the
 * value JSON.parse reads from it, else -1. Only the plain subset is accepted (anything else is
 * parsed the general way): no space outside strings; strings without escapes or control characters
 * (other scripts as UTF-8, which the decoder checks); integers of at most 15 digits without a
 * leading zero or "-0"; object keys in strictly increasing byte order (so none twice) and none
 * starting with a digit (JavaScript puts integer-like keys first); `depth` levels at most.
 */
export function canonicalJsonEnd(bytes: Uint8Array, i: number, end: number, depth = 32): number {
  if (i >= end || depth < 0) return -1;
  const c = bytes[i]!;
  if (c === QUOTE) return stringEnd(bytes, i, end);
  if (c === 0x7b) {
    // {"key":value,…}
    let j = i + 1;
    if (bytes[j] === 0x7d) return j + 1;
    let prevA = -1;
    let prevB = -1;
    for (;;) {
      if (bytes[j] !== QUOTE) return -1;
      const keyEnd = stringEnd(bytes, j, end);
      if (keyEnd < 0 || bytes[keyEnd] !== 0x3a) return -1;
      const a = j + 1;
      const b = keyEnd - 1;
      if (b > a && bytes[a]! >= 0x30 && bytes[a]! <= 0x39) return -1;
      if (prevA >= 0 && compareBytes(bytes, prevA, prevB, a, b) >= 0) return -1;
      prevA = a;
      prevB = b;
      j = canonicalJsonEnd(bytes, keyEnd + 1, end, depth - 1);
      if (j < 0) return -1;
      if (bytes[j] === 0x2c) j++;
      else if (bytes[j] === 0x7d) return j + 1;
      else return -1;
    }
  }
  if (c === 0x5b) {
    let j = i + 1;
    if (bytes[j] === 0x5d) return j + 1;
    for (;;) {
      j = canonicalJsonEnd(bytes, j, end, depth - 1);
      if (j < 0) return -1;
      if (bytes[j] === 0x2c) j++;
      else if (bytes[j] === 0x5d) return j + 1;
      else return -1;
    }
  }
  if (c === 0x74) return word(bytes, i, end, 'true');
  if (c === 0x66) return word(bytes, i, end, 'false');
  if (c === 0x6e) return word(bytes, i, end, 'null');
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
    let j = c === 0x2d ? i + 1 : i;
    const first = j;
    while (j < end && bytes[j]! >= 0x30 && bytes[j]! <= 0x39) j++;
    const digits = j - first;
    if (digits === 0 || digits > 15) return -1;
    if (bytes[first] === 0x30 && (digits > 1 || c === 0x2d)) return -1;
    return j;
  }
  return -1;
}

function stringEnd(bytes: Uint8Array, i: number, end: number): number {
  for (let j = i + 1; j < end; j++) {
    const c = bytes[j]!;
    if (c === QUOTE) return j + 1;
    if (c === BACKSLASH || c < 0x20) return -1;
  }
  return -1;
}

function word(bytes: Uint8Array, i: number, end: number, w: string): number {
  if (i + w.length > end) return -1;
  for (let k = 0; k < w.length; k++) if (bytes[i + k] !== w.charCodeAt(k)) return -1;
  return i + w.length;
}

/** Byte order of bytes[a, b) and bytes[c, d): UTF-8 byte order is code point order. */
function compareBytes(bytes: Uint8Array, a: number, b: number, c: number, d: number): number {
  const n = Math.min(b - a, d - c);
  for (let k = 0; k < n; k++) {
    const x = bytes[a + k]!;
    const y = bytes[c + k]!;
    if (x !== y) return x - y;
  }
  return b - a - (d - c);
}

/**
 * Where the value of `key` is in the JSON object bytes[start, end), if the whole object is in the
 * plain subset canonicalJsonEnd accepts (so that key is there at most once); null otherwise.
 */
export function canonicalMemberSpan(bytes: Uint8Array, start: number, end: number, key: string): [number, number] | null {
  if (bytes[start] !== 0x7b) return null;
  let j = start + 1;
  if (bytes[j] === 0x7d) return null;
  let prevA = -1;
  let prevB = -1;
  let found: [number, number] | null = null;
  for (;;) {
    if (bytes[j] !== QUOTE) return null;
    const keyEnd = stringEnd(bytes, j, end);
    if (keyEnd < 0 || bytes[keyEnd] !== 0x3a) return null;
    const a = j + 1;
    const b = keyEnd - 1;
    if (b > a && bytes[a]! >= 0x30 && bytes[a]! <= 0x39) return null;
    if (prevA >= 0 && compareBytes(bytes, prevA, prevB, a, b) >= 0) return null;
    prevA = a;
    prevB = b;
    const valueEnd = canonicalJsonEnd(bytes, keyEnd + 1, end);
    if (valueEnd < 0) return null;
    if (b - a === key.length && word(bytes, a, b, key) >= 0) found = [keyEnd + 1, valueEnd];
    if (bytes[valueEnd] === 0x2c) j = valueEnd + 1;
    else if (bytes[valueEnd] === 0x7d && valueEnd + 1 === end) return found;
    else return null;
  }
}
