// Findings and separation reasons as sentences in the reader's language. The sentences are the
// app's own (domain/i18n, shared with the app and the CLI); the values put into them are localised
// here: instants in the centre's zone, codes (status, basis, right, …) by their labels.

import type { Finding } from '../../../domain/findings/types.ts';
import { describe } from '../../../domain/i18n/describe.ts';
import type { Reason, ReasonParams } from '../../../domain/reasons.ts';
import { isInstant } from '../../../domain/time.ts';
import { label, t, type Language } from '../i18n/translate.ts';
import type { Formatters } from './format.ts';

const CATEGORY_GROUPS = ['sex', 'ageGroup', 'regime'] as const;

function categoryLabel(lang: Language, value: string): string {
  for (const g of CATEGORY_GROUPS) {
    const l = label(lang, g, value);
    if (l !== value) return l;
  }
  return value;
}

function listLabel(lang: Language, group: string, value: string): string {
  return value
    .split(',')
    .filter(Boolean)
    .map((v) => label(lang, group, v))
    .join(', ');
}

/** A term as the profile writes it ("24 hours", "6 months") in the language. */
function termLabel(lang: Language, value: string): string {
  const m = /^(\d+(?:\.\d+)?) (hours|months)$/.exec(value);
  if (!m) return value;
  return t(lang, m[2] === 'hours' ? 'term.hours' : 'term.months', { count: Number(m[1]) });
}

/** A finding's or a reason's parameter values as the reader reads them. */
export function localiseParams(params: ReasonParams | undefined, lang: Language, fmt: Formatters): ReasonParams {
  const out: ReasonParams = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    if (typeof v === 'number') out[k] = fmt.number(v, 2);
    else if (typeof v !== 'string') out[k] = v;
    else if (isInstant(v)) out[k] = fmt.dateTime(v);
    else if (k === 'cap') out[k] = termLabel(lang, v);
    else if (k === 'room' || k === 'person') out[k] = categoryLabel(lang, v);
    else if (k === 'status') out[k] = label(lang, 'status', v);
    else if (k === 'basis' || k === 'previousBasis') out[k] = label(lang, 'basis', v);
    else if (k === 'right') out[k] = label(lang, 'right', v);
    else if (k === 'state') out[k] = label(lang, 'rightState', v);
    else if (k === 'kind') out[k] = label(lang, 'measureKind', v);
    else if (k === 'type') out[k] = label(lang, 'event', v);
    else if (k === 'reasons') out[k] = listLabel(lang, 'separationRule', v);
    else if (k === 'indicators') out[k] = listLabel(lang, 'trafficking', v);
    else out[k] = v;
  }
  return out;
}

export function findingText(f: Finding, lang: Language, fmt: Formatters): string {
  return describe(`finding.${f.code}`, localiseParams(f.params, lang, fmt), lang);
}

/** A separation reason (domain/separation.ts) for a room. */
export function reasonText(r: Reason, lang: Language, fmt: Formatters, extra: ReasonParams = {}): string {
  return describe(r.code, localiseParams({ ...extra, ...r.params }, lang, fmt), lang);
}
