// Input schemas of every API method, parsed once at the boundary (IPC, HTTP, CLI, tests).
// Every write takes an optional `at`: when the thing happened. The journal also keeps when it was
// entered; a large difference is a finding (late entry), so `at` is never silently clamped.

import { z } from 'zod';
import { RIGHTS, STATUSES } from '../profile/types.ts';
import { ROLES } from '../roles.ts';
import {
  calendarDate,
  countryCode,
  id,
  instant,
  languageCode,
  password,
  requiredText,
  text,
  timeZone,
  username,
} from './fields.ts';

const at = instant.optional();

export const VULNERABILITIES = [
  'pregnant',
  'disability',
  'serious_illness',
  'mental_health',
  'elderly',
  'single_parent',
  'torture_survivor',
  'victim_of_violence',
  'lgbti',
  'other',
] as const;

export const TRAFFICKING_INDICATORS = [
  'documents_withheld',
  'debt_bondage',
  'restricted_movement',
  'deceptive_recruitment',
  'forced_labour_signs',
  'sexual_exploitation_signs',
  'controlled_by_third_party',
  'signs_of_abuse',
] as const;

export const AGE_ASSESSMENTS = ['documented', 'claimed', 'pending', 'assessed_minor', 'assessed_adult'] as const;

const identityFields = {
  familyName: requiredText(120),
  givenNames: requiredText(120),
  /** The name in its original script, e.g. Arabic or Cyrillic. */
  nameOriginal: text(240).optional(),
  sex: z.enum(['male', 'female']),
  birthDate: calendarDate.nullable().optional(),
  claimedAge: z.number().int().min(0).max(120).nullable().optional(),
  claimedAgeOn: calendarDate.nullable().optional(),
  ageAssessment: z.enum(AGE_ASSESSMENTS).optional(),
  nationality: countryCode.nullable().optional(),
  stateless: z.boolean().default(false),
  languages: z.array(languageCode).max(10).default([]),
  interpreterNeeded: z.boolean().default(false),
  unaccompanied: z.boolean().default(false),
  /** People registered with the same family group may share a family room. */
  familyGroup: id.nullable().optional(),
  vulnerabilities: z.array(z.enum(VULNERABILITIES)).max(VULNERABILITIES.length).default([]),
  traffickingIndicators: z.array(z.enum(TRAFFICKING_INDICATORS)).max(TRAFFICKING_INDICATORS.length).default([]),
  /** Person-level alerts (medical allergy, threat, …): they follow the person across stays. */
  alerts: z.array(requiredText(200)).max(20).default([]),
};

export const personRegister = z
  .object({ ...identityFields, status: z.enum(STATUSES), at })
  .strict()
  .superRefine((p, ctx) => {
    if (!p.birthDate && (p.claimedAge === null || p.claimedAge === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'a birth date or a claimed age is required' });
    }
    if (p.stateless && p.nationality) {
      ctx.addIssue({ code: 'custom', path: ['nationality'], message: 'a stateless person has no nationality' });
    }
  });

const identityPatch = z
  .object({
    familyName: identityFields.familyName,
    givenNames: identityFields.givenNames,
    nameOriginal: identityFields.nameOriginal,
    sex: identityFields.sex,
    birthDate: identityFields.birthDate,
    claimedAge: identityFields.claimedAge,
    claimedAgeOn: identityFields.claimedAgeOn,
    ageAssessment: identityFields.ageAssessment,
    nationality: identityFields.nationality,
    stateless: z.boolean(),
    languages: z.array(languageCode).max(10),
    interpreterNeeded: z.boolean(),
    unaccompanied: z.boolean(),
    familyGroup: identityFields.familyGroup,
    vulnerabilities: z.array(z.enum(VULNERABILITIES)),
    traffickingIndicators: z.array(z.enum(TRAFFICKING_INDICATORS)),
    alerts: z.array(requiredText(200)).max(20),
  })
  .partial()
  .strict()
  .refine((c) => Object.keys(c).length > 0, { message: 'a correction must change at least one field' });

export const personCorrect = z
  .object({ personId: id, changes: identityPatch, reason: requiredText(500), at })
  .strict();

export const personSetStatus = z
  .object({ personId: id, status: z.enum(STATUSES), reason: requiredText(500), at })
  .strict();

export const termInput = z.discriminatedUnion('unit', [
  z.object({ unit: z.literal('hours'), value: z.number().positive().max(24 * 366) }).strict(),
  z.object({ unit: z.literal('months'), value: z.number().int().positive().max(24) }).strict(),
  z.object({ unit: z.literal('until'), value: instant }).strict(),
]);

export const orderInput = z
  .object({
    basis: requiredText(60),
    authority: requiredText(200),
    reference: requiredText(120),
    issuedAt: instant,
    /** When the order starts to run; by default at admission (or at issue, for an extension). */
    startsAt: instant.optional(),
    term: termInput.optional(),
  })
  .strict();

export const PROPERTY_MAX = 200;

export const admissionRecord = z
  .object({
    reasons: requiredText(2000),
    authority: requiredText(200),
    apprehension: z.object({ place: requiredText(300), at: instant }).strict().nullable().default(null),
    visibleInjuries: text(2000).default(''),
    illTreatmentAllegation: text(2000).default(''),
    property: z
      .array(z.object({ item: requiredText(200), quantity: z.number().int().min(1).default(1), note: text(300).default('') }).strict())
      .max(PROPERTY_MAX)
      .default([]),
    familyMembers: z
      .array(
        z
          .object({
            name: requiredText(200),
            relation: requiredText(60),
            age: z.number().int().min(0).max(120).nullable().default(null),
            whereabouts: text(300).default(''),
          })
          .strict(),
      )
      .max(30)
      .default([]),
    emergencyContact: z
      .object({ name: requiredText(200), relation: text(60).default(''), phone: text(60).default('') })
      .strict()
      .nullable()
      .default(null),
    /** Report §23: clothing that differs from that of convicted prisoners. */
    ownClothingOrCivilian: z.boolean().default(true),
    screening: z
      .object({
        vulnerabilitiesFound: z.array(z.enum(VULNERABILITIES)).default([]),
        traffickingIndicators: z.array(z.enum(TRAFFICKING_INDICATORS)).default([]),
        asylumIntent: z.boolean().default(false),
        notes: text(2000).default(''),
      })
      .strict()
      .nullable()
      .default(null),
    /** IDC's CAP model: why alternatives to detention were not used (forced placements). */
    alternativesNotUsedBecause: text(2000).default(''),
  })
  .strict();

export const placementAdmit = z
  .object({
    personId: id,
    kind: z.enum(['forced', 'voluntary']),
    at,
    order: orderInput.nullable().optional(),
    admission: admissionRecord,
    roomId: id.optional(),
    acceptOverCapacity: z.boolean().default(false),
  })
  .strict();

export const placementAddOrder = z.object({ placementId: id, order: orderInput, at }).strict();

export const END_REASONS = [
  'release',
  'removal',
  'transfer',
  'asylum_premises',
  'guardianship',
  'voluntary_departure',
  'death',
  'other',
] as const;

export const placementEnd = z
  .object({
    placementId: id,
    reason: z.enum(END_REASONS),
    destination: text(300).default(''),
    note: text(2000).default(''),
    at,
  })
  .strict();

const roomFields = {
  name: requiredText(60),
  capacity: z.number().int().min(1).max(200),
  floorAreaM2: z.number().positive().max(10_000),
  sex: z.enum(['male', 'female']).nullable(),
  ageGroup: z.enum(['minor', 'adult']).nullable(),
  regime: z.enum(['forced', 'voluntary', 'asylum']),
  family: z.boolean().default(false),
};

export const roomDefine = z.object({ ...roomFields, at }).strict();

export const roomUpdate = z
  .object({
    roomId: id,
    name: roomFields.name.optional(),
    capacity: roomFields.capacity.optional(),
    floorAreaM2: roomFields.floorAreaM2.optional(),
    sex: roomFields.sex.optional(),
    ageGroup: roomFields.ageGroup.optional(),
    regime: roomFields.regime.optional(),
    family: z.boolean().optional(),
    retired: z.boolean().optional(),
    at,
  })
  .strict();

export const roomAssign = z
  .object({ placementId: id, roomId: id, at, acceptOverCapacity: z.boolean().default(false) })
  .strict();

export const movementRecord = z
  .object({
    placementId: id,
    direction: z.enum(['exit', 'return']),
    purpose: text(300).default(''),
    at,
  })
  .strict();

export const INTERPRETATION_MODES = ['in_person', 'telephone', 'video', 'written_translation', 'none_needed'] as const;

export const rightRecord = z
  .object({
    placementId: id,
    right: z.enum(RIGHTS),
    state: z.enum(['offered', 'exercised', 'declined']),
    /** Language the person was informed in (required for information on rights). */
    language: languageCode.optional(),
    /** Version of the information sheet handed over. */
    version: text(60).optional(),
    interpreter: z
      .object({ name: text(200).default(''), mode: z.enum(INTERPRETATION_MODES) })
      .strict()
      .nullable()
      .optional(),
    detail: text(2000).default(''),
    at,
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.right === 'information_on_rights' && !r.language) {
      ctx.addIssue({ code: 'custom', path: ['language'], message: 'the language the person was informed in is required' });
    }
  });

export const asylumClaim = z.object({ placementId: id, note: text(2000).default(''), at }).strict();

export const asylumResolve = z
  .object({
    claimId: id,
    resolution: z.enum(['released', 'transferred_to_asylum_premises', 'withdrawn_by_applicant', 'inadmissible_final']),
    note: text(2000).default(''),
    at,
  })
  .strict();

export const referralMake = z
  .object({
    personId: id,
    placementId: id.optional(),
    kind: z.enum(['guardianship', 'child_care', 'trafficking_police']),
    to: requiredText(300),
    note: text(2000).default(''),
    at,
  })
  .strict();

export const measureStart = z
  .object({
    placementId: id,
    kind: z.enum(['disciplinary', 'isolation']),
    measure: requiredText(200),
    reason: requiredText(2000),
    /** Who authorised it; an urgent isolation may start before authorisation (it is then flagged). */
    authorisedBy: text(200).optional(),
    at,
  })
  .strict();

export const measureAuthorise = z.object({ measureId: id, authorisedBy: requiredText(200), at }).strict();
export const measureReview = z
  .object({ measureId: id, outcome: z.enum(['continue', 'end']), note: text(2000).default(''), at })
  .strict();
export const measureEnd = z.object({ measureId: id, note: text(2000).default(''), at }).strict();

export const medicalConcern = z
  .object({
    placementId: id,
    kind: z.enum(['health_harmed_by_detention', 'self_harm_risk', 'possible_torture_victim', 'other']),
    note: text(4000).default(''),
    at,
  })
  .strict();

export const detentionReview = z
  .object({
    placementId: id,
    concernId: id.optional(),
    outcome: z.enum(['continue_detention', 'release', 'alternative_to_detention', 'medical_transfer']),
    note: text(4000).default(''),
    at,
  })
  .strict();

/** No field for whom inspectors interviewed or what they were told (OPCAT art. 21). */
export const inspectionVisit = z
  .object({
    body: z.enum(['npm', 'ombudsman', 'unhcr', 'iom', 'icrc', 'prosecutor', 'other']),
    inspectors: z.array(requiredText(200)).min(1).max(30),
    startedAt: instant,
    endedAt: instant.optional(),
    note: text(2000).default(''),
    at,
  })
  .strict();

export const inspectionRecommend = z
  .object({ visitId: id, text: requiredText(4000), responseDue: instant, at })
  .strict();

export const inspectionRespond = z.object({ recommendationId: id, text: requiredText(8000), at }).strict();

export const accountCreate = z
  .object({ username, displayName: requiredText(120), role: z.enum(ROLES), password, at })
  .strict();

export const accountChange = z
  .object({
    accountId: id,
    displayName: requiredText(120).optional(),
    role: z.enum(ROLES).optional(),
    active: z.boolean().optional(),
    at,
  })
  .strict();

export const accountSetPassword = z.object({ accountId: id, password }).strict();
export const signIn = z.object({ username: z.string().max(64), password: z.string().max(200) }).strict();

export const centreSetup = z
  .object({
    name: requiredText(200),
    timeZone,
    profileId: requiredText(80),
    head: z.object({ username, displayName: requiredText(120), password }).strict(),
  })
  .strict();

export const atOnly = z.object({ at: instant.optional() }).strict();
export const empty = z.object({}).strict();

export const historyRange = z.object({ at: instant.optional() }).strict();

export const registerSearch = z
  .object({
    name: text(120).optional(),
    nationality: countryCode.optional(),
    status: z.enum(STATUSES).optional(),
    basis: text(60).optional(),
    roomId: id.optional(),
    presence: z.enum(['present', 'past', 'all']).default('all'),
    limit: z.number().int().min(1).max(1000).default(100),
    offset: z.number().int().min(0).default(0),
    /**
     * The next page after this row (its sort key, as the previous page's last row gave it): a page
     * deep in the register costs what the first one does, where an offset walks every row before it.
     */
    after: z.object({ familyName: z.string().max(400), givenNames: z.string().max(400), personId: id }).strict().optional(),
  })
  .strict()
  .refine((v) => v.after === undefined || v.offset === 0, { message: 'give either after or offset, not both', path: ['after'] });

export const populationSeries = z
  .object({
    at: instant.optional(),
    days: z.number().int().min(1).max(366).default(90),
    stepDays: z.number().int().min(1).max(31).default(1),
  })
  .strict();

export const stayLengths = z
  .object({ at: instant.optional(), days: z.number().int().min(1).max(3660).default(365) })
  .strict();

export const personFile = z.object({ personId: id }).strict();
export const journalEntries = z
  .object({ fromSeq: z.number().int().min(1).default(1), limit: z.number().int().min(1).max(5000).default(200) })
  .strict();
