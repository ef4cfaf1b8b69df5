// Step 5: rights on admission. The rights the legal profile requires for this kind of placement,
// each offered, exercised or declined (consular contact is the person's choice), with the language
// and interpreter for the information on rights; each one recorded in the rights log.

import { useState } from 'react';
import { INTERPRETATION_MODES } from '../../../domain/api/inputs.ts';
import { profileById } from '../../../domain/profile/az-default.ts';
import { RIGHTS, type RightKind } from '../../../domain/profile/types.ts';
import type { Reason } from '../../../domain/reasons.ts';
import { ApiFailure } from '../../api/client.ts';
import { useApi, useClient } from '../../api/hooks.tsx';
import { href } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/context.tsx';
import { FormReasons, Select, TextInput } from '../../ui/fields.tsx';
import { ReasonList } from '../../ui/bits.tsx';
import { Badge, Button, Notice } from '../../ui/kit.tsx';
import { informedLanguageFor, SHEETS, sheetLanguageFor } from '../../print/rights-sheet/index.ts';
import type { AdmissionDraft } from './state.ts';

interface RightRow {
  right: RightKind;
  required: boolean;
  withinHours: number | null;
  state: '' | 'offered' | 'exercised' | 'declined';
  language: string;
  version: string;
  interpreterMode: string;
  interpreterName: string;
  detail: string;
  recorded: boolean;
  reasons: Reason[];
}

export function StepRights({ draft, placementId, deadline }: { draft: AdmissionDraft; placementId: string; deadline: string | null }) {
  const { t, label, fmt } = useI18n();
  const { centre } = useSession();
  const client = useClient();
  const profile = profileById(centre.profileId ?? '');
  const file = useApi('register.personFile', draft.personId ? { personId: draft.personId } : null);
  const languages = file.data?.person.languages ?? [];
  const needsInterpreter = file.data?.person.interpreterNeeded ?? false;
  const required = (profile?.requiredRights ?? []).filter((r) => r.for.includes(draft.kind));
  const [rows, setRows] = useState<RightRow[]>(() =>
    RIGHTS.map((right) => {
      const req = required.find((r) => r.right === right);
      return {
        right,
        required: Boolean(req),
        withinHours: req?.withinHours ?? null,
        state: '' as RightRow['state'],
        language: '',
        version: '',
        interpreterMode: '',
        interpreterName: '',
        detail: '',
        recorded: false,
        reasons: [] as Reason[],
      };
    }).sort((a, b) => Number(b.required) - Number(a.required)),
  );
  const [busy, setBusy] = useState(false);
  // The sheet handed over is in the first of the person's languages that has one.
  const defaultLang = informedLanguageFor(languages);
  const [done, setDone] = useState<number | null>(null);
  const set = (i: number, patch: Partial<RightRow>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const recordAll = async () => {
    setBusy(true);
    let count = 0;
    const next = [...rows];
    for (let i = 0; i < next.length; i++) {
      const r = next[i]!;
      if (r.recorded || !r.state) continue;
      const lang = r.language || (r.right === 'information_on_rights' ? defaultLang : '');
      const version = r.version || (r.right === 'information_on_rights' ? (SHEETS[defaultLang]?.version ?? '') : '');
      try {
        await client.call('rights.record', {
          placementId,
          right: r.right,
          state: r.state,
          ...(lang ? { language: lang } : {}),
          ...(version ? { version } : {}),
          interpreter: r.interpreterMode ? { mode: r.interpreterMode as (typeof INTERPRETATION_MODES)[number], name: r.interpreterName } : null,
          detail: r.detail,
        });
        next[i] = { ...r, recorded: true, reasons: [] };
        count += 1;
      } catch (e) {
        next[i] = { ...r, reasons: e instanceof ApiFailure ? e.reasons : [{ code: 'api.internal' }] };
      }
    }
    setRows(next);
    setDone(count);
    setBusy(false);
  };

  const sheetLang = sheetLanguageFor(languages);
  return (
    <>
      <Notice tone="ok" live>
        {draft.kind === 'forced' && deadline ? t('admission.admittedForced', { deadline: fmt.dateTime(deadline) }) : t('admission.admittedVoluntary')}
      </Notice>
      <p className="btn-row no-print">
        <a className="btn" href={href(`/print/admission/${encodeURIComponent(draft.personId ?? '')}/${encodeURIComponent(placementId)}`)}>
          {t('print.admissionRecord')}
        </a>
        <a className="btn" href={href(`/print/rights/${encodeURIComponent(draft.personId ?? '')}?lang=${sheetLang}`)}>
          {t('print.rightsSheetIn', { language: SHEETS[sheetLang]?.name ?? sheetLang })}
        </a>
        <a className="btn" href={href(`/person/${encodeURIComponent(draft.personId ?? '')}`)}>
          {t('admission.openFile')}
        </a>
        <a className="btn" href={href(`/admit?fresh=${placementId}`)}>
          {t('admission.another')}
        </a>
      </p>
      {needsInterpreter ? <Notice tone="warn">{t('rights.interpreterNeeded')}</Notice> : null}
      <table className="grid">
        <caption>{t('admission.rightsChecklist')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('rights.right')}</th>
            <th scope="col">{t('rights.state')}</th>
            <th scope="col">{t('rights.languageAndInterpreter')}</th>
            <th scope="col">{t('rights.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.right}>
              <th scope="row">
                {label('right', r.right)}
                <br />
                {r.required ? (
                  <Badge tone="info">{t('rights.requiredWithin', { count: r.withinHours ?? 0 })}</Badge>
                ) : (
                  <span className="muted">{t('rights.optional')}</span>
                )}{' '}
                {r.recorded ? <Badge tone="ok">{t('rights.recorded')}</Badge> : null}
              </th>
              <td>
                <FormReasons reasons={r.reasons}>
                  <Select
                    label={<span className="vh">{t('rights.stateOf', { right: label('right', r.right) })}</span>}
                    name="state"
                    value={r.state}
                    disabled={r.recorded}
                    onChange={(v) => set(i, { state: v as RightRow['state'] })}
                    options={[
                      { value: '', label: t('rights.notNow') },
                      { value: 'offered', label: label('rightState', 'offered') },
                      { value: 'exercised', label: label('rightState', 'exercised') },
                      { value: 'declined', label: label('rightState', 'declined') },
                    ]}
                  />
                  <ReasonList reasons={r.reasons.filter((x) => x.field !== 'language')} />
                </FormReasons>
              </td>
              <td>
                {r.right === 'information_on_rights' ? (
                  <FormReasons reasons={r.reasons}>
                    <div className="row">
                      <TextInput
                        label={t('rights.language')}
                        name="language"
                        value={r.language || defaultLang}
                        onChange={(v) => set(i, { language: v.toLowerCase() })}
                        disabled={r.recorded}
                        list="rights-languages"
                        style={{ maxWidth: '6rem' }}
                      />
                      <TextInput label={t('rights.version')} name="version" value={r.version || (SHEETS[r.language || defaultLang]?.version ?? '')} onChange={(v) => set(i, { version: v })} disabled={r.recorded} style={{ maxWidth: '8rem' }} />
                    </div>
                    <div className="row">
                      <Select
                        label={t('rights.interpreter')}
                        name="interpreter.mode"
                        value={r.interpreterMode}
                        disabled={r.recorded}
                        onChange={(v) => set(i, { interpreterMode: v })}
                        placeholder={t('rights.noInterpreter')}
                        options={INTERPRETATION_MODES.map((m) => ({ value: m, label: label('interpretation', m) }))}
                      />
                      {r.interpreterMode && r.interpreterMode !== 'none_needed' ? (
                        <TextInput label={t('rights.interpreterName')} name="interpreter.name" value={r.interpreterName} onChange={(v) => set(i, { interpreterName: v })} disabled={r.recorded} />
                      ) : null}
                    </div>
                  </FormReasons>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                <TextInput label={<span className="vh">{t('rights.detailOf', { right: label('right', r.right) })}</span>} value={r.detail} onChange={(v) => set(i, { detail: v })} disabled={r.recorded} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <datalist id="rights-languages">
        {[...new Set([...languages, 'az', 'ru', 'en'])].map((l) => (
          <option key={l} value={l} />
        ))}
      </datalist>
      <div className="form-actions">
        <Button variant="primary" onClick={recordAll} busy={busy}>
          {t('rights.recordChecked')}
        </Button>
        {done !== null ? (
          <span role="status">{t('rights.recordedCount', { count: done })}</span>
        ) : null}
      </div>
    </>
  );
}
