// The UI inside the app is served from a custom scheme, app://centre/, mapped onto dist/renderer:
// a standard, secure origin of its own (so 'self' in the CSP means exactly our files), never
// file:// (which would put every file on the disk within the page's reach).

import { readFile as readFileCallback } from 'node:fs';
import { promisify } from 'node:util';
import type { CustomScheme, Protocol } from 'electron';
import { SECURITY_HEADERS } from '../services/http/security-headers.ts';
import { contentTypeFor, findStaticFile } from '../services/http/static-files.ts';
import { APP_HOST, APP_SCHEME } from './app-origin.ts';

// The callback form: Electron's asar support is known to wrap it (the UI sits inside app.asar).
const readFile = promisify(readFileCallback);

export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  // standard: parsed like http (host, path, relative URLs); secure: treated like https.
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** Must run before the app is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Answers app://centre/<path> with the file under `rootDir`, or 404; nothing outside it, whatever the path. */
export function appRequestHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
    const url = new URL(request.url);
    if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) return plain(404, 'not found');
    const file = await findStaticFile(rootDir, url.pathname);
    if (!file) return plain(404, 'not found');
    const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(file.path));
    return new Response(body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(file.path), 'Cache-Control': 'no-cache' },
    });
  };
}

/** After `ready`: serve the UI on the default session. */
export function serveApp(protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, appRequestHandler(rootDir));
}
