// Fuzz: thousands of mutated bundles (byte flips, cuts, insertions, manifest fields changed, data of
// another bundle) must each be rejected with a reason, quickly, without an exception escaping. Then
// mutations behind the signature (a forger holding the centre's key): no crash, no hang, and an
// "intact" verdict only when what it vouches for (the journal, its head, the register) is unchanged.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../domain/journal.ts';
import { bytesEqual, concatBytes, utf8 } from '../format/bytes.ts';
import { verifyBundle, type BundleFiles, type Verdict } from '../format/verify.ts';
import { exportTestBundle, forge, memoCrypto, PASSPHRASE, type TestBundle } from './test-support.ts';
import { nodeVerifyOptions } from './verify.ts';

/** Deterministic: mulberry32. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}
type Rng = ReturnType<typeof rng>;

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

function flip(bytes: Uint8Array, r: Rng): Uint8Array {
  const copy = bytes.slice();
  for (let k = 1 + r.int(4); k > 0 && copy.length; k--) copy[r.int(copy.length)]! ^= 1 + r.int(255);
  return copy;
}
const cut = (bytes: Uint8Array, r: Rng) => bytes.slice(0, r.int(bytes.length));
function insert(bytes: Uint8Array, r: Rng): Uint8Array {
  const at = r.int(bytes.length + 1);
  const extra = Uint8Array.from({ length: 1 + r.int(16) }, () => r.int(256));
  return concatBytes([bytes.subarray(0, at), extra, bytes.subarray(at)]);
}
function duplicate(bytes: Uint8Array, r: Rng): Uint8Array {
  const from = r.int(bytes.length);
  const piece = bytes.slice(from, from + 1 + r.int(64));
  const at = r.int(bytes.length + 1);
  return concatBytes([bytes.subarray(0, at), piece, bytes.subarray(at)]);
}

/** Every path to a leaf (or object) of a JSON value. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  return [prefix, ...Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

const REPLACEMENTS: unknown[] = [null, 0, -1, 1.5, 1e308, 600_000, 599_999, '', 'x', 'AAAA', '0'.repeat(64), true, [], {}, 'inspection', 'hq-slice', 'data.bin'];

function mutateManifest(envelope: Uint8Array, r: Rng): Uint8Array {
  const json = JSON.parse(Buffer.from(envelope).toString('utf8')) as Record<string, unknown>;
  const all = paths(json).filter((p) => p.length > 0);
  const path = r.pick(all);
  let parent: Record<string, unknown> = json;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string, unknown>;
  const key = path[path.length - 1]!;
  const value = parent[key];
  switch (r.int(5)) {
    case 0:
      delete parent[key];
      break;
    case 1:
      parent[`${key}Extra`] = 1;
      break;
    case 2:
      parent[key] = typeof value === 'number' ? value + (r.int(2) ? 1 : -1) : typeof value === 'string' ? value + 'A' : r.pick(REPLACEMENTS);
      break;
    case 3:
      parent[key] = r.pick(REPLACEMENTS);
      break;
    default:
      parent[key] = typeof value === 'string' ? value.toUpperCase() : Array.isArray(value) ? {} : [value];
  }
  const text = r.int(3) === 0 ? JSON.stringify(json, null, 2) : canonicalJson(json);
  return utf8(text);
}

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
