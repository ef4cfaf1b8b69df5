// National figures (DESIGN §5): each centre as of its last slice and the nation as their sum, three
// charts (population per centre over time, lengths of stay by basis, findings by centre), and every
// table with its CSV.

import { useMemo } from 'react';
import type { HqReport } from '../../domain/api/hq-outputs.ts';
import { reportTables, type HqTable } from '../../domain/hq/tables.ts';
import { BarChart, type BarGroup } from '../charts/BarChart.tsx';
import { LineChart } from '../charts/LineChart.tsx';
import { useI18n } from '../i18n/context.tsx';
import { Empty, Link, Loading, LoadError, Panel, Stat } from '../ui/kit.tsx';
import { usePageTitle } from '../app/title.ts';
import { useHq } from './api.tsx';
import { DataTable } from './DataTable.tsx';

/** Colour and dash together, so that no line is told apart by colour alone. */
const LINE_STYLE: { color: string; dash?: string }[] = [
  { color: '#a3161b' },
  { color: '#1f4fa3', dash: '6 3' },
  { color: '#1d6b35', dash: '2 3' },
  { color: '#8a5300', dash: '8 3 2 3' },
  { color: '#5b2a86', dash: '1 2' },
  { color: '#00626b', dash: '10 4' },
];
const BAR_STYLE: { color: string; pattern: BarGroup['pattern'] }[] = [
  { color: '#a3161b', pattern: 'solid' },
  { color: '#1f4fa3', pattern: 'hatch' },
  { color: '#8a5300', pattern: 'dots' },
  { color: '#1d6b35', pattern: 'cross' },
  { color: '#5b2a86', pattern: 'solid' },
  { color: '#00626b', pattern: 'hatch' },
];
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

export function Figures() {
  const { t } = useI18n();
  usePageTitle(t('hq.nav.figures'));
  const report = useHq('hq.report', {});
  return (
    <>
      <div className="page-head">
        <h1>{t('hq.nav.figures')}</h1>
      </div>
      {report.error ? <LoadError error={report.error} /> : null}
      {!report.data ? <Loading /> : report.data.centres.length === 0 ? <NoCentres /> : <Report report={report.data} />}
    </>
  );
}

function NoCentres() {
  const { t } = useI18n();
  return (
    <Empty>
      {t('hq.noCentres')} <Link to="/import">{t('hq.nav.import')}</Link>
    </Empty>
  );
}

function Report({ report }: { report: HqReport }) {
  const { t, fmt, label } = useI18n();
  const tables = useMemo(() => new Map(reportTables(report, t('hq.national')).map((x) => [x.name, x])), [report, t]);
  const table = (name: HqTable['name']) => tables.get(name)!;
  const n = report.national;
  const month = (m: string) => `${m.slice(5, 7)}.${m.slice(0, 4)}`;
  const bucket = (i: number) => {
    const hours = report.stayLengths.bucketsHours;
    const h = i < hours.length ? hours[i]! : hours[hours.length - 1]!;
    const days = h % 24 === 0;
    if (i < hours.length) return days ? t('hq.upToDays', { count: h / 24 }) : t('hq.upToHours', { count: h });
    return days ? t('hq.overDays', { count: h / 24 }) : t('hq.overHours', { count: h });
  };
  const bucketLabels = [...report.stayLengths.bucketsHours, null].map((_, i) => bucket(i));
  const findingsByCentre = report.centres.map((c) => SEVERITIES.map((s) => report.findings.filter((f) => f.centreId === c.centreId && f.severity === s).reduce((a, f) => a + f.current, 0)));
  return (
    <>
      <p className="hint">{t('hq.asOfNote', { at: fmt.dateTime(report.at) })}</p>
      <section className="stats" aria-label={t('hq.nationalNow')}>
        <Stat label={t('hq.col.population')} value={fmt.number(n.population)} />
        <Stat label={t('hq.col.stays_past_limit')} value={fmt.number(n.staysPastLimit)} tone={n.presentPastLimit ? 'danger' : undefined} />
        <Stat label={t('hq.col.minors_present')} value={fmt.number(n.minorsPresent)} />
        <Stat label={t('hq.col.unaccompanied_minors_present')} value={fmt.number(n.unaccompaniedMinorsPresent)} tone={n.unaccompaniedMinorsPresent ? 'warn' : undefined} />
        <Stat label={t('hq.col.asylum_seekers_present')} value={fmt.number(n.asylumSeekersPresent)} />
        <Stat label={t('hq.col.refugees_present')} value={fmt.number(n.refugeesPresent)} />
        <Stat label={t('hq.col.trafficking_referrals')} value={fmt.number(n.traffickingReferrals)} />
        <Stat label={t('hq.col.recommendations_overdue')} value={fmt.number(n.recommendationsOverdue)} tone={n.recommendationsOverdue ? 'danger' : undefined} />
      </section>

      <Panel id="hq-centres" title={t('hq.table.centres')}>
        <DataTable table={table('centres')} caption={t('hq.table.centres')} fileName="centres" />
      </Panel>

      <Panel id="hq-population" title={t('hq.chart.population')}>
        <LineChart
          title={t('hq.chart.population')}
          description={t('hq.chart.populationDesc', { centres: report.centres.length, months: report.populationSeries.months.length })}
          xLabels={report.populationSeries.months.map(month)}
          series={report.populationSeries.byCentre.map((c, i) => ({ key: c.centreId, label: c.name, ...LINE_STYLE[i % LINE_STYLE.length]!, values: c.values }))}
          tableCaption={t('hq.chart.population')}
          xHeader={t('hq.col.month')}
          showTableLabel={t('hq.showTable')}
        />
        <details className="table-fallback">
          <summary>{t('hq.table.population')}</summary>
          <DataTable table={table('population')} caption={t('hq.table.population')} fileName="population" />
        </details>
      </Panel>

      <Panel id="hq-basis" title={t('hq.table.byBasis')}>
        <DataTable table={table('by_basis')} caption={t('hq.table.byBasis')} fileName="by-basis" />
      </Panel>

      <Panel id="hq-stays" title={t('hq.chart.stays')}>
        <BarChart
          title={t('hq.chart.stays')}
          description={t('hq.chart.staysDesc')}
          buckets={bucketLabels}
          groups={report.stayLengths.byBasis.map((b, i) => ({ key: b.basis, label: label('basis', b.basis), ...BAR_STYLE[i % BAR_STYLE.length]!, values: b.counts }))}
          tableCaption={t('hq.chart.stays')}
          bucketHeader={t('hq.col.length')}
          showTableLabel={t('hq.showTable')}
        />
        <DataTable table={table('stay_lengths')} caption={t('hq.table.stayLengths')} fileName="stay-lengths" />
      </Panel>

      <Panel id="hq-findings" title={t('hq.chart.findings')}>
        <BarChart
          title={t('hq.chart.findings')}
          description={t('hq.chart.findingsDesc')}
          buckets={report.centres.map((c) => c.name)}
          groups={SEVERITIES.map((s, i) => ({ key: s, label: label('severity', s), ...BAR_STYLE[i]!, values: findingsByCentre.map((row) => row[i]!) }))}
          tableCaption={t('hq.chart.findings')}
          bucketHeader={t('hq.col.centre')}
          showTableLabel={t('hq.showTable')}
        />
        <DataTable table={table('findings')} caption={t('hq.table.findings')} fileName="findings" />
      </Panel>

      <Panel id="hq-overdue" title={t('hq.table.overdue')}>
        <DataTable table={table('overdue_recommendations')} caption={t('hq.table.overdue')} fileName="overdue-recommendations" />
      </Panel>
      <p className="hint">{t('hq.medicalNote')}</p>
    </>
  );
}
