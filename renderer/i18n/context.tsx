// The i18n context: the chosen language (persisted on this workstation) and the centre's time zone.
// Every user-visible string goes through `t`; every instant through `fmt`.

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Finding } from '../../domain/findings/types.ts';
import type { Reason } from '../../domain/reasons.ts';
import { isUiLanguage, translate, type Params, type UiKey, type UiLanguage } from './core.ts';
import { makeFormatters, type Formatters } from './format.ts';
import { enumLabel, findingText, reasonText } from './reasons.ts';

export interface I18n {
  lang: UiLanguage;
  t(key: UiKey, params?: Params): string;
  /** An enum value's label: label('status', 'refugee'). */
  label(group: EnumGroup, value: string | null | undefined): string;
  fmt: Formatters;
  reason(r: Reason): string;
  finding(f: Finding): string;
}

export type EnumGroup =
  | 'sex'
  | 'ageGroup'
  | 'regime'
  | 'kind'
  | 'status'
  | 'basis'
  | 'right'
  | 'rightState'
  | 'role'
  | 'endReason'
  | 'vulnerability'
  | 'trafficking'
  | 'ageAssessment'
  | 'interpretation'
  | 'body'
  | 'urgency'
  | 'severity'
  | 'measureKind'
  | 'event'
  | 'direction'
  | 'separationRule'
  | 'presence'
  | 'referralKind'
  | 'claimResolution';

export function makeI18n(lang: UiLanguage, timeZone: string): I18n {
  const fmt = makeFormatters(lang, timeZone);
  return {
    lang,
    t: (key, params) => translate(lang, key, params),
    label: (group, value) => (value === null || value === undefined || value === '' ? '—' : enumLabel(lang, group, value)),
    fmt,
    reason: (r) => reasonText(r, lang, fmt),
    finding: (f) => findingText(f, lang, fmt),
  };
}

const I18nContext = createContext<I18n>(makeI18n('en', 'UTC'));

export function I18nProvider({ lang, timeZone, children }: { lang: UiLanguage; timeZone: string; children: ReactNode }) {
  const value = useMemo(() => makeI18n(lang, timeZone), [lang, timeZone]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

export function useT(): I18n['t'] {
  return useContext(I18nContext).t;
}

const LANG_KEY = 'centre.language';

/** The language chosen on this workstation, or one the browser prefers, or English. */
export function initialLanguage(): UiLanguage {
  try {
    const saved = localStorage.getItem(LANG_KEY);
    if (isUiLanguage(saved)) return saved;
  } catch {
    /* storage unavailable: fall through */
  }
  const preferred = (typeof navigator !== 'undefined' ? navigator.languages ?? [navigator.language] : [])
    .map((l) => l.slice(0, 2).toLowerCase())
    .find(isUiLanguage);
  return preferred ?? 'en';
}

export function saveLanguage(lang: UiLanguage): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    /* not persisted: the choice still holds for this window */
  }
}
