// Sign-in. Wrong passwords count towards a lockout on the server; its message says until when.

import { useState, type FormEvent } from 'react';
import type { CentreView, Session } from '../../domain/api/outputs.ts';
import { useMutation } from '../api/hooks.tsx';
import { useI18n } from '../i18n/context.tsx';
import type { UiLanguage } from '../i18n/core.ts';
import { ErrorSummary, FormReasons, TextInput } from '../ui/fields.tsx';
import { Button, Notice } from '../ui/kit.tsx';
import { LanguageSwitcher } from '../ui/LanguageSwitcher.tsx';

export function SignIn({
  centre,
  lang,
  setLang,
  onSignedIn,
  signedOutReason,
}: {
  centre: CentreView;
  lang: UiLanguage;
  setLang(l: UiLanguage): void;
  onSignedIn(s: Session): void;
  signedOutReason?: string | null;
}) {
  const { t, reason } = useI18n();
  const signIn = useMutation('accounts.signIn');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const s = await signIn.run({ username: username.trim(), password });
    if (s) onSignedIn(s);
    else setPassword('');
  };

  return (
    <div className="center-page">
      <main className="card" id="main">
        <div className="lang-corner">
          <LanguageSwitcher lang={lang} setLang={setLang} />
        </div>
        <h1>{t('auth.title')}</h1>
        <p className="muted">
          {t('app.name')} — {centre.name}
        </p>
        {signedOutReason ? <Notice tone="warn">{reason({ code: signedOutReason })}</Notice> : null}
        <form onSubmit={submit} noValidate>
          <FormReasons reasons={signIn.failure?.reasons ?? []}>
            <ErrorSummary title={t('auth.failed')} />
            <TextInput label={t('account.username')} name="username" value={username} onChange={setUsername} autoComplete="username" autoFocus required />
            <TextInput
              label={t('account.password')}
              name="password"
              type="password"
              value={password}
              onChange={setPassword}
              autoComplete="current-password"
              required
            />
            <div className="form-actions">
              <Button type="submit" variant="primary" busy={signIn.pending}>
                {t('auth.signIn')}
              </Button>
            </div>
          </FormReasons>
        </form>
      </main>
    </div>
  );
}
