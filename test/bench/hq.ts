// HQ import at scale (issue 4, bench): the seeded ten-year centre's journal as one HQ slice, imported
// into an empty HQ database (verified in full, stored, read models rebuilt), against raw
// better-sqlite3 prepared inserts of rows of the same size into a table of the same shape, same count,
// one transaction, same durability. Then a later slice of the same centre into that HQ database, by a
// fresh importer (it replays what HQ holds first): the cost of a routine import, reported.
//
//   runHqBench({ dbPath }) → lines; `met` is null for a figure without a target.

import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { toIso, toMs } from '../../domain/time.ts';
import { openDatabase } from '../../db/connection.ts';
import { openHqDatabase } from '../../db/hq/connection.ts';
import { exportBundle } from '../../bundle/node/export.ts';
import { FINDINGS_WORKER_ENTRY } from '../../bundle/node/findings-worker-entry.ts';
import { verifyBundleAt } from '../../bundle/node/verify.ts';
import { HqImporter } from '../../services/hq/import.ts';
import { STORE_WORKER_ENTRY } from '../../services/hq/store-worker-entry.ts';
import { CHUNK_WORKER_ENTRY } from '../../bundle/node/chunk-worker-entry.ts';
import { CentreService } from '../../services/service.ts';
import { SEED_ACCOUNTS } from '../../services/seed/seed.ts';
import type { BundleBenchLine } from './bundle.ts';

export interface HqBenchContext {
  /** The seeded centre (never written: a copy takes the later entries). */
  dbPath: string;
  workDir?: string;
}

const PASSPHRASE = 'bench passphrase agreed with HQ';
const LATER_ENTRIES = 2000;

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export async function runHqBench(ctx: HqBenchContext): Promise<BundleBenchLine[]> {
  const lines: BundleBenchLine[] = [];
  const add = (name: string, value: number, unit: string, target: string, met: boolean | null) => lines.push({ name, value, unit, target, met });
  const work = ctx.workDir ?? mkdtempSync(join(tmpdir(), 'centre-hq-bench-'));
  try {
    // The centre, copied: the later slice needs entries after the first.
    const copy = join(work, 'centre.db');
    copyFileSync(ctx.dbPath, copy);
    const centre = openDatabase(copy);
    const at = centre.prepare('SELECT max(recorded_time) FROM journal').pluck().get() as string;
    const exportAt = toMs(at) + 3_600_000;
    const first = await exportBundle(centre, { outDir: join(work, 'slice-1'), passphrase: PASSPHRASE, kind: 'hq-slice', since: 0, exportedBy: 'bench', clock: () => exportAt, findingsWorker: FINDINGS_WORKER_ENTRY });
    const entries = first.manifest.counts.entries;
    const avgInput = centre
      .prepare(
        "SELECT avg(length(CAST(seq || char(10) || event_time || char(10) || recorded_time || char(10) || actor || char(10) || type || char(10) || coalesce(corrects, '') || char(10) || prev_hash || char(10) || payload AS BLOB))) FROM journal",
      )
      .pluck()
      .get() as number;
    let t = exportAt;
    const service = new CentreService(centre, { clock: () => t });
    const registrar = { username: SEED_ACCOUNTS.registrar[0][0] };
    centre.transaction(() => {
      for (let i = 0; i < LATER_ENTRIES; i++) {
        t += 60_000;
        service.call('persons.register', { familyName: `Laterov${i}`, givenNames: 'Bench', sex: 'male', birthDate: '1990-01-01', status: 'irregular_migrant' }, registrar);
      }
    })();
    const second = await exportBundle(centre, { outDir: join(work, 'slice-2'), passphrase: PASSPHRASE, kind: 'hq-slice', since: first.manifest.head.seq, exportedBy: 'bench', clock: () => t + 60_000 });
    centre.close();
    gc();

    // 1. The whole journal into an empty HQ database.
    const hqPath = join(work, 'hq.db');
    const hq = openHqDatabase(hqPath);
    const clock = () => toMs(toIso(t + 120_000));
    let t0 = performance.now();
    const imported = await new HqImporter(hq, { clock, operator: 'bench', storeWorker: STORE_WORKER_ENTRY, chunkWorker: CHUNK_WORKER_ENTRY }).importPath(first.outDir, { passphrase: PASSPHRASE });
    const importSeconds = (performance.now() - t0) / 1000;
    if (imported.result !== 'imported') throw new Error(`HQ bench: the slice was not imported: ${imported.message}`);
    gc();

    // 2. A later slice, by an importer that replays what HQ holds first.
    t0 = performance.now();
    const later = await new HqImporter(hq, { clock, operator: 'bench', storeWorker: STORE_WORKER_ENTRY, chunkWorker: CHUNK_WORKER_ENTRY }).importPath(second.outDir, { passphrase: PASSPHRASE });
    const laterSeconds = (performance.now() - t0) / 1000;
    if (later.result !== 'imported') throw new Error(`HQ bench: the later slice was not imported: ${later.message}`);
    // What any import must do first, alone: verifyBundle in full (chain, replay, register digests).
    gc();
    t0 = performance.now();
    const verdict = await verifyBundleAt(first.outDir, PASSPHRASE, { chunkWorker: CHUNK_WORKER_ENTRY });
    const verifySeconds = (performance.now() - t0) / 1000;
    if (!verdict.ok) throw new Error(`HQ bench: the slice does not verify: ${verdict.failure?.message}`);
    gc();
    const report0 = performance.now();
    const { HqService } = await import('../../services/hq/service.ts');
    new HqService(hq, { clock, operator: 'bench' }).call('hq.report', {});
    const reportMs = performance.now() - report0;
    hq.close();
    for (const s of ['', '-wal', '-shm']) rmSync(hqPath + s, { force: true });
    gc();

    // 3. Raw: prepared inserts of rows of the same size into a table of the same shape, same count.
    const rawPath = join(work, 'raw.db');
    const raw = new Database(rawPath);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.exec('CREATE TABLE journal (entry_key INTEGER PRIMARY KEY, centre_no INTEGER NOT NULL, seq INTEGER NOT NULL, input BLOB NOT NULL, hash BLOB NOT NULL) STRICT');
    const insert = raw.prepare('INSERT INTO journal VALUES (?, ?, ?, ?, ?)');
    const input = Buffer.alloc(Math.round(avgInput), 'p');
    const hash = Buffer.alloc(32, 7);
    const rawRun = (from: number, count: number) =>
      raw.transaction(() => {
        for (let i = 0; i < count; i++) insert.run(2 ** 40 + from + i, 1, from + i, input, hash);
      })();
    rawRun(1, 1000);
    gc();
    t0 = performance.now();
    rawRun(1001, entries);
    const rawSeconds = (performance.now() - t0) / 1000;
    raw.close();
    for (const s of ['', '-wal', '-shm']) rmSync(rawPath + s, { force: true });

    const importRate = entries / importSeconds;
    const rawRate = entries / rawSeconds;
    add(`HQ import of the whole journal (${entries.toLocaleString('en-US')} entries)`, importSeconds, 's', '', null);
    add('HQ import: verify in full, store, read models', importRate, 'entries/s', '(see ratio)', null);
    add(`raw prepared inserts, same rows (${Math.round(avgInput)} B), one transaction`, rawRate, 'rows/s', '(baseline)', null);
    add('HQ import / raw inserts', (100 * importRate) / rawRate, '%', '>= 25 %', importRate / rawRate >= 0.25);
    add('  of which verifyBundle in full, alone', verifySeconds, 's', '', null);
    add('  verifyBundle alone / raw inserts', (100 * (entries / verifySeconds)) / rawRate, '%', '(ceiling)', null);
    add(`HQ import of a later slice (${LATER_ENTRIES} entries; replays what HQ holds)`, laterSeconds, 's', '', null);
    add('HQ report (national figures)', reportMs, 'ms', '', null);
    return lines;
  } finally {
    if (!ctx.workDir) rmSync(work, { recursive: true, force: true });
  }
}
