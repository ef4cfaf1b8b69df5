// The register: search and filter every person ever held (name, nationality, status, basis, room,
// present / past), in a virtualised list that fetches pages as it scrolls, so 100,000 people scroll
// smoothly. Arrow keys move between rows; each row's name opens the person's file.

import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { InputOf } from '../../domain/api/contract.ts';
import type { SearchRow } from '../../domain/api/outputs.ts';
import { STATUSES } from '../../domain/profile/types.ts';
import { profileById } from '../../domain/profile/az-default.ts';
import { ApiFailure } from '../api/client.ts';
import { useApi, useClient, useDataVersion } from '../api/hooks.tsx';
import { useI18n } from '../i18n/context.tsx';
import { href } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { usePageTitle } from '../app/title.ts';
import { RadioGroup, Select, TextInput } from '../ui/fields.tsx';
import { Badge, Link, LoadError } from '../ui/kit.tsx';

const PAGE = 200;
const ROW_HEIGHT = 29;

type Filters = InputOf<'register.search'>;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

export function Register() {
  const { t, label, fmt } = useI18n();
  usePageTitle(t('nav.register'));
  const { centre, can } = useSession();
  const client = useClient();
  const version = useDataVersion();
  const profile = profileById(centre.profileId ?? '');
  const rooms = useApi('register.roomBoard', {});

  const [name, setName] = useState('');
  const [nationality, setNationality] = useState('');
  const [status, setStatus] = useState('');
  const [basis, setBasis] = useState('');
  const [roomId, setRoomId] = useState('');
  const [presence, setPresence] = useState<Presence>('present');
  const debouncedName = useDebounced(name.trim(), 250);
  const debouncedNat = useDebounced(nationality.trim().toUpperCase(), 250);

  const filters: Filters = {
    presence,
    ...(debouncedName ? { name: debouncedName } : {}),
    ...(/^[A-Z]{3}$/.test(debouncedNat) ? { nationality: debouncedNat } : {}),
    ...(status ? { status: status as Filters['status'] } : {}),
    ...(basis ? { basis } : {}),
    ...(roomId ? { roomId } : {}),
  };
  const filterKey = JSON.stringify(filters);

  const [rows, setRows] = useState<SearchRow[]>([]);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const generation = useRef(0);
  const inflight = useRef(false);

  // Pages continue after the last row shown (keyset), so the thousandth page costs what the first does.
  const fetchPage = useCallback(
    (last: SearchRow | undefined, gen: number) => {
      inflight.current = true;
      setLoading(true);
      const after = last ? { familyName: last.familyName, givenNames: last.givenNames, personId: last.personId } : undefined;
      client
        .call('register.search', { ...(JSON.parse(filterKey) as Filters), limit: PAGE, ...(after ? { after } : {}) })
        .then((page) => {
          if (gen !== generation.current) return;
          setRows((prev) => (last === undefined ? page.rows : [...prev, ...page.rows]));
          setMore(page.more);
          setError(null);
        })
        .catch((e: unknown) => {
          if (gen === generation.current) setError(e instanceof ApiFailure ? e : new ApiFailure('internal', [{ code: 'api.internal' }], String(e)));
        })
        .finally(() => {
          if (gen === generation.current) {
            inflight.current = false;
            setLoading(false);
          }
        });
    },
    [client, filterKey],
  );

  useEffect(() => {
    const gen = ++generation.current;
    setRows([]);
    setMore(false);
    fetchPage(undefined, gen);
  }, [fetchPage, version]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length + (more ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (more && !inflight.current && lastIndex >= rows.length - 30) fetchPage(rows.at(-1), generation.current);
  }, [lastIndex, more, rows.length, fetchPage]);

  const focusRow = (index: number) => {
    const i = Math.max(0, Math.min(rows.length - 1, index));
    virtualizer.scrollToIndex(i, { align: 'auto' });
    const tryFocus = (attempt: number) => {
      const el = scrollRef.current?.querySelector<HTMLAnchorElement>(`[data-index="${i}"] a`);
      if (el) el.focus({ preventScroll: true });
      else if (attempt < 5) requestAnimationFrame(() => tryFocus(attempt + 1));
    };
    requestAnimationFrame(() => tryFocus(0));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!row) return;
    const i = Number(row.dataset.index);
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 15, PageUp: -15 }[e.key];
    if (step !== undefined) {
      e.preventDefault();
      focusRow(i + step);
    } else if (e.key === 'Home' && e.ctrlKey) {
      e.preventDefault();
      focusRow(0);
    } else if (e.key === 'End' && e.ctrlKey) {
      e.preventDefault();
      focusRow(rows.length - 1);
    }
  };

  const bases = profile?.bases ?? [];
  const columns = [
    t('person.name'),
    t('person.nameOriginal'),
    t('person.sex'),
    t('person.birthDate'),
    t('person.nationality'),
    t('person.status'),
    t('register.presence'),
    t('register.lastAdmitted'),
  ];

  return (
    <>
      <div className="page-head">
        <h1>{t('nav.register')}</h1>
        <div className="actions">{can('placements.admit') ? <Link to="/admit" className="btn btn-primary">{t('register.admitNew')}</Link> : null}</div>
      </div>
      <FilterForm
        name={name}
        setName={setName}
        nationality={nationality}
        setNationality={setNationality}
        status={status}
        setStatus={setStatus}
        basis={basis}
        setBasis={setBasis}
        roomId={roomId}
        setRoomId={setRoomId}
        presence={presence}
        setPresence={setPresence}
        bases={bases}
        rooms={rooms.data?.rooms}
      />
      {error ? <LoadError error={error} /> : null}
      <p className="muted" role="status" aria-live="polite">
        {loading && rows.length === 0
          ? t('common.loading')
          : more
            ? t('register.shownMore', { count: rows.length })
            : t('register.shown', { count: rows.length })}
      </p>
      <div className="vgrid" role="table" aria-label={t('nav.register')} aria-rowcount={more ? -1 : rows.length + 1}>
        <div role="rowgroup">
          <div className="vgrid-head" role="row" aria-rowindex={1}>
            {columns.map((c) => (
              <span role="columnheader" key={c}>
                {c}
              </span>
            ))}
          </div>
        </div>
        <div className="vgrid-scroll" ref={scrollRef} onKeyDown={onKeyDown} role="rowgroup">
          <div className="vgrid-inner" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => (
              // Keyed by slot, not by row: a row scrolled out hands its DOM to the row scrolled in
              // (new text in the same nodes), rather than one being torn down and another built.
              <RegisterRow key={item.index % items.length} index={item.index} start={item.start} size={item.size} row={rows[item.index]} />
            ))}
          </div>
        </div>
      </div>
    </>
  );
}

type Presence = 'present' | 'past' | 'all';

/**
 * The filters; memoised, so that scrolling (which re-renders the register on every frame) does not
 * re-render the form and its long room list.
 */
const FilterForm = memo(function FilterForm({
  name,
  setName,
  nationality,
  setNationality,
  status,
  setStatus,
  basis,
  setBasis,
  roomId,
  setRoomId,
  presence,
  setPresence,
  bases,
  rooms,
}: {
  name: string;
  setName(v: string): void;
  nationality: string;
  setNationality(v: string): void;
  status: string;
  setStatus(v: string): void;
  basis: string;
  setBasis(v: string): void;
  roomId: string;
  setRoomId(v: string): void;
  presence: Presence;
  setPresence(v: Presence): void;
  bases: readonly { id: string }[];
  rooms: readonly { roomId: string; name: string }[] | undefined;
}) {
  const { t, label } = useI18n();
  return (
        <form className="panel" role="search" aria-label={t('register.filters')} onSubmit={(e) => e.preventDefault()}>
          <div className="panel-body">
            <div className="row">
              <TextInput label={t('register.searchName')} type="search" value={name} onChange={setName} hint={t('register.searchNameHint')} autoComplete="off" />
              <TextInput
                label={t('person.nationality')}
                value={nationality}
                onChange={(v) => setNationality(v.toUpperCase())}
                maxLength={3}
                hint={t('person.nationalityHint')}
                autoComplete="off"
                style={{ maxWidth: '7rem' }}
              />
              <Select label={t('person.status')} value={status} onChange={setStatus} placeholder={t('common.any')} options={STATUSES.map((s) => ({ value: s, label: label('status', s) }))} />
              <Select label={t('order.basis')} value={basis} onChange={setBasis} placeholder={t('common.any')} options={bases.map((b) => ({ value: b.id, label: label('basis', b.id) }))} />
              <Select
                label={t('room.room')}
                value={roomId}
                onChange={setRoomId}
                placeholder={t('common.any')}
                options={(rooms ?? []).map((r) => ({ value: r.roomId, label: r.name }))}
              />
            </div>
            <RadioGroup
              legend={t('register.presence')}
              name="presence"
              value={presence}
              onChange={(v) => setPresence(v as Presence)}
              options={(['present', 'past', 'all'] as const).map((p) => ({ value: p, label: label('presence', p) }))}
            />
          </div>
        </form>
  );
});

/** One row of the register; memoised, so scrolling re-renders only the rows that come into view. */
const RegisterRow = memo(function RegisterRow({ index, start, size, row: r }: { index: number; start: number; size: number; row: SearchRow | undefined }) {
  const { t, label, fmt } = useI18n();
  return (
    <div className="vgrid-row" role="row" aria-rowindex={index + 2} data-index={index} style={{ top: 0, transform: `translateY(${start}px)`, height: size }}>
      {r ? (
        <>
          <span role="cell">
            <a href={href(`/person/${encodeURIComponent(r.personId)}`)}>
              {r.familyName}, {r.givenNames}
            </a>
          </span>
          <span role="cell">{r.nameOriginal}</span>
          <span role="cell">{label('sex', r.sex)}</span>
          <span role="cell">{fmt.calendarDate(r.birthDate)}</span>
          <span role="cell">{r.nationality ?? '—'}</span>
          <span role="cell">{label('status', r.status)}</span>
          <span role="cell">{r.present ? <Badge tone="info">{label('presence', 'present')}</Badge> : label('presence', 'past')}</span>
          <span role="cell">{fmt.date(r.lastAdmittedAt)}</span>
        </>
      ) : (
        <span role="cell" className="muted">
          {t('common.loading')}
        </span>
      )}
    </div>
  );
});
