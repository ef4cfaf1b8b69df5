// The JSON sections besides the journal: findings, legal profile, medical notes. Parsed from
// untrusted bytes with schemas strict enough that the viewer can render them without guarding
// every field, and loose where the app may add fields later (finding params).

import { z } from 'zod';
import type { FindingsResult } from '../../domain/api/outputs.ts';
import type { LegalProfile } from '../../domain/profile/types.ts';
import { fromUtf8 } from './bytes.ts';

export class SectionError extends Error {
  override name = 'SectionError';
}

const instant = z.string().max(40);

const finding = z
  .object({
    code: z.string().max(80),
    severity: z.enum(['critical', 'high', 'medium', 'low']),
    personIds: z.array(z.string().max(64)),
    placementIds: z.array(z.string().max(64)),
    roomId: z.string().max(64).optional(),
    from: instant,
    to: instant.nullable(),
    params: z.record(z.string(), z.unknown()),
    evidence: z.array(z.number().int()),
  })
  .loose();

const findingsResult = z
  .object({
    at: instant,
    mode: z.enum(['current', 'history']),
    findings: z.array(finding),
    bySeverity: z.record(z.string(), z.number()),
    byCode: z.record(z.string(), z.number()),
  })
  .loose();

export const findingsSectionSchema = z.object({ current: findingsResult, history: findingsResult }).strict();

export interface FindingsSection {
  /** Findings at the instant of export. */
  current: FindingsResult;
  /** The full audit up to the instant of export: every past breach with its interval. */
  history: FindingsResult;
}

/** Enough of a legal profile to check it and to compute with it; the rest passes through. */
export const profileSchema = z
  .object({
    id: z.string().min(1).max(80),
    name: z.string(),
    lateEntryHours: z.number().positive(),
    bases: z.array(z.object({ id: z.string() }).loose()),
  })
  .loose();

export const medicalNoteSchema = z
  .object({
    ref: z.string().regex(/^[0-9a-f]{64}$/),
    salt: z.string().max(200),
    text: z.string(),
  })
  .strict();

export const medicalNotesSchema = z.array(medicalNoteSchema);
export type MedicalNote = z.output<typeof medicalNoteSchema>;

/** Parses a JSON section's bytes with its schema, or says which section and what is wrong. */
export function parseJsonSection<T extends z.ZodType>(name: string, bytes: Uint8Array, schema: T): z.output<T> {
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8(bytes));
  } catch (err) {
    throw new SectionError(`section ${name} is not valid JSON (${(err as Error).message})`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SectionError(`section ${name}: ${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`);
  }
  return parsed.data;
}

export type { LegalProfile };
