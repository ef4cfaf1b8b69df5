// The identity part of a person: used by the admission (a new person) and by a correction (which
// sends only what changed). Field names are the API's, so its reasons land next to the right field.

import type { InputOf } from '../../../domain/api/contract.ts';
import { AGE_ASSESSMENTS } from '../../../domain/api/inputs.ts';
import type { PersonView } from '../../../domain/api/outputs.ts';
import { useI18n } from '../../i18n/context.tsx';
import { Checkbox, NumberInput, RadioGroup, Select, TextArea, TextInput } from '../../ui/fields.tsx';

export interface IdentityDraft {
  familyName: string;
  givenNames: string;
  nameOriginal: string;
  sex: '' | 'male' | 'female';
  birthDate: string;
  claimedAge: number | null;
  ageAssessment: string;
  nationality: string;
  stateless: boolean;
  languages: string;
  interpreterNeeded: boolean;
  familyGroup: string;
  alerts: string;
}

export const emptyIdentity: IdentityDraft = {
  familyName: '',
  givenNames: '',
  nameOriginal: '',
  sex: '',
  birthDate: '',
  claimedAge: null,
  ageAssessment: '',
  nationality: '',
  stateless: false,
  languages: '',
  interpreterNeeded: false,
  familyGroup: '',
  alerts: '',
};

export function identityFromPerson(p: PersonView): IdentityDraft {
  return {
    familyName: p.familyName,
    givenNames: p.givenNames,
    nameOriginal: p.nameOriginal,
    sex: p.sex,
    birthDate: p.birthDate ?? '',
    claimedAge: p.claimedAge,
    ageAssessment: p.ageAssessment,
    nationality: p.nationality ?? '',
    stateless: p.stateless,
    languages: p.languages.join(', '),
    interpreterNeeded: p.interpreterNeeded,
    familyGroup: p.familyGroup ?? '',
    alerts: p.alerts.join('\n'),
  };
}

export function splitList(text: string, by: RegExp): string[] {
  return text
    .split(by)
    .map((s) => s.trim())
    .filter(Boolean);
}

type Identity = Omit<InputOf<'persons.register'>, 'status' | 'at'>;

/** The draft as the API's identity fields (empty optional fields left out). */
export function identityInput(d: IdentityDraft): Identity {
  return {
    familyName: d.familyName,
    givenNames: d.givenNames,
    ...(d.nameOriginal.trim() ? { nameOriginal: d.nameOriginal } : {}),
    sex: d.sex as 'male' | 'female',
    birthDate: d.birthDate || null,
    claimedAge: d.birthDate ? null : d.claimedAge,
    ...(d.ageAssessment ? { ageAssessment: d.ageAssessment as Identity['ageAssessment'] } : {}),
    nationality: d.stateless ? null : d.nationality.trim().toUpperCase() || null,
    stateless: d.stateless,
    languages: splitList(d.languages, /[,\s]+/).map((l) => l.toLowerCase()),
    interpreterNeeded: d.interpreterNeeded,
    familyGroup: d.familyGroup.trim() || null,
    alerts: splitList(d.alerts, /\n/),
  };
}

export function IdentityFields({ draft, onChange }: { draft: IdentityDraft; onChange(d: IdentityDraft): void }) {
  const { t, label } = useI18n();
  const set = <K extends keyof IdentityDraft>(k: K, v: IdentityDraft[K]) => onChange({ ...draft, [k]: v });
  return (
    <>
      <div className="row">
        <TextInput label={t('person.familyName')} name="familyName" value={draft.familyName} onChange={(v) => set('familyName', v)} required autoComplete="off" />
        <TextInput label={t('person.givenNames')} name="givenNames" value={draft.givenNames} onChange={(v) => set('givenNames', v)} required autoComplete="off" />
        <TextInput
          label={t('person.nameOriginal')}
          name="nameOriginal"
          value={draft.nameOriginal}
          onChange={(v) => set('nameOriginal', v)}
          hint={t('person.nameOriginalHint')}
          autoComplete="off"
        />
      </div>
      <RadioGroup
        legend={t('person.sex')}
        name="sex"
        value={draft.sex}
        onChange={(v) => set('sex', v as IdentityDraft['sex'])}
        options={[
          { value: 'male', label: label('sex', 'male') },
          { value: 'female', label: label('sex', 'female') },
        ]}
      />
      <div className="row">
        <TextInput label={t('person.birthDate')} name="birthDate" type="date" value={draft.birthDate} onChange={(v) => set('birthDate', v)} hint={t('person.birthDateHint')} />
        <NumberInput
          label={t('person.claimedAge')}
          name="claimedAge"
          value={draft.claimedAge}
          onChange={(v) => set('claimedAge', v)}
          min={0}
          max={120}
          step={1}
          disabled={Boolean(draft.birthDate)}
          hint={t('person.claimedAgeHint')}
        />
        <Select
          label={t('person.ageAssessment')}
          name="ageAssessment"
          value={draft.ageAssessment}
          onChange={(v) => set('ageAssessment', v)}
          placeholder={t('person.ageAssessmentAuto')}
          options={AGE_ASSESSMENTS.map((a) => ({ value: a, label: label('ageAssessment', a) }))}
        />
      </div>
      <div className="row">
        <TextInput
          label={t('person.nationality')}
          name="nationality"
          value={draft.nationality}
          onChange={(v) => set('nationality', v.toUpperCase())}
          maxLength={3}
          disabled={draft.stateless}
          hint={t('person.nationalityHint')}
          autoComplete="off"
        />
        <div className="field field-check">
          <Checkbox label={t('person.stateless')} name="stateless" checked={draft.stateless} onChange={(v) => set('stateless', v)} />
        </div>
        <TextInput label={t('person.languages')} name="languages" value={draft.languages} onChange={(v) => set('languages', v)} hint={t('person.languagesHint')} autoComplete="off" />
        <div className="field field-check">
          <Checkbox label={t('person.interpreterNeeded')} name="interpreterNeeded" checked={draft.interpreterNeeded} onChange={(v) => set('interpreterNeeded', v)} />
        </div>
      </div>
      <div className="row">
        <TextInput label={t('person.familyGroup')} name="familyGroup" value={draft.familyGroup} onChange={(v) => set('familyGroup', v)} hint={t('person.familyGroupHint')} autoComplete="off" />
        <TextArea label={t('person.alerts')} name="alerts" value={draft.alerts} onChange={(v) => set('alerts', v)} rows={2} hint={t('person.alertsHint')} />
      </div>
    </>
  );
}
