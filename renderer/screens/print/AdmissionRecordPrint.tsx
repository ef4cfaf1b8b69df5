// The admission record (UN Mandela Rule 7) of one placement, for print / PDF: identity, the order and
// its deadline, reasons and authority, apprehension, injuries and allegations, property, family,
// emergency contact, screening and why alternatives to detention were not used, room, rights.

import type { ReactNode } from 'react';
import type { InputOf } from '../../../domain/api/contract.ts';
import { useApi, useServerClock } from '../../api/hooks.tsx';
import { href } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { useI18n } from '../../i18n/context.tsx';
import { Button, Loading, LoadError } from '../../ui/kit.tsx';

type AdmissionRecord = Partial<InputOf<'placements.admit'>['admission']>;

export function AdmissionRecordPrint({ personId, placementId }: { personId: string; placementId: string }) {
  const { t, label, fmt } = useI18n();
  const { centre } = useSession();
  const now = useServerClock();
  usePageTitle(t('print.admissionRecord'));
  const file = useApi('register.personFile', { personId });
  if (file.error) return <LoadError error={file.error} />;
  if (!file.data) return <Loading />;
  const p = file.data.person;
  const pl = file.data.placements.find((x) => x.placementId === placementId);
  if (!pl) return <p>{t('print.noPlacement')}</p>;
  const a = (pl.admission ?? {}) as AdmissionRecord;
  const firstRoom = pl.assignments[0];
  const rights = pl.rights.filter((r) => Date.parse(r.at) - Date.parse(pl.admittedAt) <= 24 * 3_600_000);
  const row = (k: string, v: ReactNode) => (
    <tr>
      <th scope="row" style={{ width: '35%' }}>
        {k}
      </th>
      <td>{v === '' || v === null || v === undefined ? '—' : v}</td>
    </tr>
  );
  return (
    <>
      <div className="print-toolbar">
        <Button variant="primary" onClick={() => window.print()}>
          {t('print.print')}
        </Button>
        <a href={href(`/person/${encodeURIComponent(personId)}`)}>{t('print.backToFile')}</a>
      </div>
      <article className="print-page">
        <h1>{t('print.admissionRecord')}</h1>
        <p>
          {centre.name} · {t('placement.id')} <code>{pl.placementId}</code> · {t('print.printedAt', { at: fmt.dateTime(new Date(now()).toISOString()) })}
        </p>
        <h2>{t('person.identity')}</h2>
        <table>
          <tbody>
            {row(t('person.name'), `${p.familyName}, ${p.givenNames}`)}
            {row(t('person.nameOriginal'), p.nameOriginal)}
            {row(t('person.sex'), label('sex', p.sex))}
            {row(t('person.birthDate'), p.birthDate ? fmt.calendarDate(p.birthDate) : p.claimedAge !== null ? t('person.claimedAgeOn', { age: p.claimedAge, date: fmt.calendarDate(p.claimedAgeOn) }) : '')}
            {row(t('person.nationality'), p.stateless ? t('person.stateless') : p.nationality)}
            {row(t('person.languages'), p.languages.join(', '))}
            {row(t('person.interpreterNeeded'), p.interpreterNeeded ? t('common.yes') : t('common.no'))}
            {row(t('person.status'), label('status', p.status))}
          </tbody>
        </table>
        <h2>{t('placement.title')}</h2>
        <table>
          <tbody>
            {row(t('placement.kind'), label('kind', pl.kind))}
            {row(t('placement.admittedAt'), fmt.dateTime(pl.admittedAt))}
            {row(t('admission.reasons'), a.reasons)}
            {row(t('admission.authority'), a.authority)}
            {row(t('admission.apprehensionPlace'), a.apprehension?.place)}
            {row(t('admission.apprehensionAt'), a.apprehension?.at ? fmt.dateTime(a.apprehension.at) : '')}
            {row(t('deadline.deadline'), fmt.dateTime(pl.deadline))}
            {row(t('room.room'), firstRoom ? `${firstRoom.roomName} (${fmt.dateTime(firstRoom.from)})` : t('room.none'))}
            {row(t('admission.ownClothing'), a.ownClothingOrCivilian === false ? t('common.no') : t('common.yes'))}
          </tbody>
        </table>
        {pl.orders.length ? (
          <>
            <h2>{t('placement.orders')}</h2>
            <table>
              <thead>
                <tr>
                  <th>{t('order.basis')}</th>
                  <th>{t('order.authority')}</th>
                  <th>{t('order.reference')}</th>
                  <th>{t('order.issuedAt')}</th>
                  <th>{t('order.expiresAt')}</th>
                </tr>
              </thead>
              <tbody>
                {pl.orders.map((o) => (
                  <tr key={o.orderId}>
                    <td>{label('basis', o.basis)}</td>
                    <td>{o.authority}</td>
                    <td>{o.reference}</td>
                    <td>{fmt.dateTime(o.issuedAt)}</td>
                    <td>{fmt.dateTime(o.expiresAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
        <h2>{t('admission.health')}</h2>
        <table>
          <tbody>
            {row(t('admission.injuries'), a.visibleInjuries)}
            {row(t('admission.illTreatment'), a.illTreatmentAllegation)}
          </tbody>
        </table>
        <h2>{t('admission.screeningTitle')}</h2>
        <table>
          <tbody>
            {row(t('person.vulnerabilities'), (a.screening?.vulnerabilitiesFound ?? []).map((v) => label('vulnerability', v)).join(', '))}
            {row(t('person.traffickingIndicators'), (a.screening?.traffickingIndicators ?? []).map((v) => label('trafficking', v)).join(', '))}
            {row(t('admission.asylumIntent'), a.screening?.asylumIntent ? t('common.yes') : t('common.no'))}
            {row(t('admission.screeningNotes'), a.screening?.notes)}
            {row(t('admission.alternatives'), a.alternativesNotUsedBecause)}
          </tbody>
        </table>
        <h2>{t('admission.property')}</h2>
        {a.property?.length ? (
          <table>
            <thead>
              <tr>
                <th>{t('admission.item')}</th>
                <th>{t('admission.quantity')}</th>
                <th>{t('common.note')}</th>
              </tr>
            </thead>
            <tbody>
              {a.property.map((x, i) => (
                <tr key={i}>
                  <td>{x.item}</td>
                  <td>{x.quantity ?? 1}</td>
                  <td>{x.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>—</p>
        )}
        <h2>{t('admission.family')}</h2>
        {a.familyMembers?.length ? (
          <table>
            <thead>
              <tr>
                <th>{t('person.name')}</th>
                <th>{t('admission.relation')}</th>
                <th>{t('person.age')}</th>
                <th>{t('admission.whereabouts')}</th>
              </tr>
            </thead>
            <tbody>
              {a.familyMembers.map((f, i) => (
                <tr key={i}>
                  <td>{f.name}</td>
                  <td>{f.relation}</td>
                  <td>{f.age ?? '—'}</td>
                  <td>{f.whereabouts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>—</p>
        )}
        <h2>{t('admission.emergencyContact')}</h2>
        <p>{a.emergencyContact ? `${a.emergencyContact.name}${a.emergencyContact.relation ? ` (${a.emergencyContact.relation})` : ''}${a.emergencyContact.phone ? `, ${a.emergencyContact.phone}` : ''}` : '—'}</p>
        <h2>{t('admission.rightsChecklist')}</h2>
        {rights.length ? (
          <table>
            <thead>
              <tr>
                <th>{t('rights.right')}</th>
                <th>{t('rights.state')}</th>
                <th>{t('common.when')}</th>
                <th>{t('rights.languageAndInterpreter')}</th>
              </tr>
            </thead>
            <tbody>
              {rights.map((r) => (
                <tr key={r.rightEntryId}>
                  <td>{label('right', r.right)}</td>
                  <td>{label('rightState', r.state)}</td>
                  <td>{fmt.dateTime(r.at)}</td>
                  <td>{[r.language, r.interpreter ? label('interpretation', r.interpreter.mode) : ''].filter(Boolean).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>—</p>
        )}
        <div className="signatures">
          <div>{t('print.signOfficer')}</div>
          <div>{t('print.signPerson')}</div>
          <div>{t('print.signInterpreter')}</div>
          <div>{t('common.date')}</div>
        </div>
      </article>
    </>
  );
}
