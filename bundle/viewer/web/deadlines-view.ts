// Deadlines at export: forced placements present then, by time left (overdue first).

import { label } from '../i18n/translate.ts';
import { deadlinesAt } from '../model/deadlines.ts';
import type { Ctx } from './context.ts';
import { entryLink } from './evidence.ts';
import { h, link } from './dom.ts';

export function renderDeadlines(ctx: Ctx): HTMLElement {
  const { data, fmt, lang } = ctx;
  const rows = deadlinesAt(data);
  const section = h('section', { id: 'deadlines', class: 'screen' });
  section.append(h('h2', null, ctx.t('deadlines.title')), h('p', null, ctx.t('deadlines.asOf', { at: fmt.dateTime(data.exportedAt), zone: data.timeZone })));
  if (!rows.length) {
    section.append(h('p', { class: 'empty' }, ctx.t('deadlines.none')));
    return section;
  }
  const overdue = rows.filter((r) => r.urgency === 'overdue').length;
  if (overdue) section.append(h('p', { class: 'warning' }, ctx.t('deadlines.overdueCount', { count: overdue })));
  section.append(
    h(
      'table',
      null,
      h('caption', null, ctx.t('deadlines.caption')),
      h(
        'thead',
        null,
        h('tr', null, ...[ctx.t('person.name'), ctx.t('order.basis'), ctx.t('placement.deadline'), ctx.t('deadlines.timeLeft'), ctx.t('deadlines.urgency'), ctx.t('room.room'), ctx.t('placement.admitted')].map((x) => h('th', { attrs: { scope: 'col' } }, x))),
      ),
      h(
        'tbody',
        null,
        ...rows.map((r) =>
          h(
            'tr',
            { class: `urgency-${r.urgency}` },
            h('td', null, link(`person/${encodeURIComponent(r.personId)}`, r.name)),
            h('td', null, label(lang, 'basis', r.basis)),
            h('td', null, fmt.dateTime(r.deadline)),
            h('td', null, r.msLeft <= 0 ? ctx.t('deadlines.overdueBy', { duration: fmt.duration(r.msLeft) }) : ctx.t('deadlines.leftIn', { duration: fmt.duration(r.msLeft) })),
            h('td', null, label(lang, 'urgency', r.urgency)),
            h('td', null, r.roomName ?? '—'),
            h('td', null, fmt.dateTime(r.admittedAt), ' ', entryLink(data.tables.placements.get(r.placementId)?.seq)),
          ),
        ),
      ),
    ),
  );
  return section;
}
