// The verdict, first and plainly: intact, or which check failed and where (the journal entry), with
// what that means in plain words; then what the bundle is, and every check with its time. The
// technical message of a failure is verification's own (shared with `centre verify`), in English.

import type { StepName, Verdict } from '../../format/verify.ts';
import { t, tk, type Language } from '../i18n/translate.ts';
import type { Formatters } from '../model/format.ts';
import { h } from './dom.ts';

export function stepTitle(lang: Language, step: StepName): string {
  return tk(lang, `step.${step}`);
}

/** Warnings verification gives in English, recognised and said in the reader's language. */
function warningText(lang: Language, w: string): string {
  let m = /^legal profile (\S+) in the bundle differs from this program’s copy of it$/.exec(w);
  if (m) return t(lang, 'verdict.warnProfileDiffers', { profile: m[1] });
  m = /^legal profile (\S+) is not one this program knows/.exec(w);
  if (m) return t(lang, 'verdict.warnProfileUnknown', { profile: m[1] });
  m = /^(\d+) medical notes are not referred to/.exec(w);
  if (m) return t(lang, 'verdict.warnNotesUnreferenced', { count: Number(m[1]) });
  m = /^the data has a section this program does not know: (.*)$/.exec(w);
  if (m) return t(lang, 'verdict.warnUnknownSection', { name: m[1] });
  return w;
}

export function renderVerdict(v: Verdict, lang: Language, fmt: Formatters): HTMLElement {
  const box = h('section', { id: 'verdict', class: v.ok ? 'verdict ok' : 'verdict bad', attrs: { 'aria-live': 'polite' } });
  box.append(h('h2', null, v.ok ? t(lang, 'verdict.intact') : t(lang, 'verdict.notIntact')));
  if (v.ok) box.append(h('p', { class: 'lead' }, t(lang, 'verdict.intactMeans')));
  if (v.failure) {
    const f = v.failure;
    box.append(
      h(
        'p',
        { class: 'reason' },
        f.seq !== undefined ? t(lang, 'verdict.failedAtEntry', { step: stepTitle(lang, f.step), seq: f.seq }) : t(lang, 'verdict.failed', { step: stepTitle(lang, f.step) }),
      ),
      h('p', { class: 'lead' }, tk(lang, `verdict.means.${f.step}`)),
      h('p', { class: 'technical' }, `${t(lang, 'verdict.technical')} `, h('span', { attrs: { lang: 'en' } }, f.message)),
    );
  }
  const m = v.manifest;
  if (m) {
    box.append(
      h(
        'dl',
        { class: 'facts' },
        h('dt', null, t(lang, 'verdict.centre')),
        h('dd', null, `${m.centre.name} (${m.centre.id})`),
        h('dt', null, t(lang, 'verdict.kind')),
        h('dd', null, tk(lang, `verdict.kind.${m.kind}`)),
        h('dt', null, t(lang, 'verdict.entries')),
        h('dd', null, t(lang, 'verdict.entryRange', { from: m.from.seq + 1, to: m.head.seq, count: m.counts.entries })),
        h('dt', null, t(lang, 'verdict.head')),
        h('dd', { class: 'mono' }, m.head.hash),
        h('dt', null, t(lang, 'verdict.exported')),
        h('dd', null, t(lang, 'verdict.exportedBy', { at: fmt.dateTime(m.exportedAt), zone: m.centre.timeZone, by: m.exportedBy })),
        h('dt', null, t(lang, 'verdict.fingerprint')),
        h('dd', { class: 'mono' }, m.keyFingerprint),
      ),
    );
  }
  const steps = h('ol', { class: 'steps' });
  for (const s of v.steps) {
    const mark = !s.ok ? '✗' : s.skipped ? '–' : '✓';
    const state = !s.ok ? t(lang, 'verdict.stepFailed') : s.skipped ? t(lang, 'verdict.stepSkipped') : t(lang, 'verdict.stepPassed');
    steps.append(
      h(
        'li',
        { class: s.ok ? (s.skipped ? 'skipped' : 'passed') : 'bad', attrs: { 'data-step': s.step, 'data-ms': s.ms } },
        h('span', { class: 'mark', attrs: { 'aria-hidden': 'true' } }, mark),
        ' ',
        h('span', { class: 'visually-hidden' }, `${state}: `),
        stepTitle(lang, s.step),
        h('span', { class: 'muted' }, ` (${t(lang, 'verdict.ms', { ms: s.ms })})`),
      ),
    );
  }
  // The checks one by one: folded away when all passed, open when one failed.
  box.append(h('details', { class: 'checks', attrs: { open: !v.ok } }, h('summary', null, t(lang, 'verdict.checks')), steps));
  if (v.warnings.length) {
    box.append(h('h3', null, t(lang, 'verdict.notes')), h('ul', { class: 'warnings' }, ...v.warnings.map((w) => h('li', null, warningText(lang, w)))));
  }
  return box;
}
