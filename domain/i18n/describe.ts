// Turns reason and finding codes into sentences in one of the UI languages. The catalogues are data
// (one file per language); a test fails when a language lacks a key that English has.

import type { Reason, ReasonParams } from '../reasons.ts';
import { en } from './en.ts';
import { az } from './az.ts';
import { ru } from './ru.ts';

export const LANGUAGES = ['en', 'az', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

export type Catalogue = Record<string, string>;

export const catalogues: Record<Language, Catalogue> = { en, az, ru };

export function format(template: string, params: ReasonParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined || v === null ? whole : String(v);
  });
}

export function describe(code: string, params: ReasonParams | undefined, lang: Language): string {
  const template = catalogues[lang][code] ?? catalogues.en[code];
  return template === undefined ? code : format(template, params);
}

export function describeReason(r: Reason, lang: Language): string {
  const text = describe(r.code, r.params, lang);
  return r.field ? `${r.field}: ${text}` : text;
}

export function describeReasons(reasons: readonly Reason[], lang: Language): string {
  return reasons.map((r) => describeReason(r, lang)).join('; ');
}
