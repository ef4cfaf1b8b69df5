// Every present forced placement, by time left: overdue first. Urgency is shown by colour AND words,
// and the two things to do about a deadline — release, or record a new order — are one click away.

import { useState } from 'react';
import type { DeadlineRow } from '../../domain/api/outputs.ts';
import { useApi } from '../api/hooks.tsx';
import { useSession } from '../app/session.tsx';
import { usePageTitle } from '../app/title.ts';
import { useI18n } from '../i18n/context.tsx';
import { Countdown, PersonLink, UrgencyBadge } from '../ui/bits.tsx';
import { Badge, Button, Empty, Loading, LoadError } from '../ui/kit.tsx';
import { AddOrderDialog, EndPlacementDialog } from './dialogs.tsx';

const ROW_CLASS: Record<DeadlineRow['urgency'], string | undefined> = {
  overdue: 'row-overdue',
  within_24h: 'row-soon',
  within_72h: undefined,
  later: undefined,
};

export function Deadlines() {
  const { t, label, fmt } = useI18n();
  usePageTitle(t('nav.deadlines'));
  const { can } = useSession();
  const deadlines = useApi('register.deadlines', {}, { refreshMs: 30_000 });
  const [action, setAction] = useState<{ kind: 'release' | 'order'; row: DeadlineRow } | null>(null);
  const rows = deadlines.data ?? [];
  const count = (u: DeadlineRow['urgency']) => rows.filter((r) => r.urgency === u).length;
  const mayAct = can('placements.end') || can('placements.addOrder');

  return (
    <>
      <div className="page-head">
        <h1>{t('nav.deadlines')}</h1>
        <span className="badges">
          {(['overdue', 'within_24h', 'within_72h', 'later'] as const).map((u) => (
            <span key={u}>
              <UrgencyBadge urgency={u} /> {fmt.number(count(u))}
            </span>
          ))}
        </span>
      </div>
      {deadlines.error ? <LoadError error={deadlines.error} /> : null}
      {!deadlines.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Empty>{t('deadlines.none')}</Empty>
      ) : (
        <table className="grid">
          <caption className="vh">{t('deadlines.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('deadline.urgency')}</th>
              <th scope="col">{t('deadline.timeLeft')}</th>
              <th scope="col">{t('deadline.deadline')}</th>
              <th scope="col">{t('person.name')}</th>
              <th scope="col">{t('order.basis')}</th>
              <th scope="col">{t('room.room')}</th>
              {mayAct ? <th scope="col">{t('common.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => {
              const name = `${d.familyName}, ${d.givenNames}`;
              return (
                <tr key={d.placementId} className={ROW_CLASS[d.urgency]}>
                  <td>
                    <UrgencyBadge urgency={d.urgency} />
                  </td>
                  <td>
                    <Countdown msLeft={d.msLeft} receivedAt={deadlines.receivedAt} />
                  </td>
                  <td className="nowrap">{fmt.dateTime(d.deadline)}</td>
                  <th scope="row" style={{ fontWeight: 'normal' }}>
                    <PersonLink personId={d.personId} familyName={d.familyName} givenNames={d.givenNames} />
                  </th>
                  <td>{d.basis === 'none' ? <Badge tone="critical">{label('basis', 'none')}</Badge> : label('basis', d.basis)}</td>
                  <td>{d.roomName ?? '—'}</td>
                  {mayAct ? (
                    <td className="btn-row">
                      {can('placements.end') ? (
                        <Button size="small" variant="danger" onClick={() => setAction({ kind: 'release', row: d })} aria-label={t('deadlines.releaseWho', { name })}>
                          {t('deadline.release')}
                        </Button>
                      ) : null}
                      {can('placements.addOrder') ? (
                        <Button size="small" onClick={() => setAction({ kind: 'order', row: d })} aria-label={t('deadlines.orderWho', { name })}>
                          {t('deadline.newOrder')}
                        </Button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {action?.kind === 'release' ? (
        <EndPlacementDialog open onClose={() => setAction(null)} placementId={action.row.placementId} personName={`${action.row.familyName}, ${action.row.givenNames}`} />
      ) : null}
      {action?.kind === 'order' ? (
        <AddOrderDialog open onClose={() => setAction(null)} placementId={action.row.placementId} personName={`${action.row.familyName}, ${action.row.givenNames}`} />
      ) : null}
    </>
  );
}
