import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_KINDS_MODULE } from '../jobs/fixtures/test-kinds.ts';
import type { JobStatus } from '../jobs/types.ts';
import { startWebServer, type WebServer } from './server.ts';
import { postApi, SETUP_INPUT, tempSite, type TempSite } from './test-support.ts';

// Each job is a worker thread that loads the service under tsx (a few seconds, more while the
// whole suite runs in parallel), so these tests get more time than the default.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let site: TempSite;
let server: WebServer;
let session: string;

const job = async (action: string, body: unknown, token = server.token) => (await postApi(server.port, token, `/api/job/${action}`, body)).json();

async function until(jobId: string, done: (s: JobStatus) => boolean): Promise<JobStatus> {
  for (;;) {
    const r = await job('status', { jobId, session });
    expect(r.ok).toBe(true);
    if (done(r.result)) return r.result;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  site = tempSite();
  server = await startWebServer({ dataDir: site.dataDir, staticDir: site.staticDir, jobModules: [TEST_KINDS_MODULE] });
  const setup = await postApi(server.port, server.token, '/api/call', { method: 'centre.setup', input: SETUP_INPUT, session: null });
  session = setup.json().result.token;
});

afterAll(async () => {
  await server?.close();
  rmSync(site.root, { recursive: true, force: true });
});

describe('POST /api/job/*', () => {
  it('needs the launch token like every API request', async () => {
    const r = await postApi(server.port, 'wrong', '/api/job/start', { kind: 'test.count', input: { to: 1, stepMs: 0 }, session });
    expect(r.status).toBe(401);
  });

  it('starts a job, reports its progress and its result', async () => {
    const started = await job('start', { kind: 'test.count', input: { to: 4, stepMs: 40 }, session });
    expect(started).toMatchObject({ ok: true, result: { kind: 'test.count', state: 'running' } });
    const jobId = started.result.jobId as string;
    const partway = await until(jobId, (s) => s.done > 0 || s.state !== 'running');
    expect(partway.total).toBe(4);
    const last = await until(jobId, (s) => s.state !== 'running');
    expect(last).toMatchObject({ state: 'done', done: 4, total: 4, result: { counted: 4 } });
  });

  it('cancels a job', async () => {
    const started = await job('start', { kind: 'test.count', input: { to: 10_000, stepMs: 10 }, session });
    const jobId = started.result.jobId as string;
    await until(jobId, (s) => s.done > 0);
    expect(await job('cancel', { jobId, session })).toMatchObject({ ok: true, result: { cancelRequested: true } });
    expect((await until(jobId, (s) => s.state !== 'running')).state).toBe('cancelled');
  });

  it('refuses what it cannot run, in the API’s error shape', async () => {
    expect(await job('start', { kind: 'test.count', input: { to: 1, stepMs: 0 } })).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
    expect(await job('start', { kind: 'nothing', session })).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    expect(await job('status', { jobId: 'no-such-job', session })).toMatchObject({ ok: false, error: { reasons: [{ code: 'job.not_found' }] } });
    // A seed may start without a session (a fresh install has no accounts), but the worker finds
    // this centre set up and refuses. The job belongs to the session-less caller that started it.
    const seed = await job('start', { kind: 'seed', input: { persons: 5 }, session: null });
    const seedId = seed.result.jobId as string;
    expect(await job('status', { jobId: seedId, session })).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    let status = await job('status', { jobId: seedId, session: null });
    while (status.result.state === 'running') status = await job('status', { jobId: seedId, session: null });
    expect(status.result).toMatchObject({ state: 'failed', error: { code: 'centre.already_configured' } });
  });
});
