// Admission: one flow in five steps.
//   1 person — a new person's identity, or an existing person (readmission keeps their alerts);
//   2 status and screening — vulnerabilities, trafficking indicators, asylum intent, and for a
//     forced placement why alternatives to detention do not apply; the person is registered here;
//   3 placement — kind, order and admission record, with the computed deadline and every refusal
//     reason shown before anything is saved (placements.check);
//   4 room — only the rooms the rules allow, and why the others are excluded; then admit;
//   5 rights on admission — the checklist, recorded in the rights log.

import { useEffect, useRef, useState } from 'react';
import type { Reason } from '../../../domain/reasons.ts';
import { useClient, useServerClockReady } from '../../api/hooks.tsx';
import { useRoute } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { useI18n } from '../../i18n/context.tsx';
import type { UiKey } from '../../i18n/core.ts';
import { Loading, Notice } from '../../ui/kit.tsx';
import { emptyAdmission, stepOfField, type AdmissionDraft } from './state.ts';
import { StepPerson } from './StepPerson.tsx';
import { StepScreening } from './StepScreening.tsx';
import { StepPlacement } from './StepPlacement.tsx';
import { StepRoom } from './StepRoom.tsx';
import { StepRights } from './StepRights.tsx';
import { identityFromPerson } from '../forms/identity.tsx';

export const STEPS: UiKey[] = ['admission.stepPerson', 'admission.stepScreening', 'admission.stepPlacement', 'admission.stepRoom', 'admission.stepRights'];

export interface StepProps {
  draft: AdmissionDraft;
  setDraft(update: (d: AdmissionDraft) => AdmissionDraft): void;
  next(): void;
  back(): void;
  /** Go to the step that shows a field (a reason's `field`). */
  locate(field: string): void;
  /** Reasons carried into a step from a later check (e.g. status from the placement check). */
  carried: Reason[];
  setCarried(r: Reason[]): void;
}

export function Admission() {
  const clock = useServerClockReady();
  // The order's date of issue defaults to the server's "now": wait until we know it.
  if (!clock.ready) return <Loading />;
  return <AdmissionFlow />;
}

function AdmissionFlow() {
  const { t } = useI18n();
  usePageTitle(t('nav.admission'));
  const { centre, can } = useSession();
  const route = useRoute();
  const client = useClient();
  const now = useServerClockReady().now;
  const tz = centre.timeZone ?? 'UTC';
  const [draft, setDraftState] = useState<AdmissionDraft>(() => emptyAdmission(now(), tz));
  const [step, setStep] = useState(0);
  const [reached, setReached] = useState(0);
  const [carried, setCarried] = useState<Reason[]>([]);
  const [admitted, setAdmitted] = useState<{ placementId: string; deadline: string | null } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // #/admit?person=P12: readmission of a known person, from their file.
  const preset = route.query.get('person');
  useEffect(() => {
    if (!preset) return;
    client.call('register.personFile', { personId: preset }).then(
      (file) =>
        setDraftState((d) => ({
          ...d,
          mode: 'existing',
          personId: file.person.personId,
          identity: identityFromPerson(file.person),
          status: file.person.status,
          unaccompanied: file.person.unaccompanied,
          vulnerabilities: file.person.vulnerabilities,
          trafficking: file.person.traffickingIndicators,
        })),
      () => undefined,
    );
  }, [preset, client]);

  const setDraft = (update: (d: AdmissionDraft) => AdmissionDraft) => setDraftState(update);
  const go = (s: number) => {
    setStep(s);
    setReached((r) => Math.max(r, s));
    requestAnimationFrame(() => headingRef.current?.focus());
  };

  const locate = (field: string) => {
    const target = stepOfField(field);
    if (target !== null && target !== step && target <= Math.max(reached, step)) go(target);
  };

  if (!can('placements.admit')) return <Notice tone="warn">{t('common.notAllowed')}</Notice>;

  const props: StepProps = {
    draft,
    setDraft,
    next: () => go(step + 1),
    back: () => go(Math.max(0, step - 1)),
    locate,
    carried,
    setCarried,
  };

  return (
    <>
      <div className="page-head">
        <h1>{t('nav.admission')}</h1>
      </div>
      <nav aria-label={t('admission.steps')}>
        <ol className="steps">
          {STEPS.map((key, i) => {
            const locked = admitted ? i < 4 : i > reached || i === 4;
            return (
              <li key={key}>
                <button type="button" aria-current={i === step ? 'step' : undefined} disabled={locked && i !== step} onClick={() => go(i)} className={i < reached || (admitted && i < 4) ? 'step-done' : undefined}>
                  <span className="step-no">{i + 1}.</span>
                  {t(key)}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>
      <h2 ref={headingRef} tabIndex={-1} style={{ marginBottom: '0.6rem' }}>
        {t('admission.stepHeading', { n: step + 1, total: STEPS.length, title: t(STEPS[step]!) })}
      </h2>
      {step === 0 ? <StepPerson {...props} /> : null}
      {step === 1 ? <StepScreening {...props} /> : null}
      {step === 2 ? <StepPlacement {...props} /> : null}
      {step === 3 ? (
        <StepRoom
          {...props}
          onAdmitted={(r) => {
            setAdmitted(r);
            go(4);
          }}
        />
      ) : null}
      {step === 4 && admitted ? <StepRights draft={draft} placementId={admitted.placementId} deadline={admitted.deadline} /> : null}
    </>
  );
}
