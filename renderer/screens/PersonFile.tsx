// One person's file: identity, status history, placements with orders and deadlines, the rights log
// as a timeline, movements, room history, findings, and corrections (the file is never edited: a
// correction is a new journal entry with its reason).

import { useState } from 'react';
import type { ClaimView, MeasureView, PersonFile as PersonFileData, PlacementView, RightView } from '../../domain/api/outputs.ts';
import { ageAt } from '../../domain/age.ts';
import { useApi, useServerClock } from '../api/hooks.tsx';
import { href, navigate, useRoute } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { usePageTitle } from '../app/title.ts';
import { useI18n } from '../i18n/context.tsx';
import { FindingsTable, LiveDeadline } from '../ui/bits.tsx';
import { Badge, Button, Empty, KeyValues, Link, Loading, LoadError, Panel } from '../ui/kit.tsx';
import { Tabs } from '../ui/Tabs.tsx';
import { AddOrderDialog, CorrectDialog, EndPlacementDialog, MoveDialog, MovementDialog, StatusDialog } from './dialogs.tsx';
import {
  ClaimAsylumDialog,
  ConcernDialog,
  DetentionReviewDialog,
  MeasureActionDialog,
  ReferralDialog,
  ResolveClaimDialog,
  StartMeasureDialog,
  type MeasureAction,
} from './protection-dialogs.tsx';

type DialogKind = null | 'correct' | 'status' | 'end' | 'order' | 'move' | 'exit' | 'return' | 'measure' | 'refer' | 'claim' | 'concern' | 'review';

export function PersonFile({ personId }: { personId: string }) {
  const { t, label, fmt } = useI18n();
  const { can, centre } = useSession();
  const route = useRoute();
  const file = useApi('register.personFile', { personId });
  const serverNow = useServerClock();
  const [dialog, setDialog] = useState<DialogKind>(null);
  const data = file.data;
  const name = data ? `${data.person.familyName}, ${data.person.givenNames}` : personId;
  usePageTitle(name);
  const tab = route.query.get('tab') ?? 'overview';
  const setTab = (id: string) => navigate(`/person/${encodeURIComponent(personId)}?tab=${id}`, { replace: true });

  if (file.error && !data) return <LoadError error={file.error} />;
  if (!data) return <Loading />;
  const p = data.person;
  const open = data.placements.find((pl) => pl.endedAt === null) ?? null;
  const last = data.placements.at(-1) ?? null;
  const currentRoom = open?.assignments.find((a) => a.to === null) ?? null;
  const lastMove = open?.movements.at(-1);
  const isOut = open?.kind === 'voluntary' && lastMove?.direction === 'exit';
  const age = ageAt(
    { birthDate: p.birthDate, claimedAge: p.claimedAge, claimedAgeOn: p.claimedAgeOn, ageAssessment: p.ageAssessment as never },
    new Date(serverNow()).toISOString(),
    centre.timeZone ?? 'UTC',
  );
  const openFindings = data.findings.filter((f) => f.to === null);

  return (
    <>
      <div className="page-head person-head">
        <h1>{name}</h1>
        {p.nameOriginal ? <span className="name-original" lang="">{p.nameOriginal}</span> : null}
        <span className="badges">
          <Badge tone={open ? 'info' : 'neutral'}>{label('presence', open ? 'present' : 'past')}</Badge>
          {open ? <Badge tone={open.kind === 'forced' ? 'danger' : 'ok'}>{label('kind', open.kind)}</Badge> : null}
          {isOut ? <Badge tone="warn">{t('person.isOut')}</Badge> : null}
          <Badge>{label('status', p.status)}</Badge>
          {p.unaccompanied ? <Badge tone="danger">{t('person.unaccompanied')}</Badge> : null}
          {openFindings.length ? <Badge tone="danger">{t('person.openFindings', { count: openFindings.length })}</Badge> : null}
        </span>
        <div className="actions">
          {can('persons.correct') ? <Button onClick={() => setDialog('correct')}>{t('person.correct')}</Button> : null}
          {can('persons.setStatus') ? <Button onClick={() => setDialog('status')}>{t('person.changeStatus')}</Button> : null}
          {can('protection.refer') ? <Button onClick={() => setDialog('refer')}>{t('referral.record')}</Button> : null}
          {!open && can('placements.admit') ? (
            <Link to={`/admit?person=${encodeURIComponent(personId)}`} className="btn btn-primary">
              {t('person.readmit')}
            </Link>
          ) : null}
          <Link to={`/print/rights/${encodeURIComponent(personId)}`} className="btn">
            {t('print.rightsSheet')}
          </Link>
          {last ? (
            <Link to={`/print/admission/${encodeURIComponent(personId)}/${encodeURIComponent(last.placementId)}`} className="btn">
              {t('print.admissionRecord')}
            </Link>
          ) : null}
        </div>
      </div>
      {p.alerts.length ? (
        <div className="notice notice-warn">
          <strong>{t('person.alerts')}:</strong>{' '}
          <span className="alerts">
            {p.alerts.map((a, i) => (
              <Badge key={i} tone="warn">
                {a}
              </Badge>
            ))}
          </span>
        </div>
      ) : null}

      {open ? (
        <Panel
          title={t('person.currentPlacement')}
          id="current"
          actions={
            <span className="btn-row">
              {open.kind === 'forced' && can('placements.addOrder') ? <Button size="small" onClick={() => setDialog('order')}>{t('deadline.newOrder')}</Button> : null}
              {can('rooms.assign') ? <Button size="small" onClick={() => setDialog('move')}>{t('room.move')}</Button> : null}
              {open.kind === 'voluntary' && can('movements.record') ? (
                <Button size="small" onClick={() => setDialog(isOut ? 'return' : 'exit')}>
                  {isOut ? t('movement.recordReturn') : t('movement.recordExit')}
                </Button>
              ) : null}
              {can('measures.start') ? <Button size="small" onClick={() => setDialog('measure')}>{t('measure.start')}</Button> : null}
              {can('protection.claimAsylum') ? <Button size="small" onClick={() => setDialog('claim')}>{t('asylum.record')}</Button> : null}
              {can('medical.raiseConcern') ? <Button size="small" onClick={() => setDialog('concern')}>{t('medical.raise')}</Button> : null}
              {can('medical.reviewDetention') ? <Button size="small" onClick={() => setDialog('review')}>{t('medical.review')}</Button> : null}
              {can('rights.record') ? (
                <Link to={`/rights?person=${encodeURIComponent(personId)}`} className="btn btn-small">
                  {t('rights.record')}
                </Link>
              ) : null}
              {can('placements.end') ? (
                <Button size="small" variant="danger" onClick={() => setDialog('end')}>
                  {t('deadline.release')}
                </Button>
              ) : null}
            </span>
          }
        >
          <KeyValues
            columns={3}
            items={[
              [t('placement.kind'), label('kind', open.kind)],
              [t('placement.admittedAt'), fmt.dateTime(open.admittedAt)],
              [t('room.room'), currentRoom ? currentRoom.roomName : t('room.none')],
              [t('order.basis'), open.orders.length ? label('basis', open.orders.at(-1)!.basis) : '—'],
              [
                t('deadline.deadline'),
                open.deadline ? (
                  <>
                    {fmt.dateTime(open.deadline)} <LiveDeadline deadline={open.deadline} />
                  </>
                ) : (
                  '—'
                ),
              ],
              [t('person.age'), age === null ? '—' : fmt.number(age)],
            ]}
          />
        </Panel>
      ) : null}

      <Tabs
        label={t('person.fileSections')}
        active={tab}
        onChange={setTab}
        tabs={[
          { id: 'overview', label: t('person.tabIdentity'), content: () => <Identity data={data} /> },
          { id: 'placements', label: t('person.tabPlacements', { count: data.placements.length }), content: () => <Placements data={data} /> },
          { id: 'rights', label: t('person.tabRights'), content: () => <RightsTimeline placements={data.placements} /> },
          { id: 'movements', label: t('person.tabMovements'), content: () => <Movements placements={data.placements} /> },
          { id: 'rooms', label: t('person.tabRooms'), content: () => <RoomHistory placements={data.placements} /> },
          {
            id: 'findings',
            label: t('person.tabFindings', { count: data.findings.length }),
            content: () => (data.findings.length ? <FindingsTable findings={data.findings} caption={t('person.tabFindings', { count: data.findings.length })} /> : <Empty>{t('person.noFindings')}</Empty>),
          },
          { id: 'corrections', label: t('person.tabCorrections', { count: data.corrections.length }), content: () => <Corrections data={data} /> },
        ]}
      />

      {dialog === 'correct' ? <CorrectDialog open onClose={() => setDialog(null)} person={p} /> : null}
      {dialog === 'status' ? <StatusDialog open onClose={() => setDialog(null)} person={p} /> : null}
      {dialog === 'refer' ? <ReferralDialog open onClose={() => setDialog(null)} personId={personId} placementId={open?.placementId ?? null} personName={name} /> : null}
      {open && dialog === 'measure' ? <StartMeasureDialog open onClose={() => setDialog(null)} placementId={open.placementId} personName={name} /> : null}
      {open && dialog === 'claim' ? <ClaimAsylumDialog open onClose={() => setDialog(null)} placementId={open.placementId} personName={name} /> : null}
      {open && dialog === 'concern' ? <ConcernDialog open onClose={() => setDialog(null)} placementId={open.placementId} personName={name} /> : null}
      {open && dialog === 'review' ? (
        <DetentionReviewDialog open onClose={() => setDialog(null)} placementId={open.placementId} personName={name} concerns={open.concerns} />
      ) : null}
      {open && dialog === 'end' ? <EndPlacementDialog open onClose={() => setDialog(null)} placementId={open.placementId} personName={name} /> : null}
      {open && dialog === 'order' ? <AddOrderDialog open onClose={() => setDialog(null)} placementId={open.placementId} personName={name} /> : null}
      {open && dialog === 'move' ? (
        <MoveDialog open onClose={() => setDialog(null)} placementId={open.placementId} personName={name} currentRoomId={currentRoom?.roomId ?? null} />
      ) : null}
      {open && (dialog === 'exit' || dialog === 'return') ? (
        <MovementDialog open onClose={() => setDialog(null)} placementId={open.placementId} personName={name} direction={dialog} />
      ) : null}
    </>
  );
}

function Identity({ data }: { data: PersonFileData }) {
  const { t, label, fmt } = useI18n();
  const p = data.person;
  return (
    <div className="grid-2">
      <Panel title={t('person.identity')} headingLevel={3}>
        <KeyValues
          columns={1}
          items={[
            [t('person.familyName'), p.familyName],
            [t('person.givenNames'), p.givenNames],
            [t('person.nameOriginal'), p.nameOriginal],
            [t('person.sex'), label('sex', p.sex)],
            [t('person.birthDate'), fmt.calendarDate(p.birthDate)],
            [t('person.claimedAge'), p.claimedAge === null ? '—' : t('person.claimedAgeOn', { age: p.claimedAge, date: fmt.calendarDate(p.claimedAgeOn) })],
            [t('person.ageAssessment'), label('ageAssessment', p.ageAssessment)],
            [t('person.nationality'), p.stateless ? t('person.stateless') : (p.nationality ?? '—')],
            [t('person.languages'), p.languages.join(', ')],
            [t('person.interpreterNeeded'), p.interpreterNeeded ? t('common.yes') : t('common.no')],
            [t('person.familyGroup'), p.familyGroup],
            [t('person.id'), <code key="id">{p.personId}</code>],
          ]}
        />
      </Panel>
      <div>
        <Panel title={t('person.protection')} headingLevel={3}>
          <KeyValues
            columns={1}
            items={[
              [t('person.status'), label('status', p.status)],
              [t('person.unaccompanied'), p.unaccompanied ? t('common.yes') : t('common.no')],
              [t('person.vulnerabilities'), p.vulnerabilities.map((v) => label('vulnerability', v)).join(', ')],
              [t('person.traffickingIndicators'), p.traffickingIndicators.map((v) => label('trafficking', v)).join(', ')],
            ]}
          />
        </Panel>
        <Panel title={t('person.statusHistory')} headingLevel={3}>
          {data.statusHistory.length === 0 ? (
            <Empty>{t('person.noStatusChanges')}</Empty>
          ) : (
            <table className="grid compact">
              <thead>
                <tr>
                  <th scope="col">{t('common.when')}</th>
                  <th scope="col">{t('person.status')}</th>
                  <th scope="col">{t('common.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {data.statusHistory.map((s) => (
                  <tr key={s.seq}>
                    <td className="nowrap">{fmt.dateTime(s.at)}</td>
                    <td>{label('status', s.status)}</td>
                    <td>{s.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
        {data.referrals.length ? (
          <Panel title={t('person.referrals')} headingLevel={3}>
            <ul>
              {data.referrals.map((r) => (
                <li key={r.referralId}>
                  {fmt.dateTime(r.at)} — {label('referralKind', r.kind)}: {r.to} {r.note ? `(${r.note})` : ''}
                </li>
              ))}
            </ul>
          </Panel>
        ) : null}
      </div>
    </div>
  );
}

function Placements({ data }: { data: PersonFileData }) {
  const { t, label, fmt } = useI18n();
  const { can } = useSession();
  const [measureAction, setMeasureAction] = useState<{ measure: MeasureView; action: MeasureAction } | null>(null);
  const [resolving, setResolving] = useState<ClaimView | null>(null);
  const measureActions = (m: MeasureView): MeasureAction[] =>
    m.endAt !== null
      ? []
      : ([
          ...(m.authorisedBy === null && can('measures.authorise') ? (['authorise'] as const) : []),
          ...(can('measures.review') ? (['review'] as const) : []),
          ...(can('measures.end') ? (['end'] as const) : []),
        ] as MeasureAction[]);
  if (!data.placements.length) return <Empty>{t('person.noPlacements')}</Empty>;
  return (
    <>
      {[...data.placements].reverse().map((pl) => (
        <Panel
          key={pl.placementId}
          headingLevel={3}
          title={`${label('kind', pl.kind)} · ${fmt.dateTime(pl.admittedAt)} – ${pl.endedAt ? fmt.dateTime(pl.endedAt) : t('placement.ongoing')}`}
          actions={
            <a className="btn btn-small" href={href(`/print/admission/${encodeURIComponent(data.person.personId)}/${encodeURIComponent(pl.placementId)}`)}>
              {t('print.admissionRecord')}
            </a>
          }
        >
          <KeyValues
            columns={3}
            items={[
              [t('placement.id'), <code key="id">{pl.placementId}</code>],
              [t('placement.endReason'), pl.endReason ? label('endReason', pl.endReason) : '—'],
              [t('deadline.deadline'), fmt.dateTime(pl.deadline)],
            ]}
          />
          {pl.orders.length ? (
            <table className="grid compact" style={{ marginTop: '0.4rem' }}>
              <caption>{t('placement.orders')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('order.basis')}</th>
                  <th scope="col">{t('order.authority')}</th>
                  <th scope="col">{t('order.reference')}</th>
                  <th scope="col">{t('order.issuedAt')}</th>
                  <th scope="col">{t('order.startsAt')}</th>
                  <th scope="col">{t('order.expiresAt')}</th>
                </tr>
              </thead>
              <tbody>
                {pl.orders.map((o) => (
                  <tr key={o.orderId}>
                    <td>{label('basis', o.basis)}</td>
                    <td>{o.authority}</td>
                    <td>{o.reference}</td>
                    <td className="nowrap">{fmt.dateTime(o.issuedAt)}</td>
                    <td className="nowrap">{fmt.dateTime(o.startsAt)}</td>
                    <td className="nowrap">{fmt.dateTime(o.expiresAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {pl.measures.length ? (
            <table className="grid compact" style={{ marginTop: '0.4rem' }}>
              <caption>{t('placement.measures')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('common.kind')}</th>
                  <th scope="col">{t('placement.measure')}</th>
                  <th scope="col">{t('common.reason')}</th>
                  <th scope="col">{t('common.from')}</th>
                  <th scope="col">{t('common.to')}</th>
                  <th scope="col">
                    <span className="vh">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {pl.measures.map((m) => (
                  <tr key={m.measureId}>
                    <td>{label('measureKind', m.kind)}</td>
                    <td>{m.measure}</td>
                    <td>{m.reason}</td>
                    <td className="nowrap">{fmt.dateTime(m.startAt)}</td>
                    <td className="nowrap">{fmt.dateTime(m.endAt)}</td>
                    <td>
                      <span className="btn-row">
                        {measureActions(m).map((action) => (
                          <Button key={action} size="small" onClick={() => setMeasureAction({ measure: m, action })}>
                            {t(`measure.${action}`)}
                          </Button>
                        ))}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {pl.claims.length ? (
            <p>
              {t('placement.asylumClaims')}:{' '}
              {pl.claims
                .map((c) => `${fmt.dateTime(c.at)} → ${c.resolvedAt ? `${label('claimResolution', c.resolution ?? '')} (${fmt.dateTime(c.resolvedAt)})` : t('placement.claimOpen')}`)
                .join('; ')}{' '}
              {can('protection.resolveClaim')
                ? pl.claims
                    .filter((c) => c.resolvedAt === null)
                    .map((c) => (
                      <Button key={c.claimId} size="small" onClick={() => setResolving(c)}>
                        {t('asylum.resolve')}
                      </Button>
                    ))
                : null}
            </p>
          ) : null}
        </Panel>
      ))}
      {measureAction ? <MeasureActionDialog open onClose={() => setMeasureAction(null)} measure={measureAction.measure} action={measureAction.action} /> : null}
      {resolving ? <ResolveClaimDialog open onClose={() => setResolving(null)} claim={resolving} /> : null}
    </>
  );
}

function allRights(placements: readonly PlacementView[]): RightView[] {
  return placements.flatMap((p) => p.rights).sort((a, b) => (a.at < b.at ? 1 : -1));
}

function RightsTimeline({ placements }: { placements: readonly PlacementView[] }) {
  const { t, label, fmt } = useI18n();
  const rights = allRights(placements);
  if (!rights.length) return <Empty>{t('rights.none')}</Empty>;
  return (
    <ol className="timeline" aria-label={t('person.tabRights')}>
      {rights.map((r) => (
        <li key={r.rightEntryId} className={`t-${r.state}`}>
          <time dateTime={r.at}>{fmt.dateTime(r.at)}</time>
          <strong>{label('right', r.right)}</strong> — {label('rightState', r.state)}
          {r.language ? ` · ${t('rights.languageShort', { lang: r.language })}` : ''}
          {r.version ? ` · ${t('rights.versionShort', { version: r.version })}` : ''}
          {r.interpreter ? ` · ${t('rights.interpreterShort', { mode: label('interpretation', r.interpreter.mode), name: r.interpreter.name || '—' })}` : ''}
          {r.detail ? <div className="muted">{r.detail}</div> : null}
          <div className="muted">{t('common.by', { actor: r.actor })}</div>
        </li>
      ))}
    </ol>
  );
}

function Movements({ placements }: { placements: readonly PlacementView[] }) {
  const { t, label, fmt } = useI18n();
  const moves = placements.flatMap((p) => p.movements).sort((a, b) => (a.at < b.at ? 1 : -1));
  if (!moves.length) return <Empty>{t('movement.none')}</Empty>;
  return (
    <table className="grid compact">
      <thead>
        <tr>
          <th scope="col">{t('common.when')}</th>
          <th scope="col">{t('movement.direction')}</th>
          <th scope="col">{t('movement.purpose')}</th>
        </tr>
      </thead>
      <tbody>
        {moves.map((m) => (
          <tr key={m.seq}>
            <td className="nowrap">{fmt.dateTime(m.at)}</td>
            <td>{label('direction', m.direction)}</td>
            <td>{m.purpose}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RoomHistory({ placements }: { placements: readonly PlacementView[] }) {
  const { t, fmt } = useI18n();
  const rows = placements.flatMap((p) => p.assignments).sort((a, b) => (a.from < b.from ? 1 : -1));
  if (!rows.length) return <Empty>{t('room.noHistory')}</Empty>;
  return (
    <table className="grid compact">
      <thead>
        <tr>
          <th scope="col">{t('room.room')}</th>
          <th scope="col">{t('common.from')}</th>
          <th scope="col">{t('common.to')}</th>
          <th scope="col">{t('common.byWhom')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((a) => (
          <tr key={a.assignmentId}>
            <td>{a.roomName}</td>
            <td className="nowrap">{fmt.dateTime(a.from)}</td>
            <td className="nowrap">{a.to ? fmt.dateTime(a.to) : t('placement.ongoing')}</td>
            <td>{a.actor}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Corrections({ data }: { data: PersonFileData }) {
  const { t, fmt } = useI18n();
  if (!data.corrections.length) return <Empty>{t('correct.none')}</Empty>;
  return (
    <table className="grid compact">
      <thead>
        <tr>
          <th scope="col">{t('correct.entry')}</th>
          <th scope="col">{t('common.when')}</th>
          <th scope="col">{t('common.byWhom')}</th>
          <th scope="col">{t('correct.changes')}</th>
          <th scope="col">{t('common.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {data.corrections.map((c) => {
          const payload = (c.payload ?? {}) as { changes?: Record<string, unknown>; reason?: string };
          return (
            <tr key={c.seq}>
              <td>
                #{c.seq}
                {c.corrects !== null ? ` → #${c.corrects}` : ''}
              </td>
              <td className="nowrap">{fmt.dateTime(c.recordedTime)}</td>
              <td>{c.actor}</td>
              <td>
                {Object.entries(payload.changes ?? {})
                  .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v ?? '—')}`)
                  .join('; ')}
              </td>
              <td>{payload.reason ?? ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
