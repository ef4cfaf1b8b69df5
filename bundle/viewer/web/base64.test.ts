// The embedded data's base64 decoding, the way without the browser's own decoder (Node has none):
// the same bytes as Buffer for every length, white space ignored, anything else refused. The
// browser's way is the one the Chromium tests open open-me.html with (viewer.test.ts).

import { describe, expect, it } from 'vitest';
import { base64Bytes } from './base64.ts';

describe('base64Bytes without a native decoder', () => {
  it('gives the bytes Buffer gives, for every length of a few blocks', () => {
    for (let n = 0; n < 200; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n) & 255);
      const text = Buffer.from(bytes).toString('base64');
      expect(Buffer.from(base64Bytes(text, false)).equals(Buffer.from(bytes)), `${n} bytes`).toBe(true);
    }
  });

  it('ignores white space and refuses what is not base64', () => {
    const text = Buffer.from('the register of a centre').toString('base64');
    expect(Buffer.from(base64Bytes(`${text.slice(0, 8)}\n ${text.slice(8)}\n`, false)).toString()).toBe('the register of a centre');
    expect(() => base64Bytes(`${text.slice(0, 8)}*${text.slice(9)}`, false)).toThrow();
  });
});

describe('base64Bytes with a native decoder that stops once the array is full', () => {
  // What the proposal's algorithm does (as core-js and test262 read it): blocks of four characters,
  // white space skipped before a block, and nothing read once the array is full.
  function literal(this: Uint8Array, text: string): { read: number; written: number } {
    let i = 0;
    let read = 0;
    let written = 0;
    for (;;) {
      if (written >= this.length) break;
      while (i < text.length && /\s/.test(text[i]!)) i++;
      if (i >= text.length) {
        read = text.length;
        break;
      }
      let block = '';
      let j = i;
      while (block.length < 4 && j < text.length) {
        if (!/\s/.test(text[j]!)) block += text[j];
        j++;
      }
      if (!/^[A-Za-z0-9+/]{2,4}={0,2}$/.test(block)) break;
      const bytes = Buffer.from(block, 'base64');
      if (written + bytes.length > this.length) break;
      this.set(bytes, written);
      written += bytes.length;
      i = j;
      read = j;
    }
    return { read, written };
  }

  it('takes white space after the last block, and still refuses anything else there', () => {
    const proto = Uint8Array.prototype as unknown as { setFromBase64?: typeof literal };
    proto.setFromBase64 = literal;
    try {
      for (const n of [3, 30, 300]) {
        const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31) & 255);
        const text = Buffer.from(bytes).toString('base64');
        expect(Buffer.from(base64Bytes(`${text}\n`, true)).equals(Buffer.from(bytes)), `${n} bytes`).toBe(true);
        expect(Buffer.from(base64Bytes(`${text}\n  \t`, true)).equals(Buffer.from(bytes))).toBe(true);
        expect(() => base64Bytes(`${text}*`, true)).toThrow(/not base64/);
      }
    } finally {
      delete proto.setFromBase64;
    }
  });
});
