// Visits of monitoring bodies and their recommendations, with response deadlines, the centre's
// responses, and what was overdue at export.

import { label } from '../i18n/translate.ts';
import { visitsView } from '../model/visits.ts';
import type { Ctx } from './context.ts';
import { entryLink } from './evidence.ts';
import { facts, h } from './dom.ts';

export function renderVisits(ctx: Ctx): HTMLElement {
  const { data, fmt, lang } = ctx;
  const visits = visitsView(data);
  const section = h('section', { id: 'visits', class: 'screen' });
  section.append(h('h2', null, ctx.t('visits.title')));
  const overdue = visits.reduce((n, v) => n + v.recommendations.filter((r) => r.state === 'overdue').length, 0);
  section.append(h('p', { class: overdue ? 'warning' : '' }, ctx.t('visits.overdueCount', { count: overdue, at: fmt.dateTime(data.exportedAt) })));
  if (!visits.length) section.append(h('p', { class: 'empty' }, ctx.t('visits.none')));
  for (const v of visits) {
    section.append(
      h(
        'section',
        { class: 'visit' },
        h('h3', null, `${label(lang, 'body', v.visit.body)} — ${fmt.dateTime(v.visit.startedAt)}`),
        facts([
          [ctx.t('visits.started'), [fmt.dateTime(v.visit.startedAt), ' ', entryLink(v.visit.seq)]],
          [ctx.t('visits.ended'), v.visit.endedAt ? fmt.dateTime(v.visit.endedAt) : null],
          [ctx.t('visits.inspectors'), v.inspectors.join(', ') || null],
          [ctx.t('common.note'), v.visit.note || null],
        ]),
        v.recommendations.length
          ? h(
              'table',
              null,
              h('caption', null, ctx.t('visits.recommendations')),
              h('thead', null, h('tr', null, ...[ctx.t('visits.recommendation'), ctx.t('visits.due'), ctx.t('visits.state'), ctx.t('visits.responses'), ctx.t('common.entry')].map((x) => h('th', { attrs: { scope: 'col' } }, x)))),
              h(
                'tbody',
                null,
                ...v.recommendations.map((r) =>
                  h(
                    'tr',
                    { class: `rec-${r.state}` },
                    h('td', null, r.recommendation.text),
                    h('td', null, fmt.dateTime(r.recommendation.responseDue)),
                    h('td', null, h('span', { class: `badge rec-${r.state}` }, ctx.tk(`visits.state.${r.state}`))),
                    h('td', null, r.responses.length ? r.responses.map((x) => `${fmt.dateTime(x.at)}: ${x.text}`).join(' · ') : '—'),
                    h('td', null, entryLink(r.recommendation.seq)),
                  ),
                ),
              ),
            )
          : h('p', { class: 'empty' }, ctx.t('visits.noRecommendations')),
      ),
    );
  }
  return section;
}
