// @vitest-environment happy-dom
// Browser mode's transport: the launch token is read from the fragment once, kept for reloads, and
// removed from the address bar; every call and job request carries it; transport failures become
// reasons, and refusals come through whole (every reason, with its field and params).

import { describe, expect, it, vi } from 'vitest';
import { httpBridge, httpJobs, takeLaunchToken } from './http.ts';

function fakeStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

describe('the launch token', () => {
  it('is taken from #launch=…, kept, and stripped from the address bar', () => {
    const storage = fakeStorage();
    const replaceState = vi.fn();
    const token = takeLaunchToken({ hash: '#launch=abc123', pathname: '/', search: '' }, { replaceState }, storage);
    expect(token).toBe('abc123');
    expect(storage.getItem('centre.launch')).toBe('abc123');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/');
  });

  it('keeps the rest of the fragment (a route) when stripping', () => {
    const replaceState = vi.fn();
    takeLaunchToken({ hash: '#launch=t0k&/register', pathname: '/', search: '' }, { replaceState }, fakeStorage());
    expect(replaceState).toHaveBeenCalledWith(null, '', '/#/register');
  });

  it('after a reload (no fragment), comes from storage', () => {
    const storage = fakeStorage();
    storage.setItem('centre.launch', 'kept');
    const replaceState = vi.fn();
    expect(takeLaunchToken({ hash: '#/deadlines', pathname: '/', search: '' }, { replaceState }, storage)).toBe('kept');
    expect(replaceState).not.toHaveBeenCalled();
  });
});

describe('the HTTP bridge', () => {
  it('posts {method, input, session} with the token header and returns the API response', async () => {
    const fetchImpl = vi.fn(async (_url: string, _init: RequestInit) => new Response(JSON.stringify({ ok: true, result: { seq: 3 } })));
    const bridge = httpBridge('tok', fetchImpl);
    const r = await bridge.call('journal.head', {}, 'sess');
    expect(r).toEqual({ ok: true, result: { seq: 3 } });
    const [url, init] = fetchImpl.mock.calls[0]!;
    expect(url).toBe('/api/call');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['X-Centre-Launch']).toBe('tok');
    expect(JSON.parse(init.body as string)).toEqual({ method: 'journal.head', input: {}, session: 'sess' });
  });

  it('passes a refusal through as it is (with its reasons)', async () => {
    const body = { ok: false, error: { kind: 'refused', message: 'x', reasons: [{ code: 'room.full', field: 'roomId' }] } };
    const bridge = httpBridge('tok', async () => new Response(JSON.stringify(body), { status: 200 }));
    expect(await bridge.call('rooms.assign', {}, null)).toEqual(body);
  });

  it('turns a dead server and a non-JSON answer into reasons the UI can translate', async () => {
    const down = httpBridge('tok', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await down.call('journal.head', {}, null)).toMatchObject({ ok: false, error: { reasons: [{ code: 'transport.unreachable' }] } });
    const html = httpBridge('tok', async () => new Response('<html>', { status: 502 }));
    expect(await html.call('journal.head', {}, null)).toMatchObject({ ok: false, error: { reasons: [{ code: 'transport.http', params: { status: 502 } }] } });
  });
});

describe('the HTTP job client', () => {
  it('posts each action to /api/job/<action> with the token header and returns the API response', async () => {
    const running = { jobId: 'j1', kind: 'seed', state: 'running', done: 0, total: 0, cancelRequested: false };
    const fetchImpl = vi.fn(async (_url: string, _init: RequestInit) => new Response(JSON.stringify({ ok: true, result: running })));
    const jobs = httpJobs('tok', fetchImpl);
    expect(await jobs.start('seed', { persons: 5 }, null)).toEqual({ ok: true, result: running });
    await jobs.status('j1', 's');
    await jobs.cancel('j1', 's');
    expect(fetchImpl.mock.calls.map(([url, init]) => [url, JSON.parse(init.body as string)])).toEqual([
      ['/api/job/start', { kind: 'seed', input: { persons: 5 }, session: null }],
      ['/api/job/status', { jobId: 'j1', session: 's' }],
      ['/api/job/cancel', { jobId: 'j1', session: 's' }],
    ]);
    expect((fetchImpl.mock.calls[0]![1].headers as Record<string, string>)['X-Centre-Launch']).toBe('tok');
  });

  it('passes a refused start through with every reason, its field and its params', async () => {
    const body = {
      ok: false,
      error: {
        kind: 'invalid_input',
        message: 'invalid input',
        reasons: [
          { code: 'input.invalid', field: 'persons', params: { detail: 'Too big: expected number to be <=200000' } },
          { code: 'input.invalid', field: 'years', params: { detail: 'Too big: expected number to be <=50' } },
        ],
      },
    };
    const jobs = httpJobs('tok', async () => new Response(JSON.stringify(body), { status: 200 }));
    expect(await jobs.start('seed', { persons: 500000, years: 99 }, null)).toEqual(body);
  });

  it('turns a dead server, a refused token and a non-JSON answer into reasons the UI can translate', async () => {
    const down = httpJobs('tok', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await down.start('seed', {}, null)).toMatchObject({ ok: false, error: { kind: 'transport', reasons: [{ code: 'transport.unreachable' }] } });
    expect(await down.status('j1', null)).toMatchObject({ ok: false, error: { reasons: [{ code: 'transport.unreachable' }] } });
    const html = httpJobs('tok', async () => new Response('<html>', { status: 502 }));
    expect(await html.cancel('j1', null)).toMatchObject({ ok: false, error: { reasons: [{ code: 'transport.http', params: { status: 502 } }] } });
    const noToken = httpJobs(null, async () => new Response('forbidden', { status: 401 }));
    expect(await noToken.start('seed', {}, null)).toMatchObject({ ok: false, error: { reasons: [{ code: 'transport.launch_token' }] } });
  });
});
