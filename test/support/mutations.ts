// Mutations for the fuzz tests of bundles and HQ slices (bundle/node/fuzz.test.ts,
// services/hq/fuzz.test.ts): a seeded random source, byte-level damage, and manifest fields changed
// while keeping the text JSON, so that a run can be repeated from its seed.

import { canonicalJson } from '../../domain/journal.ts';
import { concatBytes, utf8 } from '../../bundle/format/bytes.ts';

/** Deterministic: mulberry32. */
export function rng(seed: number) {
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
export type Rng = ReturnType<typeof rng>;

/** One to four bytes changed. */
export function flip(bytes: Uint8Array, r: Rng): Uint8Array {
  const copy = bytes.slice();
  for (let k = 1 + r.int(4); k > 0 && copy.length; k--) copy[r.int(copy.length)]! ^= 1 + r.int(255);
  return copy;
}

/** Cut short anywhere, down to nothing. */
export const cut = (bytes: Uint8Array, r: Rng) => bytes.slice(0, r.int(bytes.length));

/** One to sixteen random bytes put in anywhere. */
export function insert(bytes: Uint8Array, r: Rng): Uint8Array {
  const at = r.int(bytes.length + 1);
  const extra = Uint8Array.from({ length: 1 + r.int(16) }, () => r.int(256));
  return concatBytes([bytes.subarray(0, at), extra, bytes.subarray(at)]);
}

/** A piece of the file repeated somewhere in it. */
export function duplicate(bytes: Uint8Array, r: Rng): Uint8Array {
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

/** The envelope's JSON with one field removed, added, nudged, replaced or retyped (not signed again). */
export function mutateManifest(envelope: Uint8Array, r: Rng): Uint8Array {
  const json = JSON.parse(Buffer.from(envelope).toString('utf8')) as Record<string, unknown>;
  const path = r.pick(paths(json).filter((p) => p.length > 0));
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
      parent[key] = typeof value === 'number' ? value + (r.int(2) ? 1 : -1) : typeof value === 'string' ? `${value}A` : r.pick(REPLACEMENTS);
      break;
    case 3:
      parent[key] = r.pick(REPLACEMENTS);
      break;
    default:
      parent[key] = typeof value === 'string' ? value.toUpperCase() : Array.isArray(value) ? {} : [value];
  }
  return utf8(r.int(3) === 0 ? JSON.stringify(json, null, 2) : canonicalJson(json));
}

/**
 * `rounds` copies of a journal chunk of `entries` entries (bundle/format/journal.ts), each with one
 * to three bytes changed past its header of lengths: a quarter of them to a byte of `text`, so that
 * damage also lands inside multi-byte characters and JSON punctuation. The same copies for a seed.
 */
export function* damagedChunks(raw: Uint8Array, entries: number, seed: number, text: Uint8Array, rounds = 400): Generator<Uint8Array> {
  let s = seed;
  const next = (n: number) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s % n;
  };
  const header = 4 + 4 * entries;
  for (let round = 0; round < rounds; round++) {
    const copy = raw.slice();
    for (let k = 1 + next(3); k > 0; k--) {
      const i = header + next(copy.length - header);
      copy[i] = next(4) === 0 ? text[next(text.length)]! : next(256);
    }
    yield copy;
  }
}
