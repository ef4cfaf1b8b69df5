// The signed envelope (`bundle.json`): its types, its strict schema, and the parser that turns
// untrusted bytes into a manifest or a message that says what is wrong. Format: docs/bundle-format.md.

import { z } from 'zod';
import { canonicalJson, GENESIS_HASH } from '../../domain/journal.ts';
import { fromBase64, fromUtf8, utf8 } from './bytes.ts';

export const BUNDLE_FORMAT = 'centre-register-bundle';
export const BUNDLE_VERSION = 1;
/** PBKDF2 iterations: at least OWASP's 2023 figure for PBKDF2-HMAC-SHA-256; at most what opens in seconds. */
export const MIN_ITERATIONS = 600_000;
export const MAX_ITERATIONS = 10_000_000;
export const DATA_FILE = 'data.bin';
export const ENVELOPE_FILE = 'bundle.json';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, { message: 'expected 64 lower-case hex digits' });
const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Base64 of exactly `n` bytes, strictly encoded (see fromBase64). */
function base64Bytes(n: number) {
  return z.string().refine(
    (s) => {
      try {
        return fromBase64(s).length === n;
      } catch {
        return false;
      }
    },
    { message: `expected base64 of ${n} bytes` },
  );
}

const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, { message: 'expected an ISO-8601 UTC instant like 2026-11-25T10:00:00.000Z' })
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: 'not a real date and time' });

const point = z.object({ seq, hash: hex64 }).strict();

export const manifestSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT, { message: `expected "${BUNDLE_FORMAT}"` }),
    version: z.literal(BUNDLE_VERSION, { message: `this viewer reads format version ${BUNDLE_VERSION}` }),
    kind: z.enum(['inspection', 'hq-slice']),
    centre: z
      .object({
        id: z.string().min(1).max(100),
        name: z.string().min(1).max(200),
        timeZone: z.string().min(1).max(100),
        profileId: z.string().min(1).max(80),
      })
      .strict(),
    publicKey: base64Bytes(32),
    keyFingerprint: hex64,
    from: point,
    head: point,
    exportedAt: instant,
    exportedBy: z.string().min(1).max(64),
    counts: z
      .object({ entries: count, persons: count, placements: count, medicalNotes: count })
      .strict(),
    encryption: z
      .object({
        cipher: z.literal('AES-256-GCM'),
        iv: base64Bytes(12),
        kdf: z.literal('PBKDF2-SHA-256'),
        iterations: z
          .number()
          .int()
          .min(MIN_ITERATIONS, { message: `must be at least ${MIN_ITERATIONS}: fewer would make the passphrase easy to guess` })
          .max(MAX_ITERATIONS, { message: `at most ${MAX_ITERATIONS}` }),
        salt: base64Bytes(16),
      })
      .strict(),
    compression: z.literal('gzip-chunks'),
    data: z
      .object({
        file: z.literal(DATA_FILE),
        bytes: z.number().int().min(16).max(Number.MAX_SAFE_INTEGER),
        sha256: hex64,
      })
      .strict(),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.head.seq < m.from.seq) ctx.addIssue({ code: 'custom', path: ['head', 'seq'], message: 'the head is before the start' });
    if (m.counts.entries !== m.head.seq - m.from.seq) {
      ctx.addIssue({ code: 'custom', path: ['counts', 'entries'], message: 'does not match head.seq - from.seq' });
    }
    if (m.from.seq === 0 && m.from.hash !== GENESIS_HASH) {
      ctx.addIssue({ code: 'custom', path: ['from', 'hash'], message: 'a whole journal starts from 64 zeros' });
    }
    if (m.kind === 'inspection' && m.from.seq !== 0) {
      ctx.addIssue({ code: 'custom', path: ['from', 'seq'], message: 'an inspection bundle holds the whole journal, from seq 0' });
    }
    if (m.kind === 'hq-slice' && m.counts.medicalNotes !== 0) {
      ctx.addIssue({ code: 'custom', path: ['counts', 'medicalNotes'], message: 'an HQ slice never carries medical notes' });
    }
  });

export type Manifest = z.output<typeof manifestSchema>;
export type BundleKind = Manifest['kind'];

export const envelopeSchema = z
  .object({
    manifest: manifestSchema,
    signature: base64Bytes(64),
  })
  .strict();

export interface Envelope {
  manifest: Manifest;
  signature: Uint8Array;
  /** The bytes the signature covers: UTF-8 of canonicalJson(manifest). */
  signedBytes: Uint8Array;
}

export class EnvelopeError extends Error {
  override name = 'EnvelopeError';
}

/** The text written to bundle.json: canonical JSON and a final line break, nothing else. */
export function envelopeText(manifest: Manifest, signature: string): string {
  return envelopeFromCanonical(canonicalJson(manifest), signature);
}

/** canonicalJson({ manifest, signature }) + "\n", from the manifest's canonical text ("manifest" < "signature"). */
function envelopeFromCanonical(canonicalManifest: string, signature: string): string {
  return `{"manifest":${canonicalManifest},"signature":${JSON.stringify(signature)}}\n`;
}

export function signedManifestBytes(manifest: Manifest): Uint8Array {
  return utf8(canonicalJson(manifest));
}

function issueText(issue: z.core.$ZodIssue): string {
  const path = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
  return `${path}: ${issue.message}`;
}

/**
 * Parses bundle.json. Only the canonical text is accepted (what envelopeText writes): any other
 * spelling of the same JSON would let a byte change go unnoticed by the signature.
 */
export function parseEnvelope(input: string | Uint8Array): Envelope {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = fromUtf8(input);
    } catch {
      throw new EnvelopeError('bundle.json is not valid UTF-8 text');
    }
  }
  if (text.length === 0) throw new EnvelopeError('bundle.json is empty');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new EnvelopeError(`bundle.json is not valid JSON (${(err as Error).message})`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new EnvelopeError('bundle.json does not hold an object');
  const format = (json as { manifest?: { format?: unknown; version?: unknown } }).manifest;
  if (format && typeof format === 'object') {
    if (format.format !== undefined && format.format !== BUNDLE_FORMAT) {
      throw new EnvelopeError(`bundle.json is not a Centre Register bundle (format ${JSON.stringify(format.format)})`);
    }
    if (typeof format.version === 'number' && format.version > BUNDLE_VERSION) {
      throw new EnvelopeError(`the bundle is format version ${format.version}; this program reads version ${BUNDLE_VERSION}: use a newer one`);
    }
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map(issueText);
    const more = parsed.error.issues.length > 5 ? ` (and ${parsed.error.issues.length - 5} more)` : '';
    throw new EnvelopeError(`bundle.json does not hold a valid manifest: ${issues.join('; ')}${more}`);
  }
  const canonicalManifest = canonicalJson(parsed.data.manifest);
  if (text !== envelopeFromCanonical(canonicalManifest, parsed.data.signature)) {
    throw new EnvelopeError('bundle.json is not in the exact form it was written in (changed or re-formatted after export)');
  }
  return {
    manifest: parsed.data.manifest,
    signature: fromBase64(parsed.data.signature),
    signedBytes: utf8(canonicalManifest),
  };
}
