// What several screens show the same way: a link to a journal entry (the evidence), and a finding
// with its people, stays, room and evidence entries.

import type { Finding } from '../../../domain/findings/types.ts';
import { label } from '../i18n/translate.ts';
import { personName } from '../model/data.ts';
import { findingText } from '../model/labels.ts';
import type { Ctx } from './context.ts';
import { h, link } from './dom.ts';

export function entryLink(seq: number | null | undefined): HTMLElement | string {
  return seq === null || seq === undefined ? '—' : link(`entry/${seq}`, `#${seq}`, 'entry');
}

export function findingItem(ctx: Ctx, f: Finding, withPeople = true): HTMLElement {
  const { lang, fmt, data } = ctx;
  const people = withPeople
    ? f.personIds.map((id) => {
        const p = data.tables.persons.get(id);
        return link(`person/${encodeURIComponent(id)}`, p ? personName(p) : id);
      })
    : [];
  const room = f.roomId ? (data.tables.rooms.get(f.roomId)?.name ?? f.roomId) : null;
  return h(
    'li',
    { class: `finding sev-${f.severity}` },
    h('span', { class: `badge sev-${f.severity}` }, label(lang, 'severity', f.severity)),
    ' ',
    h('span', { class: 'finding-text' }, findingText(f, lang, fmt)),
    h(
      'div',
      { class: 'finding-meta' },
      h('span', null, f.to ? ctx.t('findings.during', { from: fmt.dateTime(f.from), to: fmt.dateTime(f.to) }) : ctx.t('findings.since', { from: fmt.dateTime(f.from) })),
      people.length ? h('span', null, ` · ${ctx.t('findings.concerns')} `, ...people.flatMap((p, i) => (i ? [', ', p] : [p]))) : null,
      f.placementIds.length ? h('span', null, ` · ${ctx.t('findings.stays')} ${f.placementIds.join(', ')}`) : null,
      room ? h('span', null, ` · ${ctx.t('findings.room')} ${room}`) : null,
      f.evidence.length
        ? h('span', { class: 'evidence' }, ` · ${ctx.t('findings.evidence')} `, ...f.evidence.flatMap((seq, i) => (i ? [', ', entryLink(seq)] : [entryLink(seq)])))
        : null,
    ),
  );
}

