// A hand-written SVG line chart: one line per series, each with its own colour AND dash pattern (so
// colour is never the only difference), a title and description for assistive technology, and the
// same numbers as a table under a disclosure.

import { useId } from 'react';
import { ChartTable } from './ChartTable.tsx';
import { countTicks } from './ticks.ts';

export interface LineSeries {
  key: string;
  label: string;
  color: string;
  dash?: string;
  /** null where the series has no value: the line breaks there. */
  values: readonly (number | null)[];
}

/** The runs of consecutive values, as polyline point lists (a null ends a run). */
function runs(values: readonly (number | null)[], x: (i: number) => number, y: (v: number) => number): string[] {
  const out: string[] = [];
  let points: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (points.length) out.push(points.join(' '));
      points = [];
    } else points.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (points.length) out.push(points.join(' '));
  return out;
}

const W = 640;
const H = 220;
const PAD = { left: 36, right: 12, top: 10, bottom: 26 };

export function LineChart({
  title,
  description,
  xLabels,
  series,
  tableCaption,
  xHeader,
  showTableLabel,
}: {
  title: string;
  description: string;
  xLabels: string[];
  series: LineSeries[];
  tableCaption: string;
  xHeader: string;
  showTableLabel: string;
}) {
  const id = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const n = xLabels.length;
  const ticks = countTicks(Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null))));
  const max = ticks[ticks.length - 1]!;
  const x = (i: number) => PAD.left + (n <= 1 ? 0 : (i / (n - 1)) * (W - PAD.left - PAD.right));
  const y = (v: number) => PAD.top + (1 - v / max) * (H - PAD.top - PAD.bottom);
  const labelEvery = Math.max(1, Math.ceil(n / 8));
  return (
    <figure style={{ margin: 0 }}>
      <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line className="gridline" x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} />
            <text x={PAD.left - 4} y={y(t) + 4} textAnchor="end">
              {t}
            </text>
          </g>
        ))}
        <g className="axis">
          <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} />
        </g>
        {xLabels.map((l, i) =>
          i % labelEvery === 0 || i === n - 1 ? (
            <text key={i} x={x(i)} y={H - PAD.bottom + 14} textAnchor="middle">
              {l}
            </text>
          ) : null,
        )}
        {series.flatMap((s) =>
          runs(s.values, x, y).map((points, r) => {
            // A run of one point (a single month of data) would be an invisible line: a dot instead.
            if (!points.includes(' ')) {
              const [cx, cy] = points.split(',');
              return <circle key={`${s.key}-${r}`} cx={cx} cy={cy} r={3} fill={s.color} />;
            }
            return <polyline key={`${s.key}-${r}`} fill="none" stroke={s.color} strokeWidth={2} strokeDasharray={s.dash} points={points} />;
          }),
        )}
      </svg>
      <ul className="legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.key}>
            <svg width="26" height="10" style={{ marginRight: 4, verticalAlign: 'middle' }}>
              <line x1="0" x2="26" y1="5" y2="5" stroke={s.color} strokeWidth="2.5" strokeDasharray={s.dash} />
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
      <ChartTable
        summary={showTableLabel}
        caption={tableCaption}
        rowHeader={xHeader}
        rows={xLabels}
        columns={series}
        missing={''}
      />
    </figure>
  );
}
