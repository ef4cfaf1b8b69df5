// The centre app's frame around every screen: the centre's name, who is signed in and sign-out in the
// top bar, and only the navigation the role may use (the frame itself: ./Shell.tsx).

import type { ReactNode } from 'react';
import type { MethodName } from '../../domain/api/contract.ts';
import { useI18n } from '../i18n/context.tsx';
import type { UiKey, UiLanguage } from '../i18n/core.ts';
import { Button } from '../ui/kit.tsx';
import { Shell } from './Shell.tsx';
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
  return (
    <Shell
      brandDetail={centre.name}
      lang={lang}
      setLang={setLang}
      topbarEnd={
        <>
          <span className="who">
            {account.displayName} · {label('role', account.role)}
          </span>
          <Button size="small" onClick={signOut}>
            {t('auth.signOut')}
          </Button>
        </>
      }
      nav={NAV.filter((n) => !n.needs || can(n.needs))}
      footnote={
        <>
          {t(transport === 'electron' ? 'app.transportElectron' : 'app.transportBrowser')}
          <br />
          {t('app.timeZone', { zone: centre.timeZone ?? '' })}
        </>
      }
    >
      {children}
    </Shell>
  );
}
