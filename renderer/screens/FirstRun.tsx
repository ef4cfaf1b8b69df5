// First run: the centre does not exist yet. Create it (name, time zone, legal profile) and its first
// head-of-centre account, in one call; the centre's signing key is made on the other side.

import { useState, type FormEvent } from 'react';
import type { Session } from '../../domain/api/outputs.ts';
import { SEED_MAX_PERSONS, SEED_MAX_YEARS } from '../../domain/api/seed-limits.ts';
import { profiles } from '../../domain/profile/az-default.ts';
import { reason as mkReason, type Reason } from '../../domain/reasons.ts';
import { useMutation } from '../api/hooks.tsx';
import { useI18n } from '../i18n/context.tsx';
import type { UiLanguage } from '../i18n/core.ts';
import { ErrorSummary, FormReasons, Select, TextInput } from '../ui/fields.tsx';
import { Button } from '../ui/kit.tsx';
import { LanguageSwitcher } from '../ui/LanguageSwitcher.tsx';
import { timeZoneOptions } from '../ui/timezones.ts';
import { JobProgress, useJob } from '../api/job.tsx';
import { NumberInput } from '../ui/fields.tsx';
import { Panel } from '../ui/kit.tsx';

export function FirstRun({
  lang,
  setLang,
  onDone,
  onSeeded,
}: {
  lang: UiLanguage;
  setLang(l: UiLanguage): void;
  onDone(s: Session): void;
  onSeeded?(): void;
}) {
  const { t } = useI18n();
  const setup = useMutation('centre.setup');
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState('Asia/Baku');
  const profileIds = Object.keys(profiles);
  const [profileId, setProfileId] = useState(profileIds[0] ?? '');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [local, setLocal] = useState<Reason[]>([]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password !== confirm) {
      setLocal([mkReason('ui.password_mismatch', 'confirm')]);
      return;
    }
    setLocal([]);
    const s = await setup.run({ name, timeZone, profileId, head: { username, displayName, password } });
    if (s) onDone(s);
  };

  const reasons = [...local, ...(setup.failure?.reasons ?? [])];
  return (
    <div className="center-page">
      <main className="card wide" id="main">
        <div className="lang-corner">
          <LanguageSwitcher lang={lang} setLang={setLang} />
        </div>
        <h1>{t('firstRun.title')}</h1>
        <p className="muted">{t('firstRun.intro')}</p>
        <form onSubmit={submit} noValidate>
          <FormReasons reasons={reasons} aliases={{ 'head.username': 'username', 'head.displayName': 'displayName', 'head.password': 'password' }}>
            <ErrorSummary />
            <fieldset className="group">
              <legend>{t('firstRun.centre')}</legend>
              <TextInput label={t('firstRun.centreName')} name="name" value={name} onChange={setName} required autoComplete="organization" />
              <div className="row">
                <Select
                  label={t('firstRun.timeZone')}
                  name="timeZone"
                  value={timeZone}
                  onChange={setTimeZone}
                  options={timeZoneOptions()}
                  hint={t('firstRun.timeZoneHint')}
                  required
                />
                <Select
                  label={t('firstRun.profile')}
                  name="profileId"
                  value={profileId}
                  onChange={setProfileId}
                  options={profileIds.map((id) => ({ value: id, label: profiles[id]!.name }))}
                  required
                />
              </div>
            </fieldset>
            <fieldset className="group">
              <legend>{t('firstRun.head')}</legend>
              <div className="row">
                <TextInput label={t('account.displayName')} name="displayName" value={displayName} onChange={setDisplayName} required autoComplete="name" />
                <TextInput
                  label={t('account.username')}
                  name="username"
                  value={username}
                  onChange={setUsername}
                  required
                  autoComplete="username"
                  hint={t('account.usernameHint')}
                />
              </div>
              <div className="row">
                <TextInput
                  label={t('account.password')}
                  name="password"
                  type="password"
                  value={password}
                  onChange={setPassword}
                  required
                  autoComplete="new-password"
                  hint={t('account.passwordHint')}
                />
                <TextInput label={t('account.passwordConfirm')} name="confirm" type="password" value={confirm} onChange={setConfirm} required autoComplete="new-password" />
              </div>
            </fieldset>
            <div className="form-actions">
              <Button type="submit" variant="primary" busy={setup.pending}>
                {t('firstRun.submit')}
              </Button>
            </div>
          </FormReasons>
        </form>
        <DemoCentre onSeeded={onSeeded} />
      </main>
    </div>
  );
}


/** A demonstration centre with a synthetic history, made by a long job with progress and cancel. */
function DemoCentre({ onSeeded }: { onSeeded?: (() => void) | undefined }) {
  const { t } = useI18n();
  const job = useJob();
  const [persons, setPersons] = useState<number | null>(2000);
  const [years, setYears] = useState<number | null>(2);
  if (!job.available) return null;
  const done = job.status?.state === 'done';
  return (
    <Panel title={t('firstRun.demoTitle')} headingLevel={2} className="no-print">
      <p className="hint">{t('firstRun.demoHint')}</p>
      <FormReasons reasons={job.failure?.reasons ?? []}>
        <div className="row">
          <NumberInput
            label={t('firstRun.demoPersons')}
            name="persons"
            value={persons}
            onChange={setPersons}
            min={1}
            max={SEED_MAX_PERSONS}
            step={1}
            inputMode="numeric"
            hint={t('firstRun.demoPersonsHint', { max: SEED_MAX_PERSONS })}
          />
          <NumberInput label={t('firstRun.demoYears')} name="years" value={years} onChange={setYears} min={1} max={SEED_MAX_YEARS} step={1} />
        </div>
      </FormReasons>
      <Button onClick={() => job.start('seed', { persons: persons ?? 1000, years: years ?? 1 })} disabled={job.running || done} busy={job.running}>
        {t('firstRun.demoStart')}
      </Button>
      <JobProgress job={job} label={t('firstRun.demoProgress')} />
      {done ? (
        <p>
          <Button variant="primary" onClick={() => onSeeded?.()}>
            {t('firstRun.demoOpen')}
          </Button>
        </p>
      ) : null}
    </Panel>
  );
}
