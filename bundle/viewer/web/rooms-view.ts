// Rooms and separation at any date and time (in the centre's zone): who was in which room, the room's
// categories then, beds and m² per person, and who was in a room whose categories exclude them.

import { label } from '../i18n/translate.ts';
import { fromLocalInput, toLocalInput } from '../model/format.ts';
import { reasonText } from '../model/labels.ts';
import { roomVersions, currentRoomsAsVersions, type RoomVersion } from '../model/room-versions.ts';
import { roomsAt, type RoomAt } from '../model/rooms-at.ts';
import type { Ctx } from './context.ts';
import { h, link } from './dom.ts';

let versions: { data: unknown; map: Map<string, RoomVersion[]> } | null = null;

function versionsOf(ctx: Ctx): Map<string, RoomVersion[]> {
  if (versions?.data !== ctx.data) {
    versions = { data: ctx.data, map: ctx.data.journal ? roomVersions(ctx.data.journal) : currentRoomsAsVersions(ctx.data.tables.rooms.values()) };
  }
  return versions.map;
}

function categories(ctx: Ctx, r: RoomVersion): string {
  if (r.family) return `${ctx.t('room.family')}, ${label(ctx.lang, 'regime', r.regime)}`;
  return [label(ctx.lang, 'sex', r.sex), label(ctx.lang, 'ageGroup', r.ageGroup), label(ctx.lang, 'regime', r.regime)].join(', ');
}

function renderRoom(ctx: Ctx, r: RoomAt): HTMLElement {
  const { lang, fmt } = ctx;
  const flags: string[] = [];
  if (r.conflicts.length) flags.push(ctx.t('room.mixing'));
  if (r.overCapacity) flags.push(ctx.t('room.overCapacity'));
  if (r.crowded) flags.push(ctx.t('room.crowded', { min: ctx.data.profile.minFloorAreaPerPersonM2 }));
  if (r.room.retired) flags.push(ctx.t('room.retired'));
  const conflictOf = new Map(r.conflicts.map((c) => [c.personId, c]));
  return h(
    'section',
    { class: `room${flags.length ? ' problem' : ''}`, attrs: { 'data-room': r.room.name } },
    h('h3', null, r.room.name, flags.length ? h('span', { class: 'flags' }, ` — ${flags.join(', ')}`) : null),
    h(
      'p',
      null,
      `${ctx.t('room.for')}: ${categories(ctx, r.room)} · `,
      ctx.t('room.beds', { used: r.occupants.length, capacity: r.room.capacity }),
      ' · ',
      r.m2PerPerson === null ? ctx.t('room.area', { area: fmt.number(r.room.floorAreaM2, 1) }) : ctx.t('room.m2PerPerson', { m2: fmt.number(r.m2PerPerson, 1), area: fmt.number(r.room.floorAreaM2, 1) }),
    ),
    r.occupants.length
      ? h(
          'table',
          null,
          h('caption', { class: 'visually-hidden' }, ctx.t('room.occupants', { room: r.room.name })),
          h('thead', null, h('tr', null, ...[ctx.t('person.name'), ctx.t('person.sex'), ctx.t('room.ageGroup'), ctx.t('room.regime'), ctx.t('room.since'), ctx.t('room.separation')].map((x) => h('th', { attrs: { scope: 'col' } }, x)))),
          h(
            'tbody',
            null,
            ...r.occupants.map((o) => {
              const c = conflictOf.get(o.personId);
              return h(
                'tr',
                { class: c ? 'bad' : '' },
                h('td', null, link(`person/${encodeURIComponent(o.personId)}`, o.name)),
                h('td', null, label(lang, 'sex', o.sex)),
                h('td', null, label(lang, 'ageGroup', o.ageGroup)),
                h('td', null, label(lang, 'regime', o.regime)),
                h('td', null, fmt.dateTime(o.since)),
                h('td', null, c ? c.reasons.map((x) => reasonText(x, lang, fmt, { roomName: r.room.name })).join('; ') : '—'),
              );
            }),
          ),
        )
      : h('p', { class: 'empty' }, ctx.t('room.empty')),
  );
}

export function renderRooms(ctx: Ctx): HTMLElement {
  const { data, state, fmt } = ctx;
  const at = state.roomsAt ?? data.exportedAt;
  const view = roomsAt(ctx.data, versionsOf(ctx), at);
  const section = h('section', { id: 'rooms', class: 'screen' });
  const input = h('input', { id: 'rooms-at', attrs: { type: 'datetime-local', value: toLocalInput(at, data.timeZone), step: 60 } });
  const problemsOnly = h('input', { id: 'rooms-problems', attrs: { type: 'checkbox', checked: state.roomsProblemsOnly } });
  const error = h('p', { class: 'error', attrs: { role: 'alert' } });
  const show = () => {
    const instant = fromLocalInput(input.value, data.timeZone);
    if (!instant) {
      error.textContent = ctx.t('rooms.badTime');
      return;
    }
    state.roomsAt = instant;
    ctx.refresh();
  };
  section.append(
    h('h2', null, ctx.t('rooms.title')),
    h(
      'form',
      { class: 'filters', on: { submit: (e) => (e.preventDefault(), show()) } },
      h('label', null, ctx.t('rooms.at', { zone: data.timeZone }), input),
      h('button', { attrs: { type: 'submit' } }, ctx.t('rooms.show')),
      h('button', { attrs: { type: 'button' }, on: { click: () => ((state.roomsAt = null), ctx.refresh()) } }, ctx.t('rooms.atExport')),
      h('label', { class: 'inline' }, problemsOnly, ctx.t('rooms.onlyProblems')),
    ),
    error,
  );
  problemsOnly.addEventListener('change', () => ((state.roomsProblemsOnly = problemsOnly.checked), ctx.refresh()));
  const mixing = view.rooms.filter((r) => r.conflicts.length).length;
  section.append(
    h('p', { id: 'rooms-summary', class: 'lead' }, ctx.t('rooms.asOf', { at: fmt.dateTime(at), zone: data.timeZone }), ' ', ctx.t('rooms.mixingCount', { count: mixing })),
  );
  if (view.unassigned.length) {
    section.append(
      h(
        'p',
        { class: 'warning' },
        `${ctx.t('rooms.unassigned', { count: view.unassigned.length })}: `,
        ...view.unassigned.slice(0, 30).flatMap((u, i) => [i ? ', ' : '', link(`person/${encodeURIComponent(u.personId)}`, u.name)]),
        view.unassigned.length > 30 ? ' …' : '',
      ),
    );
  }
  const rooms = state.roomsProblemsOnly ? view.rooms.filter((r) => r.conflicts.length || r.overCapacity || r.crowded) : view.rooms;
  if (!rooms.length) section.append(h('p', { class: 'empty' }, ctx.t('rooms.none')));
  for (const r of rooms) section.append(renderRoom(ctx, r));
  return section;
}
