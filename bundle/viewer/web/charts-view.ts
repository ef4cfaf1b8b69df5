// Two charts drawn in the page as SVG (no network, no library): the population over time by regime,
// and the lengths of the stays that ended, by legal basis. Each has its numbers as a table behind
// it, for screen readers and for print. Series differ by dash pattern as well as colour.

import type { Regime } from '../../../domain/profile/types.ts';
import { label } from '../i18n/translate.ts';
import { populationSeries, REGIMES, STAY_BUCKETS, staysByBasis } from '../model/charts.ts';
import type { Ctx } from './context.ts';
import { h, svg } from './dom.ts';

const REGIME_STYLE: Record<Regime, { stroke: string; dash: string }> = {
  forced: { stroke: '#b42318', dash: '' },
  voluntary: { stroke: '#1a5fb4', dash: '6 3' },
  asylum: { stroke: '#2f7d32', dash: '2 3' },
};
const BAR_FILLS = ['#1a5fb4', '#b42318', '#c77700', '#2f7d32', '#6b3fa0', '#555555', '#0f7b7b'];

function niceMax(n: number): number {
  if (n <= 5) return 5;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

function populationChart(ctx: Ctx): HTMLElement {
  const { data, fmt, lang } = ctx;
  const s = populationSeries(data);
  const W = 760;
  const H = 260;
  const L = 48;
  const R = 12;
  const T = 12;
  const B = 32;
  const max = niceMax(s.max);
  const n = s.points.length;
  const x = (i: number) => L + (n <= 1 ? 0 : (i / (n - 1)) * (W - L - R));
  const y = (v: number) => T + (1 - v / max) * (H - T - B);
  const title = ctx.t('charts.population');
  const desc = ctx.t('charts.populationDesc', { from: fmt.date(s.from), to: fmt.date(s.to), max: s.max, count: s.stepDays });
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `${title}. ${desc}`, class: 'chart', id: 'population-chart' });
  for (const v of [0, max / 2, max]) {
    chart.append(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: '#ccc', 'stroke-width': 1 }), svg('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 11 }, fmt.number(v)));
  }
  for (const i of n > 1 ? [0, Math.floor((n - 1) / 2), n - 1] : [0]) {
    const p = s.points[i];
    if (p) chart.append(svg('text', { x: x(i), y: H - 10, 'text-anchor': i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle', 'font-size': 11 }, fmt.date(p.at)));
  }
  for (const r of REGIMES) {
    const d = s.points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.byRegime[r]).toFixed(1)}`).join('');
    if (d) chart.append(svg('path', { d, fill: 'none', stroke: REGIME_STYLE[r].stroke, 'stroke-width': 2, 'stroke-dasharray': REGIME_STYLE[r].dash || 'none', 'data-regime': r }));
  }
  const legend = h(
    'p',
    { class: 'legend' },
    ...REGIMES.flatMap((r) => [
      svg('svg', { width: 28, height: 10, 'aria-hidden': 'true' }, svg('line', { x1: 0, x2: 28, y1: 5, y2: 5, stroke: REGIME_STYLE[r].stroke, 'stroke-width': 2, 'stroke-dasharray': REGIME_STYLE[r].dash || 'none' })),
      ` ${label(lang, 'regime', r)}  `,
    ]),
  );
  const rows = s.points.map((p) => h('tr', null, h('td', null, fmt.dateTime(p.at)), ...REGIMES.map((r) => h('td', { class: 'num' }, fmt.number(p.byRegime[r]))), h('td', { class: 'num' }, fmt.number(p.total))));
  return h(
    'figure',
    { class: 'chart-figure' },
    h('figcaption', null, h('strong', null, title), ' — ', desc),
    chart,
    legend,
    h(
      'details',
      { class: 'chart-table' },
      h('summary', null, ctx.t('charts.showTable')),
      h(
        'table',
        { id: 'population-table' },
        h('caption', null, title),
        h('thead', null, h('tr', null, h('th', { attrs: { scope: 'col' } }, ctx.t('charts.at')), ...REGIMES.map((r) => h('th', { attrs: { scope: 'col' } }, label(lang, 'regime', r))), h('th', { attrs: { scope: 'col' } }, ctx.t('charts.total')))),
        h('tbody', null, ...rows),
      ),
    ),
  );
}

function staysChart(ctx: Ctx): HTMLElement {
  const { data, fmt, lang } = ctx;
  const s = staysByBasis(data);
  const title = ctx.t('charts.stays');
  const desc = ctx.t('charts.staysDesc', { count: s.total, to: fmt.date(data.exportedAt) });
  if (!s.total) return h('figure', { class: 'chart-figure' }, h('figcaption', null, h('strong', null, title)), h('p', { class: 'empty' }, ctx.t('charts.noStays')));
  const W = 760;
  const H = 280;
  const L = 48;
  const R = 12;
  const T = 12;
  const B = 40;
  let top = 0;
  for (const b of s.bases) for (const c of s.counts[b]!) top = Math.max(top, c);
  const max = niceMax(top);
  const groupW = (W - L - R) / STAY_BUCKETS.length;
  const barW = Math.max(2, (groupW - 8) / s.bases.length);
  const y = (v: number) => T + (1 - v / max) * (H - T - B);
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `${title}. ${desc}`, class: 'chart', id: 'stays-chart' });
  for (const v of [0, max / 2, max]) {
    chart.append(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: '#ccc', 'stroke-width': 1 }), svg('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 11 }, fmt.number(v)));
  }
  STAY_BUCKETS.forEach((bucket, i) => {
    const gx = L + i * groupW + 4;
    s.bases.forEach((basis, k) => {
      const c = s.counts[basis]![i]!;
      if (c > 0) chart.append(svg('rect', { x: gx + k * barW, y: y(c), width: Math.max(1, barW - 1), height: y(0) - y(c), fill: BAR_FILLS[k % BAR_FILLS.length]!, 'data-basis': basis }));
    });
    chart.append(svg('text', { x: gx + groupW / 2 - 4, y: H - 22, 'text-anchor': 'middle', 'font-size': 11 }, ctx.tk(`charts.bucket.${bucket.key}`)));
  });
  const legend = h(
    'p',
    { class: 'legend' },
    ...s.bases.flatMap((b, k) => [svg('svg', { width: 12, height: 12, 'aria-hidden': 'true' }, svg('rect', { width: 12, height: 12, fill: BAR_FILLS[k % BAR_FILLS.length]! })), ` ${label(lang, 'basis', b)}  `]),
  );
  return h(
    'figure',
    { class: 'chart-figure' },
    h('figcaption', null, h('strong', null, title), ' — ', desc),
    chart,
    legend,
    h('p', null, s.bases.map((b) => ctx.t('charts.median', { basis: label(lang, 'basis', b), duration: fmt.duration(s.medianHours[b]! * 3_600_000) })).join(' · ')),
    h(
      'details',
      { class: 'chart-table' },
      h('summary', null, ctx.t('charts.showTable')),
      h(
        'table',
        { id: 'stays-table' },
        h('caption', null, title),
        h('thead', null, h('tr', null, h('th', { attrs: { scope: 'col' } }, ctx.t('order.basis')), ...STAY_BUCKETS.map((b) => h('th', { attrs: { scope: 'col' } }, ctx.tk(`charts.bucket.${b.key}`))), h('th', { attrs: { scope: 'col' } }, ctx.t('charts.medianShort')))),
        h(
          'tbody',
          null,
          ...s.bases.map((b) => h('tr', null, h('th', { attrs: { scope: 'row' } }, label(lang, 'basis', b)), ...s.counts[b]!.map((c) => h('td', { class: 'num' }, fmt.number(c))), h('td', null, fmt.duration(s.medianHours[b]! * 3_600_000)))),
        ),
      ),
    ),
  );
}

export function renderCharts(ctx: Ctx): HTMLElement {
  return h('section', { id: 'charts', class: 'screen' }, h('h2', null, ctx.t('charts.title')), populationChart(ctx), staysChart(ctx));
}
