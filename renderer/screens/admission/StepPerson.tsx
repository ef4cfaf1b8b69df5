// Step 1: who is admitted. A new person's identity (checked with the contract's own schema before
// going on), or a person already in the register: a readmission keeps their person-level alerts.

import { useEffect, useState, type FormEvent } from 'react';
import type { PersonFile, SearchRow } from '../../../domain/api/outputs.ts';
import type { Reason } from '../../../domain/reasons.ts';
import { useApi, useClient } from '../../api/hooks.tsx';
import { useI18n } from '../../i18n/context.tsx';
import { ErrorSummary, FormReasons, RadioGroup, TextInput } from '../../ui/fields.tsx';
import { Badge, Button, Empty, KeyValues, Loading, Notice } from '../../ui/kit.tsx';
import { CorrectDialog } from '../dialogs.tsx';
import { identityFromPerson, IdentityFields } from '../forms/identity.tsx';
import type { StepProps } from './Admission.tsx';
import { ADMISSION_ALIASES, personToRegister, stepOfField } from './state.ts';

export function StepPerson({ draft, setDraft, next, carried, locate }: StepProps) {
  const { t } = useI18n();
  const [local, setLocal] = useState<Reason[]>([]);
  const registered = draft.mode === 'new' && draft.personId !== null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft.mode === 'existing') {
      if (!draft.personId) {
        setLocal([{ code: 'ui.pick_person', field: 'personId' }]);
        return;
      }
      setLocal([]);
      next();
      return;
    }
    if (!registered) {
      const { reasons } = personToRegister(draft);
      const mine = reasons.filter((r) => stepOfField(r.field) === 0 || r.field === undefined);
      setLocal(mine);
      if (mine.length) return;
    }
    next();
  };

  const reasons = [...local, ...carried.filter((r) => stepOfField(r.field) === 0)];
  return (
    <form onSubmit={submit} noValidate>
      <FormReasons reasons={reasons} aliases={ADMISSION_ALIASES} onLocate={locate}>
        <ErrorSummary />
        {draft.personId === null ? (
          <RadioGroup
            legend={t('admission.who')}
            name="mode"
            value={draft.mode}
            onChange={(v) => {
              setLocal([]);
              setDraft((d) => ({ ...d, mode: v as 'new' | 'existing', personId: null }));
            }}
            options={[
              { value: 'new', label: t('admission.newPerson') },
              { value: 'existing', label: t('admission.existingPerson'), hint: t('admission.existingHint') },
            ]}
          />
        ) : null}
        {draft.mode === 'new' ? registered ? <Registered personId={draft.personId!} /> : <IdentityFields draft={draft.identity} onChange={(identity) => setDraft((d) => ({ ...d, identity }))} /> : <PickPerson {...{ draft, setDraft }} />}
        <div className="form-actions">
          <Button type="submit" variant="primary">
            {t('common.next')}
          </Button>
        </div>
      </FormReasons>
    </form>
  );
}

function Registered({ personId }: { personId: string }) {
  const { t } = useI18n();
  const file = useApi('register.personFile', { personId });
  const [correcting, setCorrecting] = useState(false);
  if (!file.data) return <Loading />;
  return (
    <>
      <Notice tone="info">{t('admission.registeredNote')}</Notice>
      <PersonSummary file={file.data} />
      <Button onClick={() => setCorrecting(true)}>{t('person.correct')}</Button>
      {correcting ? <CorrectDialog open onClose={() => setCorrecting(false)} person={file.data.person} /> : null}
    </>
  );
}

export function PersonSummary({ file }: { file: PersonFile }) {
  const { t, label, fmt } = useI18n();
  const p = file.person;
  return (
    <>
      <KeyValues
        columns={3}
        items={[
          [t('person.name'), `${p.familyName}, ${p.givenNames}`],
          [t('person.nameOriginal'), p.nameOriginal],
          [t('person.sex'), label('sex', p.sex)],
          [t('person.birthDate'), p.birthDate ? fmt.calendarDate(p.birthDate) : p.claimedAge !== null ? t('person.claimedAgeOn', { age: p.claimedAge, date: fmt.calendarDate(p.claimedAgeOn) }) : '—'],
          [t('person.nationality'), p.stateless ? t('person.stateless') : p.nationality],
          [t('person.languages'), p.languages.join(', ')],
          [t('person.status'), label('status', p.status)],
          [t('admission.previousStays'), fmt.number(file.placements.length)],
        ]}
      />
      {p.alerts.length ? (
        <div className="notice notice-warn" role="note">
          <strong>{t('admission.alertsCarried')}</strong>{' '}
          <span className="alerts">
            {p.alerts.map((a, i) => (
              <Badge key={i} tone="warn">
                {a}
              </Badge>
            ))}
          </span>
        </div>
      ) : null}
    </>
  );
}

function PickPerson({ draft, setDraft }: Pick<StepProps, 'draft' | 'setDraft'>) {
  const { t, label, fmt } = useI18n();
  const client = useClient();
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<SearchRow[] | null>(null);
  const picked = useApi('register.personFile', draft.personId ? { personId: draft.personId } : null);

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setRows(null);
      return;
    }
    const id = setTimeout(() => {
      client.call('register.search', { name: q, presence: 'all', limit: 25 }).then((r) => setRows(r.rows), () => setRows([]));
    }, 250);
    return () => clearTimeout(id);
  }, [query, client]);

  if (draft.personId) {
    return (
      <>
        {picked.data ? <PersonSummary file={picked.data} /> : <Loading />}
        <Button onClick={() => setDraft((d) => ({ ...d, personId: null }))}>{t('admission.pickAnother')}</Button>
      </>
    );
  }
  return (
    <>
      <TextInput label={t('admission.searchPerson')} name="personId" type="search" value={query} onChange={setQuery} hint={t('register.searchNameHint')} autoComplete="off" />
      {rows === null ? null : rows.length === 0 ? (
        <Empty>{t('register.noMatch')}</Empty>
      ) : (
        <table className="grid compact">
          <caption className="vh">{t('admission.searchResults')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('person.name')}</th>
              <th scope="col">{t('person.birthDate')}</th>
              <th scope="col">{t('person.nationality')}</th>
              <th scope="col">{t('person.status')}</th>
              <th scope="col">{t('register.presence')}</th>
              <th scope="col">
                <span className="vh">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.personId}>
                <td>
                  {r.familyName}, {r.givenNames}
                </td>
                <td>{fmt.calendarDate(r.birthDate)}</td>
                <td>{r.nationality ?? '—'}</td>
                <td>{label('status', r.status)}</td>
                <td>{label('presence', r.present ? 'present' : 'past')}</td>
                <td>
                  {r.present ? (
                    <span className="muted">{t('admission.alreadyPresent')}</span>
                  ) : (
                    <Button
                      size="small"
                      onClick={() =>
                        client.call('register.personFile', { personId: r.personId }).then((file) =>
                          setDraft((d) => ({
                            ...d,
                            personId: r.personId,
                            identity: identityFromPerson(file.person),
                            status: file.person.status,
                            unaccompanied: file.person.unaccompanied,
                            vulnerabilities: file.person.vulnerabilities,
                            trafficking: file.person.traffickingIndicators,
                          })),
                        )
                      }
                    >
                      {t('admission.pick', { name: `${r.familyName}, ${r.givenNames}` })}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
