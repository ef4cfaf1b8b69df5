// The person file's protection actions, each in a dialog: a disciplinary measure or isolation (start,
// authorise, review, end), a referral, an asylum claim and its resolution, a medical concern and the
// detention review it calls for. Every refusal is shown next to its field, in the user's language.

import { useState, type ReactNode } from 'react';
import type { ClaimView, ConcernView, MeasureView } from '../../domain/api/outputs.ts';
import type { Reason } from '../../domain/reasons.ts';
import { useMutation } from '../api/hooks.tsx';
import type { UiKey } from '../i18n/core.ts';
import { useI18n } from '../i18n/context.tsx';
import { FormDialog } from '../ui/FormDialog.tsx';
import { Select, TextArea, TextInput } from '../ui/fields.tsx';
import { AtField, useAt } from './dialogs.tsx';

const MEASURE_KINDS = ['disciplinary', 'isolation'] as const;
const MEASURE_OUTCOMES = ['continue', 'end'] as const;
const REFERRAL_KINDS = ['guardianship', 'child_care', 'trafficking_police'] as const;
const CLAIM_RESOLUTIONS = ['released', 'transferred_to_asylum_premises', 'withdrawn_by_applicant', 'inadmissible_final'] as const;
const CONCERN_KINDS = ['health_harmed_by_detention', 'self_harm_risk', 'possible_torture_victim', 'other'] as const;
const REVIEW_OUTCOMES = ['continue_detention', 'release', 'alternative_to_detention', 'medical_transfer'] as const;

/** The frame every dialog here shares: the reasons, the summary, the "when", submit and cancel. */
function ActionForm({
  open,
  onClose,
  title,
  reasons,
  aliases,
  submitLabel,
  pending,
  onSubmit,
  at,
  setAt,
  children,
}: {
  open: boolean;
  onClose(): void;
  title: string;
  reasons: readonly Reason[];
  aliases?: Record<string, string>;
  submitLabel: string;
  pending: boolean;
  onSubmit(): void;
  at: string;
  setAt(v: string): void;
  children: ReactNode;
}) {
  return (
    <FormDialog open={open} onClose={onClose} title={title} onSubmit={onSubmit} reasons={reasons} {...(aliases ? { aliases } : {})} submitLabel={submitLabel} busy={pending}>
      {children}
      <AtField value={at} onChange={setAt} />
    </FormDialog>
  );
}

export function StartMeasureDialog({ open, onClose, placementId, personName }: { open: boolean; onClose(): void; placementId: string; personName: string }) {
  const { t, label } = useI18n();
  const start = useMutation('measures.start');
  const [kind, setKind] = useState<string>('isolation');
  const [measure, setMeasure] = useState('');
  const [why, setWhy] = useState('');
  const [authorisedBy, setAuthorisedBy] = useState('');
  const when = useAt();
  const run = async () => {
    if (when.atReasons.length) return;
    const r = await start.run({
      placementId,
      kind: kind as (typeof MEASURE_KINDS)[number],
      measure,
      reason: why,
      ...(authorisedBy.trim() ? { authorisedBy } : {}),
      ...when.parsed,
    });
    if (r) onClose();
  };
  return (
    <ActionForm
      open={open}
      onClose={onClose}
      title={t('measure.startTitle', { name: personName })}
      reasons={[...when.atReasons, ...(start.failure?.reasons ?? [])]}
      aliases={{ placementId: 'kind' }}
      submitLabel={t('measure.start')}
      pending={start.pending}
      onSubmit={run}
      at={when.at}
      setAt={when.setAt}
    >
      <Select label={t('common.kind')} name="kind" value={kind} onChange={setKind} options={MEASURE_KINDS.map((k) => ({ value: k, label: label('measureKind', k) }))} required />
      <TextInput label={t('placement.measure')} name="measure" value={measure} onChange={setMeasure} required />
      <TextArea label={t('common.reason')} name="reason" value={why} onChange={setWhy} required />
      <TextInput label={t('measure.authorisedBy')} name="authorisedBy" value={authorisedBy} onChange={setAuthorisedBy} hint={t('measure.authorisedByHint')} />
    </ActionForm>
  );
}

export type MeasureAction = 'authorise' | 'review' | 'end';

export function MeasureActionDialog({ open, onClose, measure, action }: { open: boolean; onClose(): void; measure: MeasureView; action: MeasureAction }) {
  const { t, label } = useI18n();
  const authorise = useMutation('measures.authorise');
  const review = useMutation('measures.review');
  const end = useMutation('measures.end');
  const m = action === 'authorise' ? authorise : action === 'review' ? review : end;
  const [authorisedBy, setAuthorisedBy] = useState('');
  const [outcome, setOutcome] = useState<string>('continue');
  const [note, setNote] = useState('');
  const when = useAt();
  const run = async () => {
    if (when.atReasons.length) return;
    const base = { measureId: measure.measureId, ...when.parsed };
    const r =
      action === 'authorise'
        ? await authorise.run({ ...base, authorisedBy })
        : action === 'review'
          ? await review.run({ ...base, outcome: outcome as (typeof MEASURE_OUTCOMES)[number], note })
          : await end.run({ ...base, note });
    if (r) onClose();
  };
  const what = `${label('measureKind', measure.kind)}: ${measure.measure}`;
  return (
    <ActionForm
      open={open}
      onClose={onClose}
      title={t(`measure.${action}Title` as UiKey, { measure: what })}
      reasons={[...when.atReasons, ...(m.failure?.reasons ?? [])]}
      aliases={{ measureId: action === 'authorise' ? 'authorisedBy' : action === 'review' ? 'outcome' : 'note' }}
      submitLabel={t(`measure.${action}` as UiKey)}
      pending={m.pending}
      onSubmit={run}
      at={when.at}
      setAt={when.setAt}
    >
      {action === 'authorise' ? <TextInput label={t('measure.authorisedBy')} name="authorisedBy" value={authorisedBy} onChange={setAuthorisedBy} required /> : null}
      {action === 'review' ? (
        <Select label={t('measure.outcome')} name="outcome" value={outcome} onChange={setOutcome} options={MEASURE_OUTCOMES.map((o) => ({ value: o, label: t(`measureOutcome.${o}` as UiKey) }))} required />
      ) : null}
      {action !== 'authorise' ? <TextArea label={t('common.note')} name="note" value={note} onChange={setNote} /> : null}
    </ActionForm>
  );
}

export function ReferralDialog({ open, onClose, personId, placementId, personName }: { open: boolean; onClose(): void; personId: string; placementId: string | null; personName: string }) {
  const { t, label } = useI18n();
  const refer = useMutation('protection.refer');
  const [kind, setKind] = useState<string>('guardianship');
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const when = useAt();
  const run = async () => {
    if (when.atReasons.length) return;
    const r = await refer.run({ personId, ...(placementId ? { placementId } : {}), kind: kind as (typeof REFERRAL_KINDS)[number], to, note, ...when.parsed });
    if (r) onClose();
  };
  return (
    <ActionForm
      open={open}
      onClose={onClose}
      title={t('referral.title', { name: personName })}
      reasons={[...when.atReasons, ...(refer.failure?.reasons ?? [])]}
      aliases={{ personId: 'kind', placementId: 'kind' }}
      submitLabel={t('referral.record')}
      pending={refer.pending}
      onSubmit={run}
      at={when.at}
      setAt={when.setAt}
    >
      <Select label={t('referral.kind')} name="kind" value={kind} onChange={setKind} options={REFERRAL_KINDS.map((k) => ({ value: k, label: label('referralKind', k) }))} required />
      <TextInput label={t('referral.to')} name="to" value={to} onChange={setTo} required />
      <TextArea label={t('common.note')} name="note" value={note} onChange={setNote} />
    </ActionForm>
  );
}

export function ClaimAsylumDialog({ open, onClose, placementId, personName }: { open: boolean; onClose(): void; placementId: string; personName: string }) {
  const { t } = useI18n();
  const claim = useMutation('protection.claimAsylum');
  const [note, setNote] = useState('');
  const when = useAt();
  const run = async () => {
    if (when.atReasons.length) return;
    const r = await claim.run({ placementId, note, ...when.parsed });
    if (r) onClose();
  };
  return (
    <ActionForm
      open={open}
      onClose={onClose}
      title={t('asylum.title', { name: personName })}
      reasons={[...when.atReasons, ...(claim.failure?.reasons ?? [])]}
      aliases={{ placementId: 'note' }}
      submitLabel={t('asylum.record')}
      pending={claim.pending}
      onSubmit={run}
      at={when.at}
      setAt={when.setAt}
    >
      <TextArea label={t('common.note')} name="note" value={note} onChange={setNote} />
    </ActionForm>
  );
}

export function ResolveClaimDialog({ open, onClose, claim }: { open: boolean; onClose(): void; claim: ClaimView }) {
  const { t, label, fmt } = useI18n();
  const resolve = useMutation('protection.resolveClaim');
  const [resolution, setResolution] = useState<string>('transferred_to_asylum_premises');
  const [note, setNote] = useState('');
  const when = useAt();
  const run = async () => {
    if (when.atReasons.length) return;
    const r = await resolve.run({ claimId: claim.claimId, resolution: resolution as (typeof CLAIM_RESOLUTIONS)[number], note, ...when.parsed });
    if (r) onClose();
  };
  return (
    <ActionForm
      open={open}
      onClose={onClose}
      title={t('asylum.resolveTitle', { date: fmt.dateTime(claim.at) })}
      reasons={[...when.atReasons, ...(resolve.failure?.reasons ?? [])]}
      aliases={{ claimId: 'resolution' }}
      submitLabel={t('asylum.resolve')}
      pending={resolve.pending}
      onSubmit={run}
      at={when.at}
      setAt={when.setAt}
    >
      <Select
        label={t('asylum.resolution')}
        name="resolution"
        value={resolution}
        onChange={setResolution}
        options={CLAIM_RESOLUTIONS.map((r) => ({ value: r, label: label('claimResolution', r) }))}
        required
      />
      <TextArea label={t('common.note')} name="note" value={note} onChange={setNote} />
    </ActionForm>
  );
}

export function ConcernDialog({ open, onClose, placementId, personName }: { open: boolean; onClose(): void; placementId: string; personName: string }) {
  const { t } = useI18n();
  const raise = useMutation('medical.raiseConcern');
  const [kind, setKind] = useState<string>('health_harmed_by_detention');
  const [note, setNote] = useState('');
  const when = useAt();
  const run = async () => {
    if (when.atReasons.length) return;
    const r = await raise.run({ placementId, kind: kind as (typeof CONCERN_KINDS)[number], note, ...when.parsed });
    if (r) onClose();
  };
  return (
    <ActionForm
      open={open}
      onClose={onClose}
      title={t('medical.raiseTitle', { name: personName })}
      reasons={[...when.atReasons, ...(raise.failure?.reasons ?? [])]}
      aliases={{ placementId: 'kind' }}
      submitLabel={t('medical.raise')}
      pending={raise.pending}
      onSubmit={run}
      at={when.at}
      setAt={when.setAt}
    >
      <Select label={t('medical.concernKind')} name="kind" value={kind} onChange={setKind} options={CONCERN_KINDS.map((k) => ({ value: k, label: t(`concernKind.${k}` as UiKey) }))} required />
      <TextArea label={t('common.note')} name="note" value={note} onChange={setNote} />
    </ActionForm>
  );
}

export function DetentionReviewDialog({
  open,
  onClose,
  placementId,
  personName,
  concerns,
}: {
  open: boolean;
  onClose(): void;
  placementId: string;
  personName: string;
  concerns: readonly ConcernView[];
}) {
  const { t, fmt } = useI18n();
  const review = useMutation('medical.reviewDetention');
  const [concernId, setConcernId] = useState<string>(concerns.at(-1)?.concernId ?? '');
  const [outcome, setOutcome] = useState<string>('continue_detention');
  const [note, setNote] = useState('');
  const when = useAt();
  const run = async () => {
    if (when.atReasons.length) return;
    const r = await review.run({ placementId, ...(concernId ? { concernId } : {}), outcome: outcome as (typeof REVIEW_OUTCOMES)[number], note, ...when.parsed });
    if (r) onClose();
  };
  return (
    <ActionForm
      open={open}
      onClose={onClose}
      title={t('medical.reviewTitle', { name: personName })}
      reasons={[...when.atReasons, ...(review.failure?.reasons ?? [])]}
      aliases={{ placementId: 'outcome' }}
      submitLabel={t('medical.review')}
      pending={review.pending}
      onSubmit={run}
      at={when.at}
      setAt={when.setAt}
    >
      {concerns.length ? (
        <Select
          label={t('medical.concern')}
          name="concernId"
          value={concernId}
          onChange={setConcernId}
          placeholder={t('medical.noConcern')}
          options={concerns.map((c) => ({ value: c.concernId, label: `${t(`concernKind.${c.kind}` as UiKey)} · ${fmt.dateTime(c.at)}` }))}
        />
      ) : null}
      <Select label={t('medical.outcome')} name="outcome" value={outcome} onChange={setOutcome} options={REVIEW_OUTCOMES.map((o) => ({ value: o, label: t(`reviewOutcome.${o}` as UiKey) }))} required />
      <TextArea label={t('common.note')} name="note" value={note} onChange={setNote} />
    </ActionForm>
  );
}
