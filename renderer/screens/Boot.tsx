import type { ApiFailure } from '../api/client.ts';
import { useI18n } from '../i18n/context.tsx';
import type { UiLanguage } from '../i18n/core.ts';
import { LanguageSwitcher } from '../ui/LanguageSwitcher.tsx';
import { Button, Loading } from '../ui/kit.tsx';

export function BootLoading() {
  return (
    <div className="center-page">
      <Loading />
    </div>
  );
}

/** The API cannot be reached at all: say so, and offer to try again. */
export function BootError({
  error,
  onRetry,
  lang,
  setLang,
}: {
  error: ApiFailure;
  onRetry(): void;
  lang: UiLanguage;
  setLang(l: UiLanguage): void;
}) {
  const { t, reason } = useI18n();
  return (
    <div className="center-page">
      <main className="card" id="main">
        <div className="lang-corner">
          <LanguageSwitcher lang={lang} setLang={setLang} />
        </div>
        <h1>{t('app.name')}</h1>
        <div className="notice notice-danger" role="alert">
          <p>
            <strong>{t('boot.failed')}</strong>
          </p>
          <p>{error.reasons.map((r) => reason(r)).join('; ')}</p>
        </div>
        <Button variant="primary" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      </main>
    </div>
  );
}
