import { createContext, useContext } from 'react';
import type { UiLanguage } from '../i18n/core.ts';

/** The language switcher's state, for the header and the settings screen. */
export const LanguageControl = createContext<{ lang: UiLanguage; setLang(l: UiLanguage): void }>({ lang: 'en', setLang: () => undefined });

export function useLanguageControl() {
  return useContext(LanguageControl);
}
