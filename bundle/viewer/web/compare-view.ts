// Compare with the last visit: load the checkpoint saved then (a file on the inspector's machine) and
// see whether today's journal extends it or where history was rewritten (entries changed, removed,
// moved or inserted, each named); save today's checkpoint for next time.

import { CheckpointError, compareWithCheckpoint, makeCheckpoint, parseCheckpoint, type CheckpointComparison } from '../../format/checkpoint.ts';
import { differenceLines, type DifferenceLine } from '../model/compare.ts';
import { label } from '../i18n/translate.ts';
import type { Ctx } from './context.ts';
import { download, h, link } from './dom.ts';

function seqRange(ctx: Ctx, r: [number, number] | null): string {
  if (!r) return '—';
  return r[0] === r[1] ? `#${r[0]}` : ctx.t('compare.run', { from: r[0], to: r[1] });
}

function differenceRow(ctx: Ctx, d: DifferenceLine): HTMLElement {
  const e = d.entryNow;
  return h(
    'tr',
    { class: `diff-${d.kind}` },
    h('td', null, ctx.tk(`compare.kind.${d.kind}`)),
    h('td', null, seqRange(ctx, d.then)),
    h('td', null, seqRange(ctx, d.now)),
    h('td', null, ...(d.kind === 'removed' ? [ctx.t('compare.removedNowhere')] : e ? [link(`entry/${e.seq}`, `#${e.seq}`), ` ${label(ctx.lang, 'event', e.type)}, ${ctx.fmt.dateTime(e.eventTime)}`] : ['—'])),
  );
}

export function comparisonSummary(ctx: Ctx, c: CheckpointComparison): HTMLElement {
  const { fmt } = ctx;
  switch (c.status) {
    case 'extends':
      return h('p', { id: 'comparison', class: 'ok-text', attrs: { 'data-status': 'extends' } }, ctx.t('compare.extends', { seq: c.checkpointSeq, saved: fmt.dateTime(c.savedAt), count: c.newEntries }));
    case 'diverged': {
      const kinds = (['changed', 'removed', 'moved', 'inserted'] as const).filter((k) => c.counts[k] > 0).map((k) => ctx.tk(`compare.count.${k}`, { count: c.counts[k] }));
      return h(
        'div',
        { id: 'comparison', class: 'bad-text', attrs: { 'data-status': 'diverged' } },
        h('p', { class: 'reason' }, ctx.t('compare.diverged', { seq: c.checkpointSeq, saved: fmt.dateTime(c.savedAt), first: c.firstDifferentSeq })),
        h('p', null, kinds.join(', ')),
      );
    }
    default:
      return h('p', { id: 'comparison', class: 'bad-text', attrs: { 'data-status': c.status } }, ctx.tk(`compare.status.${c.status}`), ' ', h('span', { class: 'technical', attrs: { lang: 'en' } }, c.message));
  }
}

export function renderCompare(ctx: Ctx): HTMLElement {
  const { data, state, fmt } = ctx;
  const section = h('section', { id: 'compare', class: 'screen' });
  section.append(h('h2', null, ctx.t('compare.title')), h('p', null, ctx.t('compare.intro')));
  const input = h('input', { id: 'compare-checkpoint', attrs: { type: 'file', accept: '.json,application/json' } });
  const error = h('p', { class: 'error', attrs: { role: 'alert' } });
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (!file) return;
    void (async () => {
      try {
        const checkpoint = parseCheckpoint(await file.text());
        state.checkpoint = checkpoint;
        state.comparison = await compareWithCheckpoint(checkpoint, data.manifest, data.journal!, ctx.crypto);
        state.followSince = null;
        ctx.refresh();
      } catch (err) {
        error.textContent = err instanceof CheckpointError ? `${ctx.t('compare.badFile')} ${err.message}` : `${ctx.t('compare.badFile')} ${String(err)}`;
      }
    })();
  });
  section.append(h('form', { class: 'filters', on: { submit: (e) => e.preventDefault() } }, h('label', null, ctx.t('compare.load'), input)), error);
  const c = state.comparison;
  if (c && state.checkpoint) {
    section.append(
      h('h3', null, ctx.t('compare.result', { name: state.checkpoint.centreName, saved: fmt.dateTime(state.checkpoint.savedAt) })),
      comparisonSummary(ctx, c),
    );
    if (c.status === 'diverged') {
      section.append(
        h(
          'table',
          { id: 'differences' },
          h('caption', null, c.truncated ? ctx.t('compare.truncated', { count: c.differences.length }) : ctx.t('compare.differences')),
          h('thead', null, h('tr', null, ...[ctx.t('compare.what'), ctx.t('compare.atCheckpoint'), ctx.t('compare.now'), ctx.t('compare.entryNow')].map((x) => h('th', { attrs: { scope: 'col' } }, x)))),
          h('tbody', null, ...differenceLines(c, data.journal).map((d) => differenceRow(ctx, d))),
        ),
      );
    }
  } else {
    section.append(h('p', { class: 'muted' }, ctx.t('compare.noneLoaded')));
  }
  if (data.manifest.kind === 'inspection' && data.journal) {
    const save = h('button', { id: 'save-checkpoint', attrs: { type: 'button' } }, ctx.t('compare.save', { seq: data.manifest.head.seq }));
    save.addEventListener('click', () => {
      void makeCheckpoint(data.manifest, data.journal!, ctx.crypto, new Date().toISOString()).then((cp) =>
        download(`checkpoint-${data.manifest.centre.id}-seq${cp.seq}.json`, JSON.stringify(cp)),
      );
    });
    section.append(h('h3', null, ctx.t('compare.saveTitle')), h('p', null, ctx.t('compare.saveHint')), save);
  }
  return section;
}
