// The `export` job through the real job runner (a worker thread with its own connection): who may
// start it, what it returns, a refusal said plainly, and the bundle it writes verifies.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { jobKind } from '../../services/jobs/registry.ts';
import '../../services/jobs/kinds.ts';
import { JobRunner } from '../../services/jobs/runner.ts';
import { PASSWORD } from '../../test/support/harness.ts';
import { createVariedCentre, type VariedCentre } from '../../test/support/varied-centre.ts';
import { EXPORT_ROLES } from './job.ts';
import { PASSPHRASE } from './test-support.ts';
import { verifyBundleAt } from './verify.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const WORKER = new URL('../../services/jobs/worker-tsx.mjs', import.meta.url);

let v: VariedCentre;
let runner: JobRunner;
let work: string;
const signIn = (username: string) => v.c.service.call('accounts.signIn', { username, password: PASSWORD }, null).token;

beforeAll(() => {
  v = createVariedCentre();
  work = mkdtempSync(join(tmpdir(), 'centre-export-job-'));
  runner = new JobRunner({ dbPath: v.c.path, workerFile: WORKER, clock: v.c.clock.now, modules: [], cancelGraceMs: 500 });
});
afterAll(async () => {
  await runner?.close();
  v?.c.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the export job', () => {
  it('is registered for the head of centre, registrars and inspectors', () => {
    expect(jobKind('export')?.access).toEqual({ roles: EXPORT_ROLES });
    expect([...EXPORT_ROLES].sort()).toEqual(['head_of_centre', 'inspector', 'registrar']);
  });

  it('writes a bundle that verifies, as the inspector who asked', async () => {
    const outDir = join(work, 'by-inspector');
    const { jobId } = runner.start('export', { outDir, passphrase: PASSPHRASE }, signIn('insp'));
    const done = await runner.settled(jobId);
    expect(done).toMatchObject({ state: 'done', done: 1000, total: 1000, result: { outDir, kind: 'inspection' } });
    const verdict = await verifyBundleAt(outDir, PASSPHRASE);
    expect(verdict.ok).toBe(true);
    expect(verdict.manifest!.exportedBy).toBe('insp');
  });

  it('is refused to a duty officer, and refuses a weak passphrase, writing nothing', async () => {
    const forbidden = await runner.settled(runner.start('export', { outDir: join(work, 'duty'), passphrase: PASSPHRASE }, signIn('duty')).jobId);
    expect(forbidden).toMatchObject({ state: 'failed', error: { kind: 'forbidden' } });
    const weak = await runner.settled(runner.start('export', { outDir: join(work, 'weak'), passphrase: 'too short' }, signIn('head')).jobId);
    expect(weak).toMatchObject({ state: 'failed', error: { kind: 'refused', code: 'input.invalid', reasons: [{ field: 'passphrase' }] } });
    expect(existsSync(join(work, 'duty'))).toBe(false);
    expect(existsSync(join(work, 'weak'))).toBe(false);
  });

  it('makes an HQ slice with `since`', async () => {
    const outDir = join(work, 'slice');
    const done = await runner.settled(runner.start('export', { outDir, passphrase: PASSPHRASE, since: 10 }, signIn('reg')).jobId);
    expect(done).toMatchObject({ state: 'done', result: { kind: 'hq-slice', from: { seq: 10 }, counts: { medicalNotes: 0 } } });
  });

  it('starts an HQ slice after the entry HQ last acknowledged, unless told otherwise', async () => {
    const first = await runner.settled(runner.start('export', { outDir: join(work, 'hq-1'), passphrase: PASSPHRASE, kind: 'hq-slice' }, signIn('head')).jobId);
    expect(first).toMatchObject({ state: 'done', result: { kind: 'hq-slice', from: { seq: 0 } } });
    const acked = (first.result as { head: { seq: number; hash: string } }).head;
    const centreId = v.c.db.prepare('SELECT centre_id FROM centre').pluck().get() as string;
    v.c.call('exports.acknowledgeHq', { centreId, seq: acked.seq, hash: acked.hash }, 'head');
    const next = await runner.settled(runner.start('export', { outDir: join(work, 'hq-2'), passphrase: PASSPHRASE, kind: 'hq-slice' }, signIn('head')).jobId);
    expect(next).toMatchObject({ state: 'done', result: { kind: 'hq-slice', from: acked, counts: { entries: 1 } } });
    expect(() => runner.start('export', { outDir: join(work, 'hq-3'), passphrase: PASSPHRASE, kind: 'inspection', since: 3 }, signIn('head'))).toThrow(/inspection bundle holds the whole journal/);
  });
});
