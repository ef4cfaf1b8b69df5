// The application: centre set-up on first run, sign-in, then the screens for the signed-in role.

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CentreView, Session } from '../../domain/api/outputs.ts';
import { createClient, type ApiFailure } from '../api/client.ts';
import { ApiProvider, ApiStore } from '../api/hooks.tsx';
import { I18nProvider, initialLanguage, saveLanguage } from '../i18n/context.tsx';
import type { UiLanguage } from '../i18n/core.ts';
import type { Transport } from '../transport/pick.ts';
import { LanguageControl } from './language.tsx';
import { Layout } from './Layout.tsx';
import { Routes } from './Routes.tsx';
import { loadSession, saveSession, SessionProvider, roleMay, type SessionValue } from './session.tsx';
import { FirstRun } from '../screens/FirstRun.tsx';
import { SignIn } from '../screens/SignIn.tsx';
import { BootError, BootLoading } from '../screens/Boot.tsx';

export function App({ transport }: { transport: Transport }) {
  const [lang, setLangState] = useState<UiLanguage>(initialLanguage);
  const [centre, setCentre] = useState<CentreView | null>(null);
  const [bootError, setBootError] = useState<ApiFailure | null>(null);
  const [session, setSessionState] = useState<Session | null>(loadSession);
  const [signedOutReason, setSignedOutReason] = useState<string | null>(null);
  const sessionRef = useRef<Session | null>(session);
  const store = useMemo(() => new ApiStore(), []);

  const setSession = useCallback((s: Session | null) => {
    sessionRef.current = s;
    saveSession(s);
    setSessionState(s);
  }, []);

  const client = useMemo(
    () =>
      createClient(transport.bridge, {
        session: () => sessionRef.current?.token ?? null,
        onWrite: () => store.bump(),
        onServerTime: (at, sent, received) => store.setServerTime(at, sent, received),
        onUnauthenticated: (reasons) => {
          if (!sessionRef.current) return;
          setSignedOutReason(reasons[0]?.code ?? 'auth.session_expired');
          setSession(null);
        },
      }),
    [transport, store, setSession],
  );

  const setLang = useCallback((l: UiLanguage) => {
    saveLanguage(l);
    setLangState(l);
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const loadCentre = useCallback(() => {
    client
      .call('centre.get', {})
      .then((c) => {
        setCentre(c);
        setBootError(null);
      })
      .catch((e: ApiFailure) => setBootError(e));
  }, [client]);

  useEffect(loadCentre, [loadCentre]);

  // A session kept from before a reload: check it is still good.
  useEffect(() => {
    if (!sessionRef.current) return;
    client.call('accounts.me', {}).then(
      (account) => {
        if (sessionRef.current) setSession({ ...sessionRef.current, account });
      },
      () => undefined,
    );
  }, [client, setSession]);

  const signOut = useCallback(() => {
    client.call('accounts.signOut', {}).catch(() => undefined);
    setSignedOutReason(null);
    setSession(null);
    window.location.hash = '#/';
  }, [client, setSession]);

  const api = useMemo(
    () => ({ client, store, jobs: transport.jobs, session: () => sessionRef.current?.token ?? null }),
    [client, store, transport],
  );

  const sessionValue: SessionValue | null = useMemo(
    () =>
      session && centre
        ? {
            account: session.account,
            centre,
            can: (m) => roleMay(session.account.role, m),
            signOut,
            refreshCentre: loadCentre,
          }
        : null,
    [session, centre, signOut, loadCentre],
  );

  const languageControl = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  const timeZone = centre?.timeZone ?? 'UTC';
  let content;
  if (bootError && !centre) content = <BootError error={bootError} onRetry={loadCentre} lang={lang} setLang={setLang} />;
  else if (!centre) content = <BootLoading />;
  else if (!centre.configured)
    content = (
      <FirstRun
        lang={lang}
        setLang={setLang}
        onDone={(s) => {
          setSession(s);
          loadCentre();
        }}
        onSeeded={loadCentre}
      />
    );
  else if (!sessionValue)
    content = (
      <SignIn
        centre={centre}
        lang={lang}
        setLang={setLang}
        signedOutReason={signedOutReason}
        onSignedIn={(s) => {
          setSignedOutReason(null);
          setSession(s);
        }}
      />
    );
  else
    content = (
      <SessionProvider value={sessionValue}>
        <Layout lang={lang} setLang={setLang} transport={transport.bridge.transport}>
          <Routes />
        </Layout>
      </SessionProvider>
    );

  return (
    <ApiProvider value={api}>
      <LanguageControl.Provider value={languageControl}>
        <I18nProvider lang={lang} timeZone={timeZone}>
          {content}
        </I18nProvider>
      </LanguageControl.Provider>
    </ApiProvider>
  );
}
