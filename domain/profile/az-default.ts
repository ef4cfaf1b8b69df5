import type { LegalProfile } from './types.ts';

/**
 * Default profile: Azerbaijan, Migration Code chapter 14 as described in the State party's
 * follow-up report to the Committee on Migrant Workers (§19–48). Time windows the law leaves open
 * ("promptly", "without delay") are set from the international standards the report invokes
 * (UN Mandela Rules 7, 30, 54; CPT standards) and are marked as such.
 */
export const azDefaultProfile: LegalProfile = {
  id: 'az-migration-code-2023',
  name: 'Azerbaijan — Migration Code, ch. 14',
  sources: [
    'Migration Code art. 82.2 (grounds and terms of forced placement)',
    'Migration Code art. 84.3 (separation)',
    'Migration Code art. 88 (voluntary placement regime)',
    'CMW follow-up report §19–48',
  ],
  bases: [
    {
      id: 'service_order',
      citation: 'Migration Code art. 82.2 — administrative detention order of the State Migration Service',
      maxTerm: { unit: 'hours', value: 24 },
      termSetByDecision: false,
      forStayRuleBreach: true,
      warnBefore: { unit: 'hours', value: 4 },
      maxChainedOrders: 1,
    },
    {
      id: 'court_order',
      citation: 'Migration Code art. 82.2 — administrative detention order of a court',
      maxTerm: { unit: 'hours', value: 72 },
      termSetByDecision: false,
      forStayRuleBreach: true,
      warnBefore: { unit: 'hours', value: 12 },
      maxChainedOrders: 1,
    },
    {
      id: 'expulsion_evasion',
      citation:
        'Migration Code art. 82.2 — evading expulsion or well-founded risk of evading it; expulsion under a readmission agreement; court decision at the Service’s request',
      maxTerm: { unit: 'months', value: 6 },
      maxTotal: { unit: 'months', value: 6 },
      termSetByDecision: true,
      // Expulsion follows an administrative breach of stay rules; the report (§30) exempts children
      // under 16 from answering for such breaches, so no basis may hold them.
      forStayRuleBreach: true,
      warnBefore: { unit: 'hours', value: 7 * 24 },
    },
  ],
  neverForced: ['asylum_seeker', 'refugee'],
  minAgeForStayRuleBreach: 16,
  ageOfMajority: 18,
  requiredRights: [
    // Mandela Rule 54/55: information on rights on admission, in a language understood.
    { right: 'information_on_rights', for: ['forced', 'voluntary'], withinHours: 2 },
    // Mandela Rule 7: property inventory is part of the admission record.
    { right: 'property_inventory', for: ['forced', 'voluntary'], withinHours: 2 },
    // Mandela Rule 30: medical examination as soon as possible after admission.
    { right: 'medical_examination', for: ['forced', 'voluntary'], withinHours: 24 },
    { right: 'lawyer', for: ['forced'], withinHours: 24 },
    // Consular contact is the person's choice: "declined" satisfies the requirement.
    { right: 'consular_notification', for: ['forced'], withinHours: 24 },
    { right: 'family_contact', for: ['forced'], withinHours: 24 },
    // Report §38: detainees may call the Ombudsman or UNHCR directly; they must be told so.
    { right: 'call_ombudsman', for: ['forced'], withinHours: 24 },
    { right: 'call_unhcr', for: ['forced'], withinHours: 24 },
  ],
  minFloorAreaPerPersonM2: 4,
  lateEntryHours: 24,
  asylumClaimResolveHours: 24,
  unaccompaniedReferralHours: 24,
  traffickingReferralHours: 24,
  medicalReviewHours: 72,
  isolationReviewHours: 24,
  isolationAuthoriseHours: 1,
  currentLookbackDays: 30,
  readmissionLinkHours: 24,
};

export const profiles: Record<string, LegalProfile> = {
  [azDefaultProfile.id]: azDefaultProfile,
};

export function profileById(id: string): LegalProfile | undefined {
  return profiles[id];
}
