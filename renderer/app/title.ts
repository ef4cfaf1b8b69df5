import { useEffect } from 'react';
import { useI18n } from '../i18n/context.tsx';

/** The window title names the screen first, then the application. */
export function usePageTitle(screen: string): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${screen} — ${t('app.name')}`;
  }, [screen, t]);
}
