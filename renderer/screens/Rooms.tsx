// The rooms board, now or at any past instant: each room with its categories, beds used / capacity,
// m² per person, its occupants, and any mixing of categories highlighted with the rule broken.
// Staff on the floor move people from here (rooms.assign); a refused move says why.

import { useMemo, useState } from 'react';
import type { RoomBoardRow } from '../../domain/api/outputs.ts';
import { profileById } from '../../domain/profile/az-default.ts';
import { useApi } from '../api/hooks.tsx';
import { useSession } from '../app/session.tsx';
import { usePageTitle } from '../app/title.ts';
import { useI18n } from '../i18n/context.tsx';
import { fromLocalInput } from '../i18n/format.ts';
import { PersonLink, ReasonList } from '../ui/bits.tsx';
import { Checkbox, TextInput } from '../ui/fields.tsx';
import { Badge, Button, Empty, Loading, LoadError, Notice } from '../ui/kit.tsx';
import { MoveDialog } from './dialogs.tsx';

export function Rooms() {
  const { t, label, fmt } = useI18n();
  usePageTitle(t('nav.rooms'));
  const { centre, can } = useSession();
  const tz = centre.timeZone ?? 'UTC';
  const profile = profileById(centre.profileId ?? '');
  const [atText, setAtText] = useState('');
  const [onlyProblems, setOnlyProblems] = useState(false);
  const at = atText ? fromLocalInput(atText, tz) : null;
  const board = useApi('register.roomBoard', at ? { at } : {}, { refreshMs: at ? undefined : 60_000 });
  const population = useApi('register.population', at ? { at } : {});
  const [moving, setMoving] = useState<{ placementId: string; name: string; roomId: string | null } | null>(null);
  const live = !at;

  const unassigned = useMemo(() => (population.data?.rows ?? []).filter((r) => !r.roomId), [population.data]);
  const minArea = profile?.minFloorAreaPerPersonM2 ?? 4;
  const rooms = (board.data?.rooms ?? []).filter(
    (r) => !onlyProblems || r.conflicts.length > 0 || r.occupants.length > r.capacity || (r.m2PerPerson !== null && r.m2PerPerson < minArea),
  );
  const mixing = (board.data?.rooms ?? []).filter((r) => r.conflicts.length).length;

  return (
    <>
      <div className="page-head">
        <h1>{t('nav.rooms')}</h1>
        {board.data ? <span className="muted">{t('rooms.asOf', { at: fmt.dateTime(board.data.at) })}</span> : null}
      </div>
      <div className="panel">
        <div className="panel-body row">
          <TextInput label={t('rooms.at')} type="datetime-local" value={atText} onChange={setAtText} hint={t('rooms.atHint')} style={{ maxWidth: '14rem' }} />
          {atText ? (
            <div className="field field-check" style={{ flex: '0 0 auto' }}>
              <Button onClick={() => setAtText('')}>{t('rooms.backToNow')}</Button>
            </div>
          ) : null}
          <div className="field field-check">
            <Checkbox label={t('rooms.onlyProblems')} checked={onlyProblems} onChange={setOnlyProblems} />
          </div>
        </div>
      </div>
      {mixing ? (
        <Notice tone="danger">
          <strong>{t('rooms.mixingCount', { count: mixing })}</strong>
        </Notice>
      ) : null}
      {board.error ? <LoadError error={board.error} /> : null}
      {!board.data ? (
        <Loading />
      ) : rooms.length === 0 ? (
        <Empty>{t('rooms.none')}</Empty>
      ) : (
        <div className="rooms">
          {rooms.map((r) => (
            <RoomCard
              key={r.roomId}
              room={r}
              minArea={minArea}
              onMove={live && can('rooms.assign') ? (o) => setMoving({ placementId: o.placementId, name: `${o.familyName}, ${o.givenNames}`, roomId: r.roomId }) : undefined}
            />
          ))}
        </div>
      )}
      {unassigned.length ? (
        <section className="panel" style={{ marginTop: '0.8rem' }} aria-labelledby="unassigned-h">
          <header className="panel-head">
            <h2 id="unassigned-h">{t('rooms.unassigned', { count: unassigned.length })}</h2>
          </header>
          <div className="panel-body">
            <table className="grid compact">
              <thead>
                <tr>
                  <th scope="col">{t('person.name')}</th>
                  <th scope="col">{t('person.sex')}</th>
                  <th scope="col">{t('person.ageGroup')}</th>
                  <th scope="col">{t('placement.regime')}</th>
                  <th scope="col">
                    <span className="vh">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {unassigned.map((u) => (
                  <tr key={u.placementId}>
                    <td>
                      <PersonLink personId={u.personId} familyName={u.familyName} givenNames={u.givenNames} />
                    </td>
                    <td>{label('sex', u.sex)}</td>
                    <td>{label('ageGroup', u.ageGroup)}</td>
                    <td>{label('regime', u.regime)}</td>
                    <td>
                      {live && can('rooms.assign') ? (
                        <Button size="small" onClick={() => setMoving({ placementId: u.placementId, name: `${u.familyName}, ${u.givenNames}`, roomId: null })}>
                          {t('rooms.assign')}
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {moving ? <MoveDialog open onClose={() => setMoving(null)} placementId={moving.placementId} personName={moving.name} currentRoomId={moving.roomId} /> : null}
    </>
  );
}

function RoomCard({ room: r, minArea, onMove }: { room: RoomBoardRow; minArea: number; onMove?: ((o: RoomBoardRow['occupants'][number]) => void) | undefined }) {
  const { t, label, fmt } = useI18n();
  const ratio = r.occupants.length / r.capacity;
  const crowded = r.m2PerPerson !== null && r.m2PerPerson < minArea;
  const conflictOf = (personId: string) => r.conflicts.find((c) => c.personId === personId);
  return (
    <section className={`room${r.conflicts.length ? ' room-conflict' : ''}`} aria-labelledby={`room-${r.roomId}`}>
      <div className="room-head">
        <h2 id={`room-${r.roomId}`}>{r.name}</h2>
        <span className="badges">
          {r.family ? <Badge tone="info">{t('room.family')}</Badge> : (
            <>
              <Badge>{label('sex', r.sex)}</Badge>
              <Badge>{label('ageGroup', r.ageGroup)}</Badge>
            </>
          )}
          <Badge tone={r.regime === 'forced' ? 'danger' : r.regime === 'asylum' ? 'ok' : 'info'}>{label('regime', r.regime)}</Badge>
          {r.retired ? <Badge>{t('room.retired')}</Badge> : null}
        </span>
      </div>
      <div className="room-meta">
        {t('room.bedsOf', { used: r.occupants.length, capacity: r.capacity })} · {fmt.number(r.floorAreaM2)} m²
        {r.m2PerPerson !== null ? ` · ${t('room.m2Line', { m2: fmt.number(r.m2PerPerson) })}` : ''}
      </div>
      <div className={`meter${ratio > 1 ? ' over' : ratio === 1 ? ' full' : ''}`} aria-hidden="true">
        <span style={{ width: `${Math.min(100, ratio * 100)}%` }} />
      </div>
      <p className="badges">
        {r.conflicts.length ? <Badge tone="danger">{t('room.mixing')}</Badge> : null}
        {ratio > 1 ? <Badge tone="danger">{t('room.overCapacity')}</Badge> : ratio === 1 ? <Badge tone="warn">{t('room.full')}</Badge> : null}
        {crowded ? <Badge tone="danger">{t('room.crowded', { min: minArea })}</Badge> : null}
      </p>
      {r.occupants.length ? (
        <ul className="occupants">
          {r.occupants.map((o) => {
            const c = conflictOf(o.personId);
            return (
              <li key={o.placementId}>
                <span className="who">
                  <PersonLink personId={o.personId} familyName={o.familyName} givenNames={o.givenNames} />{' '}
                  {r.family || c ? (
                    <span className={c ? 'urgency-overdue' : 'muted'}>
                      {label('sex', o.sex)}, {label('ageGroup', o.ageGroup)}, {label('regime', o.regime)}
                    </span>
                  ) : null}
                </span>
                {onMove ? (
                  <Button size="small" onClick={() => onMove(o)} aria-label={t('room.moveWho', { name: `${o.familyName}, ${o.givenNames}` })}>
                    {t('room.move')}
                  </Button>
                ) : (
                  <span />
                )}
                {c ? <ReasonList reasons={c.reasons.map((x) => ({ ...x, params: { roomName: r.name, ...x.params } }))} /> : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">{t('room.empty')}</p>
      )}
    </section>
  );
}
