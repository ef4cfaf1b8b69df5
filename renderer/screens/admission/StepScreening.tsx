// Step 2: status and screening. The screening is the IDC "CAP" model's first question: is detention
// needed at all? A forced placement must say why alternatives do not apply. Leaving this step
// registers a new person (identity, status, vulnerabilities, indicators), or records what changed
// for a known one (a status change, or a correction: never an edit).

import { useState, type FormEvent } from 'react';
import { TRAFFICKING_INDICATORS, VULNERABILITIES } from '../../../domain/api/inputs.ts';
import { STATUSES } from '../../../domain/profile/types.ts';
import type { Reason } from '../../../domain/reasons.ts';
import { ApiFailure } from '../../api/client.ts';
import { useApi, useClient } from '../../api/hooks.tsx';
import { useI18n } from '../../i18n/context.tsx';
import { Checkbox, CheckboxGroup, ErrorSummary, FormReasons, Select, TextArea } from '../../ui/fields.tsx';
import { Button, Notice } from '../../ui/kit.tsx';
import type { StepProps } from './Admission.tsx';
import { ADMISSION_ALIASES, personToRegister, stepOfField } from './state.ts';

export function StepScreening({ draft, setDraft, next, back, carried, setCarried, locate }: StepProps) {
  const { t, label } = useI18n();
  const client = useClient();
  const file = useApi('register.personFile', draft.personId ? { personId: draft.personId } : null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Reason[]>([]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure([]);
    try {
      if (!draft.personId) {
        const { input, reasons } = personToRegister(draft);
        if (reasons.length) {
          setCarried(reasons);
          const first = reasons.find((r) => r.field);
          if (first?.field && stepOfField(first.field) === 0) locate(first.field);
          else setFailure(reasons);
          return;
        }
        const r = await client.call('persons.register', input);
        setDraft((d) => ({ ...d, personId: r.id ?? null }));
      } else if (file.data) {
        const p = file.data.person;
        if (p.status !== draft.status) {
          await client.call('persons.setStatus', { personId: p.personId, status: draft.status, reason: t('admission.screeningReason') });
        }
        const changes: Record<string, unknown> = {};
        if (p.unaccompanied !== draft.unaccompanied) changes.unaccompanied = draft.unaccompanied;
        if ([...p.vulnerabilities].sort().join() !== [...draft.vulnerabilities].sort().join()) changes.vulnerabilities = draft.vulnerabilities;
        if ([...p.traffickingIndicators].sort().join() !== [...draft.trafficking].sort().join()) changes.traffickingIndicators = draft.trafficking;
        if (Object.keys(changes).length) {
          await client.call('persons.correct', { personId: p.personId, changes: changes as never, reason: t('admission.screeningReason') });
        }
      }
      setCarried([]);
      next();
    } catch (err) {
      const reasons = err instanceof ApiFailure ? err.reasons : [{ code: 'api.internal' }];
      const early = reasons.filter((r) => stepOfField(r.field) === 0);
      if (early.length) {
        setCarried(reasons);
        locate(early[0]!.field!);
      } else setFailure(reasons);
    } finally {
      setBusy(false);
    }
  };

  const reasons = [...failure, ...carried.filter((r) => stepOfField(r.field) === 1)];
  const set = <K extends keyof typeof draft>(k: K, v: (typeof draft)[K]) => setDraft((d) => ({ ...d, [k]: v }));
  return (
    <form onSubmit={submit} noValidate>
      <FormReasons reasons={reasons} aliases={ADMISSION_ALIASES} onLocate={locate}>
        <ErrorSummary />
        <div className="row">
          <Select label={t('person.status')} name="status" value={draft.status} onChange={(v) => set('status', v as typeof draft.status)} options={STATUSES.map((s) => ({ value: s, label: label('status', s) }))} required hint={t('admission.statusHint')} />
        </div>
        <div className="grid-2">
          <div>
            <Checkbox label={t('person.unaccompanied')} name="unaccompanied" checked={draft.unaccompanied} onChange={(v) => set('unaccompanied', v)} hint={t('admission.unaccompaniedHint')} />
            <Checkbox label={t('admission.asylumIntent')} name="screening.asylumIntent" checked={draft.asylumIntent} onChange={(v) => set('asylumIntent', v)} hint={t('admission.asylumIntentHint')} />
          </div>
          <div>
            {draft.unaccompanied ? <Notice tone="warn">{t('admission.unaccompaniedNotice')}</Notice> : null}
            {draft.trafficking.length ? <Notice tone="warn">{t('admission.traffickingNotice')}</Notice> : null}
          </div>
        </div>
        <div className="grid-2">
          <CheckboxGroup legend={t('person.vulnerabilities')} name="vulnerabilities" value={draft.vulnerabilities} onChange={(v) => set('vulnerabilities', v)} options={VULNERABILITIES.map((v) => ({ value: v, label: label('vulnerability', v) }))} />
          <CheckboxGroup legend={t('person.traffickingIndicators')} name="traffickingIndicators" value={draft.trafficking} onChange={(v) => set('trafficking', v)} options={TRAFFICKING_INDICATORS.map((v) => ({ value: v, label: label('trafficking', v) }))} />
        </div>
        <TextArea label={t('admission.screeningNotes')} name="screening" value={draft.screeningNotes} onChange={(v) => set('screeningNotes', v)} />
        <TextArea
          label={t('admission.alternatives')}
          name="admission.alternativesNotUsedBecause"
          value={draft.alternatives}
          onChange={(v) => set('alternatives', v)}
          hint={t('admission.alternativesHint')}
          rows={3}
        />
        <div className="form-actions">
          <Button onClick={back}>{t('common.back')}</Button>
          <Button type="submit" variant="primary" busy={busy}>
            {draft.personId ? t('common.next') : t('admission.registerAndNext')}
          </Button>
        </div>
      </FormReasons>
    </form>
  );
}
