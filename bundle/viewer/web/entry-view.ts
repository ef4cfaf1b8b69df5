// One journal entry, as evidence: its fields and payload exactly as the verified journal holds them
// (the payload laid out for reading, as text), and its hash.

import { label } from '../i18n/translate.ts';
import type { Ctx } from './context.ts';
import { facts, h, link } from './dom.ts';

export function renderEntry(ctx: Ctx, seq: number): HTMLElement {
  const { data, fmt, lang } = ctx;
  const section = h('section', { id: 'entry', class: 'screen' });
  section.append(h('p', { class: 'no-print' }, h('a', { attrs: { href: '#' }, on: { click: (e) => (e.preventDefault(), history.back()) } }, ctx.t('entry.back'))));
  const journal = data.journal;
  if (!journal || !(seq >= journal.firstSeq && seq <= journal.lastSeq)) {
    section.append(h('h2', null, ctx.t('entry.notFound', { seq })));
    return section;
  }
  const e = journal.bySeq(seq);
  let payload = e.payload;
  try {
    payload = JSON.stringify(JSON.parse(e.payload), null, 2);
  } catch {
    // Shown as it is.
  }
  const corrected = e.corrects !== null ? link(`entry/${e.corrects}`, `#${e.corrects}`) : null;
  section.append(
    h('h2', null, ctx.t('entry.title', { seq })),
    facts([
      [ctx.t('entry.type'), `${label(lang, 'event', e.type)} (${e.type})`],
      [ctx.t('entry.eventTime'), `${fmt.dateTime(e.eventTime)} (${e.eventTime})`],
      [ctx.t('entry.recordedTime'), `${fmt.dateTime(e.recordedTime)} (${e.recordedTime})`],
      [ctx.t('entry.actor'), data.actorName(e.actor)],
      [ctx.t('entry.corrects'), corrected],
      [ctx.t('entry.prevHash'), h('span', { class: 'mono' }, e.prevHash)],
      [ctx.t('entry.hash'), h('span', { class: 'mono' }, e.hash)],
    ]),
    h('h3', null, ctx.t('entry.payload')),
    h('pre', { class: 'payload' }, payload),
    h(
      'p',
      { class: 'no-print' },
      seq > journal.firstSeq ? link(`entry/${seq - 1}`, ctx.t('entry.previous')) : null,
      ' ',
      seq < journal.lastSeq ? link(`entry/${seq + 1}`, ctx.t('entry.next')) : null,
    ),
  );
  return section;
}
