// Follow-up of interviewees: the inspector's own list of register numbers (a file from their device,
// or pasted), and what happened to those people since the last visit. The list stays in this page's
// memory only: it is not saved, not sent, not put in any file, and "Forget the list" drops it.

import { label } from '../i18n/translate.ts';
import { personName } from '../model/data.ts';
import { followUp, parseIdList, type FollowUpEvent } from '../model/follow-up.ts';
import { fromLocalInput, toLocalInput } from '../model/format.ts';
import type { Ctx } from './context.ts';
import { entryLink } from './evidence.ts';
import { h, link } from './dom.ts';

function eventDetail(ctx: Ctx, e: FollowUpEvent): string {
  const { lang, fmt } = ctx;
  switch (e.kind) {
    case 'disciplinary':
    case 'isolation': {
      const m = e.measure!;
      const end = m.endAt ? ctx.t('followUp.until', { at: fmt.dateTime(m.endAt) }) : ctx.t('followUp.notEnded');
      const by = m.authorisedBy ? ctx.t('followUp.authorisedBy', { by: m.authorisedBy }) : ctx.t('measure.notAuthorised');
      return `${m.measure} — ${m.reason}; ${end}; ${by}`;
    }
    case 'transfer': {
      const p = e.placement!;
      return `${label(lang, 'endReason', p.endReason)} (${ctx.t('followUp.stay', { id: p.placementId })})`;
    }
    case 'room_move':
      return ctx.t('followUp.moved', { from: e.fromRoom!, to: e.toRoom! });
    case 'complaint': {
      const r = e.right!;
      return `${label(lang, 'rightState', r.state)}${r.detail ? ` — ${r.detail}` : ''}`;
    }
  }
}

export function renderFollowUp(ctx: Ctx): HTMLElement {
  const { data, state, fmt } = ctx;
  const section = h('section', { id: 'follow-up', class: 'screen' });
  section.append(h('h2', null, ctx.t('followUp.title')), h('p', { class: 'privacy' }, ctx.t('followUp.privacy')));

  const since = state.followSince ?? state.checkpoint?.exportedAt ?? null;
  const sinceInput = h('input', { id: 'follow-since', attrs: { type: 'datetime-local', step: 60, value: since ? toLocalInput(since, data.timeZone) : '' } });
  const file = h('input', { id: 'follow-file', attrs: { type: 'file', accept: '.txt,.csv,text/plain' } });
  const paste = h('textarea', { id: 'follow-paste', attrs: { rows: 3, spellcheck: 'false', autocomplete: 'off' } });
  const error = h('p', { class: 'error', attrs: { role: 'alert' } });
  const take = (text: string) => {
    const parsed = parseIdList(text);
    state.interviewees = parsed.ids;
    state.intervieweesRejected = parsed.rejected;
  };
  const show = async () => {
    error.textContent = '';
    const at = fromLocalInput(sinceInput.value, data.timeZone);
    if (!at) {
      error.textContent = ctx.t('followUp.needSince');
      return;
    }
    state.followSince = at;
    const f = file.files?.[0];
    if (f) take(await f.text());
    else if (paste.value.trim()) take(paste.value);
    if (!state.interviewees.length) {
      error.textContent = ctx.t('followUp.needIds');
      return;
    }
    // The inputs are emptied: the list lives on in memory only, for this page.
    file.value = '';
    paste.value = '';
    ctx.refresh();
  };
  section.append(
    h(
      'form',
      { class: 'stacked no-print', on: { submit: (e) => (e.preventDefault(), void show()) } },
      h('label', null, state.checkpoint ? ctx.t('followUp.sinceCheckpoint') : ctx.t('followUp.since', { zone: data.timeZone }), sinceInput),
      h('label', null, ctx.t('followUp.file'), file),
      h('label', null, ctx.t('followUp.paste'), paste),
      h(
        'p',
        null,
        h('button', { attrs: { type: 'submit' } }, ctx.t('followUp.show')),
        ' ',
        h(
          'button',
          {
            attrs: { type: 'button' },
            on: {
              click: () => {
                state.interviewees = [];
                state.intervieweesRejected = [];
                ctx.refresh();
              },
            },
          },
          ctx.t('followUp.forget'),
        ),
      ),
    ),
    error,
  );
  if (!state.interviewees.length || !since) return section;

  const result = followUp(data, state.interviewees, state.followSince ?? since);
  section.append(h('p', { id: 'follow-summary', class: 'lead' }, ctx.t('followUp.summary', { count: result.people.length, since: fmt.dateTime(result.since), zone: data.timeZone })));
  if (result.unknown.length) section.append(h('p', { class: 'warning' }, ctx.t('followUp.unknown', { count: result.unknown.length }), ' ', result.unknown.join(', ')));
  if (state.intervieweesRejected.length) section.append(h('p', { class: 'warning' }, ctx.t('followUp.rejected'), ' ', state.intervieweesRejected.join(', ')));
  for (const p of result.people) {
    section.append(
      h(
        'section',
        { class: 'follow-person', attrs: { 'data-person': p.personId } },
        h('h3', null, link(`person/${encodeURIComponent(p.personId)}`, p.person ? personName(p.person) : p.personId), ' ', h('span', { class: 'muted' }, `(${p.personId}) — ${p.person?.present ? ctx.t('followUp.present') : ctx.t('followUp.notPresent')}`)),
        p.events.length
          ? h(
              'table',
              null,
              h('thead', null, h('tr', null, ...[ctx.t('common.when'), ctx.t('followUp.what'), ctx.t('followUp.detail'), ctx.t('common.entry')].map((x) => h('th', { attrs: { scope: 'col' } }, x)))),
              h('tbody', null, ...p.events.map((e) => h('tr', { class: `follow-${e.kind}` }, h('td', null, fmt.dateTime(e.at)), h('td', null, ctx.tk(`followUp.kind.${e.kind}`)), h('td', null, eventDetail(ctx, e)), h('td', null, entryLink(e.seq))))),
            )
          : h('p', { class: 'empty' }, ctx.t('followUp.nothing')),
      ),
    );
  }
  return section;
}
