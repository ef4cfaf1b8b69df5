// One text per row, the same whether the row comes from SQL or from the replay: JSON.stringify of
// the row's SQL values in TableSpec column order (TEXT a string, INTEGER and REAL a number, NULL
// null). The replay turns its fields into those values: booleans into 0/1, JSON fields into the text
// the SQL projector stores (JSON.stringify of the value parsed from the stored payload, so the
// replay, parsing the same payload text, gives the same text). The bundle digests these texts
// (bundle/format/projections.ts) to prove that the centre's tables are what its journal says.

import { RawJson } from './raw-json.ts';
import type { TableSpec } from './tables.ts';

/** A replay row (tables.ts) as its canonical text. */
export function replayRowText(spec: TableSpec, row: object): string {
  const r = row as Record<string, unknown>;
  const cols = spec.columns;
  const values = new Array<unknown>(cols.length);
  for (let i = 0; i < cols.length; i++) {
    const c = cols[i]!;
    const v = r[c.field];
    switch (c.kind) {
      case 'value':
        values[i] = v === undefined ? null : v;
        break;
      case 'bool':
        values[i] = v ? 1 : 0;
        break;
      case 'json':
        values[i] = v instanceof RawJson ? v.text : JSON.stringify(v === undefined ? null : v);
        break;
      case 'json?':
        values[i] = v === undefined || v === null ? null : v instanceof RawJson ? v.text : JSON.stringify(v);
        break;
    }
  }
  return JSON.stringify(values);
}

/** A SQL row (values in TableSpec column order, as better-sqlite3 returns them in raw mode) as its canonical text. */
export function sqlRowText(sqlValues: readonly unknown[]): string {
  return JSON.stringify(sqlValues);
}
