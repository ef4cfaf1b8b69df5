// The UI catalogues are complete: every key of English exists in az and ru, with every plural form
// each language needs (Intl.PluralRules), the same {placeholders}, and a label for every enum value
// the API can send. The rights sheets have every part in every language.

import { describe, expect, it } from 'vitest';
import { AGE_ASSESSMENTS, END_REASONS, INTERPRETATION_MODES, TRAFFICKING_INDICATORS, VULNERABILITIES } from '../../domain/api/inputs.ts';
import { EVENT_TYPES } from '../../domain/events.ts';
import { FINDING_CODES } from '../../domain/findings/types.ts';
import { profiles } from '../../domain/profile/az-default.ts';
import { RIGHTS, STATUSES } from '../../domain/profile/types.ts';
import { ROLES } from '../../domain/roles.ts';
import { PLURAL_SUFFIXES, placeholders, translate, uiCatalogues, UI_LANGUAGES, type UiLanguage } from './core.ts';
import { SHEETS, sheetFacts } from '../print/rights-sheet/index.ts';

const SUFFIX = new RegExp(`_(${PLURAL_SUFFIXES.join('|')})$`);

/** Base key → its forms in a catalogue (`''` for a key without plural forms). */
function grouped(cat: Record<string, string>): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const [key, text] of Object.entries(cat)) {
    const m = SUFFIX.exec(key);
    const base = m ? key.slice(0, -m[0].length) : key;
    const form = m ? m[1]! : '';
    if (!out.has(base)) out.set(base, new Map());
    out.get(base)!.set(form, text);
  }
  return out;
}

const en = grouped(uiCatalogues.en);

describe.each(UI_LANGUAGES.filter((l) => l !== 'en'))('the %s catalogue', (lang: UiLanguage) => {
  const cat = grouped(uiCatalogues[lang]);
  const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories as string[];

  it('has every key English has, and no other', () => {
    const missing = [...en.keys()].filter((k) => !cat.has(k));
    const extra = [...cat.keys()].filter((k) => !en.has(k));
    expect(missing).toEqual([]);
    expect(extra).toEqual([]);
  });

  it('has every plural form its language needs, and only plural keys have them', () => {
    const problems: string[] = [];
    for (const [base, forms] of en) {
      const theirs = cat.get(base);
      if (!theirs) continue;
      const plural = !forms.has('');
      if (plural) {
        for (const c of categories) if (!theirs.has(c)) problems.push(`${base}_${c} missing`);
        for (const f of theirs.keys()) if (!categories.includes(f)) problems.push(`${base}_${f || '(plain)'} is not a form of ${lang}`);
      } else if (!theirs.has('') || theirs.size !== 1) {
        problems.push(`${base} should have no plural forms`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('uses the same placeholders as English', () => {
    const problems: string[] = [];
    for (const [base, forms] of en) {
      const theirs = cat.get(base);
      if (!theirs) continue;
      const want = [...new Set([...forms.values()].flatMap(placeholders))].sort().join(',');
      for (const [form, text] of theirs) {
        const got = placeholders(text).join(',');
        // A singular form may leave out {count} ("one person"); nothing else may differ.
        const wantHere = form === 'one' ? want.split(',').filter((p) => p !== 'count' || got.includes('count')).join(',') : want;
        if (got !== wantHere) problems.push(`${base}${form ? `_${form}` : ''}: {${got}} instead of {${wantHere}}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has no empty strings', () => {
    expect(Object.entries(uiCatalogues[lang]).filter(([, v]) => !v.trim()).map(([k]) => k)).toEqual([]);
  });
});

describe('plurals', () => {
  it('picks the form by Intl.PluralRules in each language', () => {
    expect(translate('en', 'register.shown', { count: 1 })).toBe('1 person');
    expect(translate('en', 'register.shown', { count: 3 })).toBe('3 people');
    expect(translate('ru', 'register.shown', { count: 1 })).toBe('1 человек');
    expect(translate('ru', 'register.shown', { count: 3 })).toBe('3 человека');
    expect(translate('ru', 'register.shown', { count: 5 })).toBe('5 человек');
    expect(translate('ru', 'register.shown', { count: 21 })).toBe('21 человек');
    expect(translate('az', 'register.shown', { count: 5 })).toBe('5 nəfər');
  });

  it('formats numbers for the language', () => {
    expect(translate('ru', 'register.shown', { count: 100000 })).toMatch(/^100\s000 человек$/u);
    expect(translate('en', 'register.shown', { count: 100000 })).toBe('100,000 people');
  });
});

describe('enum labels', () => {
  const groups: [string, readonly string[]][] = [
    ['sex', ['male', 'female']],
    ['ageGroup', ['adult', 'minor']],
    ['regime', ['forced', 'voluntary', 'asylum']],
    ['kind', ['forced', 'voluntary']],
    ['status', STATUSES],
    ['right', RIGHTS],
    ['rightState', ['offered', 'exercised', 'declined']],
    ['role', ROLES],
    ['endReason', END_REASONS],
    ['vulnerability', VULNERABILITIES],
    ['trafficking', TRAFFICKING_INDICATORS],
    ['ageAssessment', AGE_ASSESSMENTS],
    ['interpretation', INTERPRETATION_MODES],
    ['event', EVENT_TYPES],
    ['severity', ['critical', 'high', 'medium', 'low']],
    ['urgency', ['overdue', 'within_24h', 'within_72h', 'later']],
    ['basis', Object.values(profiles).flatMap((p) => p.bases.map((b) => b.id))],
  ];
  it.each(groups)('every %s has a label', (group, values) => {
    expect(values.filter((v) => !(`${group}.${v}` in uiCatalogues.en))).toEqual([]);
  });

  it('every finding code has a sentence (in domain/i18n) — checked there; the severities here', () => {
    expect(FINDING_CODES.length).toBeGreaterThan(0);
  });
});

describe('rights sheets', () => {
  const facts = sheetFacts(Object.values(profiles)[0], 'Test Centre');
  const shape = (lang: string) => SHEETS[lang]!.sections(facts).map((s) => s.items.length);
  it.each(Object.keys(SHEETS))('%s has every part English has', (lang) => {
    const s = SHEETS[lang]!;
    expect(s.lang).toBe(lang);
    expect(s.title.trim()).not.toBe('');
    expect(s.intro(facts)).toContain('Test Centre');
    expect(shape(lang)).toEqual(shape('en'));
    expect(Object.values(s.receipt).every((v) => v.trim().length > 0)).toBe(true);
    expect(s.version).toMatch(new RegExp(`^${lang}-`));
  });

  it('states the caps of the legal profile, not numbers of its own', () => {
    for (const lang of Object.keys(SHEETS)) {
      const text = SHEETS[lang]!.sections(facts).flatMap((s) => s.items).join(' ');
      expect(text).toContain(String(facts.serviceOrderHours));
      expect(text).toContain(String(facts.courtOrderHours));
      expect(text).toContain(String(facts.expulsionMonths));
    }
  });
});
