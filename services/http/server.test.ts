import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileClock } from './clock-file.ts';
import { CONTENT_SECURITY_POLICY } from './security-headers.ts';
import { BODY_LIMIT, startWebServer, type WebServer } from './server.ts';
import { postApi, raw, SETUP_INPUT, tempSite, type TempSite } from './test-support.ts';

let site: TempSite;
let server: WebServer;
let clockPath: string;

beforeAll(async () => {
  site = tempSite();
  clockPath = join(site.root, 'clock.txt');
  writeFileSync(clockPath, '2026-03-01T08:00:00Z');
  server = await startWebServer({ dataDir: site.dataDir, staticDir: site.staticDir, port: 0, clock: fileClock(clockPath) });
});

afterAll(async () => {
  await server?.close();
  rmSync(site.root, { recursive: true, force: true });
});

const call = (method: string, input: unknown = {}, session: string | null = null, headers: Record<string, string> = {}) =>
  postApi(server.port, server.token, '/api/call', { method, input, session }, headers);

describe('the launch address', () => {
  it('is the loopback address, a random port and a 32-byte token in the fragment', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#launch=${server.token}`);
  });

  it('gives every launch its own token', async () => {
    const other = await startWebServer({ dataDir: join(site.root, 'other'), staticDir: site.staticDir });
    try {
      expect(other.token).not.toBe(server.token);
      expect(other.port).not.toBe(server.port);
    } finally {
      await other.close();
    }
  });
});

describe('POST /api/call', () => {
  it('refuses a call without the launch token, or with a wrong one, with 401 and nothing run', async () => {
    for (const headers of [{ 'x-centre-launch': '' }, { 'x-centre-launch': 'f'.repeat(64) }, { 'x-centre-launch': server.token.slice(0, 10) }]) {
      const r = await call('centre.get', {}, null, headers);
      expect(r.status).toBe(401);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      expect(r.json()).toMatchObject({ ok: false, error: { kind: 'unauthenticated', reasons: [{ code: 'transport.launch_token' }] } });
    }
    const none = await raw(server.port, { method: 'POST', path: '/api/call', body: JSON.stringify({ method: 'centre.get' }) });
    expect(none.status).toBe(401);
  });

  it('runs real calls with the token: centre.get, centre.setup, then accounts.me with the session', async () => {
    const before = await call('centre.get');
    expect(before.status).toBe(200);
    expect(before.json()).toEqual({ ok: true, result: expect.objectContaining({ configured: false }) });

    const setup = await call('centre.setup', SETUP_INPUT);
    expect(setup.json()).toMatchObject({ ok: true, result: { account: { username: 'head', role: 'head_of_centre' } } });
    const session = setup.json().result.token as string;

    const me = await call('accounts.me', {}, session);
    expect(me.json()).toMatchObject({ ok: true, result: { username: 'head' } });
    expect(me.headers['cache-control']).toBe('no-store');

    // A refused call is still HTTP 200: the status speaks for the transport, ok:false for the API.
    const anonymous = await call('accounts.me');
    expect(anonymous.status).toBe(200);
    expect(anonymous.json()).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
    const unknown = await call('no.such');
    expect(unknown.json()).toMatchObject({ ok: false, error: { kind: 'unknown_method' } });
  });

  it('refuses a Host other than 127.0.0.1 or localhost with our port (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, '127.0.0.1', `127.0.0.1:${server.port + 1}`, `localhost.evil.example:${server.port}`]) {
      const r = await call('centre.get', {}, null, { host });
      expect(r.status, host).toBe(403);
      expect(r.json()).toMatchObject({ ok: false, error: { kind: 'forbidden', reasons: [{ code: 'transport.forbidden' }] } });
    }
    const page = await raw(server.port, { path: '/', headers: { host: 'evil.example' } });
    expect(page.status).toBe(403);
    expect((await call('centre.get', {}, null, { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('refuses an Origin that is not the server’s own', async () => {
    for (const origin of ['http://evil.example', 'null', `http://localhost:${server.port}`, `https://127.0.0.1:${server.port}`]) {
      const r = await call('centre.get', {}, null, { origin });
      expect(r.status, origin).toBe(403);
      expect(r.json().error.message).toMatch(/may not call this server/);
    }
    expect((await call('centre.get', {}, null, { origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
    expect((await call('centre.get', {}, null, { host: `localhost:${server.port}`, origin: `http://localhost:${server.port}` })).status).toBe(200);
  });

  it('answers a body that is not JSON, or not an object, with 400 and a clear message', async () => {
    const bad = await postApi(server.port, server.token, '/api/call', '{"method": "centre.get",');
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ ok: false, error: { kind: 'invalid_input', message: expect.stringMatching(/^the request body is not JSON: /) } });
    expect(bad.json().error.reasons[0]).toMatchObject({ code: 'input.invalid', params: { detail: expect.stringMatching(/not JSON/) } });
    const empty = await postApi(server.port, server.token, '/api/call', '');
    expect(empty.status).toBe(400);
    expect(empty.json().error.message).toMatch(/empty/);
    const list = await postApi(server.port, server.token, '/api/call', '[1, 2]');
    expect(list.status).toBe(400);
    expect(list.json().error.message).toMatch(/must be a JSON object/);
  });

  it('refuses a body over the limit with 413', async () => {
    const big = JSON.stringify({ method: 'centre.get', input: { padding: 'x'.repeat(BODY_LIMIT) } });
    const r = await postApi(server.port, server.token, '/api/call', big);
    expect(r.status).toBe(413);
    expect(r.json().error.message).toMatch(/over 2097152 bytes/);
  });

  it('takes only POST, and only at known paths', async () => {
    const get = await raw(server.port, { path: '/api/call', headers: { 'x-centre-launch': server.token } });
    expect(get.status).toBe(405);
    expect(get.headers['allow']).toBe('POST');
    expect(get.json().error.message).toMatch(/use POST/);
    const unknown = await postApi(server.port, server.token, '/api/elsewhere', {});
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ ok: false });
    const put = await raw(server.port, { method: 'PUT', path: '/index.html' });
    expect(put.status).toBe(405);
  });
});

describe('the UI files', () => {
  it('serves index.html for / with the security headers', async () => {
    const r = await raw(server.port, { path: '/' });
    expect(r.status).toBe(200);
    expect(r.text).toContain('<title>Centre Register</title>');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves assets with their content types, and HEAD without a body', async () => {
    const js = await raw(server.port, { path: '/assets/app.js?v=1' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect((await raw(server.port, { path: '/assets/app.css' })).headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await raw(server.port, { method: 'HEAD', path: '/assets/app.js' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers['content-length']).toBe(String('console.log("app");'.length));
  });

  it('answers 404 for what is not there, and for every way out of the folder', async () => {
    symlinkSync(join(site.root, 'secret.txt'), join(site.staticDir, 'link.txt'));
    const paths = [
      '/missing.js',
      '/assets',
      '/assets/',
      '/../secret.txt',
      '/../package.json',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%5csecret.txt',
      '/%00index.html',
      '/%zz',
      '/link.txt',
      `/${join(site.root, 'secret.txt')}`,
      `http://127.0.0.1:${server.port}/../secret.txt`,
    ];
    for (const path of paths) {
      const r = await raw(server.port, { path });
      expect(r.status, path).toBe(404);
      expect(r.text).not.toContain('must never be served');
    }
  });
});

describe('the clock file', () => {
  it('moves the running service’s clock when the file changes', async () => {
    writeFileSync(clockPath, '2026-03-01T08:00:00Z');
    const signIn = await call('accounts.signIn', { username: 'head', password: SETUP_INPUT.head.password });
    expect(signIn.json()).toMatchObject({ ok: true, result: { expiresAt: '2026-03-01T20:00:00.000Z' } });
    const session = signIn.json().result.token as string;
    expect((await call('accounts.me', {}, session)).json().ok).toBe(true);
    // Thirteen hours later the twelve-hour session has expired, without restarting anything.
    writeFileSync(clockPath, '2026-03-01T21:00:00+00:00');
    expect((await call('accounts.me', {}, session)).json()).toMatchObject({ ok: false, error: { reasons: [{ code: 'auth.session_expired' }] } });
  });

  it('falls back to the system clock while the file is absent or malformed, saying why once', () => {
    const path = join(site.root, 'clock-2.txt');
    const warnings: string[] = [];
    const clock = fileClock(path, () => 42, (m) => warnings.push(m));
    expect(clock()).toBe(42);
    writeFileSync(path, '2026-03-01T08:00:00Z\n');
    expect(clock()).toBe(Date.parse('2026-03-01T08:00:00Z'));
    writeFileSync(path, 'next Tuesday');
    expect(clock()).toBe(42);
    expect(clock()).toBe(42);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/expected an ISO-8601 instant.*next Tuesday/);
    rmSync(path);
    expect(clock()).toBe(42);
  });
});
