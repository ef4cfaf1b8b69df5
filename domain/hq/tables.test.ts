import { describe, expect, it } from 'vitest';
import { bucketLabel, tableCsv, toCsv } from './tables.ts';

describe('CSV', () => {
  it('quotes what needs quoting, defuses formulas, and ends lines with CRLF after a byte-order mark', () => {
    const csv = toCsv(['name', 'n'], [
      ['Baku, centre 1', 3],
      ['said "no"', null],
      ['=HYPERLINK("x")', -4],
      ['line\nbreak', 1.5],
    ]);
    expect(csv).toBe('\uFEFFname,n\r\n"Baku, centre 1",3\r\n"said ""no""",\r\n"\'=HYPERLINK(""x"")",-4\r\n"line\nbreak",1.5\r\n');
  });

  it('heads a table with its column keys, or their own labels', () => {
    const t = { name: 'stay_lengths' as const, columns: [{ key: 'basis' }, { key: 'bucket_0', label: bucketLabel([24, 72], 0), numeric: true }, { key: 'bucket_2', label: bucketLabel([24, 72], 2) }], rows: [['court_order', 1, 0]] };
    expect(tableCsv(t)).toBe('\uFEFFbasis,<=24h,>72h\r\ncourt_order,1,0\r\n');
    expect(tableCsv(t, (c) => c.key.toUpperCase())).toMatch(/^\uFEFFBASIS,BUCKET_0,BUCKET_2\r\n/);
  });
});
