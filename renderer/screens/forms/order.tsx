// A detention order: legal basis (from the centre's legal profile, with its citation and cap),
// issuing authority, reference, date of issue, and the term where the decision sets it.

import type { z } from 'zod';
import type { orderInput } from '../../../domain/api/inputs.ts';
import type { LegalProfile, TermLength } from '../../../domain/profile/types.ts';
import { reason, type Reason } from '../../../domain/reasons.ts';
import { useI18n } from '../../i18n/context.tsx';
import { formatTerm, fromLocalInput, toLocalInput } from '../../i18n/format.ts';
import { NumberInput, Select, TextInput } from '../../ui/fields.tsx';

export interface OrderDraft {
  basis: string;
  authority: string;
  reference: string;
  issuedAt: string; // datetime-local, centre zone
  termUnit: '' | 'hours' | 'months' | 'until';
  termValue: number | null;
  termUntil: string; // datetime-local
}

export function emptyOrder(nowMs: number, timeZone: string, basis = ''): OrderDraft {
  return { basis, authority: '', reference: '', issuedAt: toLocalInput(nowMs, timeZone), termUnit: '', termValue: null, termUntil: '' };
}

export type OrderInput = z.input<typeof orderInput>;

/** The draft as the API's order, or the reasons it cannot be one (a time that is not a time). */
export function orderFromDraft(d: OrderDraft, timeZone: string, prefix = 'order'): { order: OrderInput | null; reasons: Reason[] } {
  const reasons: Reason[] = [];
  const issuedAt = fromLocalInput(d.issuedAt, timeZone);
  if (!issuedAt) reasons.push(reason('input.invalid', `${prefix}.issuedAt`, { detail: 'required' }));
  let term: OrderInput['term'];
  if (d.termUnit === 'hours' || d.termUnit === 'months') {
    if (d.termValue === null || !(d.termValue > 0)) reasons.push(reason('input.invalid', `${prefix}.term`, { detail: 'required' }));
    else term = { unit: d.termUnit, value: d.termValue };
  } else if (d.termUnit === 'until') {
    const until = fromLocalInput(d.termUntil, timeZone);
    if (!until) reasons.push(reason('input.invalid', `${prefix}.term`, { detail: 'required' }));
    else term = { unit: 'until', value: until };
  }
  if (!issuedAt) return { order: null, reasons };
  return {
    order: { basis: d.basis, authority: d.authority, reference: d.reference, issuedAt, ...(term ? { term } : {}) },
    reasons,
  };
}

export function useTermText() {
  const { lang } = useI18n();
  return (term: TermLength) => formatTerm(lang, term.value, term.unit);
}

export function OrderFields({ draft, onChange, profile, prefix = 'order' }: { draft: OrderDraft; onChange(d: OrderDraft): void; profile: LegalProfile | undefined; prefix?: string }) {
  const { t, label } = useI18n();
  const termText = useTermText();
  const set = <K extends keyof OrderDraft>(k: K, v: OrderDraft[K]) => onChange({ ...draft, [k]: v });
  const basis = profile?.bases.find((b) => b.id === draft.basis);
  return (
    <>
      <Select
        label={t('order.basis')}
        name={`${prefix}.basis`}
        value={draft.basis}
        onChange={(v) => set('basis', v)}
        placeholder={t('common.choose')}
        required
        options={(profile?.bases ?? []).map((b) => ({ value: b.id, label: `${label('basis', b.id)} — ${t('order.capShort', { cap: termText(b.maxTerm) })}` }))}
        hint={basis ? `${basis.citation}. ${basis.termSetByDecision ? t('order.termSetByDecision', { cap: termText(basis.maxTerm) }) : t('order.termFixed', { cap: termText(basis.maxTerm) })}` : undefined}
      />
      <div className="row">
        <TextInput label={t('order.authority')} name={`${prefix}.authority`} value={draft.authority} onChange={(v) => set('authority', v)} required autoComplete="off" />
        <TextInput label={t('order.reference')} name={`${prefix}.reference`} value={draft.reference} onChange={(v) => set('reference', v)} required autoComplete="off" />
        <TextInput label={t('order.issuedAt')} name={`${prefix}.issuedAt`} type="datetime-local" value={draft.issuedAt} onChange={(v) => set('issuedAt', v)} required />
      </div>
      <div className="row">
        <Select
          label={t('order.term')}
          name={`${prefix}.term`}
          value={draft.termUnit}
          onChange={(v) => set('termUnit', v as OrderDraft['termUnit'])}
          options={[
            { value: '', label: basis?.termSetByDecision ? t('common.choose') : t('order.termDefault') },
            { value: 'hours', label: t('order.termHours') },
            { value: 'months', label: t('order.termMonths') },
            { value: 'until', label: t('order.termUntil') },
          ]}
          hint={t('order.termHint')}
        />
        {draft.termUnit === 'hours' || draft.termUnit === 'months' ? (
          <NumberInput
            label={draft.termUnit === 'hours' ? t('order.termHoursValue') : t('order.termMonthsValue')}
            name={`${prefix}.termValue`}
            value={draft.termValue}
            onChange={(v) => set('termValue', v)}
            min={1}
            step={1}
          />
        ) : null}
        {draft.termUnit === 'until' ? (
          <TextInput label={t('order.termUntilValue')} name={`${prefix}.termUntil`} type="datetime-local" value={draft.termUntil} onChange={(v) => set('termUntil', v)} />
        ) : null}
      </div>
    </>
  );
}
