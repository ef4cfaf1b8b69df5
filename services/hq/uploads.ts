// Files chosen in HQ mode's browser screen reach the server as uploads (POST /api/hq/upload), one
// file a request, streamed to a folder beside HQ's database; the import job reads them by id and
// removes them. Ids are random UUIDs, never paths, so an upload id cannot name any other file.

import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';

/** The largest file a slice may have (a ten-year centre's open-me.html is a few hundred MB). */
export const UPLOAD_LIMIT = 4 * 1024 ** 3;

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class UploadError extends Error {
  override name = 'UploadError';
}

export function uploadsDir(dbPath: string): string {
  return `${dbPath}.uploads`;
}

/** A file name as given by the browser, kept only as a plain name (no folders, no control characters). */
export function safeFileName(name: string): string {
  const plain = basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f/:*?"<>|]/g, '_').slice(0, 120);
  return plain && plain !== '.' && plain !== '..' ? plain : 'upload';
}

export interface Upload {
  uploadId: string;
  name: string;
  bytes: number;
}

export async function saveUpload(dbPath: string, name: string, body: Readable, announced: number | null): Promise<Upload> {
  if (announced !== null && announced > UPLOAD_LIMIT) throw new UploadError(`the file is over ${UPLOAD_LIMIT} bytes`);
  const uploadId = randomUUID();
  const dir = join(uploadsDir(dbPath), uploadId);
  mkdirSync(dir, { recursive: true });
  const file = safeFileName(name);
  let bytes = 0;
  body.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > UPLOAD_LIMIT) body.destroy(new UploadError(`the file is over ${UPLOAD_LIMIT} bytes`));
  });
  try {
    await pipeline(body, createWriteStream(join(dir, file), { flags: 'wx' }));
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err instanceof UploadError ? err : new UploadError(`the upload did not complete: ${(err as Error).message}`);
  }
  return { uploadId, name: file, bytes };
}

/** The file of an upload, or null when there is no such upload. */
export function uploadFile(dbPath: string, uploadId: string): { path: string; name: string } | null {
  if (!ID.test(uploadId)) return null;
  const dir = join(uploadsDir(dbPath), uploadId);
  try {
    const [name] = readdirSync(dir);
    if (!name || !statSync(join(dir, name)).isFile()) return null;
    return { path: join(dir, name), name };
  } catch {
    return null;
  }
}

export function removeUpload(dbPath: string, uploadId: string): void {
  if (ID.test(uploadId)) rmSync(join(uploadsDir(dbPath), uploadId), { recursive: true, force: true });
}

export function removeAllUploads(dbPath: string): void {
  rmSync(uploadsDir(dbPath), { recursive: true, force: true });
}
