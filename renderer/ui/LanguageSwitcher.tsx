import { useId } from 'react';
import { LANGUAGE_NAMES, UI_LANGUAGES, type UiLanguage } from '../i18n/core.ts';
import { useI18n } from '../i18n/context.tsx';

/** The interface language, kept on this workstation. Each language is named in itself. */
export function LanguageSwitcher({ lang, setLang }: { lang: UiLanguage; setLang(l: UiLanguage): void }) {
  const id = useId();
  const { t } = useI18n();
  return (
    <span className="lang-switch">
      <label htmlFor={id}>{t('common.language')}</label>
      <select id={id} value={lang} onChange={(e) => setLang(e.target.value as UiLanguage)}>
        {UI_LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </span>
  );
}
