import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../db/connection.ts';
import type { JobRunner } from '../services/jobs/runner.ts';
import { CentreService } from '../services/service.ts';
import { SETUP_INPUT } from '../services/http/test-support.ts';
import { CALL_CHANNEL, JOB_CHANNEL } from './channels.ts';
import { registerIpc } from './ipc.ts';

const dir = mkdtempSync(join(tmpdir(), 'centre-ipc-'));
const db = openDatabase(join(dir, 'centre.db'));
const service = new CentreService(db);
const jobs = { start: vi.fn(), status: vi.fn(() => ({ jobId: 'j1', kind: 'seed', state: 'running', done: 0, total: 0, cancelRequested: false })), cancel: vi.fn() };
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

type Handler = (event: unknown, ...args: unknown[]) => unknown;
const handlers = new Map<string, Handler>();
registerIpc({ handle: (channel: string, handler: Handler) => handlers.set(channel, handler) } as never, { service, jobs: jobs as unknown as JobRunner });

const TOP = { senderFrame: { url: 'app://centre/index.html', parent: null } };
const UNTRUSTED = [
  { senderFrame: { url: 'app://centre/index.html', parent: { url: 'app://centre/index.html' } } },
  { senderFrame: { url: 'https://evil.example/', parent: null } },
  { senderFrame: { url: 'file:///tmp/x.html', parent: null } },
  { senderFrame: null },
];
const invoke = (channel: string, event: unknown, ...args: unknown[]) => handlers.get(channel)!(event, ...args);

describe('IPC', () => {
  it('registers exactly the two channels', () => {
    expect([...handlers.keys()].sort()).toEqual([CALL_CHANNEL, JOB_CHANNEL].sort());
    expect(CALL_CHANNEL).toBe('centre:call');
    expect(JOB_CHANNEL).toBe('centre:job');
  });

  it('refuses any sender but the top frame of app://centre, before running anything', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const event of UNTRUSTED) {
      expect(invoke(CALL_CHANNEL, event, 'centre.setup', SETUP_INPUT, null)).toMatchObject({
        ok: false,
        error: { kind: 'forbidden', reasons: [{ code: 'transport.forbidden' }] },
      });
      expect(invoke(JOB_CHANNEL, event, 'status', { jobId: 'j1', session: null })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
    error.mockRestore();
    expect(jobs.status).not.toHaveBeenCalled();
    expect(service.call('centre.get', {}, null).configured).toBe(false);
  });

  it('dispatches calls from our page to the service, which parses every input', () => {
    expect(invoke(CALL_CHANNEL, TOP, 'centre.get', {}, null)).toMatchObject({ ok: true, result: { configured: false } });
    const setup = invoke(CALL_CHANNEL, TOP, 'centre.setup', SETUP_INPUT, null) as { ok: true; result: { token: string } };
    expect(setup.ok).toBe(true);
    expect(invoke(CALL_CHANNEL, TOP, 'accounts.me', {}, setup.result.token)).toMatchObject({ ok: true, result: { username: 'head' } });
    expect(invoke(CALL_CHANNEL, TOP, 'accounts.me', { extra: true }, setup.result.token)).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    expect(invoke(CALL_CHANNEL, TOP, { not: 'a method' }, {}, null)).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
  });

  it('routes job requests to the runner', () => {
    expect(invoke(JOB_CHANNEL, TOP, 'status', { jobId: 'j1', session: 's' })).toMatchObject({ ok: true, result: { jobId: 'j1' } });
    expect(jobs.status).toHaveBeenCalledWith('j1', 's');
    expect(invoke(JOB_CHANNEL, TOP, 'explode', {})).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
  });
});
