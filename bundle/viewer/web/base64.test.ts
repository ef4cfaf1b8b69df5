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
