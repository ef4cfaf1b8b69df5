// A hand-written SVG grouped bar chart (buckets along x, one bar per group in each), with a title,
// description, a legend that uses patterns as well as colours, and the numbers as a table.

import { useId } from 'react';
import { ChartTable } from './ChartTable.tsx';
import { countTicks } from './ticks.ts';

export interface BarGroup {
  key: string;
  label: string;
  color: string;
  /** A pattern id suffix: 'solid', 'hatch', 'dots', 'cross'. */
  pattern: 'solid' | 'hatch' | 'dots' | 'cross';
  values: number[];
}

const W = 640;
const H = 220;
const PAD = { left: 36, right: 12, top: 10, bottom: 30 };

export function BarChart({
  title,
  description,
  buckets,
  groups,
  tableCaption,
  bucketHeader,
  showTableLabel,
}: {
  title: string;
  description: string;
  buckets: string[];
  groups: BarGroup[];
  tableCaption: string;
  bucketHeader: string;
  showTableLabel: string;
}) {
  const id = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const ticks = countTicks(Math.max(0, ...groups.flatMap((g) => g.values)));
  const nice = ticks[ticks.length - 1]!;
  const innerW = W - PAD.left - PAD.right;
  const slot = innerW / Math.max(1, buckets.length);
  const barW = Math.max(2, (slot * 0.8) / Math.max(1, groups.length));
  const y = (v: number) => PAD.top + (1 - v / nice) * (H - PAD.top - PAD.bottom);
  const fill = (g: BarGroup) => (g.pattern === 'solid' ? g.color : `url(#${id}-${g.key})`);
  return (
    <figure style={{ margin: 0 }}>
      <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        <defs>
          {groups.map((g) => (
            <pattern key={g.key} id={`${id}-${g.key}`} width="6" height="6" patternUnits="userSpaceOnUse">
              <rect width="6" height="6" fill={g.color} opacity="0.35" />
              {g.pattern === 'hatch' ? <path d="M0,6 L6,0" stroke={g.color} strokeWidth="2" /> : null}
              {g.pattern === 'dots' ? <circle cx="3" cy="3" r="1.6" fill={g.color} /> : null}
              {g.pattern === 'cross' ? <path d="M0,0 L6,6 M6,0 L0,6" stroke={g.color} strokeWidth="1.4" /> : null}
            </pattern>
          ))}
        </defs>
        {ticks.map((t) => (
          <g key={t}>
            <line className="gridline" x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} />
            <text x={PAD.left - 4} y={y(t) + 4} textAnchor="end">
              {t}
            </text>
          </g>
        ))}
        {buckets.map((b, i) => (
          <g key={b}>
            {groups.map((g, j) => {
              const v = g.values[i] ?? 0;
              const x0 = PAD.left + i * slot + slot * 0.1 + j * barW;
              return <rect key={g.key} x={x0} y={y(v)} width={barW - 1} height={Math.max(0, y(0) - y(v))} fill={fill(g)} stroke={g.color} strokeWidth="0.8" />;
            })}
            <text x={PAD.left + i * slot + slot / 2} y={H - PAD.bottom + 14} textAnchor="middle">
              {b}
            </text>
          </g>
        ))}
        <line className="axis" x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} stroke="#9aa3b0" />
      </svg>
      <ul className="legend" aria-hidden="true">
        {groups.map((g) => (
          <li key={g.key}>
            <svg width="14" height="14" style={{ marginRight: 4, verticalAlign: 'middle' }}>
              <rect width="14" height="14" fill={fill(g)} stroke={g.color} />
            </svg>
            {g.label}
          </li>
        ))}
      </ul>
      <ChartTable
        summary={showTableLabel}
        caption={tableCaption}
        rowHeader={bucketHeader}
        rows={buckets}
        columns={groups}
        missing={0}
      />
    </figure>
  );
}

/** Horizontal bars in HTML (counts by category): readable as a list, no SVG needed. */
export function CountBars({ items, label }: { items: { key: string; label: string; value: number }[]; label: string }) {
  const max = Math.max(1, ...items.map((i) => i.value));
  return (
    <ul className="bars" aria-label={label}>
      {items.map((i) => (
        <li key={i.key}>
          <span>{i.label}</span>
          <span className="bar-track" aria-hidden="true">
            <span className="bar" style={{ display: 'block', width: `${(i.value / max) * 100}%` }} />
          </span>
          <span className="num">{i.value}</span>
        </li>
      ))}
    </ul>
  );
}
