import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../services/http/security-headers.ts';
import { APP_SCHEME_PRIVILEGES, appRequestHandler, registerAppScheme, serveApp } from './protocol.ts';

const root = mkdtempSync(join(tmpdir(), 'centre-app-protocol-'));
const ui = join(root, 'renderer');
mkdirSync(join(ui, 'assets'), { recursive: true });
writeFileSync(join(ui, 'index.html'), '<!doctype html><title>Centre Register</title>');
writeFileSync(join(ui, 'assets', 'app.js'), 'export {};');
writeFileSync(join(root, 'secret.txt'), 'must never be served');
symlinkSync(join(root, 'secret.txt'), join(ui, 'link.txt'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const handle = appRequestHandler(ui);
const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('the app:// scheme', () => {
  it('is registered as standard and secure, before the app is ready', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) });
    const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([APP_SCHEME_PRIVILEGES]);
    serveApp(protocol, ui);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('serves the UI with the CSP as a response header and the right content types', async () => {
    const index = await get('app://centre/');
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>Centre Register</title>');
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    const js = await get('app://centre/assets/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('export {};');
    const head = await get('app://centre/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 404 outside the UI folder, for other hosts, and for what is not there', async () => {
    for (const url of [
      'app://centre/../secret.txt',
      'app://centre/%2e%2e/secret.txt',
      'app://centre/..%2fsecret.txt',
      'app://centre/assets/..%2f..%2fsecret.txt',
      'app://centre/..%5csecret.txt',
      'app://centre/link.txt',
      'app://centre/missing.js',
      'app://centre/assets/',
      'app://elsewhere/index.html',
    ]) {
      const r = await get(url);
      expect(r.status, url).toBe(404);
      expect(await r.text()).not.toContain('must never be served');
    }
    expect((await get('app://centre/index.html', 'POST')).status).toBe(405);
  });
});
