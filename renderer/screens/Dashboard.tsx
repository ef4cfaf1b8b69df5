// The dashboard: who is here now (by sex, age group, regime, status), deadlines in the next 24 h and
// overdue (counting down), open findings by severity, capacity per room, and two charts.

import { useMemo } from 'react';
import type { Regime } from '../../domain/profile/types.ts';
import type { Severity } from '../../domain/findings/types.ts';
import { useApi } from '../api/hooks.tsx';
import { useI18n } from '../i18n/context.tsx';
import { BarChart, CountBars, type BarGroup } from '../charts/BarChart.tsx';
import { LineChart } from '../charts/LineChart.tsx';
import { Countdown, FindingsTable, PersonLink, SEVERITIES, SEVERITY_TONE } from '../ui/bits.tsx';
import { Badge, Empty, Link, Loading, LoadError, Panel, Stat } from '../ui/kit.tsx';
import { usePageTitle } from '../app/title.ts';

const REGIME_STYLE: Record<Regime, { color: string; dash?: string }> = {
  forced: { color: '#a3161b' },
  voluntary: { color: '#1f4fa3', dash: '6 3' },
  asylum: { color: '#1d6b35', dash: '2 3' },
};

const BASIS_STYLE: { color: string; pattern: BarGroup['pattern'] }[] = [
  { color: '#a3161b', pattern: 'solid' },
  { color: '#1f4fa3', pattern: 'hatch' },
  { color: '#8a5300', pattern: 'dots' },
  { color: '#1d6b35', pattern: 'cross' },
  { color: '#5b2a86', pattern: 'solid' },
];

export function Dashboard() {
  const { t, label, fmt } = useI18n();
  usePageTitle(t('nav.dashboard'));
  const population = useApi('register.population', {}, { refreshMs: 60_000 });
  const deadlines = useApi('register.deadlines', {}, { refreshMs: 60_000 });
  const findings = useApi('findings.current', {}, { refreshMs: 120_000 });
  const rooms = useApi('register.roomBoard', {}, { refreshMs: 120_000 });
  const receivedAt = deadlines.receivedAt;

  const names = useMemo(() => {
    const m = new Map<string, { familyName: string; givenNames: string }>();
    for (const r of population.data?.rows ?? []) m.set(r.personId, r);
    return m;
  }, [population.data]);

  const urgent = (deadlines.data ?? []).filter((d) => d.urgency === 'overdue' || d.urgency === 'within_24h');
  const overdue = urgent.filter((d) => d.urgency === 'overdue').length;
  const counts = population.data?.counts;
  const group = (g: 'sex' | 'ageGroup' | 'regime' | 'status', m: Record<string, number> | undefined) =>
    Object.entries(m ?? {})
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => ({ key: k, label: label(g, k), value: v }));

  const bedsUsed = (rooms.data?.rooms ?? []).reduce((n, r) => n + r.occupants.length, 0);
  const beds = (rooms.data?.rooms ?? []).filter((r) => !r.retired).reduce((n, r) => n + r.capacity, 0);

  return (
    <>
      <div className="page-head">
        <h1>{t('nav.dashboard')}</h1>
        {population.data ? <span className="muted">{t('dashboard.asOf', { at: fmt.dateTime(population.data.at) })}</span> : null}
      </div>
      <div className="stats" style={{ marginBottom: '0.8rem' }}>
        <Stat label={t('dashboard.present')} value={population.data ? fmt.number(population.data.total) : '…'} />
        <Stat label={t('dashboard.beds')} value={rooms.data ? `${fmt.number(bedsUsed)} / ${fmt.number(beds)}` : '…'} />
        <Stat label={t('dashboard.overdue')} value={deadlines.data ? fmt.number(overdue) : '…'} tone={overdue ? 'critical' : undefined} />
        <Stat label={t('dashboard.due24h')} value={deadlines.data ? fmt.number(urgent.length - overdue) : '…'} tone={urgent.length - overdue ? 'warn' : undefined} />
        {SEVERITIES.map((s: Severity) => (
          <Stat
            key={s}
            label={t('dashboard.findingsOf', { severity: label('severity', s) })}
            value={findings.data ? fmt.number(findings.data.bySeverity[s] ?? 0) : '…'}
            tone={(findings.data?.bySeverity[s] ?? 0) > 0 && (s === 'critical' || s === 'high') ? 'danger' : undefined}
          />
        ))}
      </div>

      <div className="grid-2">
        <Panel title={t('dashboard.deadlinesTitle')} id="dash-deadlines" actions={<Link to="/deadlines">{t('dashboard.allDeadlines')}</Link>}>
          {deadlines.error ? <LoadError error={deadlines.error} /> : null}
          {!deadlines.data ? (
            <Loading />
          ) : urgent.length === 0 ? (
            <Empty>{t('dashboard.noUrgentDeadlines')}</Empty>
          ) : (
            <div className="scroll-box">
            <table className="grid compact">
              <caption className="vh">{t('dashboard.deadlinesTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('person.name')}</th>
                  <th scope="col">{t('order.basis')}</th>
                  <th scope="col">{t('deadline.deadline')}</th>
                  <th scope="col">{t('deadline.timeLeft')}</th>
                </tr>
              </thead>
              <tbody>
                {urgent.map((d) => (
                  <tr key={d.placementId} className={d.urgency === 'overdue' ? 'row-overdue' : 'row-soon'}>
                    <td>
                      <PersonLink personId={d.personId} familyName={d.familyName} givenNames={d.givenNames} />
                    </td>
                    <td>{label('basis', d.basis)}</td>
                    <td className="nowrap">{fmt.dateTime(d.deadline)}</td>
                    <td>
                      <Countdown msLeft={d.msLeft} receivedAt={receivedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
          )}
        </Panel>

        <Panel title={t('dashboard.findingsTitle')} id="dash-findings">
          {findings.error ? <LoadError error={findings.error} /> : null}
          {!findings.data ? (
            <Loading />
          ) : findings.data.findings.length === 0 ? (
            <Empty>{t('dashboard.noFindings')}</Empty>
          ) : (
            <>
              <p className="badges" style={{ marginBottom: '0.4rem' }}>
                {SEVERITIES.map((s) => (
                  <Badge key={s} tone={SEVERITY_TONE[s]}>
                    {label('severity', s)}: {fmt.number(findings.data!.bySeverity[s] ?? 0)}
                  </Badge>
                ))}
              </p>
              <div className="scroll-box">
                <FindingsTable findings={findings.data.findings} names={names} caption={t('dashboard.findingsTitle')} limit={40} />
              </div>
            </>
          )}
        </Panel>
      </div>

      <Panel title={t('dashboard.populationTitle')} id="dash-population">
        {population.error ? <LoadError error={population.error} /> : null}
        {!counts ? (
          <Loading />
        ) : (
          <div className="grid-4">
            <div>
              <h3>{t('person.sex')}</h3>
              <CountBars label={t('person.sex')} items={group('sex', counts.bySex)} />
            </div>
            <div>
              <h3>{t('person.ageGroup')}</h3>
              <CountBars label={t('person.ageGroup')} items={group('ageGroup', counts.byAgeGroup)} />
            </div>
            <div>
              <h3>{t('placement.regime')}</h3>
              <CountBars label={t('placement.regime')} items={group('regime', counts.byRegime)} />
            </div>
            <div>
              <h3>{t('person.status')}</h3>
              <CountBars label={t('person.status')} items={group('status', counts.byStatus)} />
            </div>
          </div>
        )}
      </Panel>

      <div className="grid-2">
        <PopulationChart />
        <StayLengthChart />
      </div>

      <Panel title={t('dashboard.capacityTitle')} id="dash-capacity" actions={<Link to="/rooms">{t('dashboard.roomsBoard')}</Link>}>
        {rooms.error ? <LoadError error={rooms.error} /> : null}
        {!rooms.data ? (
          <Loading />
        ) : (
          <table className="grid compact">
            <caption className="vh">{t('dashboard.capacityTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('room.name')}</th>
                <th scope="col">{t('room.categories')}</th>
                <th scope="col" className="num">
                  {t('room.bedsUsed')}
                </th>
                <th scope="col" style={{ width: '30%' }}>
                  {t('room.occupancy')}
                </th>
                <th scope="col" className="num">
                  {t('room.m2PerPerson')}
                </th>
                <th scope="col">{t('room.state')}</th>
              </tr>
            </thead>
            <tbody>
              {rooms.data.rooms
                .filter((r) => !r.retired)
                .map((r) => {
                  const ratio = r.occupants.length / r.capacity;
                  return (
                    <tr key={r.roomId} className={r.conflicts.length ? 'row-conflict' : undefined}>
                      <th scope="row">{r.name}</th>
                      <td>
                        {r.family ? t('room.family') : `${label('sex', r.sex)}, ${label('ageGroup', r.ageGroup)}`} · {label('regime', r.regime)}
                      </td>
                      <td className="num">
                        {r.occupants.length} / {r.capacity}
                      </td>
                      <td>
                        <div className={`meter${ratio > 1 ? ' over' : ratio === 1 ? ' full' : ''}`} aria-hidden="true">
                          <span style={{ width: `${Math.min(100, ratio * 100)}%` }} />
                        </div>
                      </td>
                      <td className="num">{r.m2PerPerson === null ? '—' : fmt.number(r.m2PerPerson)}</td>
                      <td>
                        {r.conflicts.length ? <Badge tone="danger">{t('room.mixing')}</Badge> : null}{' '}
                        {ratio > 1 ? <Badge tone="danger">{t('room.overCapacity')}</Badge> : ratio === 1 ? <Badge tone="warn">{t('room.full')}</Badge> : null}
                      </td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
        )}
      </Panel>
    </>
  );
}

function PopulationChart() {
  const { t, label, fmt } = useI18n();
  const series = useApi('register.populationSeries', { days: 90, stepDays: 1 });
  const data = series.data;
  return (
    <Panel title={t('dashboard.chartPopulation')} id="dash-chart-pop">
      {series.error ? <LoadError error={series.error} /> : null}
      {!data ? (
        <Loading />
      ) : (
        <LineChart
          title={t('dashboard.chartPopulation')}
          description={t('dashboard.chartPopulationDesc', {
            from: fmt.date(data.from),
            to: fmt.date(data.at),
            max: Math.max(0, ...data.points.map((p) => p.total)),
            now: data.points.at(-1)?.total ?? 0,
          })}
          xLabels={data.points.map((p) => fmt.dayMonth(p.at))}
          series={(['forced', 'voluntary', 'asylum'] as const).map((r) => ({
            key: r,
            label: label('regime', r),
            color: REGIME_STYLE[r].color,
            ...(REGIME_STYLE[r].dash ? { dash: REGIME_STYLE[r].dash } : {}),
            values: data.points.map((p) => p.byRegime[r] ?? 0),
          }))}
          tableCaption={t('dashboard.chartPopulation')}
          xHeader={t('common.date')}
          showTableLabel={t('chart.showTable')}
        />
      )}
    </Panel>
  );
}

function StayLengthChart() {
  const { t, label, fmt } = useI18n();
  const stays = useApi('register.stayLengths', { days: 365 });
  const data = stays.data;
  const bucketLabels = (hours: number[]) => {
    const lab = (h: number) => fmt.duration(h * 3_600_000);
    return [...hours.map((h, i) => (i === 0 ? `≤ ${lab(h)}` : `≤ ${lab(h)}`)), `> ${lab(hours.at(-1) ?? 0)}`];
  };
  return (
    <Panel title={t('dashboard.chartStays')} id="dash-chart-stays">
      {stays.error ? <LoadError error={stays.error} /> : null}
      {!data ? (
        <Loading />
      ) : data.byBasis.length === 0 ? (
        <Empty>{t('dashboard.noEndedStays')}</Empty>
      ) : (
        <>
          <BarChart
            title={t('dashboard.chartStays')}
            description={t('dashboard.chartStaysDesc', {
              from: fmt.date(data.from),
              to: fmt.date(data.at),
              count: data.byBasis.reduce((n, b) => n + b.total, 0),
            })}
            buckets={bucketLabels(data.bucketsHours)}
            groups={data.byBasis.map((b, i) => ({
              key: b.basis,
              label: `${label('basis', b.basis)} (${fmt.number(b.total)})`,
              color: BASIS_STYLE[i % BASIS_STYLE.length]!.color,
              pattern: BASIS_STYLE[i % BASIS_STYLE.length]!.pattern,
              values: b.counts,
            }))}
            tableCaption={t('dashboard.chartStays')}
            bucketHeader={t('dashboard.stayLength')}
            showTableLabel={t('chart.showTable')}
          />
          <p className="muted">
            {data.byBasis
              .map((b) => t('dashboard.median', { basis: label('basis', b.basis), duration: b.medianHours === null ? '—' : fmt.duration(b.medianHours * 3_600_000) }))
              .join(' · ')}
          </p>
        </>
      )}
    </Panel>
  );
}
