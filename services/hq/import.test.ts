// HQ import with slices of two seeded centres: national figures against counts made from the centres'
// own registers; a slice already held is a no-op; an overlapping slice adds only what is new; a gap,
// a fork, another key and a key registered ahead under another fingerprint are refused, each with its
// reason, leaving HQ's database exactly as it was.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixedClock, toIso, toMs } from '../../domain/time.ts';
import type { Db } from '../../db/connection.ts';
import { openHqDatabase } from '../../db/hq/connection.ts';
import { HQ_FIGURE_KEYS } from '../../db/hq/report.ts';
import { newCentreKeys, keyFingerprint } from '../keys.ts';
import { CentreService } from '../service.ts';
import { SEED_ACCOUNTS } from '../seed/seed.ts';
import { HqImporter } from './import.ts';
import { HqService } from './service.ts';
import { STORE_WORKER_ENTRY } from './store-worker-entry.ts';
import { CHUNK_WORKER_ENTRY } from '../../bundle/node/chunk-worker-entry.ts';
import { contentDigest, copyCentre, EXPORT_AT, exportSlice, HQ_PASSPHRASE, independentFigures, presentAt, seededCentre, type SeededCentre } from './test-support.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

let a: SeededCentre;
let b: SeededCentre;
let work: string;
const clock = fixedClock('2026-11-20T09:00:00.000Z');

beforeAll(() => {
  a = seededCentre(11);
  b = seededCentre(12);
  work = mkdtempSync(join(tmpdir(), 'centre-hq-import-'));
});
afterAll(() => {
  a?.close();
  b?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

function hq(name: string): { db: Db; importer: HqImporter; service: HqService } {
  const db = openHqDatabase(join(work, `${name}.db`));
  return { db, importer: new HqImporter(db, { clock, operator: 'analyst' }), service: new HqService(db, { clock, operator: 'analyst' }) };
}

const head = (db: Db) => db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
const centreId = (db: Db) => db.prepare('SELECT centre_id FROM centre').pluck().get() as string;
const REGISTRAR = { username: SEED_ACCOUNTS.registrar[0][0] };

/** Appends `n` entries to a centre (people registered an hour apart, after its history). */
function addEntries(c: SeededCentre, n: number, familyName: string, startMs = toMs(EXPORT_AT) + 3_600_000): void {
  let t = startMs;
  const service = new CentreService(c.db, { clock: () => t });
  for (let i = 0; i < n; i++) {
    t += 3_600_000;
    service.call('persons.register', { familyName: `${familyName}${i}`, givenNames: 'Test', sex: 'male', birthDate: '1990-01-01', status: 'irregular_migrant' }, REGISTRAR);
  }
}

let sliceNo = 0;
const slice = async (c: SeededCentre, since: number, at?: string) => (await exportSlice(c.db, join(work, `slice-${++sliceNo}`), since, at)).outDir;

describe('HQ import of two seeded centres', () => {
  it('imports whole slices and reports national figures equal to the centres’ own counts', async () => {
    const { db, importer, service } = hq('national');
    const outcomes = [await importer.importPath(await slice(a, 0), { passphrase: HQ_PASSPHRASE }), await importer.importPath(await slice(b, 0), { passphrase: HQ_PASSPHRASE })];
    expect(outcomes.map((o) => [o.result, o.entriesAdded])).toEqual([
      ['imported', head(a.db).seq],
      ['imported', head(b.db).seq],
    ]);
    expect(outcomes[0]!.receipt).toMatchObject({ centreId: centreId(a.db), seq: head(a.db).seq, hash: head(a.db).hash, importedAt: toIso(clock()) });

    // HQ holds each journal exactly: every entry's hash as the centre has it.
    for (const c of [a, b]) {
      const ours = c.db.prepare('SELECT seq, hash FROM journal ORDER BY seq').raw().all() as [number, string][];
      const no = db.prepare('SELECT centre_no FROM hq_centres WHERE centre_id = ?').pluck().get(centreId(c.db)) as number;
      const held = (db.prepare('SELECT seq, hash FROM hq_journal WHERE centre_no = ? ORDER BY seq').raw().all(no) as [number, Buffer][]).map(([s, h]) => [s, h.toString('hex')]);
      expect(held).toEqual(ours);
    }

    const report = service.call('hq.report', {});
    expect(report.centres.map((c) => c.centreId).sort()).toEqual([centreId(a.db), centreId(b.db)].sort());
    const expected = { [centreId(a.db)]: independentFigures(a.db, EXPORT_AT), [centreId(b.db)]: independentFigures(b.db, EXPORT_AT) };
    for (const c of report.centres) {
      const want = expected[c.centreId]!;
      expect(c.asOf).toBe(EXPORT_AT);
      for (const k of HQ_FIGURE_KEYS) expect(c[k], `${k} of ${c.centreId}`).toBe(want[k]);
      // A seeded centre has something in each figure that matters, so equal is not equal at zero.
      for (const k of ['population', 'placements', 'minorsAdmitted', 'staysPastLimit', 'findingsCurrent', 'traffickingReferrals'] as const) expect(c[k], k).toBeGreaterThan(0);
      for (const row of report.byBasis.filter((r) => r.centreId === c.centreId)) {
        const w = want.byBasis.get(row.basis)!;
        expect(row.placements, row.basis).toBe(w.placements);
        expect(row.ended, row.basis).toBe(w.ended);
        expect(row.staysPastLimit, row.basis).toBe(w.pastLimit);
        if (w.meanHours === null) expect(row.meanHours).toBeNull();
        else {
          expect(row.meanHours!).toBeCloseTo(w.meanHours, 0);
          expect(row.longestHours!).toBeCloseTo(w.longestHours!, 0);
        }
      }
      expect(report.byBasis.filter((r) => r.centreId === c.centreId).reduce((n, r) => n + r.placements, 0)).toBe(want.placements);
    }
    for (const k of HQ_FIGURE_KEYS) expect(report.national[k], k).toBe(report.centres.reduce((n, c) => n + c[k], 0));

    // Population over time: the start of each month in Baku (UTC+4 all year), counted from the placements.
    for (const series of report.populationSeries.byCentre) {
      const centre = series.centreId === centreId(a.db) ? a : b;
      report.populationSeries.months.forEach((month, i) => {
        const [y, m] = month.split('-').map(Number) as [number, number];
        const v = series.values[i];
        if (v !== null) expect(v, `${series.name} ${month}`).toBe(presentAt(centre.db, Date.UTC(y, m - 1, 1) - 4 * 3_600_000));
      });
    }
    expect(report.populationSeries.national.some((n) => n > 0)).toBe(true);
    // The distribution holds every ended stay once.
    const ended = [...Object.values(expected)].flatMap((f) => [...f.byBasis.entries()]).reduce((m, [basis, f]) => m.set(basis, (m.get(basis) ?? 0) + f.ended), new Map<string, number>());
    for (const row of report.stayLengths.byBasis) expect(row.total, row.basis).toBe(ended.get(row.basis));
    db.close();
  });

  it('says a slice it already holds adds nothing, and changes nothing', async () => {
    const { db, importer } = hq('again');
    const dir = await slice(a, 0);
    expect((await importer.importPath(dir, { passphrase: HQ_PASSPHRASE })).result).toBe('imported');
    const before = contentDigest(db);
    const again = await new HqImporter(db, { clock: fixedClock('2026-12-01T00:00:00Z'), operator: 'someone else' }).importPath(dir, { passphrase: HQ_PASSPHRASE });
    expect(again).toMatchObject({ result: 'already_held', entriesAdded: 0, reason: { code: 'hq.already_held' } });
    expect(again.message).toMatch(/already holds .* up to entry \d+/);
    expect(again.receipt?.seq).toBe(head(a.db).seq);
    expect(contentDigest(db)).toBe(before);
    db.close();
  });

  it('refuses a slice exported before the one it holds (a clock set back), and changes nothing', async () => {
    const c = copyCentre(a);
    try {
      const { db, importer } = hq('backwards');
      const t = (hours: number) => toIso(toMs(EXPORT_AT) + hours * 3_600_000);
      expect((await importer.importPath(await slice(c, 0, t(10)), { passphrase: HQ_PASSPHRASE })).result).toBe('imported');
      const held = head(c.db).seq;
      addEntries(c, 2, 'Backwardov', toMs(EXPORT_AT)); // recorded at +1 h and +2 h
      const before = contentDigest(db);
      const back = await importer.importPath(await slice(c, held, t(5)), { passphrase: HQ_PASSPHRASE });
      expect(back).toMatchObject({ result: 'refused', reason: { code: 'hq.exported_before_held', params: { exportedAt: t(5), heldExportedAt: t(10) } } });
      expect(contentDigest(db)).toBe(before);
      db.close();
    } finally {
      c.close();
    }
  });

  it('imports only the new entries of a slice that overlaps, and refuses a gap', async () => {
    const c = copyCentre(a);
    try {
      const { db, importer, service } = hq('overlap');
      const first = head(c.db).seq;
      expect((await importer.importPath(await slice(c, 0), { passphrase: HQ_PASSPHRASE })).result).toBe('imported');
      addEntries(c, 5, 'Overlapov');
      const later = toIso(toMs(EXPORT_AT) + 30 * 3_600_000);
      // Starting ten entries before what HQ holds: those ten must match, five are new.
      const overlapping = await importer.importPath(await slice(c, first - 10, later), { passphrase: HQ_PASSPHRASE });
      expect(overlapping).toMatchObject({ result: 'imported', entriesAdded: 5, fromSeq: first - 10, headSeq: first + 5 });
      expect(service.call('hq.centres', {})[0]!.head).toEqual(head(c.db));
      expect(service.call('hq.imports', {}).map((i) => [i.fromSeq, i.headSeq, i.entriesAdded])).toEqual([
        [first - 10, first + 5, 5],
        [0, first, first],
      ]);

      addEntries(c, 3, 'Gapov', toMs(later) + 3_600_000);
      const before = contentDigest(db);
      const gap = await importer.importPath(await slice(c, first + 6, toIso(toMs(later) + 10 * 3_600_000)), { passphrase: HQ_PASSPHRASE });
      expect(gap).toMatchObject({ result: 'refused', reason: { code: 'hq.gap', params: { held: first + 5, from: first + 6 } } });
      expect(gap.message).toMatch(new RegExp(`up to entry ${first + 5}, and this slice starts after entry ${first + 6}`));
      expect(contentDigest(db)).toBe(before);
      db.close();
    } finally {
      c.close();
    }
  });

  it('refuses a fork: a slice whose history differs from what HQ holds', async () => {
    const left = copyCentre(b);
    const right = copyCentre(b);
    try {
      const { db, importer } = hq('fork');
      const n = head(b.db).seq;
      addEntries(left, 4, 'Leftov');
      addEntries(right, 4, 'Rightov');
      expect((await importer.importPath(await slice(left, 0), { passphrase: HQ_PASSPHRASE })).result).toBe('imported');
      const before = contentDigest(db);
      // Starts where both agree (entry n), then differs from entry n + 1.
      const fork = await importer.importPath(await slice(right, n), { passphrase: HQ_PASSPHRASE });
      expect(fork).toMatchObject({ result: 'refused', reason: { code: 'hq.fork', params: { seq: n + 1 } } });
      // Starts on an entry HQ holds differently.
      const forkBefore = await importer.importPath(await slice(right, n + 2), { passphrase: HQ_PASSPHRASE });
      expect(forkBefore).toMatchObject({ result: 'refused', reason: { code: 'hq.fork_before', params: { seq: n + 2 } } });
      expect(contentDigest(db)).toBe(before);
      db.close();
    } finally {
      left.close();
      right.close();
    }
  });

  it('stores a large slice on a thread of its own while verifying it, and keeps nothing of one refused late', async () => {
    const left = copyCentre(a);
    const right = copyCentre(a);
    try {
      const db = openHqDatabase(join(work, 'threaded.db'));
      const importer = new HqImporter(db, { clock, operator: 'analyst', storeWorker: STORE_WORKER_ENTRY, storeWorkerMinEntries: 1 });
      const n = head(a.db).seq;
      addEntries(left, 3, 'Leftov');
      addEntries(right, 6, 'Rightov');
      const first = await importer.importPath(await slice(left, 0), { passphrase: HQ_PASSPHRASE });
      expect(first).toMatchObject({ result: 'imported', entriesAdded: n + 3 });
      const no = db.prepare('SELECT centre_no FROM hq_centres').pluck().get() as number;
      const held = (db.prepare('SELECT seq, hash FROM hq_journal WHERE centre_no = ? ORDER BY seq').raw().all(no) as [number, Buffer][]).map(([q, h]) => [q, h.toString('hex')]);
      expect(held).toEqual(left.db.prepare('SELECT seq, hash FROM journal ORDER BY seq').raw().all());
      const report = new HqService(db, { clock, operator: 'analyst' }).call('hq.report', {});
      expect(report.centres[0]!.population).toBe(independentFigures(left.db, EXPORT_AT).population);
      // Verified in full, then found to fork from what HQ holds: the entries the thread had already
      // stored after HQ's head (n + 4 … n + 6) are rolled back with everything else.
      const before = contentDigest(db);
      const fork = await importer.importPath(await slice(right, n), { passphrase: HQ_PASSPHRASE });
      expect(fork).toMatchObject({ result: 'refused', reason: { code: 'hq.fork', params: { seq: n + 1 } } });
      expect(contentDigest(db)).toBe(before);
      db.close();
    } finally {
      left.close();
      right.close();
    }
  });

  it('verifies on the chunk workers (rights rows kept aside), and a later slice checks them against what it holds', async () => {
    const left = copyCentre(a);
    try {
      const db = openHqDatabase(join(work, 'chunk-workers.db'));
      const importer = new HqImporter(db, { clock, operator: 'analyst', chunkWorker: CHUNK_WORKER_ENTRY, chunkWorkerMinEntries: 1 });
      const n = head(a.db).seq;
      expect(a.db.prepare('SELECT count(*) FROM rights').pluck().get()).toBeGreaterThan(0);
      const first = await importer.importPath(await slice(left, 0), { passphrase: HQ_PASSPHRASE });
      expect(first).toMatchObject({ result: 'imported', entriesAdded: n });
      addEntries(left, 4, 'Laterov');
      // The base is the first import's replay, whose rights rows were kept aside: they are built now.
      const later = await importer.importPath(await slice(left, n), { passphrase: HQ_PASSPHRASE });
      expect(later).toMatchObject({ result: 'imported', entriesAdded: 4 });
      const report = new HqService(db, { clock, operator: 'analyst' }).call('hq.report', {});
      expect(report.centres[0]!.population).toBe(independentFigures(left.db, EXPORT_AT).population);
      db.close();
    } finally {
      left.close();
    }
  });

  it('refuses a slice signed by another key than the one pinned at the first import', async () => {
    const other = copyCentre(a);
    try {
      const keys = newCentreKeys();
      // A centre database whose signing key was swapped: its slices are signed by the new key.
      other.db.prepare('UPDATE centre_keys SET public_key = ?, private_seed = ?').run(keys.publicKey, keys.privateSeed);
      other.db.prepare('UPDATE centre SET public_key = ?, key_fingerprint = ?').run(keys.publicKey, keyFingerprint(keys.publicKey));
      const { db, importer } = hq('other-key');
      expect((await importer.importPath(await slice(a, 0), { passphrase: HQ_PASSPHRASE })).result).toBe('imported');
      const before = contentDigest(db);
      const r = await importer.importPath(await slice(other, 0), { passphrase: HQ_PASSPHRASE });
      expect(r).toMatchObject({ result: 'refused', reason: { code: 'hq.key_differs', params: { how: 'first_import', given: `${keyFingerprint(keys.publicKey).slice(0, 16)}…` } } });
      expect(contentDigest(db)).toBe(before);
      db.close();
    } finally {
      other.close();
    }
  });

  it('honours a key registered ahead, and refuses a slice under another key', async () => {
    const publicKey = b.db.prepare('SELECT public_key FROM centre').pluck().get() as string;
    const ok = hq('registered');
    expect(ok.service.call('hq.registerKey', { centreId: centreId(b.db), publicKey, note: 'key read at installation' })).toEqual({ centreId: centreId(b.db), keyFingerprint: keyFingerprint(publicKey) });
    expect((await ok.importer.importPath(await slice(b, 0), { passphrase: HQ_PASSPHRASE })).result).toBe('imported');
    expect(ok.service.call('hq.centres', {})[0]).toMatchObject({ pinnedHow: 'registered', pinnedBy: 'analyst', note: 'key read at installation', publicKey, head: head(b.db) });
    // Once the journal is held, the key stays.
    expect(() => ok.service.call('hq.registerKey', { centreId: centreId(b.db), fingerprint: 'a'.repeat(64) })).toThrow(/cannot be replaced/);
    ok.db.close();

    const wrong = hq('registered-wrong');
    // The id typed in capitals still names the centre: its key is pinned, not the slice's taken on trust.
    const typed = centreId(b.db).toUpperCase();
    expect(wrong.service.call('hq.registerKey', { centreId: typed, fingerprint: 'ab'.repeat(32) }).centreId).toBe(centreId(b.db));
    const before = contentDigest(wrong.db);
    const r = await wrong.importer.importPath(await slice(b, 0), { passphrase: HQ_PASSPHRASE });
    expect(r).toMatchObject({ result: 'refused', reason: { code: 'hq.key_differs', params: { how: 'registered', pinned: 'abababababababab…' } } });
    expect(contentDigest(wrong.db)).toBe(before);
    expect(() => wrong.service.call('hq.registerKey', { centreId: 'X1', publicKey: 'not a key' })).toThrow(/32-byte Ed25519/);
    wrong.db.close();
  });

  it('refuses an inspection bundle, a wrong passphrase and a first slice that does not start at the beginning', async () => {
    const { db, importer } = hq('misc');
    const before = contentDigest(db);
    const { exportBundle } = await import('../../bundle/node/export.ts');
    const inspection = (await exportBundle(a.db, { outDir: join(work, 'inspection'), passphrase: HQ_PASSPHRASE, kind: 'inspection', exportedBy: 'head', clock: () => toMs(EXPORT_AT) })).outDir;
    expect(await importer.importPath(inspection, { passphrase: HQ_PASSPHRASE })).toMatchObject({ result: 'refused', reason: { code: 'hq.not_a_slice' } });
    const whole = await slice(a, 0);
    expect(await importer.importPath(whole, { passphrase: 'not the agreed passphrase' })).toMatchObject({ result: 'refused', reason: { code: 'hq.verification_failed', params: { step: 'decryption' } } });
    expect(await importer.importPath(await slice(a, 40), { passphrase: HQ_PASSPHRASE })).toMatchObject({ result: 'refused', reason: { code: 'hq.gap', params: { held: 0, from: 40 } } });
    expect(await importer.importPath(join(work, 'nothing-here'), { passphrase: HQ_PASSPHRASE })).toMatchObject({ result: 'refused', reason: { code: 'hq.unreadable' } });
    expect(contentDigest(db)).toBe(before);
    db.close();
  });

  it('gives a receipt that the centre records, so that its next slice starts after it', async () => {
    const c = copyCentre(a);
    try {
      const { db, importer } = hq('receipt');
      const r = await importer.importPath(await slice(c, 0), { passphrase: HQ_PASSPHRASE });
      const service = new CentreService(c.db, { clock: () => toMs(EXPORT_AT) + 7_200_000 });
      const asHead = { username: SEED_ACCOUNTS.head_of_centre[0][0] };
      const receipt = r.receipt!;
      service.call('exports.acknowledgeHq', { centreId: receipt.centreId, seq: receipt.seq, hash: receipt.hash, importedAt: receipt.importedAt }, asHead);
      expect(service.call('exports.status', {}, asHead)).toMatchObject({ nextSliceSince: receipt.seq, pendingEntries: 1, hqAcknowledged: { seq: receipt.seq, hash: receipt.hash, by: asHead.username } });
      // The acknowledgement is itself an entry: the next slice carries it, and imports.
      const next = await importer.importPath(await slice(c, receipt.seq, toIso(toMs(EXPORT_AT) + 9_000_000)), { passphrase: HQ_PASSPHRASE });
      expect(next).toMatchObject({ result: 'imported', entriesAdded: 1 });
      db.close();
    } finally {
      c.close();
    }
  });
});
