// Fuzz of HQ import: 5,000 mutated slices (bytes flipped, cut, inserted or repeated in either file,
// manifest fields changed, files of another slice, and manifests re-signed with the centre's own key
// to start elsewhere, name another centre or carry another key) against an HQ that holds the
// centre's earlier slice. Each is refused with a reason, quickly, without an exception escaping, and
// HQ's database stays exactly as it was (a digest of every table, checked all along).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../domain/time.ts';
import type { Db } from '../../db/connection.ts';
import { openHqDatabase } from '../../db/hq/connection.ts';
import { bytesEqual, utf8 } from '../../bundle/format/bytes.ts';
import { envelopeText, parseEnvelope, signedManifestBytes, type Manifest } from '../../bundle/format/manifest.ts';
import type { BundleFiles } from '../../bundle/format/verify.ts';
import { exportBundle } from '../../bundle/node/export.ts';
import { memoCrypto } from '../../bundle/node/test-support.ts';
import { cut, duplicate, flip, insert, mutateManifest, rng, type Rng } from '../../test/support/mutations.ts';
import { createVariedCentre, type VariedCentre } from '../../test/support/varied-centre.ts';
import { keyFingerprint, newCentreKeys, signBytes } from '../keys.ts';
import { HqImporter } from './import.ts';
import { contentDigest, HQ_PASSPHRASE } from './test-support.ts';

vi.setConfig({ testTimeout: 600_000, hookTimeout: 120_000 });

const TIME_BOX_MS = 3000;
const RUNS = 5000;

let v: VariedCentre;
let other: VariedCentre;
let work: string;
let hqDb: Db;
let importer: HqImporter;
let second: BundleFiles;
let otherSlice: BundleFiles;
let privateSeed: string;
const crypto = memoCrypto();

async function sliceFiles(c: VariedCentre, dir: string, since: number): Promise<BundleFiles> {
  const r = await exportBundle(c.c.db, { outDir: join(work, dir), passphrase: HQ_PASSPHRASE, kind: 'hq-slice', since, exportedBy: 'head', clock: c.c.clock.now });
  const { readFileSync } = await import('node:fs');
  return { envelope: new Uint8Array(readFileSync(join(r.outDir, 'bundle.json'))), data: new Uint8Array(readFileSync(join(r.outDir, 'data.bin'))) };
}

beforeAll(async () => {
  v = createVariedCentre(1);
  other = createVariedCentre(0);
  work = mkdtempSync(join(tmpdir(), 'centre-hq-fuzz-'));
  const first = await sliceFiles(v, 'first', 0);
  const held = parseEnvelope(first.envelope).manifest.head.seq;
  // More history after the first slice: the second slice continues it.
  v.c.clock.advanceHours(2);
  for (let i = 0; i < 6; i++) v.c.call('persons.register', { familyName: `Fuzzov${i}`, givenNames: 'Test', sex: 'male', birthDate: '1990-01-01', status: 'irregular_migrant' });
  second = await sliceFiles(v, 'second', held);
  otherSlice = await sliceFiles(other, 'other', 0);
  privateSeed = v.c.db.prepare('SELECT private_seed FROM centre_keys').pluck().get() as string;
  hqDb = openHqDatabase(join(work, 'hq.db'));
  importer = new HqImporter(hqDb, { clock: fixedClock('2026-04-01T00:00:00Z'), operator: 'fuzz', crypto });
  expect((await importer.importFiles(first, 'first', { passphrase: HQ_PASSPHRASE })).result).toBe('imported');
});
afterAll(() => {
  hqDb?.close();
  v?.c.close();
  other?.c.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The manifest edited and signed again with the centre's own key (or `seed`), the data unchanged. */
function resigned(files: BundleFiles, edit: (m: Manifest) => Manifest, seed = privateSeed): BundleFiles {
  const m = edit(structuredClone(parseEnvelope(files.envelope).manifest));
  return { ...files, envelope: utf8(envelopeText(m, signBytes(seed, signedManifestBytes(m)))) };
}

const otherKeys = newCentreKeys();
const hex = (r: Rng) => Array.from({ length: 64 }, () => '0123456789abcdef'[r.int(16)]).join('');

type Mutation = (f: BundleFiles, r: Rng) => BundleFiles;
const env = (f: BundleFiles) => f.envelope as Uint8Array;
const MUTATIONS: [string, Mutation][] = [
  ['flip envelope', (f, r) => ({ ...f, envelope: flip(env(f), r) })],
  ['flip data', (f, r) => ({ ...f, data: flip(f.data, r) })],
  ['cut envelope', (f, r) => ({ ...f, envelope: cut(env(f), r) })],
  ['cut data', (f, r) => ({ ...f, data: cut(f.data, r) })],
  ['insert into envelope', (f, r) => ({ ...f, envelope: insert(env(f), r) })],
  ['insert into data', (f, r) => ({ ...f, data: insert(f.data, r) })],
  ['repeat in data', (f, r) => ({ ...f, data: duplicate(f.data, r) })],
  ['manifest field', (f, r) => ({ ...f, envelope: mutateManifest(env(f), r) })],
  ['manifest field twice', (f, r) => ({ ...f, envelope: mutateManifest(mutateManifest(env(f), r), r) })],
  ['other slice’s data', (f) => ({ ...f, data: otherSlice.data })],
  ['other slice’s manifest', (f) => ({ ...f, envelope: otherSlice.envelope })],
  ['flip both', (f, r) => ({ envelope: flip(env(f), r), data: flip(f.data, r) })],
  // Behind the signature, with the centre's own key: where the slice starts, whose it says it is.
  ['re-signed: starts later (gap)', (f, r) => resigned(f, (m) => ({ ...m, from: { ...m.from, seq: m.from.seq + 1 + r.int(50) } }))],
  ['re-signed: starts earlier', (f, r) => resigned(f, (m) => ({ ...m, from: { ...m.from, seq: Math.max(0, m.from.seq - 1 - r.int(5)) } }))],
  ['re-signed: another start hash (fork)', (f, r) => resigned(f, (m) => ({ ...m, from: { ...m.from, hash: hex(r) } }))],
  ['re-signed: another head', (f, r) => resigned(f, (m) => ({ ...m, head: r.int(2) ? { ...m.head, hash: hex(r) } : { ...m.head, seq: m.head.seq + 1 } }))],
  ['re-signed: another centre id', (f, r) => resigned(f, (m) => ({ ...m, centre: { ...m.centre, id: `centre-${r.int(1e6)}` } }))],
  ['re-signed: other counts', (f, r) => resigned(f, (m) => ({ ...m, counts: { ...m.counts, persons: m.counts.persons + 1 + r.int(3) } }))],
  ['signed by another key', (f) => resigned(f, (m) => ({ ...m, publicKey: otherKeys.publicKey, keyFingerprint: keyFingerprint(otherKeys.publicKey) }), otherKeys.privateSeed)],
  ['wrong passphrase', (f) => f],
];

describe('HQ import fuzz', () => {
  it(`refuses each of ${RUNS.toLocaleString('en')} mutated slices with a reason, quickly, changing nothing`, async () => {
    const r = rng(20261202);
    const before = contentDigest(hqDb);
    const byCode = new Map<string, number>();
    const byMutation = new Map<string, number>();
    let slowest = 0;
    for (let i = 0; i < RUNS; i++) {
      const [name, mutate] = MUTATIONS[i % MUTATIONS.length]!;
      let files = mutate(second, r);
      const passphrase = name === 'wrong passphrase' ? `${HQ_PASSPHRASE} (mistyped ${i % 3})` : HQ_PASSPHRASE;
      // A mutation that gives the same bytes back (a value replaced by itself) is no mutation.
      while (passphrase === HQ_PASSPHRASE && bytesEqual(env(files), env(second)) && bytesEqual(files.data, second.data)) files = mutate(second, r);
      const t0 = Date.now();
      const o = await importer.importFiles(files, `${name} #${i}`, { passphrase });
      const ms = Date.now() - t0;
      slowest = Math.max(slowest, ms);
      expect(ms, `${name} #${i}`).toBeLessThan(TIME_BOX_MS);
      expect(o.result, `${name} #${i}: ${o.message}`).toBe('refused');
      expect(o.message, `${name} #${i}`).toMatch(/\w{3,}/);
      expect(o.message).not.toMatch(/unexpected error/);
      byCode.set(o.reason!.code, (byCode.get(o.reason!.code) ?? 0) + 1);
      byMutation.set(name, (byMutation.get(name) ?? 0) + 1);
      if (i % 25 === 0) expect(contentDigest(hqDb), `after ${name} #${i}`).toBe(before);
    }
    expect(contentDigest(hqDb)).toBe(before);
    expect([...byMutation.values()].reduce((a, n) => a + n, 0)).toBe(RUNS);
    // The refusals reach every kind of check HQ makes before it writes.
    expect([...byCode.keys()].sort()).toEqual(['hq.fork_before', 'hq.gap', 'hq.key_differs', 'hq.verification_failed']);
    expect(slowest).toBeLessThan(TIME_BOX_MS);

    // And the slice itself still imports, with every entry it adds.
    const ok = await importer.importFiles(second, 'second', { passphrase: HQ_PASSPHRASE });
    expect(ok).toMatchObject({ result: 'imported', entriesAdded: 6 });
  });
});
