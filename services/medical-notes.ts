import { createHmac, hash, randomBytes } from 'node:crypto';
import type { Db } from '../db/connection.ts';

/**
 * Stores a medical note beside the journal and returns its reference (null for an empty note).
 * The salt keeps a short note ("fine", "diabetes") from being guessed from its hash.
 */
export function storeMedicalNote(db: Db, text: string): string | null {
  if (!text.trim()) return null;
  const salt = randomBytes(16).toString('hex');
  const ref = medicalNoteRef(salt, text);
  db.prepare('INSERT INTO medical_notes (ref, salt, text) VALUES (?, ?, ?)').run(ref, salt, text);
  return ref;
}

/**
 * Stores the kind of a medical concern as a note beside the journal (DESIGN §7: not exported to HQ)
 * and returns its reference, which the journal entry holds instead of the kind.
 *
 * There are four kinds, so the salt is what keeps the kind from being read off the reference. It is
 * derived from the centre's private key and the concern's id (HMAC, with a label of its own): secret
 * to anyone without the key, like a random salt, but the same on every run, so a seeded centre's
 * journal stays reproducible byte for byte.
 */
export function storeMedicalKind(db: Db, concernId: string, kind: string): string {
  const seed = db.prepare('SELECT private_seed FROM centre_keys').pluck().get() as string | undefined;
  const salt = seed
    ? createHmac('sha256', Buffer.from(seed, 'base64')).update(`centre-register medical concern kind\n${concernId}`).digest('hex').slice(0, 32)
    : randomBytes(16).toString('hex');
  const ref = medicalNoteRef(salt, kind);
  db.prepare('INSERT INTO medical_notes (ref, salt, text) VALUES (?, ?, ?)').run(ref, salt, kind);
  return ref;
}

export function medicalNoteRef(salt: string, text: string): string {
  return hash('sha256', `${salt}\n${text}`, 'hex');
}
