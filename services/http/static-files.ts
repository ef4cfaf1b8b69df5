// Mapping a URL path to a file of the built UI, for both transports: the loopback server here and
// Electron's app:// protocol (electron/protocol.ts). Whatever the path says, the answer is a file
// inside the UI folder or nothing.

import { realpath as realpathCallback, stat as statCallback } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { promisify } from 'node:util';

// The callback forms, not node:fs/promises: Electron's asar support wraps these for certain, and in
// the packaged app the UI folder sits inside app.asar.
const realpath = promisify(realpathCallback);
const stat = promisify(statCallback);

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file a URL path names under `root`, or null. The path is percent-decoded first (so `%2e%2e`
 * and `%2f` cannot smuggle a `..` past a check on the raw text), then refused if any segment starts
 * with a dot (`..`, `.env`), holds a backslash, a colon or NUL (Windows separators and drive
 * letters), and finally resolved and required to stay under `root`. `/` and `…/` mean index.html.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || /[\\:\0]/.test(decoded)) return null;
  if (decoded.endsWith('/')) decoded += 'index.html';
  const segments = decoded.slice(1).split('/');
  if (segments.some((s) => s === '' || s.startsWith('.'))) return null;
  const base = resolve(root);
  const full = resolve(base, ...segments);
  return full.startsWith(base + sep) ? full : null;
}

/**
 * The regular file a URL path names, checked again after symbolic links are followed, with its
 * size; null for anything else (missing, a folder, a link pointing out of `root`).
 */
export async function findStaticFile(root: string, urlPath: string): Promise<{ path: string; size: number } | null> {
  const path = resolveStaticPath(root, urlPath);
  if (!path) return null;
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(path)]);
    if (!realFile.startsWith(realRoot + sep)) return null;
    const info = await stat(realFile);
    return info.isFile() ? { path: realFile, size: info.size } : null;
  } catch {
    return null;
  }
}
