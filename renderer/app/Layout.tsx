// The frame around every screen: skip link, top bar (centre, language, who is signed in, sign-out),
// the navigation (only what the role may use), and the main region that takes focus on navigation.

import { useEffect, useRef, type ReactNode } from 'react';
import type { MethodName } from '../../domain/api/contract.ts';
import { useI18n } from '../i18n/context.tsx';
import type { UiKey, UiLanguage } from '../i18n/core.ts';
import { LanguageSwitcher } from '../ui/LanguageSwitcher.tsx';
import { Button } from '../ui/kit.tsx';
import { useRoute } from './router.tsx';
import { useSession } from './session.tsx';

interface NavItem {
  to: string;
  label: UiKey;
  /** Shown only to roles that may call this method. */
  needs?: MethodName;
}

export const NAV: readonly NavItem[] = [
  { to: '/', label: 'nav.dashboard' },
  { to: '/register', label: 'nav.register' },
  { to: '/admit', label: 'nav.admission', needs: 'placements.admit' },
  { to: '/rooms', label: 'nav.rooms' },
  { to: '/deadlines', label: 'nav.deadlines' },
  { to: '/rights', label: 'nav.rights', needs: 'rights.record' },
  { to: '/inspections', label: 'nav.inspections' },
  { to: '/export', label: 'nav.export', needs: 'exports.status' },
  { to: '/settings', label: 'nav.settings' },
];

export function Layout({
  children,
  lang,
  setLang,
  transport,
}: {
  children: ReactNode;
  lang: UiLanguage;
  setLang(l: UiLanguage): void;
  transport: 'electron' | 'browser';
}) {
  const { t, label } = useI18n();
  const { account, centre, can, signOut } = useSession();
  const route = useRoute();
  const mainRef = useRef<HTMLElement>(null);
  const first = route.segments[0] ?? '';
  const path = `/${route.segments.join('/')}`;

  // After navigation, move focus to the new screen's heading so keyboard and screen-reader users start there.
  const lastPath = useRef(path);
  useEffect(() => {
    if (lastPath.current === path) return;
    lastPath.current = path;
    const h1 = mainRef.current?.querySelector('h1');
    if (h1) {
      h1.setAttribute('tabindex', '-1');
      h1.focus({ preventScroll: false });
    }
  }, [path]);

  const items = NAV.filter((n) => !n.needs || can(n.needs));
  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => {
        e.preventDefault();
        mainRef.current?.focus();
      }}>
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <span className="brand">
          {t('app.name')}
          <small>{centre.name}</small>
        </span>
        <span className="spacer" />
        <LanguageSwitcher lang={lang} setLang={setLang} />
        <span className="who">
          {account.displayName} · {label('role', account.role)}
        </span>
        <Button size="small" onClick={signOut}>
          {t('auth.signOut')}
        </Button>
      </header>
      <div className="body">
        <nav className="side" aria-label={t('nav.label')}>
          <ul>
            {items.map((n) => {
              const current = n.to === '/' ? first === '' : first === n.to.slice(1);
              return (
                <li key={n.to}>
                  <a href={`#${n.to}`} aria-current={current ? 'page' : undefined}>
                    {t(n.label)}
                  </a>
                </li>
              );
            })}
          </ul>
          <p className="transport-line" style={{ padding: '0.8rem 0.9rem' }}>
            {t(transport === 'electron' ? 'app.transportElectron' : 'app.transportBrowser')}
            <br />
            {t('app.timeZone', { zone: centre.timeZone ?? '' })}
          </p>
        </nav>
        <main id="main" ref={mainRef} tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
