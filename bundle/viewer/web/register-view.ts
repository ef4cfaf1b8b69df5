// The register: everyone the journal ever registered, searchable by name, register number,
// nationality and status, present or not at export, a page of 100 at a time (80,000 people stay
// fast). A name opens the person's file.

import { STATUSES } from '../../../domain/profile/types.ts';
import { ageAt } from '../../../domain/age.ts';
import type { AgeAssessment } from '../../../domain/age.ts';
import { label } from '../i18n/translate.ts';
import { personName } from '../model/data.ts';
import { RegisterSearch, type Presence } from '../model/search.ts';
import type { Ctx } from './context.ts';
import { fill, h, link } from './dom.ts';

let search: { data: unknown; engine: RegisterSearch } | null = null;

function engine(ctx: Ctx): RegisterSearch {
  if (search?.data !== ctx.data) search = { data: ctx.data, engine: new RegisterSearch(ctx.data) };
  return search.engine;
}

export function renderRegister(ctx: Ctx): HTMLElement {
  const { data, state, lang, fmt } = ctx;
  const q = state.register;
  const s = engine(ctx);
  const section = h('section', { id: 'register', class: 'screen' });
  let present = 0;
  for (const p of data.tables.persons.values()) if (p.present) present++;
  section.append(
    h('h2', null, ctx.t('register.title')),
    h('p', null, ctx.t('register.counts', { persons: data.tables.persons.size, stays: data.tables.placements.size, present, at: fmt.dateTime(data.exportedAt) })),
  );

  const text = h('input', { id: 'search', attrs: { type: 'search', value: q.text, autocomplete: 'off', spellcheck: 'false' } });
  const presence = h(
    'select',
    { id: 'presence' },
    ...(['all', 'present', 'past'] as Presence[]).map((p) => h('option', { attrs: { value: p, selected: q.presence === p } }, ctx.tk(`register.presence.${p}`))),
  );
  const status = h(
    'select',
    { id: 'status-filter' },
    h('option', { attrs: { value: '' } }, ctx.t('common.any')),
    ...STATUSES.map((st) => h('option', { attrs: { value: st, selected: q.status === st } }, label(lang, 'status', st))),
  );
  const nationality = h(
    'select',
    { id: 'nationality-filter' },
    h('option', { attrs: { value: '' } }, ctx.t('common.any')),
    h('option', { attrs: { value: 'stateless', selected: q.nationality === 'stateless' } }, ctx.t('person.stateless')),
    ...s.nationalities().map((n) => h('option', { attrs: { value: n, selected: q.nationality === n } }, n)),
  );
  const form = h(
    'form',
    { class: 'filters', attrs: { role: 'search' }, on: { submit: (e) => e.preventDefault() } },
    h('label', null, ctx.t('register.search'), text),
    h('label', null, ctx.t('register.presence'), presence),
    h('label', null, ctx.t('person.status'), status),
    h('label', null, ctx.t('person.nationality'), nationality),
  );
  const results = h('div', { id: 'register-results', attrs: { 'aria-live': 'polite' } });
  section.append(form, results);

  const draw = () => {
    const page = s.search(q);
    const rows = page.rows.map(({ person: p, stays, lastStay }) => {
      const age = ageAt(
        { birthDate: p.birthDate, claimedAge: p.claimedAge, claimedAgeOn: p.claimedAgeOn, ageAssessment: p.ageAssessment as AgeAssessment },
        data.exportedAt,
        data.timeZone,
      );
      return h(
        'tr',
        null,
        h('td', { class: 'mono' }, p.personId),
        h('td', null, link(`person/${encodeURIComponent(p.personId)}`, personName(p))),
        h('td', { attrs: { dir: 'auto' } }, p.nameOriginal),
        h('td', null, label(lang, 'sex', p.sex)),
        h('td', null, p.birthDate ? fmt.calendarDate(p.birthDate) : age !== null ? ctx.t('register.ageStated', { age }) : '—'),
        h('td', null, p.stateless ? ctx.t('person.stateless') : (p.nationality ?? '—')),
        h('td', null, label(lang, 'status', p.status)),
        h('td', null, p.present ? ctx.t('common.yes') : ctx.t('common.no')),
        h('td', { class: 'num' }, stays),
        h('td', null, lastStay ? fmt.dateTime(lastStay.admittedAt) : '—'),
      );
    });
    const pager = h(
      'nav',
      { class: 'pager', attrs: { 'aria-label': ctx.t('register.pages') } },
      h('button', { attrs: { type: 'button', disabled: page.page === 0 }, on: { click: () => ((q.page = page.page - 1), draw()) } }, ctx.t('register.previous')),
      h('span', null, ctx.t('register.page', { page: page.page + 1, pages: page.pages })),
      h('button', { attrs: { type: 'button', disabled: page.page >= page.pages - 1 }, on: { click: () => ((q.page = page.page + 1), draw()) } }, ctx.t('register.next')),
    );
    fill(
      results,
      h('p', { id: 'shown' }, ctx.t('register.matches', { count: page.total })),
      page.total
        ? h(
            'table',
            { class: 'register' },
            h('caption', { class: 'visually-hidden' }, ctx.t('register.title')),
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                ...(['person.id', 'person.name', 'person.nameOriginal', 'person.sex', 'register.born', 'person.nationality', 'person.status', 'register.present', 'register.stays', 'register.lastAdmitted'] as const).map((k) =>
                  h('th', { attrs: { scope: 'col' } }, ctx.t(k)),
                ),
              ),
            ),
            h('tbody', null, ...rows),
          )
        : h('p', { class: 'empty' }, ctx.t('register.noMatch')),
      page.pages > 1 ? pager : null,
    );
  };
  const changed = () => {
    q.text = text.value;
    q.presence = presence.value as Presence;
    q.status = status.value;
    q.nationality = nationality.value;
    q.page = 0;
    draw();
  };
  text.addEventListener('input', changed);
  for (const sel of [presence, status, nationality]) sel.addEventListener('change', changed);
  draw();
  return section;
}
