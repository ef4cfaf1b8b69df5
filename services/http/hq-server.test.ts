// The loopback server in HQ mode: HQ's app at /, HQ's API behind the same launch token, the centre's
// API absent, slices uploaded file by file and imported by the hq.import job on a worker thread, and
// the job kinds of one mode refused in the other.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportBundle } from '../../bundle/node/export.ts';
import { personInput } from '../../test/support/fixtures.ts';
import { createVariedCentre, type VariedCentre } from '../../test/support/varied-centre.ts';
import type { JobStatus } from '../jobs/types.ts';
import { HQ_PASSPHRASE } from '../hq/test-support.ts';
import { startWebServer, type WebServer } from './server.ts';
import { postApi, raw, tempSite, type TempSite } from './test-support.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let site: TempSite;
let server: WebServer;
let v: VariedCentre;
let slice: string;
let hqDb: string;

beforeAll(async () => {
  site = tempSite();
  writeFileSync(join(site.staticDir, 'hq.html'), '<!doctype html><title>Centre Register HQ</title>');
  hqDb = join(site.root, 'hq', 'hq.db');
  server = await startWebServer({ dataDir: site.dataDir, staticDir: site.staticDir, hq: { dbPath: hqDb, operator: 'analyst' } });
  v = createVariedCentre(0);
  slice = join(mkdtempSync(join(tmpdir(), 'centre-hq-web-')), 'slice');
  await exportBundle(v.c.db, { outDir: slice, passphrase: HQ_PASSPHRASE, kind: 'hq-slice', since: 0, exportedBy: 'head', clock: v.c.clock.now });
});
afterAll(async () => {
  await server?.close();
  v?.c.close();
  rmSync(site.root, { recursive: true, force: true });
});

const call = async (method: string, input: unknown = {}) => (await postApi(server.port, server.token, '/api/call', { method, input, session: null })).json();
const job = async (action: string, body: unknown) => (await postApi(server.port, server.token, `/api/job/${action}`, body)).json();
const upload = (name: string, body: Buffer, token = server.token) =>
  raw(server.port, { method: 'POST', path: '/api/hq/upload', headers: { 'x-centre-launch': token, 'x-file-name': encodeURIComponent(name), 'content-type': 'application/octet-stream' }, body });

async function settled(jobId: string): Promise<JobStatus> {
  for (;;) {
    const r = await job('status', { jobId, session: null });
    expect(r.ok).toBe(true);
    if (r.result.state !== 'running') return r.result;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('HQ mode', () => {
  it('serves HQ’s app at / and HQ’s API, not a centre’s', async () => {
    const page = await raw(server.port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Centre Register HQ');
    expect(await call('hq.centres')).toEqual({ ok: true, result: [] });
    expect(await call('centre.get')).toMatchObject({ ok: false, error: { kind: 'unknown_method', reasons: [{ code: 'api.unknown_method' }] } });
    const noToken = await upload('bundle.json', Buffer.from('{}'), 'f'.repeat(64));
    expect(noToken.status).toBe(401);
  });

  it('imports a slice uploaded as bundle.json and data.bin, and says so', async () => {
    const ids: string[] = [];
    for (const name of ['bundle.json', 'data.bin']) {
      const r = await upload(name, readFileSync(join(slice, name)));
      expect(r.status).toBe(200);
      expect(r.json().result).toMatchObject({ name, bytes: readFileSync(join(slice, name)).length });
      ids.push(r.json().result.uploadId);
    }
    const started = await job('start', { kind: 'hq.import', input: { passphrase: HQ_PASSPHRASE, uploads: ids }, session: null });
    expect(started.ok).toBe(true);
    const done = await settled(started.result.jobId);
    expect(done).toMatchObject({ state: 'done', result: { outcomes: [{ result: 'imported', source: 'bundle.json + data.bin', centreName: 'Test Centre' }] } });
    const centres = await call('hq.centres');
    expect(centres.result).toMatchObject([{ name: 'Test Centre', pinnedHow: 'first_import', pinnedBy: 'analyst' }]);
    expect((await call('hq.report')).result.centres).toHaveLength(1);
    // The uploads are gone once imported.
    const again = await job('start', { kind: 'hq.import', input: { passphrase: HQ_PASSPHRASE, uploads: ids }, session: null });
    expect((await settled(again.result.jobId)).result).toMatchObject({ outcomes: [{ result: 'refused', reason: { code: 'hq.unreadable' } }, { result: 'refused' }] });
  });

  it('imports an open-me.html and a folder on HQ’s machine: already held, each said', async () => {
    const html = await upload('open-me.html', readFileSync(join(slice, 'open-me.html')));
    const started = await job('start', { kind: 'hq.import', input: { passphrase: HQ_PASSPHRASE, uploads: [html.json().result.uploadId], paths: [slice] }, session: null });
    const done = await settled(started.result.jobId);
    expect((done.result as { outcomes: { result: string; source: string }[] }).outcomes.map((o) => [o.source, o.result])).toEqual([
      [slice, 'already_held'],
      ['open-me.html', 'already_held'],
    ]);
  });

  it('imports slices given out of order in the order of their entries', async () => {
    const later: string[] = [];
    for (const name of ['Laterova', 'Laterov']) {
      const since = v.c.call('journal.head', {}).seq;
      v.c.call('persons.register', personInput({ familyName: name }));
      const dir = join(mkdtempSync(join(tmpdir(), 'centre-hq-web-')), 'later');
      await exportBundle(v.c.db, { outDir: dir, passphrase: HQ_PASSPHRASE, kind: 'hq-slice', since, exportedBy: 'head', clock: v.c.clock.now });
      later.push(dir);
    }
    const started = await job('start', { kind: 'hq.import', input: { passphrase: HQ_PASSPHRASE, paths: [later[1], later[0]] }, session: null });
    const done = await settled(started.result.jobId);
    expect((done.result as { outcomes: { result: string; source: string }[] }).outcomes.map((o) => [o.source, o.result])).toEqual([
      [later[0], 'imported'],
      [later[1], 'imported'],
    ]);
  });

  it('refuses a centre’s job kinds, and a bad input at once', async () => {
    expect(await job('start', { kind: 'export', input: { outDir: '/tmp/x', passphrase: HQ_PASSPHRASE }, session: null })).toMatchObject({ ok: false, error: { reasons: [{ field: 'kind' }] } });
    expect(await job('start', { kind: 'hq.import', input: { passphrase: HQ_PASSPHRASE }, session: null })).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
  });
});
