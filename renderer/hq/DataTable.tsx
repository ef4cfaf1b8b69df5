// One table of the national figures (domain/hq/tables.ts) as the screen shows it: column headers and
// codes in the user's language, numbers and instants formatted; and its CSV, downloaded with those
// same headers and the raw values.

import type { ReactNode } from 'react';
import { tableCsv, type Cell, type HqColumn, type HqTable } from '../../domain/hq/tables.ts';
import { isInstant } from '../../domain/time.ts';
import type { UiKey } from '../i18n/core.ts';
import { useI18n } from '../i18n/context.tsx';
import { downloadText } from '../ui/download.ts';
import { Button, Empty } from '../ui/kit.tsx';

export function useColumnLabel(): (c: HqColumn) => string {
  const { t } = useI18n();
  return (c) => c.label ?? t(`hq.col.${c.key}` as UiKey);
}

/** How a cell reads: codes by their labels, instants in the user's zone, numbers in the user's style. */
export function useCellText(): (column: HqColumn, v: Cell) => string {
  const { t, label, fmt } = useI18n();
  return (column, v) => {
    if (v === null || v === '') return '—';
    if (typeof v === 'number') return fmt.number(v, { maximumFractionDigits: 1 });
    switch (column.key) {
      case 'basis':
        return label('basis', v);
      case 'severity':
        return label('severity', v);
      case 'body':
        return label('body', v);
      case 'code':
        return t(`findingCode.${v}` as UiKey);
      default:
        return isInstant(v) ? fmt.dateTime(v) : v;
    }
  };
}

export function DataTable({
  table,
  caption,
  fileName,
  hide = ['centre_id'],
  children,
}: {
  table: HqTable;
  caption: string;
  fileName: string;
  /** Columns kept in the CSV but not shown (ids a reader has no use for on screen). */
  hide?: readonly string[];
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const columnLabel = useColumnLabel();
  const cellText = useCellText();
  const download = () => downloadText(`${fileName}.csv`, tableCsv(table, columnLabel), 'text/csv;charset=utf-8');
  const shown = table.columns.map((c, i) => [c, i] as const).filter(([c]) => !hide.includes(c.key));
  return (
    <div className="stack">
      <div className="table-actions">
        <Button size="small" onClick={download} aria-label={t('hq.downloadCsvOf', { table: caption })}>
          {t('hq.downloadCsv')}
        </Button>
        {children}
      </div>
      {table.rows.length === 0 ? (
        <Empty>{t('hq.noRows')}</Empty>
      ) : (
        <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
          <table className="grid compact">
            <caption>{caption}</caption>
            <thead>
              <tr>
                {shown.map(([c]) => (
                  <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined}>
                    {columnLabel(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, i) => (
                <tr key={i}>
                  {shown.map(([c, j], k) =>
                    k === 0 && !c.numeric ? (
                      <th key={c.key} scope="row">
                        {cellText(c, row[j] ?? null)}
                      </th>
                    ) : (
                      <td key={c.key} className={c.numeric ? 'num' : undefined}>
                        {cellText(c, row[j] ?? null)}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
