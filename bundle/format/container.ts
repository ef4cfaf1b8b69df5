// The decrypted data: a container of named sections, each a run of independently gzipped chunks.
//
//   container = "CRB1" section*
//   section   = u8 nameLength | name (ASCII) | u32le bodyLength | body
//   body      = chunk*
//   chunk     = u32le rawLength | u32le gzipLength | gzip member (gzipLength bytes)
//
// Chunks let export compress on several threads, let the viewer decompress and hash while it reads,
// and bound what one chunk may expand to. A section's content is its chunks' raw bytes concatenated;
// the journal never splits an entry across chunks (journal.ts).

import { readU32, writeU32 } from './bytes.ts';
import type { Gunzip, MaybePromise } from './crypto.ts';

export const CONTAINER_MAGIC = [0x43, 0x52, 0x42, 0x31]; // "CRB1"
/** The most one chunk may expand to: 16 MiB. Export writes chunks of about 4 MiB. */
export const MAX_CHUNK_RAW = 16 * 1024 * 1024;
export const CHUNK_TARGET = 4 * 1024 * 1024;

export const SECTIONS = ['journal', 'projections', 'findings', 'profile', 'medical-notes'] as const;
export type SectionName = (typeof SECTIONS)[number];

export class ContainerError extends Error {
  override name = 'ContainerError';
}

export interface Chunk {
  rawLength: number;
  gzip: Uint8Array;
}

const NAME = /^[a-z0-9-]{1,64}$/;

export function sectionHeader(name: string, bodyLength: number): Uint8Array {
  if (!NAME.test(name)) throw new RangeError(`bad section name ${name}`);
  if (bodyLength > 0xffffffff) throw new RangeError(`section ${name} is larger than 4 GiB`);
  const out = new Uint8Array(1 + name.length + 4);
  out[0] = name.length;
  for (let i = 0; i < name.length; i++) out[1 + i] = name.charCodeAt(i);
  writeU32(out, 1 + name.length, bodyLength);
  return out;
}

export function chunkHeader(rawLength: number, gzipLength: number): Uint8Array {
  const out = new Uint8Array(8);
  writeU32(out, 0, rawLength);
  writeU32(out, 4, gzipLength);
  return out;
}

/** Splits the container into its sections' bodies (views, no copies). */
export function decodeContainer(bytes: Uint8Array): Map<string, Uint8Array> {
  if (bytes.length < 4 || CONTAINER_MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new ContainerError('the data does not start with the container mark CRB1');
  }
  const sections = new Map<string, Uint8Array>();
  let o = 4;
  while (o < bytes.length) {
    const nameLength = bytes[o]!;
    if (nameLength === 0 || o + 1 + nameLength + 4 > bytes.length) throw new ContainerError(`a section header at byte ${o} is cut short`);
    let name = '';
    for (let i = 0; i < nameLength; i++) name += String.fromCharCode(bytes[o + 1 + i]!);
    if (!NAME.test(name)) throw new ContainerError(`a section at byte ${o} has an invalid name`);
    const length = readU32(bytes, o + 1 + nameLength);
    const start = o + 1 + nameLength + 4;
    if (start + length > bytes.length) throw new ContainerError(`section ${name} runs past the end of the data`);
    if (sections.has(name)) throw new ContainerError(`section ${name} appears twice`);
    sections.set(name, bytes.subarray(start, start + length));
    o = start + length;
  }
  return sections;
}

/** The chunks of a section body. */
export function splitChunks(name: string, body: Uint8Array): Chunk[] {
  const chunks: Chunk[] = [];
  let o = 0;
  while (o < body.length) {
    if (o + 8 > body.length) throw new ContainerError(`section ${name}: a chunk header is cut short`);
    const rawLength = readU32(body, o);
    const gzipLength = readU32(body, o + 4);
    if (rawLength > MAX_CHUNK_RAW) throw new ContainerError(`section ${name}: a chunk claims ${rawLength} bytes, more than the ${MAX_CHUNK_RAW} allowed`);
    if (gzipLength < 18 || o + 8 + gzipLength > body.length) throw new ContainerError(`section ${name}: a chunk runs past the end of the section`);
    const gzip = body.subarray(o + 8, o + 8 + gzipLength);
    // The gzip trailer's ISIZE is the raw length modulo 2^32: a cheap check before inflating anything.
    if (readU32(gzip, gzip.length - 4) !== rawLength) throw new ContainerError(`section ${name}: a chunk's sizes disagree`);
    chunks.push({ rawLength, gzip });
    o += 8 + gzipLength;
  }
  return chunks;
}

export async function inflateChunk(name: string, chunk: Chunk, gunzip: Gunzip): Promise<Uint8Array> {
  let raw: Uint8Array;
  try {
    raw = await gunzip(chunk.gzip, chunk.rawLength);
  } catch (err) {
    throw new ContainerError(`section ${name}: a chunk does not decompress (${err instanceof Error ? err.message : String(err)})`);
  }
  if (raw.length !== chunk.rawLength) throw new ContainerError(`section ${name}: a chunk decompresses to ${raw.length} bytes, not ${chunk.rawLength}`);
  return raw;
}

/** A whole section's content (for the small JSON sections). */
export async function inflateSection(name: string, body: Uint8Array, gunzip: Gunzip): Promise<Uint8Array> {
  const chunks = splitChunks(name, body);
  const parts: Uint8Array[] = [];
  let total = 0;
  for (const c of chunks) {
    const raw = await inflateChunk(name, c, gunzip);
    parts.push(raw);
    total += raw.length;
  }
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Compresses content into chunks of at most `CHUNK_TARGET` raw bytes (export side helper). */
export async function encodeChunks(
  content: Uint8Array,
  gzip: (raw: Uint8Array) => MaybePromise<Uint8Array>,
  chunkSize = CHUNK_TARGET,
): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  const pieces: Uint8Array[] = [];
  for (let o = 0; o < content.length; o += chunkSize) pieces.push(content.subarray(o, Math.min(content.length, o + chunkSize)));
  const compressed = await Promise.all(pieces.map((p) => gzip(p)));
  pieces.forEach((p, i) => {
    out.push(chunkHeader(p.length, compressed[i]!.length), compressed[i]!);
  });
  return out;
}
