// Fuzz: thousands of mutated bundles (byte flips, cuts, insertions, manifest fields changed, data of
// another bundle) must each be rejected with a reason, quickly, without an exception escaping. Then
// mutations behind the signature (a forger holding the centre's key): no crash, no hang, and an
// "intact" verdict only when what it vouches for (the journal, its head, the register) is unchanged.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesEqual } from '../format/bytes.ts';
import { cut, duplicate, flip, insert, mutateManifest, rng, type Rng } from '../../test/support/mutations.ts';
import { verifyBundle, type BundleFiles, type Verdict } from '../format/verify.ts';
import { exportTestBundle, forge, memoCrypto, PASSPHRASE, type TestBundle } from './test-support.ts';
import { nodeVerifyOptions } from './verify.ts';

const TIME_BOX_MS = 3000;

let b: TestBundle;
let other: TestBundle;
const crypto = memoCrypto();
beforeAll(async () => {
  [b, other] = await Promise.all([exportTestBundle({ rounds: 0 }), exportTestBundle({ rounds: 0 })]);
});
afterAll(() => {
  b?.cleanup();
  other?.cleanup();
});

type Mutation = (files: BundleFiles, r: Rng) => BundleFiles;
const env = (f: BundleFiles) => f.envelope as Uint8Array;
const MUTATIONS: [string, Mutation][] = [
  ['flip envelope', (f, r) => ({ ...f, envelope: flip(env(f), r) })],
  ['flip data', (f, r) => ({ ...f, data: flip(f.data, r) })],
  ['cut envelope', (f, r) => ({ ...f, envelope: cut(env(f), r) })],
  ['cut data', (f, r) => ({ ...f, data: cut(f.data, r) })],
  ['insert into envelope', (f, r) => ({ ...f, envelope: insert(env(f), r) })],
  ['insert into data', (f, r) => ({ ...f, data: insert(f.data, r) })],
  ['duplicate in data', (f, r) => ({ ...f, data: duplicate(f.data, r) })],
  ['manifest field', (f, r) => ({ ...f, envelope: mutateManifest(env(f), r) })],
  ['manifest field twice', (f, r) => ({ ...f, envelope: mutateManifest(mutateManifest(env(f), r), r) })],
  ['other bundle’s data', (f) => ({ ...f, data: other.files.data })],
  ['other bundle’s manifest', (f) => ({ ...f, envelope: other.files.envelope })],
  ['flip both', (f, r) => ({ envelope: flip(env(f), r), data: flip(f.data, r) })],
];

async function timed(files: BundleFiles, passphrase = PASSPHRASE): Promise<{ v: Verdict; ms: number }> {
  const t0 = Date.now();
  const v = await verifyBundle(files, passphrase, crypto, nodeVerifyOptions());
  return { v, ms: Date.now() - t0 };
}

describe('fuzz', () => {
  it('rejects each of 6,000 mutated bundles with a reason, quickly, without throwing', async () => {
    const r = rng(20261125);
    const byKind = new Map<string, number>();
    const byStep = new Map<string, number>();
    let slowest = 0;
    for (let i = 0; i < 6000; i++) {
      const [name, mutate] = MUTATIONS[i % MUTATIONS.length]!;
      let files = mutate(b.files, r);
      // A mutation that happens to give the same bytes back (a value replaced by itself) is no mutation.
      while (bytesEqual(env(files), env(b.files)) && bytesEqual(files.data, b.files.data)) files = mutate(b.files, r);
      const { v, ms } = await timed(files);
      slowest = Math.max(slowest, ms);
      expect(ms, `${name} #${i}`).toBeLessThan(TIME_BOX_MS);
      expect(v.ok, `${name} #${i} was accepted`).toBe(false);
      expect(v.failure?.message, `${name} #${i}`).toMatch(/\w{3,}/);
      expect(v.failure!.message).not.toMatch(/^unexpected error/);
      byKind.set(name, (byKind.get(name) ?? 0) + 1);
      byStep.set(v.failure!.step, (byStep.get(v.failure!.step) ?? 0) + 1);
    }
    expect([...byKind.values()].reduce((a, n) => a + n, 0)).toBe(6000);
    // The mutations reach more than one check.
    expect(Object.fromEntries(byStep)).toEqual({ envelope: expect.any(Number), signature: expect.any(Number), data: expect.any(Number) });
    expect(Math.min(...byStep.values())).toBeGreaterThan(10);
    expect(slowest).toBeLessThan(TIME_BOX_MS);
  });

  it('survives 600 mutations behind the signature, vouching only for what is unchanged', async () => {
    const r = rng(7);
    const original = await timed(b.files);
    expect(original.v.ok).toBe(true);
    const head = original.v.manifest!.head;
    const plainMutations: ((p: Uint8Array) => Uint8Array)[] = [
      (p) => flip(p, r),
      (p) => cut(p, r),
      (p) => insert(p, r),
      (p) => duplicate(p, r),
      // Only the journal's part of the data: the bytes after the container header.
      (p) => {
        const copy = p.slice();
        copy[4 + 1 + 7 + 4 + 8 + 10 + r.int(Math.min(4000, p.length - 40))]! ^= 1 << r.int(8);
        return copy;
      },
    ];
    let rejected = 0;
    for (let i = 0; i < 600; i++) {
      const files = await forge(b, crypto, plainMutations[i % plainMutations.length]!);
      const { v, ms } = await timed(files);
      expect(ms, `#${i}`).toBeLessThan(TIME_BOX_MS);
      if (v.ok) {
        expect(v.manifest!.head).toEqual(head);
        expect(v.content!.journal.headHash()).toBe(head.hash);
        expect(v.content!.tables!.persons.size).toBe(original.v.content!.tables!.persons.size);
      } else {
        expect(v.failure!.message).toMatch(/\w{3,}/);
        expect(v.failure!.message).not.toMatch(/^unexpected error/);
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(500);
  });
});
