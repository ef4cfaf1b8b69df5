// The viewer's catalogues: Azerbaijani and Russian have every key English has (with every plural
// form their language needs) and no other, the same placeholders, and are translations, not copies;
// every key the code builds at run time (step titles, codes' labels, …) exists for every value it
// can be built from.

import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../../domain/events.ts';
import { FINDING_CODES } from '../../../domain/findings/types.ts';
import { RIGHTS, STATUSES } from '../../../domain/profile/types.ts';
import { azDefaultProfile } from '../../../domain/profile/az-default.ts';
import { STAY_BUCKETS } from '../model/charts.ts';
import { catalogues, hasKey, label, PLURAL_SUFFIXES, placeholders, tk, VIEWER_LANGUAGES, type Language } from './translate.ts';
import { en } from './en.ts';

const PLURAL = new RegExp(`_(${PLURAL_SUFFIXES.join('|')})$`);
const base = (key: string) => key.replace(PLURAL, '');
/** The plural forms a language uses for whole numbers and fractions. */
const FORMS: Record<Language, string[]> = { en: ['one', 'other'], az: ['one', 'other'], ru: ['one', 'few', 'many', 'other'] };

describe('viewer catalogues', () => {
  const enBases = new Set(Object.keys(en).map(base));
  const pluralBases = new Set(Object.keys(en).filter((k) => PLURAL.test(k)).map(base));

  for (const lang of VIEWER_LANGUAGES) {
    it(`${lang}: every key, every plural form, no stray key`, () => {
      const cat = catalogues[lang];
      const missing: string[] = [];
      for (const b of enBases) {
        if (pluralBases.has(b)) {
          for (const form of FORMS[lang]) if (!(`${b}_${form}` in cat)) missing.push(`${b}_${form}`);
        } else if (!(b in cat)) missing.push(b);
      }
      expect(missing).toEqual([]);
      expect(Object.keys(cat).filter((k) => !enBases.has(base(k)))).toEqual([]);
    });

    it(`${lang}: the same placeholders as English`, () => {
      const cat = catalogues[lang];
      const wrong: string[] = [];
      for (const [k, v] of Object.entries(cat)) {
        const reference = en[k as keyof typeof en] ?? en[`${base(k)}_other` as keyof typeof en];
        // A plural form may leave the number out ("every day") where its language's form is for one only.
        const names = (text: string) => placeholders(text).filter((p) => !(PLURAL.test(k) && p === 'count'));
        if (reference !== undefined && names(v).join() !== names(reference).join()) wrong.push(`${k}: ${v}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('az and ru are translations, not copies of English', () => {
    for (const lang of ['az', 'ru'] as const) {
      const cat = catalogues[lang];
      const same = Object.entries(cat).filter(([k, v]) => en[k as keyof typeof en] === v && /[a-z]{4}/i.test(v.replace(/\{\w+\}/g, '')));
      // Proper names and codes may stay as they are (UNHCR, LGBTI, Ombudsman, bundle.json…): a handful.
      expect(same.length, same.map(([k]) => k).join(', ')).toBeLessThan(8);
    }
    expect(tk('ru', 'verdict.intact')).not.toBe(tk('en', 'verdict.intact'));
  });

  it('has a label for every code the data can hold', () => {
    const groups: [string, readonly string[]][] = [
      ['status', STATUSES],
      ['right', RIGHTS],
      ['finding', FINDING_CODES],
      ['event', EVENT_TYPES],
      ['basis', [...azDefaultProfile.bases.map((b) => b.id), 'none', 'voluntary']],
      ['severity', ['critical', 'high', 'medium', 'low']],
      ['regime', ['forced', 'voluntary', 'asylum']],
      ['urgency', ['overdue', 'within_24h', 'within_72h', 'later']],
    ];
    const missing = groups.flatMap(([g, codes]) => codes.filter((c) => !hasKey(`enum.${g}.${c}`)).map((c) => `enum.${g}.${c}`));
    expect(missing).toEqual([]);
    expect(label('ru', 'status', 'asylum_seeker')).toBe('лицо, ищущее убежища');
    expect(label('az', 'status', 'no_such_status')).toBe('no_such_status');
  });

  it('has every key the code builds at run time', () => {
    const built = [
      ...['envelope', 'signature', 'data', 'decryption', 'container', 'chain', 'projections', 'medical-notes', 'checkpoint'].flatMap((s) => [`step.${s}`, `verdict.means.${s}`]),
      'verdict.kind.inspection',
      'verdict.kind.hq-slice',
      ...['changed', 'removed', 'moved', 'inserted'].flatMap((k) => [`compare.kind.${k}`, `compare.count.${k}`]),
      ...['other-centre', 'other-key', 'not-comparable'].map((s) => `compare.status.${s}`),
      ...['disciplinary', 'isolation', 'transfer', 'room_move', 'complaint'].map((k) => `followUp.kind.${k}`),
      ...['open', 'overdue', 'answered', 'answered_late'].map((s) => `visits.state.${s}`),
      ...['all', 'present', 'past'].map((p) => `register.presence.${p}`),
      ...STAY_BUCKETS.map((b) => `charts.bucket.${b.key}`),
      ...['no-bundle-in-html', 'need-both', 'not-base64'].map((c) => `open.error.${c}`),
    ];
    expect(built.filter((k) => !hasKey(k))).toEqual([]);
  });

  it('chooses Russian plural forms by number', () => {
    expect(tk('ru', 'register.matches', { count: 1 })).toBe('Найдено: 1 человек.');
    expect(tk('ru', 'register.matches', { count: 3 })).toBe('Найдено: 3 человека.');
    expect(tk('ru', 'register.matches', { count: 11 })).toBe('Найдено: 11 человек.');
    expect(tk('en', 'register.matches', { count: 1 })).toBe('1 person matches.');
  });
});
