import type { RightsSheet } from './types.ts';

export const en: RightsSheet = {
  lang: 'en',
  name: 'English',
  dir: 'ltr',
  version: 'en-2026.1',
  title: 'Information on your rights',
  intro: (f) =>
    `You are in ${f.centreName}. This sheet tells you your rights while you are here. Keep it. If anything is unclear, ask for an interpreter: interpretation is free.`,
  sections: (f) => [
    {
      heading: 'Why you are here, and for how long',
      items: [
        `If the State Migration Service ordered your administrative detention, you may be held for at most ${f.serviceOrderHours} hours.`,
        `If a court ordered your administrative detention, you may be held for at most ${f.courtOrderHours} hours (${f.courtOrderHours / 24} days).`,
        `If you are held because you are evading expulsion, or there is a well-founded risk that you will, or for expulsion under a readmission agreement, or by a court decision at the Service's request: for the term set by the decision, and never longer than ${f.expulsionMonths} months.`,
        'You have the right to see the decision that placed you here, and to know the date and time by which you must be released.',
        'If you stay here voluntarily, at your own request, you may leave the centre and come back, and you may move freely inside it. You are never kept with people held by force.',
      ],
    },
    {
      heading: 'Asylum, children, and victims of trafficking',
      items: [
        'Asylum seekers and refugees are never held by force. If you wish to ask for asylum, say so at any time, in any words: staff must record it and act on it.',
        `Children under ${f.minAge} are not held for breaking the rules of stay. If you are under 18 and without your parents, tell the staff: the guardianship authority will be informed.`,
        'If someone forced you to work, took your documents, holds a debt over you or controls you, tell the staff: the special police unit against human trafficking will be informed, and you will be protected.',
      ],
    },
    {
      heading: 'Your rights here',
      items: [
        'A lawyer: to contact a lawyer and to meet your lawyer in private.',
        'Your consulate: to have the consulate of your country informed — only if you want it. You may refuse.',
        'Your family: to contact your family or a person you choose, and to tell them where you are.',
        'The Ombudsman and UNHCR: to call the Commissioner for Human Rights (Ombudsman) or the UN Refugee Agency (UNHCR) directly, without staff listening.',
        'A doctor: to a free medical examination soon after you arrive, and to medical care when you need it.',
        'Complaints: to complain about your treatment or conditions, and to receive an answer. Nobody may punish you for complaining.',
        'Your belongings: they are listed in an inventory; you receive a copy, and they are returned to you when you leave.',
        'Visits: to receive visits. Inspectors of the Ombudsman (National Preventive Mechanism), UNHCR, IOM and the ICRC may come at any time and talk with you in private.',
        'Clothing: you are not a prisoner. You may wear your own or civilian clothes.',
        'Language: to receive this information, and any decision about you, in a language you understand.',
      ],
    },
  ],
  receipt: {
    received: 'I received this sheet and it was explained to me in a language I understand.',
    date: 'Date and time',
    signature: 'Signature of the person',
    interpreter: 'Interpreter (name, how)',
    staff: 'Staff member',
  },
};
