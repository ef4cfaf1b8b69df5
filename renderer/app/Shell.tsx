// The frame both apps share (the centre's and HQ mode): skip link, top bar, side navigation, and the
// main region whose heading takes focus after each navigation, so that keyboard and screen-reader
// users start on the new screen and not at the top of the page.

import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/context.tsx';
import type { UiKey, UiLanguage } from '../i18n/core.ts';
import { LanguageSwitcher } from '../ui/LanguageSwitcher.tsx';
import { useRoute } from './router.tsx';

export interface ShellNavItem {
  to: string;
  label: UiKey;
}

export function Shell({
  brandDetail,
  lang,
  setLang,
  topbarEnd,
  nav,
  footnote,
  children,
}: {
  /** Under the app's name: the centre, or HQ. */
  brandDetail: ReactNode;
  lang: UiLanguage;
  setLang(l: UiLanguage): void;
  /** After the language switcher: who is signed in, sign-out. */
  topbarEnd?: ReactNode;
  nav: readonly ShellNavItem[];
  /** Under the navigation: how the app runs, and in which time zone it shows times. */
  footnote: ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const route = useRoute();
  const mainRef = useRef<HTMLElement>(null);
  const first = route.segments[0] ?? '';
  const path = `/${route.segments.join('/')}`;
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
  return (
    <div className="app">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          mainRef.current?.focus();
        }}
      >
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <span className="brand">
          {t('app.name')}
          <small>{brandDetail}</small>
        </span>
        <span className="spacer" />
        <LanguageSwitcher lang={lang} setLang={setLang} />
        {topbarEnd}
      </header>
      <div className="body">
        <nav className="side" aria-label={t('nav.label')}>
          <ul>
            {nav.map((n) => {
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
            {footnote}
          </p>
        </nav>
        <main id="main" ref={mainRef} tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
