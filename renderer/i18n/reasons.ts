// Reasons (refusals) and findings in the user's language. The sentence templates live in domain/i18n
// (shared with the CLI); the values put into them are localised here: instants shown in the centre's
// zone, enum values (sex, regime, status, basis, right, …) by their translated labels.

import { describe } from '../../domain/i18n/describe.ts';
import type { Finding } from '../../domain/findings/types.ts';
import type { Reason, ReasonParams } from '../../domain/reasons.ts';
import { isInstant } from '../../domain/time.ts';
import { formatNumber, hasKey, translate, type UiLanguage } from './core.ts';
import { formatTerm, type Formatters } from './format.ts';

/** The label of an enum value (`sex`, `male` → "male" / "kişi" / "мужчина"), or the value itself. */
export function enumLabel(lang: UiLanguage, group: string, value: string): string {
  const key = `${group}.${value}`;
  return hasKey('en', key) ? translate(lang, key) : value;
}

const CATEGORY_GROUPS = ['sex', 'ageGroup', 'regime'] as const;

function categoryLabel(lang: UiLanguage, value: string): string {
  for (const g of CATEGORY_GROUPS) if (hasKey('en', `${g}.${value}`)) return translate(lang, `${g}.${value}`);
  return value;
}

function listLabel(lang: UiLanguage, group: string, value: string): string {
  return value
    .split(',')
    .filter(Boolean)
    .map((v) => enumLabel(lang, group, v))
    .join(', ');
}

/** Parameter values as the user reads them. */
export function localiseParams(params: ReasonParams | undefined, lang: UiLanguage, fmt: Formatters): ReasonParams {
  const out: ReasonParams = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    if (typeof v === 'number') {
      out[k] = formatNumber(lang, v);
      continue;
    }
    if (typeof v !== 'string') {
      out[k] = v;
      continue;
    }
    if (isInstant(v)) out[k] = fmt.dateTime(v);
    else if (k === 'cap') {
      const m = /^(\d+(?:\.\d+)?) (hours|months)$/.exec(v);
      out[k] = m ? formatTerm(lang, Number(m[1]), m[2] as 'hours' | 'months') : v;
    } else if (k === 'room' || k === 'person') out[k] = categoryLabel(lang, v);
    else if (k === 'status') out[k] = enumLabel(lang, 'status', v);
    else if (k === 'basis' || k === 'previousBasis') out[k] = enumLabel(lang, 'basis', v);
    else if (k === 'right') out[k] = enumLabel(lang, 'right', v);
    else if (k === 'role') out[k] = enumLabel(lang, 'role', v);
    else if (k === 'state') out[k] = enumLabel(lang, 'rightState', v);
    else if (k === 'kind') out[k] = enumLabel(lang, 'measureKind', v);
    else if (k === 'type') out[k] = enumLabel(lang, 'event', v);
    else if (k === 'reasons') out[k] = listLabel(lang, 'separationRule', v);
    else if (k === 'indicators') out[k] = listLabel(lang, 'trafficking', v);
    else out[k] = v;
  }
  return out;
}

/** zod's messages from domain/api/fields.ts, recognised and translated; anything else is generic. */
const DETAIL_PATTERNS: { test: RegExp; key: string; param?: string }[] = [
  { test: /^required$/, key: 'invalid.required' },
  { test: /^at most (\d+) characters$/, key: 'invalid.tooLong', param: 'max' },
  { test: /^at least (\d+) characters$/, key: 'invalid.tooShort', param: 'min' },
  { test: /^expected an ISO-8601 date and time/, key: 'invalid.instant' },
  { test: /^expected a calendar date/, key: 'invalid.date' },
  { test: /^expected an IANA time zone/, key: 'invalid.timeZone' },
  { test: /^expected an identifier/, key: 'invalid.id' },
  { test: /^expected a language code/, key: 'invalid.language' },
  { test: /^expected an ISO 3166 alpha-3/, key: 'invalid.country' },
  { test: /^expected 2–32 lower-case/, key: 'invalid.username' },
  { test: /^a birth date or a claimed age is required$/, key: 'invalid.ageEvidence' },
  { test: /^a stateless person has no nationality$/, key: 'invalid.statelessNationality' },
  { test: /^the language the person was informed in is required$/, key: 'invalid.rightsLanguage' },
  { test: /^a correction must change at least one field$/, key: 'invalid.correctionEmpty' },
  // zod's own, for numbers and choices the schemas bound without a message of their own.
  { test: /^Too big: expected number to be <=?(-?\d+(?:\.\d+)?)$/, key: 'invalid.tooBig', param: 'max' },
  { test: /^Too small: expected number to be >=?(-?\d+(?:\.\d+)?)$/, key: 'invalid.tooSmall', param: 'min' },
  { test: /^Invalid input: expected int, received number$/, key: 'invalid.wholeNumber' },
  { test: /^Invalid option: expected one of /, key: 'invalid.option' },
];

export function detailText(detail: string, lang: UiLanguage): string {
  for (const p of DETAIL_PATTERNS) {
    const m = p.test.exec(detail);
    if (m) return translate(lang, p.key, p.param ? { [p.param]: Number(m[1]) } : undefined);
  }
  return lang === 'en' ? detail : `${translate(lang, 'invalid.value')} (${detail})`;
}

/** One reason as a sentence in the user's language (without its field: the UI shows it next to the field). */
export function reasonText(r: Reason, lang: UiLanguage, fmt: Formatters): string {
  if (r.code === 'input.invalid') return detailText(String(r.params?.detail ?? ''), lang);
  if (hasKey('en', `reason.${r.code}`)) return translate(lang, `reason.${r.code}`, localiseParams(r.params, lang, fmt) as never);
  return describe(r.code, localiseParams(r.params, lang, fmt), lang);
}

export function findingText(f: Finding, lang: UiLanguage, fmt: Formatters): string {
  return describe(`finding.${f.code}`, localiseParams(f.params, lang, fmt), lang);
}
