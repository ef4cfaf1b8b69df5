// Field schemas shared by the method inputs. Each one says, in its error message, what it expects,
// because that message reaches the user next to the field.

import { z } from 'zod';
import { instantMs, isCalendarDate, isTimeZone, storedFormMs, toIso } from '../time.ts';

const INSTANT_MESSAGE = 'expected an ISO-8601 date and time with a zone, e.g. 2026-03-01T08:00:00Z';

/** Checked and normalised to UTC in one pass (parsing the text once): nearly every write has one or more. */
export const instant = z.string().transform((text, ctx) => {
  // Already in the stored form, and a real date and time: it is its own normal form.
  if (!Number.isNaN(storedFormMs(text))) return text;
  const ms = instantMs(text);
  if (Number.isNaN(ms)) {
    ctx.issues.push({ code: 'custom', message: INSTANT_MESSAGE, input: text });
    return z.NEVER;
  }
  return toIso(ms);
});

export const calendarDate = z
  .string()
  .refine(isCalendarDate, { message: 'expected a calendar date YYYY-MM-DD' });

export const timeZone = z.string().refine(isTimeZone, { message: 'expected an IANA time zone, e.g. Asia/Baku' });

export const id = z
  .string()
  .min(1, { message: 'required' })
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, { message: 'expected an identifier (letters, digits, _ . : -)' });

export const text = (max = 500) => z.string().trim().max(max, { message: `at most ${max} characters` });
export const requiredText = (max = 500) =>
  z.string().trim().min(1, { message: 'required' }).max(max, { message: `at most ${max} characters` });

/** Language codes such as "az", "ru", "fa", "prs-AF" (BCP 47 shape, not a closed list). */
export const languageCode = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'expected a language code such as az, ru, en, fa' });

/** ISO 3166-1 alpha-3 country code. */
export const countryCode = z.string().regex(/^[A-Z]{3}$/, { message: 'expected an ISO 3166 alpha-3 code such as AFG' });

export const username = z
  .string()
  .regex(/^[a-z][a-z0-9._-]{1,31}$/, { message: 'expected 2–32 lower-case letters, digits, . _ -, starting with a letter' });

export const password = z.string().min(10, { message: 'at least 10 characters' }).max(200);
