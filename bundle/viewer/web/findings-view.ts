// Findings, as the bundle carries them: at export (what breaks the rules then) or the full history
// audit, by code and severity, each with the people, stays and room concerned and the journal
// entries that show it. Long groups show 50 at a time.

import { FINDING_CODES, type Finding } from '../../../domain/findings/types.ts';
import { label } from '../i18n/translate.ts';
import { countBySeverity, groupFindings, SEVERITIES } from '../model/findings.ts';
import type { Ctx } from './context.ts';
import { h } from './dom.ts';
import { findingItem } from './evidence.ts';

const STEP = 50;

export function renderFindings(ctx: Ctx): HTMLElement {
  const { data, state, lang, fmt } = ctx;
  const f = state.findings;
  const result = f.mode === 'current' ? data.findings.current : data.findings.history;
  const all = result.findings as Finding[];
  const section = h('section', { id: 'findings', class: 'screen' });
  const counts = countBySeverity(all);
  section.append(
    h('h2', null, ctx.t('findings.title')),
    h('p', null, f.mode === 'current' ? ctx.t('findings.atExport', { at: fmt.dateTime(result.at) }) : ctx.t('findings.historyUpTo', { at: fmt.dateTime(result.at) })),
    h('p', { class: 'counts' }, ...SEVERITIES.map((s) => h('span', { class: `badge sev-${s}` }, `${label(lang, 'severity', s)}: ${fmt.number(counts[s])}`))),
  );
  const mode = h(
    'select',
    { id: 'findings-mode' },
    h('option', { attrs: { value: 'current', selected: f.mode === 'current' } }, ctx.t('findings.modeCurrent')),
    h('option', { attrs: { value: 'history', selected: f.mode === 'history' } }, ctx.t('findings.modeHistory')),
  );
  const severity = h(
    'select',
    { id: 'findings-severity' },
    h('option', { attrs: { value: '' } }, ctx.t('common.any')),
    ...SEVERITIES.map((s) => h('option', { attrs: { value: s, selected: f.filter.severity === s } }, label(lang, 'severity', s))),
  );
  const codes = [...new Set([...FINDING_CODES, ...all.map((x) => x.code)])];
  const code = h(
    'select',
    { id: 'findings-code' },
    h('option', { attrs: { value: '' } }, ctx.t('common.any')),
    ...codes.map((c) => h('option', { attrs: { value: c, selected: f.filter.code === c } }, label(lang, 'finding', c))),
  );
  const apply = () => {
    f.mode = mode.value === 'history' ? 'history' : 'current';
    f.filter = { ...f.filter, severity: severity.value, code: code.value };
    f.shown = {};
    ctx.refresh();
  };
  for (const s of [mode, severity, code]) s.addEventListener('change', apply);
  section.append(
    h(
      'form',
      { class: 'filters', on: { submit: (e) => e.preventDefault() } },
      h('label', null, ctx.t('findings.mode'), mode),
      h('label', null, ctx.t('findings.severity'), severity),
      h('label', null, ctx.t('findings.code'), code),
    ),
  );
  const groups = groupFindings(all, f.filter);
  if (!groups.length) section.append(h('p', { class: 'empty' }, ctx.t('findings.none')));
  for (const g of groups) {
    const shown = f.shown[g.code] ?? STEP;
    const list = h('ul', { class: 'findings' }, ...g.findings.slice(0, shown).map((x) => findingItem(ctx, x)));
    const group = h(
      'section',
      { class: 'finding-group', attrs: { 'data-code': g.code } },
      h('h3', null, h('span', { class: `badge sev-${g.severity}` }, label(lang, 'severity', g.severity)), ' ', label(lang, 'finding', g.code), h('span', { class: 'muted' }, ` (${fmt.number(g.findings.length)})`)),
      list,
    );
    if (g.findings.length > shown) {
      group.append(
        h(
          'button',
          { attrs: { type: 'button' }, class: 'no-print', on: { click: () => ((f.shown[g.code] = shown + STEP * 4), ctx.refresh()) } },
          ctx.t('findings.showMore', { count: g.findings.length - shown }),
        ),
      );
    }
    section.append(group);
  }
  return section;
}
