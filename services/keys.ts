// The centre's Ed25519 key pair: made at first run, the private key kept in the centre's database
// (never exported, never journaled), the public key written into the journal's first entry so that
// whoever holds the journal can pin it.

import { createPrivateKey, createPublicKey, hash, randomBytes, sign, verify, type KeyObject } from 'node:crypto';

// DER prefixes of PKCS#8 and SPKI for Ed25519: a raw 32-byte seed or public key follows them.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface CentreKeys {
  /** Raw 32-byte public key, base64. */
  publicKey: string;
  /** Raw 32-byte private seed, base64. */
  privateSeed: string;
}

export function keysFromSeed(seed: Uint8Array): CentreKeys {
  if (seed.length !== 32) throw new RangeError('an Ed25519 seed is 32 bytes');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { publicKey: spki.subarray(SPKI_PREFIX.length).toString('base64'), privateSeed: Buffer.from(seed).toString('base64') };
}

export function newCentreKeys(): CentreKeys {
  return keysFromSeed(randomBytes(32));
}

/** Hex SHA-256 of the raw public key: what an inspector compares by eye or pins. */
export function keyFingerprint(publicKey: string): string {
  return hash('sha256', Buffer.from(publicKey, 'base64'), 'hex');
}

function privateKeyObject(privateSeed: string): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, Buffer.from(privateSeed, 'base64')]), format: 'der', type: 'pkcs8' });
}

export function publicKeyObject(publicKey: string): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, Buffer.from(publicKey, 'base64')]), format: 'der', type: 'spki' });
}

export function signBytes(privateSeed: string, data: Uint8Array): string {
  return sign(null, data, privateKeyObject(privateSeed)).toString('base64');
}

export function verifyBytes(publicKey: string, data: Uint8Array, signature: string): boolean {
  try {
    return verify(null, data, publicKeyObject(publicKey), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
