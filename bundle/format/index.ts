// The bundle format, pure: what the viewer, `centre verify` and HQ import share. See
// docs/bundle-format.md. Node and browser primitives come in through `Crypto` (crypto.ts).

export * from './bytes.ts';
export * from './checkpoint.ts';
export * from './container.ts';
export * from './crypto.ts';
export * from './gunzip.ts';
export * from './journal.ts';
export * from './manifest.ts';
export * from './passphrase.ts';
export * from './projections.ts';
export * from './sections.ts';
export * from './verify.ts';
