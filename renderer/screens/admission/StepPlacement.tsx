// Step 3: the placement. Kind (forced needs its order), the order, and the admission record
// (Mandela Rule 7). While the form is filled in, placements.check runs (it writes nothing): the
// computed deadline and every reason the admission would be refused are shown before saving.

import { useEffect, useState, type FormEvent } from 'react';
import { profileById } from '../../../domain/profile/az-default.ts';
import type { Reason } from '../../../domain/reasons.ts';
import { ApiFailure } from '../../api/client.ts';
import { useClient } from '../../api/hooks.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/context.tsx';
import { LiveDeadline } from '../../ui/bits.tsx';
import { Checkbox, ErrorSummary, FieldGroup, FormReasons, NumberInput, RadioGroup, TextArea, TextInput } from '../../ui/fields.tsx';
import { Button, Notice } from '../../ui/kit.tsx';
import { OrderFields } from '../forms/order.tsx';
import type { StepProps } from './Admission.tsx';
import { ADMISSION_ALIASES, admissionInput } from './state.ts';

interface CheckState {
  running: boolean;
  ok: boolean | null;
  deadline: string | null;
  /** Refusals under the rules (shown at once). */
  policy: Reason[];
  /** Malformed or missing input (shown once the user tries to go on). */
  input: Reason[];
}

export function StepPlacement({ draft, setDraft, next, back, setCarried, locate }: StepProps) {
  const { t, label, fmt } = useI18n();
  const { centre } = useSession();
  const client = useClient();
  const tz = centre.timeZone ?? 'UTC';
  const profile = profileById(centre.profileId ?? '');
  const [attempted, setAttempted] = useState(false);
  const [check, setCheck] = useState<CheckState>({ running: false, ok: null, deadline: null, policy: [], input: [] });

  const built = admissionInput(draft, tz);
  const key = JSON.stringify(built.input);

  useEffect(() => {
    if (!built.input) return;
    let cancelled = false;
    const id = setTimeout(() => {
      setCheck((c) => ({ ...c, running: true }));
      client.call('placements.check', JSON.parse(key)).then(
        (r) => {
          if (cancelled) return;
          setCheck({ running: false, ok: r.ok, deadline: r.deadline, policy: r.reasons, input: [] });
          // Reasons that belong to earlier steps (status, age) are shown there too when the user goes back.
          setCarried(r.reasons);
        },
        (e: unknown) =>
          !cancelled &&
          setCheck({ running: false, ok: false, deadline: null, policy: [], input: e instanceof ApiFailure ? e.reasons : [{ code: 'api.internal' }] }),
      );
    }, 350);
    return () => {
      cancelled = true;
      clearTimeout(id);
    };
  }, [key, client]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAttempted(true);
    if (!built.input || built.reasons.length) return;
    // Check once more, now, so nothing is waved through on a stale answer.
    try {
      const r = await client.call('placements.check', built.input);
      setCheck({ running: false, ok: r.ok, deadline: r.deadline, policy: r.reasons, input: [] });
      setCarried(r.reasons);
      if (r.ok) next();
    } catch (err) {
      const reasons = err instanceof ApiFailure ? err.reasons : [{ code: 'api.internal' }];
      setCheck({ running: false, ok: false, deadline: null, policy: [], input: reasons });
      setCarried(reasons);
    }
  };

  const reasons = [...(attempted ? [...built.reasons, ...check.input] : []), ...check.policy];
  const set = <K extends keyof typeof draft>(k: K, v: (typeof draft)[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const setRow = <K extends 'property' | 'family'>(k: K, i: number, patch: Partial<(typeof draft)[K][number]>) =>
    setDraft((d) => ({ ...d, [k]: d[k].map((row, j) => (j === i ? { ...row, ...patch } : row)) }));

  return (
    <form onSubmit={submit} noValidate>
      <FormReasons reasons={reasons} aliases={ADMISSION_ALIASES} onLocate={locate}>
        <ErrorSummary />
        <RadioGroup
          legend={t('placement.kind')}
          name="kind"
          value={draft.kind}
          onChange={(v) => set('kind', v as 'forced' | 'voluntary')}
          options={[
            { value: 'forced', label: label('kind', 'forced'), hint: t('admission.forcedHint') },
            { value: 'voluntary', label: label('kind', 'voluntary'), hint: t('admission.voluntaryHint') },
          ]}
        />
        <div className="grid-2">
          <div>
            {draft.kind === 'forced' ? (
              <FieldGroup legend={t('placement.order')} name="order">
                <OrderFields draft={draft.order} onChange={(order) => set('order', order)} profile={profile} />
              </FieldGroup>
            ) : (
              <Notice>{t('admission.voluntaryNoOrder')}</Notice>
            )}
            <TextInput label={t('admission.admittedAt')} name="admittedAt" type="datetime-local" value={draft.admittedAt} onChange={(v) => set('admittedAt', v)} hint={t('form.whenHint')} />
          </div>
          <div>
            <div className={`notice ${check.ok === false && (check.policy.length || attempted) ? 'notice-danger' : check.ok ? 'notice-ok' : ''}`} role="status" aria-live="polite">
              <strong>{t('admission.checkTitle')}</strong>{' '}
              {check.running
                ? t('admission.checking')
                : check.ok === null
                  ? t('admission.checkPending')
                  : check.ok
                    ? t('admission.checkOk')
                    : check.policy.length || attempted
                      ? t('admission.checkRefused', { count: check.policy.length + (attempted ? check.input.length + built.reasons.length : 0) })
                      : t('admission.checkIncomplete')}
              {check.deadline ? (
                <p>
                  {t('admission.deadline')}: <strong>{fmt.dateTime(check.deadline)}</strong> <LiveDeadline deadline={check.deadline} />
                </p>
              ) : draft.kind === 'voluntary' ? (
                <p>{t('admission.noDeadline')}</p>
              ) : null}
              {check.policy.length ? <p>{t('admission.seeReasons')}</p> : null}
            </div>
          </div>
        </div>

        <FieldGroup legend={t('admission.record')} name="admission" hint={t('admission.recordHint')}>
          <div className="row">
            <TextArea label={t('admission.reasons')} name="admission.reasons" value={draft.reasons} onChange={(v) => set('reasons', v)} required rows={2} />
            <TextInput label={t('admission.authority')} name="admission.authority" value={draft.authority} onChange={(v) => set('authority', v)} required />
          </div>
          <div className="row">
            <TextInput label={t('admission.apprehensionPlace')} name="admission.apprehension.place" value={draft.apprehensionPlace} onChange={(v) => set('apprehensionPlace', v)} />
            <TextInput label={t('admission.apprehensionAt')} name="admission.apprehension.at" type="datetime-local" value={draft.apprehensionAt} onChange={(v) => set('apprehensionAt', v)} />
          </div>
          <div className="row">
            <TextArea label={t('admission.injuries')} name="admission.visibleInjuries" value={draft.visibleInjuries} onChange={(v) => set('visibleInjuries', v)} rows={2} hint={t('admission.injuriesHint')} />
            <TextArea label={t('admission.illTreatment')} name="admission.illTreatmentAllegation" value={draft.illTreatmentAllegation} onChange={(v) => set('illTreatmentAllegation', v)} rows={2} />
          </div>
          <Checkbox label={t('admission.ownClothing')} name="admission.ownClothingOrCivilian" checked={draft.ownClothing} onChange={(v) => set('ownClothing', v)} hint={t('admission.ownClothingHint')} />

          <FieldGroup legend={t('admission.property')} name="admission.property">
            {draft.property.map((p, i) => (
              <div className="row" key={i}>
                <TextInput label={t('admission.propertyItem', { n: i + 1 })} name={`admission.property.${i}.item`} value={p.item} onChange={(v) => setRow('property', i, { item: v })} />
                <NumberInput label={t('admission.quantity')} name={`admission.property.${i}.quantity`} value={p.quantity} onChange={(v) => setRow('property', i, { quantity: v })} min={1} step={1} style={{ maxWidth: '6rem' }} />
                <TextInput label={t('common.note')} value={p.note} onChange={(v) => setRow('property', i, { note: v })} />
                <Button size="small" onClick={() => set('property', draft.property.filter((_, j) => j !== i))} aria-label={t('admission.removeItem', { n: i + 1 })}>
                  {t('common.remove')}
                </Button>
              </div>
            ))}
            <Button size="small" onClick={() => set('property', [...draft.property, { item: '', quantity: 1, note: '' }])}>
              {t('admission.addItem')}
            </Button>
          </FieldGroup>

          <FieldGroup legend={t('admission.family')} name="admission.familyMembers" hint={t('admission.familyHint')}>
            {draft.family.map((f, i) => (
              <div className="row" key={i}>
                <TextInput label={t('admission.familyName', { n: i + 1 })} name={`admission.familyMembers.${i}.name`} value={f.name} onChange={(v) => setRow('family', i, { name: v })} />
                <TextInput label={t('admission.relation')} name={`admission.familyMembers.${i}.relation`} value={f.relation} onChange={(v) => setRow('family', i, { relation: v })} />
                <NumberInput label={t('person.age')} value={f.age} onChange={(v) => setRow('family', i, { age: v })} min={0} max={120} step={1} style={{ maxWidth: '6rem' }} />
                <TextInput label={t('admission.whereabouts')} value={f.whereabouts} onChange={(v) => setRow('family', i, { whereabouts: v })} />
                <Button size="small" onClick={() => set('family', draft.family.filter((_, j) => j !== i))} aria-label={t('admission.removeFamily', { n: i + 1 })}>
                  {t('common.remove')}
                </Button>
              </div>
            ))}
            <Button size="small" onClick={() => set('family', [...draft.family, { name: '', relation: '', age: null, whereabouts: '' }])}>
              {t('admission.addFamily')}
            </Button>
          </FieldGroup>

          <FieldGroup legend={t('admission.emergencyContact')} name="admission.emergencyContact">
            <div className="row">
              <TextInput label={t('admission.contactName')} name="admission.emergencyContact.name" value={draft.contactName} onChange={(v) => set('contactName', v)} />
              <TextInput label={t('admission.relation')} value={draft.contactRelation} onChange={(v) => set('contactRelation', v)} />
              <TextInput label={t('admission.phone')} type="tel" value={draft.contactPhone} onChange={(v) => set('contactPhone', v)} />
            </div>
          </FieldGroup>
        </FieldGroup>

        <div className="form-actions">
          <Button onClick={back}>{t('common.back')}</Button>
          <Button type="submit" variant="primary">
            {t('common.next')}
          </Button>
        </div>
      </FormReasons>
    </form>
  );
}
