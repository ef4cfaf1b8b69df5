// Small pieces that know the register's vocabulary: person links, urgency and severity badges, the
// live countdown to a deadline, finding lists.

import { useEffect, useState } from 'react';
import type { DeadlineRow } from '../../domain/api/outputs.ts';
import type { Finding, Severity } from '../../domain/findings/types.ts';
import type { Reason } from '../../domain/reasons.ts';
import { useI18n } from '../i18n/context.tsx';
import { href } from '../app/router.tsx';
import { useServerClock, useServerNow } from '../api/hooks.tsx';
import { Badge, type Tone } from './kit.tsx';

export function PersonLink({ personId, familyName, givenNames }: { personId: string; familyName?: string; givenNames?: string }) {
  const name = familyName || givenNames ? `${familyName ?? ''}, ${givenNames ?? ''}` : personId;
  return <a href={href(`/person/${encodeURIComponent(personId)}`)}>{name}</a>;
}

export const URGENCY_TONE: Record<DeadlineRow['urgency'], Tone> = {
  overdue: 'critical',
  within_24h: 'danger',
  within_72h: 'warn',
  later: 'ok',
};

export function urgencyOf(msLeft: number): DeadlineRow['urgency'] {
  const h = 3_600_000;
  return msLeft <= 0 ? 'overdue' : msLeft <= 24 * h ? 'within_24h' : msLeft <= 72 * h ? 'within_72h' : 'later';
}

export function UrgencyBadge({ urgency }: { urgency: DeadlineRow['urgency'] }) {
  const { label } = useI18n();
  return <Badge tone={URGENCY_TONE[urgency]}>{label('urgency', urgency)}</Badge>;
}

export const SEVERITY_TONE: Record<Severity, Tone> = { critical: 'critical', high: 'danger', medium: 'warn', low: 'info' };
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { label } = useI18n();
  return <Badge tone={SEVERITY_TONE[severity]}>{label('severity', severity)}</Badge>;
}

/** Milliseconds left, counted down live from what the server said at `receivedAt`. */
export function useCountdown(msLeftAtFetch: number, receivedAt: number, everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return msLeftAtFetch - (now - receivedAt);
}

/** "in 3 h 12 min" or "overdue by 2 h 5 min". Text, not colour alone. */
export function LeftText({ left }: { left: number }) {
  const { t, fmt } = useI18n();
  return (
    <span className={`nowrap urgency-${urgencyOf(left)}`}>
      {left <= 0 ? t('deadline.overdueBy', { duration: fmt.duration(-left) }) : t('deadline.leftIn', { duration: fmt.duration(left) })}
    </span>
  );
}

/** The time left as the server said it at `receivedAt`, ticking. */
export function Countdown({ msLeft, receivedAt }: { msLeft: number; receivedAt: number }) {
  const left = useCountdown(msLeft, receivedAt, 1000);
  return <LeftText left={left} />;
}

export function ReasonList({ reasons, id }: { reasons: readonly Reason[]; id?: string }) {
  const { reason } = useI18n();
  if (!reasons.length) return null;
  return (
    <ul className="field-reasons" id={id}>
      {reasons.map((r, i) => (
        <li key={i}>
          <span aria-hidden="true">⚠ </span>
          {reason(r)}
        </li>
      ))}
    </ul>
  );
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || (a.from < b.from ? -1 : 1));
}

/** Findings as a table: severity, what, since, whom (linked). */
export function FindingsTable({
  findings,
  names,
  caption,
  limit,
}: {
  findings: readonly Finding[];
  names?: ReadonlyMap<string, { familyName: string; givenNames: string }>;
  caption?: string;
  limit?: number;
}) {
  const { t, finding, fmt } = useI18n();
  const sorted = sortFindings(findings);
  const shown = limit ? sorted.slice(0, limit) : sorted;
  return (
    <>
      <table className="grid compact">
        {caption ? <caption className="vh">{caption}</caption> : null}
        <thead>
          <tr>
            <th scope="col">{t('findings.severity')}</th>
            <th scope="col">{t('findings.what')}</th>
            <th scope="col">{t('findings.since')}</th>
            <th scope="col">{t('findings.who')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((f, i) => (
            <tr key={`${f.code}-${i}`}>
              <td>
                <SeverityBadge severity={f.severity} />
              </td>
              <td>{finding(f)}</td>
              <td className="nowrap">
                {fmt.dateTime(f.from)}
                {f.to ? ` – ${fmt.dateTime(f.to)}` : ''}
              </td>
              <td>
                {f.personIds.map((p, j) => {
                  const n = names?.get(p);
                  return (
                    <span key={p}>
                      {j > 0 ? ', ' : ''}
                      <PersonLink personId={p} familyName={n?.familyName} givenNames={n?.givenNames} />
                    </span>
                  );
                })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {limit && sorted.length > limit ? <p className="muted">{t('findings.more', { count: sorted.length - limit })}</p> : null}
    </>
  );
}

/** Time left to a deadline against the server's clock, ticking, with its urgency in words. */
export function LiveDeadline({ deadline }: { deadline: string }) {
  useServerClock();
  const now = useServerNow(1000);
  const left = Date.parse(deadline) - now;
  return (
    <>
      <LeftText left={left} /> <UrgencyBadge urgency={urgencyOf(left)} />
    </>
  );
}
