// The admission's working state, and how it becomes the API's inputs. Kept apart from the screens so
// each step reads the same draft and the tests can build one.

import type { InputOf } from '../../../domain/api/contract.ts';
import { personRegister } from '../../../domain/api/inputs.ts';
import type { PersonStatus } from '../../../domain/profile/types.ts';
import { reason, type Reason } from '../../../domain/reasons.ts';
import { fromLocalInput } from '../../i18n/format.ts';
import { emptyIdentity, identityInput, type IdentityDraft } from '../forms/identity.tsx';
import { emptyOrder, orderFromDraft, type OrderDraft } from '../forms/order.tsx';

export interface PropertyRow {
  item: string;
  quantity: number | null;
  note: string;
}

export interface FamilyRow {
  name: string;
  relation: string;
  age: number | null;
  whereabouts: string;
}

export interface AdmissionDraft {
  mode: 'new' | 'existing';
  identity: IdentityDraft;
  /** Set once the person is registered (new) or picked (existing). */
  personId: string | null;
  status: PersonStatus;
  unaccompanied: boolean;
  asylumIntent: boolean;
  vulnerabilities: string[];
  trafficking: string[];
  screeningNotes: string;
  alternatives: string;
  kind: 'forced' | 'voluntary';
  order: OrderDraft;
  admittedAt: string;
  reasons: string;
  authority: string;
  apprehensionPlace: string;
  apprehensionAt: string;
  visibleInjuries: string;
  illTreatmentAllegation: string;
  property: PropertyRow[];
  family: FamilyRow[];
  contactName: string;
  contactRelation: string;
  contactPhone: string;
  ownClothing: boolean;
  roomId: string;
  acceptOverCapacity: boolean;
}

export function emptyAdmission(nowMs: number, timeZone: string): AdmissionDraft {
  return {
    mode: 'new',
    identity: emptyIdentity,
    personId: null,
    status: 'irregular_migrant',
    unaccompanied: false,
    asylumIntent: false,
    vulnerabilities: [],
    trafficking: [],
    screeningNotes: '',
    alternatives: '',
    kind: 'forced',
    order: emptyOrder(nowMs, timeZone, 'service_order'),
    admittedAt: '',
    reasons: '',
    authority: '',
    apprehensionPlace: '',
    apprehensionAt: '',
    visibleInjuries: '',
    illTreatmentAllegation: '',
    property: [],
    family: [],
    contactName: '',
    contactRelation: '',
    contactPhone: '',
    ownClothing: true,
    roomId: '',
    acceptOverCapacity: false,
  };
}

/** Where each API field path is shown: which step, and which field of it. */
export const STEP_OF_FIELD: { prefix: string; step: number }[] = [
  { prefix: 'personId', step: 0 },
  { prefix: 'familyName', step: 0 },
  { prefix: 'givenNames', step: 0 },
  { prefix: 'nameOriginal', step: 0 },
  { prefix: 'sex', step: 0 },
  { prefix: 'birthDate', step: 0 },
  { prefix: 'claimedAge', step: 0 },
  { prefix: 'ageAssessment', step: 0 },
  { prefix: 'nationality', step: 0 },
  { prefix: 'stateless', step: 0 },
  { prefix: 'languages', step: 0 },
  { prefix: 'familyGroup', step: 0 },
  { prefix: 'alerts', step: 0 },
  { prefix: 'interpreterNeeded', step: 0 },
  { prefix: 'status', step: 1 },
  { prefix: 'unaccompanied', step: 1 },
  { prefix: 'vulnerabilities', step: 1 },
  { prefix: 'traffickingIndicators', step: 1 },
  { prefix: 'admission.screening', step: 1 },
  { prefix: 'screening', step: 1 },
  { prefix: 'admission.alternativesNotUsedBecause', step: 1 },
  { prefix: 'kind', step: 2 },
  { prefix: 'order', step: 2 },
  { prefix: 'admission', step: 2 },
  { prefix: 'at', step: 2 },
  { prefix: 'admittedAt', step: 2 },
  { prefix: 'roomId', step: 3 },
  { prefix: 'acceptOverCapacity', step: 3 },
];

export function stepOfField(field: string | undefined): number | null {
  if (!field) return null;
  const hit = STEP_OF_FIELD.find((s) => field === s.prefix || field.startsWith(`${s.prefix}.`));
  return hit ? hit.step : null;
}

/** The reasons, in the form's own names (`order.term.value` stays under `order.term`). */
export const ADMISSION_ALIASES: Record<string, string> = {
  'admission.screening': 'screening',
  'order.startsAt': 'admittedAt',
  at: 'admittedAt',
  'admission.apprehension': 'admission.apprehension.place',
  'order.term.value': 'order.term',
  'order.term.unit': 'order.term',
};

export type RegisterInput = InputOf<'persons.register'>;

/** The person to register, and the reasons (from the contract's own schema) it would be refused. */
export function personToRegister(d: AdmissionDraft): { input: RegisterInput; reasons: Reason[] } {
  const input: RegisterInput = {
    ...identityInput(d.identity),
    status: d.status,
    unaccompanied: d.unaccompanied,
    vulnerabilities: d.vulnerabilities as RegisterInput['vulnerabilities'],
    traffickingIndicators: d.trafficking as RegisterInput['traffickingIndicators'],
  };
  const reasons: Reason[] = [];
  if (!d.identity.sex) reasons.push(reason('input.invalid', 'sex', { detail: 'required' }));
  // zod runs the cross-field rules only once every field parses: say this one at once.
  const noAge = !d.identity.birthDate && (d.identity.claimedAge === null || Number.isNaN(d.identity.claimedAge));
  const parsed = personRegister.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.join('.');
      if (field === 'sex' && !d.identity.sex) continue;
      if (field === 'birthDate' && noAge) continue;
      reasons.push(reason('input.invalid', field || undefined, { detail: issue.message }));
    }
  }
  if (noAge) reasons.push(reason('person.age_evidence_required', 'birthDate'));
  return { input, reasons };
}

export type AdmitInput = InputOf<'placements.admit'>;

/** The admission as the API's input (without the room), or the reasons the form itself can see. */
export function admissionInput(d: AdmissionDraft, timeZone: string): { input: AdmitInput | null; reasons: Reason[] } {
  const reasons: Reason[] = [];
  let at: string | undefined;
  if (d.admittedAt.trim()) {
    const parsed = fromLocalInput(d.admittedAt, timeZone);
    if (!parsed) reasons.push(reason('input.invalid', 'at', { detail: 'expected an ISO-8601 date and time' }));
    else at = parsed;
  }
  let order: AdmitInput['order'] = null;
  if (d.kind === 'forced') {
    const o = orderFromDraft(d.order, timeZone);
    reasons.push(...o.reasons);
    order = o.order;
  }
  let apprehension: NonNullable<AdmitInput['admission']>['apprehension'] = null;
  if (d.apprehensionPlace.trim() || d.apprehensionAt.trim()) {
    const apprAt = fromLocalInput(d.apprehensionAt, timeZone);
    if (!apprAt) reasons.push(reason('input.invalid', 'admission.apprehension.at', { detail: 'expected an ISO-8601 date and time' }));
    apprehension = { place: d.apprehensionPlace, at: apprAt ?? '' };
  }
  if (!d.personId) return { input: null, reasons };
  const input: AdmitInput = {
    personId: d.personId,
    kind: d.kind,
    ...(at ? { at } : {}),
    order: d.kind === 'forced' ? order : null,
    admission: {
      reasons: d.reasons,
      authority: d.authority,
      apprehension,
      visibleInjuries: d.visibleInjuries,
      illTreatmentAllegation: d.illTreatmentAllegation,
      property: d.property
        .filter((p) => p.item.trim())
        .map((p) => ({ item: p.item, quantity: p.quantity ?? 1, note: p.note })),
      familyMembers: d.family
        .filter((f) => f.name.trim())
        .map((f) => ({ name: f.name, relation: f.relation, age: f.age, whereabouts: f.whereabouts })),
      emergencyContact: d.contactName.trim() ? { name: d.contactName, relation: d.contactRelation, phone: d.contactPhone } : null,
      ownClothingOrCivilian: d.ownClothing,
      screening: {
        vulnerabilitiesFound: d.vulnerabilities as never,
        traffickingIndicators: d.trafficking as never,
        asylumIntent: d.asylumIntent,
        notes: d.screeningNotes,
      },
      alternativesNotUsedBecause: d.kind === 'forced' ? d.alternatives : '',
    },
    acceptOverCapacity: d.acceptOverCapacity,
  };
  return { input, reasons };
}
