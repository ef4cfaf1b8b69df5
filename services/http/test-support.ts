// Helpers for the loopback server's tests: a raw HTTP client (fetch would normalise `/../` away and
// refuses to set Host), and a temporary UI folder with a file beside it that must never be served.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = any>(): T;
}

export function raw(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: { host: `127.0.0.1:${port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}

/** POSTs a JSON body to the API with the launch token (unless headers override it). */
export function postApi(port: number, token: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return raw(port, {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', 'x-centre-launch': token, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export interface TempSite {
  root: string;
  /** The UI folder: index.html, assets/app.js, assets/app.css. */
  staticDir: string;
  dataDir: string;
}

export function tempSite(): TempSite {
  const root = mkdtempSync(join(tmpdir(), 'centre-web-'));
  const staticDir = join(root, 'ui');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Centre Register</title><script type="module" src="./assets/app.js"></script>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(join(staticDir, 'assets', 'app.css'), 'body { margin: 0 }');
  writeFileSync(join(root, 'secret.txt'), 'must never be served');
  return { root, staticDir, dataDir: join(root, 'data') };
}

export const SETUP_INPUT = {
  name: 'Test Centre',
  timeZone: 'Asia/Baku',
  profileId: 'az-migration-code-2023',
  head: { username: 'head', displayName: 'Head of Centre', password: 'correct horse battery' },
};
