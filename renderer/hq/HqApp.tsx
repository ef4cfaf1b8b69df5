// HQ mode (`centre web --hq`): the same UI kit, catalogues and charts as the centre's app, HQ's own
// API (domain/api/hq-contract.ts). No sign-in: HQ mode has no accounts, and only the page opened from
// the address `centre web --hq` printed holds the launch token. Times in this workstation's zone.

import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Client } from '../api/client.ts';
import { ApiProvider, ApiStore } from '../api/hooks.tsx';
import { LanguageControl } from '../app/language.tsx';
import { useRoute } from '../app/router.tsx';
import { Shell } from '../app/Shell.tsx';
import { I18nProvider, initialLanguage, saveLanguage, useI18n } from '../i18n/context.tsx';
import type { UiKey, UiLanguage } from '../i18n/core.ts';
import { Link } from '../ui/kit.tsx';
import { createHqClient, HqProvider, type HqTransport } from './api.tsx';
import { Centres } from './Centres.tsx';
import { Figures } from './Figures.tsx';
import { Import } from './Import.tsx';

const NAV: readonly { to: string; label: UiKey }[] = [
  { to: '/', label: 'hq.nav.figures' },
  { to: '/centres', label: 'hq.nav.centres' },
  { to: '/import', label: 'hq.nav.import' },
];

/**
 * The job runner's hooks (useJob) live in the centre app's API context; HQ mode gives them its job
 * bridge and a client for the centre's API that refuses every call: there is no centre here.
 */
const NO_CENTRE: Client = {
  transport: 'browser',
  call: () => Promise.reject(new Error('HQ mode has no centre API')),
};

function workstationZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export function HqApp({ transport }: { transport: HqTransport }) {
  const [lang, setLangState] = useState<UiLanguage>(initialLanguage);
  const [version, setVersion] = useState(0);
  const bump = useCallback(() => setVersion((v) => v + 1), []);
  const client = useMemo(() => createHqClient(transport.bridge, bump), [transport, bump]);
  const store = useMemo(() => new ApiStore(), []);
  const setLang = useCallback((l: UiLanguage) => {
    saveLanguage(l);
    setLangState(l);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const hq = useMemo(() => ({ client, transport, version, bump }), [client, transport, version, bump]);
  const api = useMemo(() => ({ client: NO_CENTRE, store, jobs: transport.jobs, session: () => null }), [store, transport]);
  const zone = useMemo(workstationZone, []);
  return (
    <HqProvider value={hq}>
      <ApiProvider value={api}>
        <LanguageControl.Provider value={{ lang, setLang }}>
          <I18nProvider lang={lang} timeZone={zone}>
            <HqLayout lang={lang} setLang={setLang} zone={zone} />
          </I18nProvider>
        </LanguageControl.Provider>
      </ApiProvider>
    </HqProvider>
  );
}

function HqLayout({ lang, setLang, zone }: { lang: UiLanguage; setLang(l: UiLanguage): void; zone: string }) {
  const { t } = useI18n();
  const route = useRoute();
  const first = route.segments[0] ?? '';
  let screen;
  switch (first) {
    case '':
      screen = <Figures />;
      break;
    case 'centres':
      screen = <Centres />;
      break;
    case 'import':
      screen = <Import />;
      break;
    default:
      screen = (
        <>
          <h1>{t('common.notFound')}</h1>
          <p>
            <Link to="/">{t('hq.nav.figures')}</Link>
          </p>
        </>
      );
  }
  return (
    <Shell
      brandDetail={t('hq.brand')}
      lang={lang}
      setLang={setLang}
      nav={NAV}
      footnote={
        <>
          {t('hq.modeLine')}
          <br />
          {t('app.timeZone', { zone })}
        </>
      }
    >
      {screen}
    </Shell>
  );
}
