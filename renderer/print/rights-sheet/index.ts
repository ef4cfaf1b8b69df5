// Every language the rights sheet exists in. To add one (Persian, Arabic, Uzbek, …): copy en.ts to
// <lang>.ts (the BCP 47 code, e.g. fa.ts), translate every string, set `dir` ('rtl' for Arabic
// script), give it a version, and add it to SHEETS below. The picker, the print view and the
// rights-log default pick it up from here; a test checks every sheet has every part.

import type { LegalProfile } from '../../../domain/profile/types.ts';
import { az } from './az.ts';
import { en } from './en.ts';
import { ru } from './ru.ts';
import type { RightsSheet, SheetFacts } from './types.ts';

export const SHEETS: Record<string, RightsSheet> = { en, az, ru };

/** The first of the person's languages a sheet exists in; English if none. */
export function sheetLanguageFor(languages: readonly string[]): string {
  for (const l of languages) {
    const base = l.toLowerCase().split('-')[0]!;
    if (SHEETS[l.toLowerCase()]) return l.toLowerCase();
    if (SHEETS[base]) return base;
  }
  return 'en';
}

/**
 * The language to record the information on rights in, by default: one of the person's languages that
 * has a sheet (the sheet handed over), else their first language (told orally, with an interpreter).
 */
export function informedLanguageFor(languages: readonly string[]): string {
  const sheet = sheetLanguageFor(languages);
  const hasSheet = languages.some((l) => l.toLowerCase() === sheet || l.toLowerCase().split('-')[0] === sheet);
  return hasSheet ? sheet : (languages[0] ?? 'en');
}

function hoursOf(profile: LegalProfile | undefined, basisId: string, fallback: number): number {
  const b = profile?.bases.find((x) => x.id === basisId);
  if (!b) return fallback;
  return b.maxTerm.unit === 'hours' ? b.maxTerm.value : b.maxTerm.value * 24 * 30;
}

export function sheetFacts(profile: LegalProfile | undefined, centreName: string): SheetFacts {
  const expulsion = profile?.bases.find((b) => b.id === 'expulsion_evasion');
  return {
    centreName,
    serviceOrderHours: hoursOf(profile, 'service_order', 24),
    courtOrderHours: hoursOf(profile, 'court_order', 72),
    expulsionMonths: expulsion?.maxTerm.unit === 'months' ? expulsion.maxTerm.value : 6,
    minAge: profile?.minAgeForStayRuleBreach ?? 16,
  };
}

export type { RightsSheet, SheetFacts } from './types.ts';
