// Rights log quick entry for the duty officer: pick a person present, the right, what happened
// (offered, exercised, declined), and for the information on rights the language, sheet version and
// interpreter. The rights still due for that person are listed beside the form.

import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { INTERPRETATION_MODES } from '../../domain/api/inputs.ts';
import { profileById } from '../../domain/profile/az-default.ts';
import { RIGHTS, type RightKind } from '../../domain/profile/types.ts';
import { reason, type Reason } from '../../domain/reasons.ts';
import { useApi, useMutation, useServerNow } from '../api/hooks.tsx';
import { navigate, useRoute } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { usePageTitle } from '../app/title.ts';
import { useI18n } from '../i18n/context.tsx';
import { informedLanguageFor, SHEETS, sheetLanguageFor } from '../print/rights-sheet/index.ts';
import { LeftText, PersonLink } from '../ui/bits.tsx';
import { ErrorSummary, FormReasons, RadioGroup, Select, TextArea, TextInput } from '../ui/fields.tsx';
import { Badge, Button, Empty, Loading, Notice, Panel } from '../ui/kit.tsx';
import { atInput, AtField } from './dialogs.tsx';

export function RightsEntry() {
  const { t, label } = useI18n();
  usePageTitle(t('nav.rights'));
  const { centre, can } = useSession();
  const route = useRoute();
  const tz = centre.timeZone ?? 'UTC';
  const population = useApi('register.population', {});
  const [filter, setFilter] = useState('');
  const personId = route.query.get('person') ?? '';
  const setPersonId = (id: string) => navigate(`/rights${id ? `?person=${encodeURIComponent(id)}` : ''}`, { replace: true });
  const file = useApi('register.personFile', personId ? { personId } : null);
  const placement = file.data?.placements.find((p) => p.endedAt === null) ?? null;

  const [right, setRight] = useState<RightKind>('information_on_rights');
  const [state, setState] = useState<'offered' | 'exercised' | 'declined'>('exercised');
  const [language, setLanguage] = useState('');
  const [version, setVersion] = useState('');
  const [mode, setMode] = useState('');
  const [interpreter, setInterpreter] = useState('');
  const [detail, setDetail] = useState('');
  const [at, setAt] = useState('');
  const [local, setLocal] = useState<Reason[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const record = useMutation('rights.record');

  // Defaults from the person: their language, and the sheet version in it.
  useEffect(() => {
    const langs = file.data?.person.languages ?? [];
    const sheet = sheetLanguageFor(langs);
    setLanguage(informedLanguageFor(langs));
    setVersion(SHEETS[sheet]?.version ?? '');
    setMode(file.data?.person.interpreterNeeded ? 'in_person' : '');
  }, [file.data?.person.personId]); // eslint-disable-line react-hooks/exhaustive-deps

  const people = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return (population.data?.rows ?? []).filter((r) => !q || `${r.familyName} ${r.givenNames} ${r.roomName ?? ''}`.toLowerCase().includes(q));
  }, [population.data, filter]);

  if (!can('rights.record')) return <Notice tone="warn">{t('common.notAllowed')}</Notice>;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const when = atInput(at, tz);
    const reasons: Reason[] = [];
    if (!placement) reasons.push(reason('ui.pick_person', 'placementId'));
    if (when === null) reasons.push(reason('input.invalid', 'at', { detail: 'expected an ISO-8601 date and time' }));
    setLocal(reasons);
    if (reasons.length || !placement) return;
    const info = right === 'information_on_rights';
    const r = await record.run({
      placementId: placement.placementId,
      right,
      state,
      ...(info && language ? { language: language.trim().toLowerCase() } : {}),
      ...(info && version ? { version } : {}),
      interpreter: mode ? { mode: mode as (typeof INTERPRETATION_MODES)[number], name: interpreter } : null,
      detail,
      ...(when ?? {}),
    });
    if (r) {
      setDone(`${label('right', right)} — ${label('rightState', state)}`);
      setDetail('');
      setAt('');
    }
  };

  return (
    <>
      <div className="page-head">
        <h1>{t('nav.rights')}</h1>
      </div>
      <div className="grid-2">
        <Panel title={t('rights.person')} id="rights-person">
          <TextInput label={t('rights.filterPeople')} type="search" value={filter} onChange={setFilter} autoComplete="off" />
          {!population.data ? (
            <Loading />
          ) : (
            <Select
              label={t('rights.personPresent', { count: people.length })}
              name="placementId"
              value={personId}
              onChange={setPersonId}
              size={8}
              options={people.map((p) => ({
                value: p.personId,
                label: `${p.familyName}, ${p.givenNames}${p.roomName ? ` — ${p.roomName}` : ''} (${label('kind', p.kind)})`,
              }))}
            />
          )}
          {file.data && placement ? <DueRights file={file.data} profileId={centre.profileId ?? ''} /> : null}
        </Panel>
        <Panel title={t('rights.entry')} id="rights-entry">
          {personId && file.data ? (
            <p>
              <PersonLink personId={file.data.person.personId} familyName={file.data.person.familyName} givenNames={file.data.person.givenNames} />{' '}
              {file.data.person.languages.length ? <span className="muted">({file.data.person.languages.join(', ')})</span> : null}{' '}
              {file.data.person.interpreterNeeded ? <Badge tone="warn">{t('person.interpreterNeeded')}</Badge> : null}
            </p>
          ) : (
            <p className="muted">{t('rights.pickFirst')}</p>
          )}
          {done ? (
            <Notice tone="ok" live>
              {t('rights.recordedOne', { what: done })}
            </Notice>
          ) : null}
          <form onSubmit={submit} noValidate>
            <FormReasons reasons={[...local, ...(record.failure?.reasons ?? [])]} aliases={{ 'interpreter.name': 'interpreter', 'interpreter.mode': 'interpreter' }}>
              <ErrorSummary />
              <Select label={t('rights.right')} name="right" value={right} onChange={(v) => setRight(v as RightKind)} options={RIGHTS.map((r) => ({ value: r, label: label('right', r) }))} required />
              <RadioGroup
                legend={t('rights.state')}
                name="state"
                value={state}
                onChange={(v) => setState(v as typeof state)}
                options={(['offered', 'exercised', 'declined'] as const).map((s) => ({ value: s, label: label('rightState', s) }))}
                hint={right === 'consular_notification' ? t('rights.consularChoice') : undefined}
              />
              {right === 'information_on_rights' ? (
                <div className="row">
                  <TextInput label={t('rights.language')} name="language" value={language} onChange={setLanguage} list="entry-languages" required style={{ maxWidth: '7rem' }} hint={t('rights.languageHint')} />
                  <TextInput label={t('rights.version')} name="version" value={version} onChange={setVersion} style={{ maxWidth: '10rem' }} />
                </div>
              ) : null}
              <div className="row">
                <Select label={t('rights.interpreter')} name="interpreter" value={mode} onChange={setMode} placeholder={t('rights.noInterpreter')} options={INTERPRETATION_MODES.map((m) => ({ value: m, label: label('interpretation', m) }))} />
                {mode && mode !== 'none_needed' ? <TextInput label={t('rights.interpreterName')} value={interpreter} onChange={setInterpreter} /> : null}
              </div>
              <TextArea label={t('rights.detail')} name="detail" value={detail} onChange={setDetail} rows={2} hint={t('rights.detailHint')} />
              <AtField value={at} onChange={setAt} />
              <datalist id="entry-languages">
                {[...new Set([...(file.data?.person.languages ?? []), ...Object.keys(SHEETS)])].map((l) => (
                  <option key={l} value={l} />
                ))}
              </datalist>
              <div className="form-actions">
                <Button type="submit" variant="primary" busy={record.pending} disabled={!placement}>
                  {t('rights.record')}
                </Button>
              </div>
            </FormReasons>
          </form>
        </Panel>
      </div>
    </>
  );
}

/** Rights the profile requires for this stay that are not yet recorded, with their time left. */
function DueRights({ file, profileId }: { file: NonNullable<ReturnType<typeof useApi<'register.personFile'>>['data']>; profileId: string }) {
  const { t, label } = useI18n();
  const now = useServerNow(30_000);
  const profile = profileById(profileId);
  const placement = file.placements.find((p) => p.endedAt === null);
  if (!placement || !profile) return null;
  const recorded = new Set(placement.rights.map((r) => r.right));
  const due = profile.requiredRights.filter((r) => r.for.includes(placement.kind) && !recorded.has(r.right));
  return (
    <div style={{ marginTop: '0.6rem' }}>
      <h3>{t('rights.due')}</h3>
      {due.length === 0 ? (
        <Empty>{t('rights.allGiven')}</Empty>
      ) : (
        <ul>
          {due.map((r) => {
            const left = Date.parse(placement.admittedAt) + r.withinHours * 3_600_000 - now;
            return (
              <li key={r.right}>
                {label('right', r.right)} — <LeftText left={left} />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
