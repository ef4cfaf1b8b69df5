import { describe, expect, it } from 'vitest';
import { keyFingerprint, keysFromSeed, newCentreKeys, signBytes, verifyBytes } from './keys.ts';

describe('centre keys', () => {
  it('sign and verify; a changed byte or another key fails', () => {
    const keys = newCentreKeys();
    const data = new TextEncoder().encode('manifest');
    const sig = signBytes(keys.privateSeed, data);
    expect(verifyBytes(keys.publicKey, data, sig)).toBe(true);
    expect(verifyBytes(keys.publicKey, new TextEncoder().encode('manifesT'), sig)).toBe(false);
    expect(verifyBytes(newCentreKeys().publicKey, data, sig)).toBe(false);
    expect(verifyBytes(keys.publicKey, data, 'not base64 at all')).toBe(false);
  });
  it('derive deterministically from a seed (RFC 8032 test vector 1)', () => {
    const seed = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
    const keys = keysFromSeed(seed);
    expect(Buffer.from(keys.publicKey, 'base64').toString('hex')).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    expect(keyFingerprint(keys.publicKey)).toMatch(/^[0-9a-f]{64}$/);
  });
});
