import { hash, randomBytes } from 'node:crypto';
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

export function medicalNoteRef(salt: string, text: string): string {
  return hash('sha256', `${salt}\n${text}`, 'hex');
}
