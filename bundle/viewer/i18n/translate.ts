// The viewer's own strings in English, Azerbaijani and Russian (en.ts, az.ts, ru.ts): lookup with
// plural forms chosen by Intl.PluralRules and {name} placeholders, numbers written for the language.
// Sentences for findings and refusals come from domain/i18n (shared with the app and the CLI); the
// labels of codes (statuses, rights, bases, …) are here under `enum.<group>.<code>`.

import type { Language } from '../../../domain/i18n/describe.ts';
import { az } from './az.ts';
import { en } from './en.ts';
import { ru } from './ru.ts';

export type { Language };
export const VIEWER_LANGUAGES: readonly Language[] = ['en', 'az', 'ru'];

/** Each language's name in itself, for the switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', az: 'Azərbaycanca', ru: 'Русский' };

export const PLURAL_SUFFIXES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
type PluralSuffix = (typeof PLURAL_SUFFIXES)[number];
type BaseKey<K> = K extends `${infer B}_${PluralSuffix}` ? B : K;
/** A key as code names it: plural forms (`x_one`, `x_other`) collapse to `x`. */
export type ViewerKey = BaseKey<keyof typeof en>;

export type Params = Record<string, string | number | null | undefined>;

export const catalogues: Record<Language, Record<string, string>> = { en, az, ru };

const LOCALE: Record<Language, string> = { en: 'en-GB', az: 'tr', ru: 'ru' };
const plurals = new Map<Language, Intl.PluralRules>();
const numbers = new Map<Language, Intl.NumberFormat>();

export function pluralCategory(lang: Language, count: number): string {
  let p = plurals.get(lang);
  if (!p) plurals.set(lang, (p = new Intl.PluralRules(lang)));
  return p.select(count);
}

function interpolate(lang: Language, template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined || v === null) return whole;
    if (typeof v === 'number') {
      let f = numbers.get(lang);
      if (!f) numbers.set(lang, (f = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 2 })));
      return f.format(v);
    }
    return v;
  });
}

function lookup(lang: Language, key: string, params?: Params): string | undefined {
  const cat = catalogues[lang];
  const count = params?.['count'];
  if (typeof count === 'number') {
    const form = cat[`${key}_${pluralCategory(lang, count)}`] ?? cat[`${key}_other`];
    if (form !== undefined) return form;
  }
  return cat[key];
}

/** A key's text in the language (English where a language lacks it; the key itself if nobody has it). */
export function t(lang: Language, key: ViewerKey, params: Params = {}): string {
  return tk(lang, key, params);
}

/** As t, for keys made at run time (`enum.status.${code}`). */
export function tk(lang: Language, key: string, params: Params = {}): string {
  const template = lookup(lang, key, params) ?? lookup('en', key, params);
  return template === undefined ? key : interpolate(lang, template, params);
}

export function hasKey(key: string): boolean {
  return key in en || `${key}_other` in en;
}

/** The label of a code in a group (`status`, `asylum_seeker`), or the code itself when unknown. */
export function label(lang: Language, group: string, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—';
  const key = `enum.${group}.${code}`;
  return hasKey(key) ? tk(lang, key) : code;
}

/** The placeholders of a template, sorted (catalogues must agree on them). */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

/** The language the browser prefers, among ours; English otherwise. */
export function preferredLanguage(languages: readonly string[]): Language {
  for (const l of languages) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'az' || base === 'ru' || base === 'en') return base;
  }
  return 'en';
}
