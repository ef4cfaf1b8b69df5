import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { createTestCentre, PASSWORD, type TestCentre } from '../../test/support/harness.ts';
import { ApiError } from '../errors.ts';
import { CentreService } from '../service.ts';
import { TEST_KINDS_MODULE } from './fixtures/test-kinds.ts';
import { jobRequest } from './requests.ts';
import { JobRunner } from './runner.ts';
import type { JobStatus } from './types.ts';

const WORKER = new URL('./worker-tsx.mjs', import.meta.url);

// Each job is a worker thread that loads the service under tsx (a few seconds, more while the
// whole suite runs in parallel), so these tests get more time than the default.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let centre: TestCentre;
let runner: JobRunner;
let head: string;
let inspector: string;

function signIn(username: string): string {
  return centre.service.call('accounts.signIn', { username, password: PASSWORD }, null).token;
}

function refusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

beforeAll(() => {
  centre = createTestCentre();
  // The worker's clock runs on from the runner's, so sessions made at the test clock's time are valid there.
  runner = new JobRunner({ dbPath: centre.path, workerFile: WORKER, clock: centre.clock.now, modules: [TEST_KINDS_MODULE], cancelGraceMs: 500 });
  head = signIn('head');
  inspector = signIn('insp');
});

afterAll(async () => {
  await runner.close();
  centre.close();
});

describe('job runner', () => {
  it('runs a job in a worker thread, reporting progress, and keeps its result', async () => {
    const started = runner.start('test.count', { to: 5, stepMs: 30 }, head);
    expect(started).toMatchObject({ kind: 'test.count', state: 'running', done: 0, cancelRequested: false });
    expect(started.jobId).toMatch(/^[0-9a-f-]{36}$/);
    // A worker under tsx takes a second or two to load the service before the job starts.
    const seen: JobStatus[] = [];
    for (let s = runner.status(started.jobId, head); s.state === 'running'; s = runner.status(started.jobId, head)) {
      seen.push(s);
      await new Promise((r) => setTimeout(r, 10));
    }
    const last = await runner.settled(started.jobId);
    expect(last).toMatchObject({ state: 'done', done: 5, total: 5, result: { counted: 5 } });
    // Progress was visible while it ran: some poll saw a part done.
    expect(seen.some((s) => s.state === 'running' && s.done > 0 && s.done < 5)).toBe(true);
  });

  it('cancels an awaiting job through its AbortSignal', async () => {
    const { jobId } = runner.start('test.count', { to: 1000, stepMs: 20 }, head);
    await new Promise((r) => setTimeout(r, 150));
    const asked = runner.cancel(jobId, head);
    expect(asked.cancelRequested).toBe(true);
    const last = await runner.settled(jobId);
    expect(last.state).toBe('cancelled');
    expect(last.done).toBeLessThan(1000);
  });

  it('cancels a job that keeps its thread busy at its next progress report', async () => {
    // A long grace period: stopping well within it shows progress() stopped the job, not terminate().
    const patient = new JobRunner({ dbPath: centre.path, workerFile: WORKER, clock: centre.clock.now, modules: [TEST_KINDS_MODULE], cancelGraceMs: 20_000 });
    const { jobId } = patient.start('test.busy', {}, head);
    while (patient.status(jobId, head).done === 0) await new Promise((r) => setTimeout(r, 10));
    const t0 = Date.now();
    patient.cancel(jobId, head);
    expect((await patient.settled(jobId)).state).toBe('cancelled');
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('terminates a job that neither awaits nor reports once the grace period is over', async () => {
    const { jobId } = runner.start('test.stubborn', {}, head);
    await new Promise((r) => setTimeout(r, 100));
    runner.cancel(jobId, head);
    expect((await runner.settled(jobId)).state).toBe('cancelled');
  });

  it('checks the session and the role in the worker, with the job’s own service', async () => {
    const ok = runner.start('test.head-only', {}, head);
    expect(await runner.settled(ok.jobId)).toMatchObject({ state: 'done', result: { username: 'head' } });
    const refused = runner.start('test.head-only', {}, inspector);
    expect(await runner.settled(refused.jobId)).toMatchObject({ state: 'failed', error: { kind: 'forbidden', code: 'auth.forbidden' } });
    const stale = runner.start('test.head-only', {}, 'not-a-session');
    expect(await runner.settled(stale.jobId)).toMatchObject({ state: 'failed', error: { kind: 'unauthenticated', code: 'auth.session_expired' } });
  });

  it('refuses at once: no session, an unknown kind, a bad input, a kind already running', async () => {
    expect(refusal(() => runner.start('test.count', { to: 1, stepMs: 0 }, null)).kind).toBe('unauthenticated');
    expect(refusal(() => runner.start('no.such', {}, head)).message).toMatch(/no job kind "no.such".*test.count/);
    expect(refusal(() => runner.start('test.count', { to: 'many' }, head)).kind).toBe('invalid_input');
    const first = runner.start('test.count', { to: 100, stepMs: 20 }, head);
    const busy = refusal(() => runner.start('test.count', { to: 1, stepMs: 0 }, head));
    expect(busy.reasons[0]).toMatchObject({ code: 'job.busy', params: { kind: 'test.count' } });
    runner.cancel(first.jobId, head);
    await runner.settled(first.jobId);
  });

  it('shows a job only to the session that started it', async () => {
    const { jobId } = runner.start('test.count', { to: 1, stepMs: 0 }, head);
    await runner.settled(jobId);
    expect(refusal(() => runner.status(jobId, inspector)).reasons[0]).toMatchObject({ code: 'job.not_found' });
    expect(refusal(() => runner.cancel(jobId, null)).kind).toBe('not_found');
    expect(runner.status(jobId, head).state).toBe('done');
  });
});

describe('job requests (both transports)', () => {
  it('answers in the ApiResponse shape and parses the body', async () => {
    const started = jobRequest(runner, 'start', { kind: 'test.count', input: { to: 2, stepMs: 0 }, session: head });
    expect(started.ok).toBe(true);
    const jobId = (started as { result: JobStatus }).result.jobId;
    await runner.settled(jobId);
    expect(jobRequest(runner, 'status', { jobId, session: head })).toMatchObject({ ok: true, result: { state: 'done' } });
    expect(jobRequest(runner, 'status', { jobId })).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect(jobRequest(runner, 'status', { jobId, session: head, extra: 1 })).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    expect(jobRequest(runner, 'restart', {})).toMatchObject({ ok: false, error: { message: expect.stringMatching(/unknown job action "restart"/) } });
  });
});

describe('seed job', () => {
  it('is refused once the centre is set up, before the seeder is loaded', async () => {
    const { jobId } = runner.start('seed', { persons: 10, years: 0.1 }, null);
    expect(await runner.settled(jobId)).toMatchObject({ state: 'failed', error: { code: 'centre.already_configured' } });
  });

  it('seeds a fresh database in a worker, with progress, without a session', async () => {
    const fresh = createTestCentre();
    // An empty database beside the test centre's: the seeder wants one with no centre.
    const path = `${fresh.dir}/fresh.db`;
    openDatabase(path).close();
    const seeder = new JobRunner({ dbPath: path, workerFile: WORKER, clock: fresh.clock.now });
    try {
      const { jobId } = seeder.start('seed', { persons: 20, years: 0.2, rngSeed: 7 }, null);
      const last = await seeder.settled(jobId);
      expect(last.state, JSON.stringify(last.error)).toBe('done');
      expect(last.result).toMatchObject({ persons: expect.any(Number), entries: expect.any(Number) });
      expect(last.done).toBe(last.total);
      const db = openDatabase(path);
      const view = new CentreService(db).call('centre.get', {}, null);
      db.close();
      expect(view.configured).toBe(true);
    } finally {
      await seeder.close();
      fresh.close();
    }
  });
});
