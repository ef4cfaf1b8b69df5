// The UI's own message catalogues (en, az, ru) and the pure functions over them: lookup with plural
// forms chosen by Intl.PluralRules, {name} placeholders, numbers formatted for the language.
// Reason and finding codes have their own catalogues in domain/i18n (shared with the CLI).

import type { Language } from '../../domain/i18n/describe.ts';
import { en as enStaff } from './en.ts';
import { az as azStaff } from './az.ts';
import { ru as ruStaff } from './ru.ts';
import { en as enHq } from './hq/en.ts';
import { az as azHq } from './hq/az.ts';
import { ru as ruHq } from './hq/ru.ts';

// The staff screens' catalogues, and those of the export screen and HQ mode (kept in files of their own).
const en = { ...enStaff, ...enHq };
const az = { ...azStaff, ...azHq };
const ru = { ...ruStaff, ...ruHq };

export type UiLanguage = Language;
export const UI_LANGUAGES: readonly UiLanguage[] = ['en', 'az', 'ru'];

/** The name of each language in itself, for the switcher. */
export const LANGUAGE_NAMES: Record<UiLanguage, string> = { en: 'English', az: 'Azərbaycanca', ru: 'Русский' };

export type Catalogue = Record<string, string>;
export const uiCatalogues: Record<UiLanguage, Catalogue> = { en, az, ru };

export const PLURAL_SUFFIXES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
type PluralSuffix = (typeof PLURAL_SUFFIXES)[number];

/** A key as code refers to it: plural forms (`people_one`, `people_other`) collapse to `people`. */
type BaseKey<K> = K extends `${infer B}_${PluralSuffix}` ? B : K;
export type UiKey = BaseKey<keyof typeof en>;

export type Params = Record<string, string | number | boolean | null | undefined>;

const pluralRules = new Map<string, Intl.PluralRules>();
export function pluralCategory(lang: UiLanguage, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    pluralRules.set(lang, rules);
  }
  return rules.select(count);
}

/**
 * The locale whose number and date conventions we format with. Chromium (and so Electron) ships
 * without full Azerbaijani locale data: it accepts "az" and then writes dates the root way
 * ("2026-03-02"). Turkish writes numbers and numeric dates exactly as Azerbaijani does (02.03.2026,
 * 1.234,5), and every engine has it. Only numeric formats are used, never month or unit names: those
 * come from our own catalogues. English is British: day first, as in the region.
 */
const FORMAT_LOCALE: Record<UiLanguage, string> = { en: 'en-GB', az: 'tr', ru: 'ru' };
export function formatLocale(lang: UiLanguage): string {
  return FORMAT_LOCALE[lang];
}

const numberFormats = new Map<string, Intl.NumberFormat>();
export function formatNumber(lang: UiLanguage, n: number, options?: Intl.NumberFormatOptions): string {
  const cacheKey = `${lang}|${JSON.stringify(options ?? {})}`;
  let f = numberFormats.get(cacheKey);
  if (!f) {
    f = new Intl.NumberFormat(formatLocale(lang), options);
    numberFormats.set(cacheKey, f);
  }
  return f.format(n);
}

export function interpolate(lang: UiLanguage, template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined || v === null) return whole;
    return typeof v === 'number' ? formatNumber(lang, v) : String(v);
  });
}

/** The template for a key: the plural form for `count` where the key has plural forms. */
export function lookup(lang: UiLanguage, key: string, params?: Params): string | undefined {
  const cat = uiCatalogues[lang];
  const count = params?.count;
  if (typeof count === 'number') {
    const form = cat[`${key}_${pluralCategory(lang, count)}`] ?? cat[`${key}_other`];
    if (form !== undefined) return form;
  }
  return cat[key];
}

/** Translates a key; falls back to English, then to the key itself (so a gap shows, never blanks). */
export function translate(lang: UiLanguage, key: string, params?: Params): string {
  const template = lookup(lang, key, params) ?? lookup('en', key, params);
  return template === undefined ? key : interpolate(lang, template, params);
}

export function hasKey(lang: UiLanguage, key: string): boolean {
  const cat = uiCatalogues[lang];
  return key in cat || `${key}_other` in cat;
}

/** The placeholders of a template, sorted: catalogues must agree on them across languages. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);
}
