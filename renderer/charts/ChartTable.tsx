// The table behind a chart: every chart shows its numbers too, for screen readers and for anyone
// who would rather read than look.

export interface ChartColumn {
  key: string;
  label: string;
  /** null: no value for that row (shown as `missing`). */
  values: readonly (number | null)[];
}

export function ChartTable({
  summary,
  caption,
  rowHeader,
  rows,
  columns,
  missing,
}: {
  summary: string;
  caption: string;
  rowHeader: string;
  rows: string[];
  columns: ChartColumn[];
  /** What a cell shows where a column has no value for a row. */
  missing: number | string;
}) {
  return (
    <details className="table-fallback">
      <summary>{summary}</summary>
      <table className="grid compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeader}</th>
            {columns.map((c) => (
              <th scope="col" key={c.key} className="num">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <th scope="row">{r}</th>
              {columns.map((c) => (
                <td key={c.key} className="num">
                  {c.values[i] ?? missing}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
